"""``python3 -m layout.preflight``: see ``layout.preflight.cli``."""

import sys

from layout.preflight.cli import main

sys.exit(main())
