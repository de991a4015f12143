"""PyInstaller's entry script: the frozen app runs the same ``main()`` as the console script."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen app starts its worker processes (the listing reader) by running
    # itself again; freeze_support() turns such a start into the worker.
    multiprocessing.freeze_support()
    from readinglist.cli import main

    sys.exit(main())
