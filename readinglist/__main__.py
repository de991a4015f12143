"""Run readinglist with ``python -m readinglist``."""

import sys

from readinglist.cli import main

# The guard matters: the listing reader's worker process (spawned) imports
# this module again, under another name, and must not run the app.
if __name__ == "__main__":
    sys.exit(main())
