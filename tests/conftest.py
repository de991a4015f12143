"""Shared fixtures: an offscreen Qt platform and fresh libraries built by the real migrations."""

from __future__ import annotations

import os

# Set before anything imports Qt, so that no test ever needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("READINGLIST_DATA_DIR", None)
