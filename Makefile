# SSA Wizard: `make run` starts the wizard, `make test` runs the whole suite.
# Both create .venv (or recreate it when it is stale) and install the project first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard resources/locale/*/LC_MESSAGES/ssa_wizard.po)
MO := $(PO:.po=.mo)

.PHONY: run test locales pot bench screenshots bundle bundle-test clean

# A stale venv (copied from another machine, or its Python removed) is rebuilt:
# without a working interpreter the stamp is dropped, and the stamp's rule
# recreates the venv. The stamp is also remade when pyproject.toml changes.
ifneq ($(shell $(BIN)/python -c "print('ok')" 2>/dev/null),ok)
$(shell rm -f $(STAMP))
endif

$(STAMP): pyproject.toml
	@$(BIN)/python -c "" 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,build]"
	@touch $(STAMP)

resources/locale/%/LC_MESSAGES/ssa_wizard.mo: resources/locale/%/LC_MESSAGES/ssa_wizard.po | $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy --statistics -D ssa_wizard -i $< -o $@

locales: $(STAMP) $(MO)

# Re-extract the message template after changing user-visible strings.
pot: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
		--no-location --sort-output --project=ssa-wizard -o resources/locale/ssa_wizard.pot ssa_wizard ui
	$(BIN)/pybabel update -D ssa_wizard -i resources/locale/ssa_wizard.pot -d resources/locale --no-fuzzy-matching --ignore-obsolete

run: locales
	$(BIN)/ssa-wizard

test: locales
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Each page with the example proposal, offscreen, at 100% and 150% scaling.
screenshots: locales
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

clean:
	rm -rf build dist .pytest_cache $(MO)
