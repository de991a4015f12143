"""PyInstaller's entry script: the frozen app runs the same ``main()`` as the console script."""

import sys

from readinglist.cli import main

if __name__ == "__main__":
    sys.exit(main())
