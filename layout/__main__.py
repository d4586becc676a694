"""``python -m layout`` runs the ``banmian`` command."""

import sys

from layout.cli import main

sys.exit(main())
