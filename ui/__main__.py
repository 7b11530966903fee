"""``python -m ui``: the same as the ``ssa-wizard`` command (``ui.main``)."""

import sys

from .main import main

sys.exit(main())
