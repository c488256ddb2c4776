"""Entry point of the frozen app (PyInstaller): the same `main` as the `diagnosis` command."""

import sys

from diagnosis.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
