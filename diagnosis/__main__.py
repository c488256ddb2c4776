import sys

from diagnosis.cli.main import main

sys.exit(main())
