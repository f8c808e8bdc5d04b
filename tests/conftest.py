import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795392000")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# One geo cache for the whole run (and across runs): postcode look-ups and the browser's geo tree are
# derived from the data version only, so every test hub can share them.
os.environ.setdefault("HUB_BUILD_CACHE", str(Path(__file__).resolve().parent.parent / ".hub-cache"))
