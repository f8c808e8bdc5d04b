"""`python -m hub_build.adapters.properdocs.child ARGS`: ProperDocs' command line, run as the MkDocs one is.

ProperDocs (PyPI `properdocs`) is a maintained fork of MkDocs 1.6 that needs nothing else from the hub:
- it loads plugins from the entry-point groups `properdocs.plugins` and `mkdocs.plugins` (the former wins
  on a name clash), so the `hub` plugin (registered in both, pyproject.toml) runs unchanged;
- `properdocs.__main__` first redirects every `mkdocs.*` import to `properdocs.*`, so the plugin's
  `from mkdocs... import` and Material's get ProperDocs' classes;
- themes come from `mkdocs.themes` and `properdocs.themes`, so Material works as it is;
- without `-f` it looks for properdocs.yml, then mkdocs.yml (hub-build always passes `-f`).
One difference: `search` is ProperDocs' own search plugin (its group wins over Material's); the hub's
search box replaces both, so the site is the same.
"""

from __future__ import annotations

import sys

from hub_build.adapters.mkdocs.child import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], program="properdocs"))
