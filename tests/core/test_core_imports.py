"""The core must never pull in Qt: the CLI, the tests and any future front end use it as is."""

import subprocess
import sys


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys\n"
        "import ssa_wizard, ssa_wizard.model, ssa_wizard.rules, ssa_wizard.messages, "
        "ssa_wizard.storage, ssa_wizard.cli, ssa_wizard.labels, ssa_wizard.countries\n"
        "from ssa_wizard.rules import check\n"
        "from ssa_wizard.model import Proposal\n"
        "check(Proposal.new())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_checking_does_not_import_reportlab():
    code = (
        "import sys\nfrom ssa_wizard.cli import main\n"
        "main(['check', 'resources/examples/digiretail.ssa.json'])\n"
        "print('reportlab' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
