"""Run readinglist with ``python -m readinglist``."""

import sys

from readinglist.cli import main

sys.exit(main())
