import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795392000")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
