"""SSA Wizard's resources, installed as the package ``ssa_wizard_resources``.

This folder stays ``resources/`` in the repository; ``setup.py`` maps it to the
package ``ssa_wizard_resources`` so that a wheel, an sdist and an editable install
carry the rulebooks, fonts, icons, examples and the compiled catalogues, and
``ssa_wizard.resources`` finds them through ``importlib.resources``. Nothing to
import here: the package holds data only.
"""
