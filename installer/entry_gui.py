"""Entry point of the windowed program: `diagnosis-gui [--smoke] [--open FILE.diagpkg]`."""

import sys

from diagnosis.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
