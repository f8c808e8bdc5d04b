import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795392000")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# One geo cache for the whole run (and across runs): postcode look-ups and the browser's geo tree are
# keyed by the data version and a hash of the code that makes them (hub_build/enrich/geo/cache.py code_version),
# so every test hub can share them and a change to that code is tested against fresh results, never old ones.
os.environ.setdefault("HUB_BUILD_CACHE", str(Path(__file__).resolve().parent.parent / ".hub-cache"))


import pytest


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory):
    """The bundled sample hub built once per run into a private folder (hubs.built_sample_hub): the modules that
    only read and serve it share it instead of each building its own copy."""
    from hubs import built_sample_hub

    return built_sample_hub(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium (Debian's, tests/browser.py chromium()) for a test module; each test opens its own pages."""
    from browser import chromium

    with chromium() as launched:
        yield launched
