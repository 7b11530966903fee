"""The ``ssa-wizard`` command: the wizard, or one of the core's command-line commands.

``ssa-wizard`` and ``ssa-wizard FILE`` open the wizard; ``check``, ``pdf``, ``import``,
``--version`` and ``--help`` are the core's (``ssa_wizard.cli``, which never imports
Qt); ``--self-test`` checks the installation, the GUI included. The GUI is the top
layer, so the choice is made here and the core never reaches up into ``ui/``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:
        from .selftest import main as self_test  # checks the GUI too, so it needs Qt

        return self_test(argv[1:])
    if argv:  # no argument is the wizard: the command line's module is not even loaded
        from ssa_wizard import cli

        if cli.is_command(argv):
            return cli.main(argv)
    from .app import main as gui_main  # Qt is imported only when the window is wanted

    return gui_main(argv)
