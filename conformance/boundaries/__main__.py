"""``python -m conformance.boundaries``."""

import sys

from conformance.boundaries.cli import main

sys.exit(main())
