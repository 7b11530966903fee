"""The frozen program's entry point: ``ssa-wizard`` and ``ssa-wizard-console``.

Both executables of the bundle run this file; it does what the ``ssa-wizard``
console script does in a checkout. A windowed build on Windows starts with no
``stdout``/``stderr`` at all (``None``): anything the command line would print goes
to the null device instead of failing, and the console build is there for anyone
who needs to read it (``ssa-wizard-console --self-test``).
"""

import os
import sys

if sys.stdout is None or sys.stderr is None:  # windowed: no console attached
    _null = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the program
    sys.stdout = sys.stdout or _null
    sys.stderr = sys.stderr or _null

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
