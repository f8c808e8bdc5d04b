"""The directory search page's data: a prebuilt lunr index and a compact result table.

Built from the Hub at build time (no MkDocs imports), so the page is standalone JavaScript and JSON that
any renderer can publish. See table.py (what a result card and the filters need), index.py (what text
search needs) and files.py (writing both, plus lunr.js, into a site).
"""
