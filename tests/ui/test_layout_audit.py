"""Every page fits a school laptop, in English and in Dutch (issue #12).

The real window, with the example proposal and with the 300-member proposal of the
benchmarks, is audited by ``layout_audit.audit_pages`` at each size of
``layout_audit.SIZES``: nothing cut, every input usable and reachable, no form
scrolling sideways, the window no larger than it was given. The audit itself is
tested first on widgets made to fail each of its checks, so a clean audit means
something.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
                               QSpinBox, QVBoxLayout, QWidget)

from ssa_wizard import storage
from ssa_wizard.resources import resource_path
from ui.widgets.field_rows import WrappingCheckBox

from .layout_audit import SIZES, audit_pages, audit_widgets, settle
from .pages import offscreen

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def members300(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("make_proposal", BENCH / "make_proposal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write(tmp_path_factory.mktemp("big") / "p300.ssa.json", members=300)


# --- the audit finds what it should --------------------------------------------------


@pytest.fixture
def bench(qtbot):
    """A window of 300 x 200 with a column layout, shown."""
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    window.resize(300, 200)
    return window, column


def _show(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    settle()


@offscreen
def test_audit_reports_cut_texts(qtbot, bench):
    window, column = bench
    label = QLabel("Rol en toegevoegde waarde van deze organisatie:")
    label.setFixedWidth(80)
    button = QPushButton("Partnerkaart voor mijn organisatie…")
    button.setFixedWidth(90)
    wrapped = QLabel("Onderbouwingvandebehoeftenvandesector zonder spaties")
    wrapped.setWordWrap(True)
    wrapped.setFixedWidth(120)
    check = WrappingCheckBox("Verbetering van vaardigheden en kwalificatieniveaus")
    check.setFixedSize(200, 18)  # room for one line, while its text needs two
    spin = QSpinBox()
    spin.setSpecialValueText("niet ingevuld")
    spin.setFixedWidth(64)
    fine = QLabel("Naam:")
    for widget in (label, button, wrapped, check, spin, fine):
        column.addWidget(widget)
    _show(qtbot, window)
    problems = audit_widgets(window, window)
    text = "\n".join(problems)
    assert "Rol en toegevoegde" in text and "text needs" in text
    assert "QPushButton 'Partnerkaart voor mijn organisatie…'" in text
    assert "a word needs" in text
    assert "WrappingCheckBox" in text and "wraps to" in text
    assert "QSpinBox" in text
    assert "Naam:" not in text
    assert len(problems) == 5, problems


@offscreen
def test_audit_reports_narrow_and_unreachable_inputs_and_sideways_forms(qtbot, bench):
    window, column = bench
    narrow = QLineEdit()
    narrow.setAccessibleName("narrow")
    narrow.setFixedWidth(40)
    column.addWidget(narrow)
    # Beyond the window's right edge, no scroll area: out of reach.
    outside = QLineEdit(window)
    outside.setAccessibleName("outside")
    outside.setGeometry(260, 10, 100, 22)
    # Far down in a vertically scrolling area: the user scrolls to it, fine.
    low = QPlainTextEdit()
    low.setAccessibleName("low")
    low.setMinimumHeight(600)
    # Wider than its area: cut at the side.
    wide = QLineEdit()
    wide.setAccessibleName("wide")
    wide.setMinimumWidth(500)
    for widget in (low, wide):
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        QVBoxLayout(content).addWidget(widget)
        area.setWidget(content)
        column.addWidget(area)
    _show(qtbot, window)
    text = "\n".join(audit_widgets(window, window))
    assert "'narrow': input only 40 px wide" in text
    assert "'outside': input at" in text
    assert "'wide': input at" in text
    assert "cut at the side" in text
    assert "'low'" not in text


# --- every page at every size, in both languages ---------------------------------------


@offscreen
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("which", ["example", "300 members"])
def test_every_page_fits_every_laptop_size(main_window, dialogs, members300, lang, which):
    path = (resource_path("examples", "digiretail.ssa.json") if which == "example"
            else members300)
    main_window.session.load(storage.load(path).proposal, path)
    main_window.set_language(lang)
    problems = []
    for size, panels_shown in SIZES.items():
        problems += audit_pages(main_window, size, panels_shown=panels_shown)
    assert problems == []
    main_window.session.mark_saved(path)


@offscreen
def test_the_members_table_shows_ten_rows_at_1366x700(main_window, members300):
    main_window.session.load(storage.load(members300).proposal, members300)
    main_window.set_language("nl")
    assert audit_pages(main_window, (1366, 700), panels_shown=True, pages=["partners"]) == []
    table = main_window.pages["partners"].table
    rows = table.viewport().height() / table.verticalHeader().defaultSectionSize()
    assert rows >= 10
    main_window.session.mark_saved(members300)
