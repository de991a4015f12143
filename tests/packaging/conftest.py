"""Make packaging/ (build helpers, not a package) importable for its tests."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
if str(PACKAGING) not in sys.path:
    # Appended, so that its build.py never shadows an installed "build".
    sys.path.append(str(PACKAGING))
