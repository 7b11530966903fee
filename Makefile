# SSA Wizard: `make run` starts the wizard, `make test` runs the whole suite.
# Both create .venv (or recreate it when it is stale) and install the project first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard resources/locale/*/LC_MESSAGES/ssa_wizard.po)
MO := $(PO:.po=.mo)

.PHONY: run test locales pot docs bench screenshots bundle bundle-test clean

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

# docs/rules.md from the rulebook and the rules' texts (a test checks it is current).
docs: locales
	$(BIN)/python tools/rules_doc.py > docs/rules.md

run: locales
	$(BIN)/ssa-wizard

test: locales
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Each page with the example proposal, offscreen, at 100% and 150% scaling.
screenshots: locales
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

# The one-folder application in dist/ssa-wizard/ (build_installer.spec), after the
# catalogues are compiled. bundle-test runs the bundled program itself: its
# self-test, and checks of the bundled examples, whose exit statuses are known
# (0 complete, 1 errors, 2 unreadable).
BUNDLE := dist/ssa-wizard
BUNDLE_EXAMPLES := $(BUNDLE)/_internal/resources/examples

bundle: locales
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec

bundle-test:
	QT_QPA_PLATFORM=offscreen $(BUNDLE)/ssa-wizard-console --self-test
	$(BUNDLE)/ssa-wizard-console check $(BUNDLE_EXAMPLES)/digiretail.ssa.json > /dev/null
	$(BUNDLE)/ssa-wizard-console check --json $(BUNDLE_EXAMPLES)/digiretail.ssa.json | grep -q '"eligible": true'
	@for case in "greenstay-draft.ssa.json 1" "no-such-file.ssa.json 2"; do \
	  set -- $$case; $(BUNDLE)/ssa-wizard-console check $(BUNDLE_EXAMPLES)/$$1 > /dev/null 2>&1; \
	  status=$$?; echo "check $$1: exit $$status"; \
	  test $$status -eq $$2 || { echo "bundle-test: expected exit $$2"; exit 1; }; \
	done
	@echo "bundle-test: $(BUNDLE) passed"

# Start-up, memory, open, re-check, keystroke, PDF and bundle size against baselines
# run in the same call (issue #9); prints the table and writes benchmarks/RESULTS.md.
# Separate from `make test`, which never times anything. BENCH_ARGS=--only=pdf etc.
bench: locales
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf build dist .pytest_cache $(MO)
