"""``python -m symalign``: the command line."""

import sys

from symalign.cli.main import main

sys.exit(main())
