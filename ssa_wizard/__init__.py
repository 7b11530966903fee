"""SSA Wizard core: the proposal model, the rulebook, the checker and the files.

This package is plain Python and never imports Qt, so the command line, the tests
and any front end can use it as it is.
"""

__version__ = "0.1.0"
