# SSA Wizard: `make run` starts the wizard, `make test` runs the whole suite.
# Both create .venv (or recreate it when it is stale) and install the project first,
# editable, with the versions pinned in constraints.txt (the ones the bundle is
# built and tested with; pyproject.toml itself keeps lower bounds).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard resources/locale/*/LC_MESSAGES/ssa_wizard.po)
MO := $(PO:.po=.mo)

.PHONY: run test lint locales pot docs bench screenshots bundle bundle-test dist dist-test constraints clean

# A stale venv (copied from another machine, or its Python removed) is rebuilt:
# without a working interpreter the stamp is dropped, and the stamp's rule
# recreates the venv. The stamp is also remade when pyproject.toml changes.
ifneq ($(shell $(BIN)/python -c "print('ok')" 2>/dev/null),ok)
$(shell rm -f $(STAMP))
endif

$(STAMP): pyproject.toml setup.py constraints.txt
	@$(BIN)/python -c "" 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,build,lint]"
	@touch $(STAMP)

# Re-pin constraints.txt to the newest releases pyproject.toml allows: a scratch
# venv without pins, then its freeze. Run `make test bundle bundle-test` before
# committing the result.
constraints:
	rm -rf build/constraints-venv
	$(PYTHON) -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install --quiet --upgrade pip
	build/constraints-venv/bin/python -m pip install --quiet ".[test,build,lint]"
	{ sed -n '/^#/p' constraints.txt; build/constraints-venv/bin/python -m pip freeze --all \
	    --exclude ssa-wizard | grep -v -i -E '^(pip|wheel)=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf build/constraints-venv

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

# ruff over the whole tree (its rules in pyproject.toml), mypy over the core.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: locales
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Each page with the example proposal, offscreen, in Dutch and English, at 1366x700
# and 1093x560 (issue #12).
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

# The Python packages: an sdist, and a wheel built from that sdist (so the sdist is
# proven complete), both in dist/python/. Built in an isolated environment from
# pyproject.toml's build requirements; setup.py compiles the catalogues into them.
DIST := dist/python

dist: $(STAMP)
	rm -rf $(DIST)
	$(BIN)/python -m build --outdir $(DIST) .

# The wheel as a user gets it: installed into a fresh virtualenv outside the
# checkout (with the pinned versions), run from another folder, and asked for its
# self-test and a Dutch check of the example it carries.
dist-test:
	@set -e; wheel=$$(ls $(DIST)/ssa_wizard-*.whl); scratch=$$(mktemp -d); \
	trap 'rm -rf "$$scratch"' EXIT; \
	$(PYTHON) -m venv "$$scratch/venv"; \
	"$$scratch/venv/bin/python" -m pip install --quiet -c constraints.txt "$$wheel"; \
	cd "$$scratch"; \
	QT_QPA_PLATFORM=offscreen HOME="$$scratch" XDG_CONFIG_HOME="$$scratch/config" \
	  XDG_DATA_HOME="$$scratch/data" XDG_STATE_HOME="$$scratch/state" venv/bin/ssa-wizard --self-test; \
	example=$$(venv/bin/python -c "from ssa_wizard.resources import resource_path; \
	  print(resource_path('examples', 'digiretail.ssa.json'))"); \
	case "$$example" in "$$scratch"/venv/*) ;; *) echo "dist-test: example from $$example"; exit 1;; esac; \
	venv/bin/ssa-wizard check --lang nl "$$example" | tee check.txt; \
	grep -q '^Subsidiabel: ja\. Volledig: ja\.' check.txt; \
	echo "dist-test: $$wheel passed in a fresh virtualenv"

# Start-up, memory, open, re-check, keystroke, PDF, growth and the bundle against
# baselines run in the same call (issue #9, #14); prints the table and writes
# benchmarks/RESULTS.md. Builds the bundles it compares when they are missing or
# older than their sources. `make test` runs each script once, never timing.
# BENCH_ARGS=--only=pdf etc.
BASELINE_BUNDLE := benchmarks/out/dist/bare-wizard
BUNDLE_SOURCES := $(shell find ssa_wizard ui packaging resources -type f -not -name '*.pyc' \
	-not -name '*.mo' 2>/dev/null) build_installer.spec constraints.txt

$(BUNDLE)/ssa-wizard-console: $(BUNDLE_SOURCES) $(MO) | $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec

$(BASELINE_BUNDLE)/bare-wizard: benchmarks/baseline_bundle/baseline.spec benchmarks/baseline_wizard.py constraints.txt | $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --distpath benchmarks/out/dist \
		--workpath benchmarks/out/build benchmarks/baseline_bundle/baseline.spec

bench: locales $(BUNDLE)/ssa-wizard-console $(BASELINE_BUNDLE)/bare-wizard
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf build dist .pytest_cache $(MO)
