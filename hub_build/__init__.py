"""hub-build: a static information hub for professionals who support children and families of prisoners."""

__version__ = "0.1.0"
