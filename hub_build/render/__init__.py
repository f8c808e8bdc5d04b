"""Turning the Hub into HTML fragments and generated pages, independent of any site generator."""
