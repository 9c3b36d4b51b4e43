"""Allow ``python -m sahelnews``."""

import sys

from sahelnews.cli import main

sys.exit(main())
