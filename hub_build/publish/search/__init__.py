"""The directory's search data, built from the Hub at build time (no MkDocs imports), so the pages are standalone
JavaScript and JSON that any renderer can publish: table.py (the facet and place table, and each row's details
in chunks), index.py (the text each field is found by), textindex.py (the text index, computed by the browser's
own engine and sharded by term prefix), files.py (writing them, plus lunr.js, into a site) and sitewide.py (the
search box on every page).
"""
