"""Entry point of the windowed program: `diagnosis-gui [--smoke] [--open FILE.diagpkg]`."""

import multiprocessing
import sys

from diagnosis.cli.main import main

if __name__ == "__main__":
    # `intake add --workers N` starts this program again for each worker where processes are
    # spawned (Windows, macOS): the copy must run the worker, not the command line.
    multiprocessing.freeze_support()
    sys.exit(main(["gui", *sys.argv[1:]]))
