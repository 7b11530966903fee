"""Dutch and English in the window: every page and the panel switch at once, the data stay,
the language follows the system until the user picks one, and Qt's own buttons follow.

``test_main_window.py::test_language_switch_rewords_and_keeps_data`` checks the basic switch;
here every page is read widget by widget.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QDialogButtonBox, QGroupBox, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QTableView, QTextEdit, QWidget)

from ssa_wizard import i18n
from ssa_wizard.model import Activity, Partner
from ssa_wizard.resources import resource_path

from ui.language import install_qt_translator

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("start", "project", "sector", "partners", "activities", "plans", "review")


@pytest.fixture(scope="module")
def catalogue():
    """English msgid -> Dutch, for the entries whose Dutch differs from the English."""
    with open(resource_path("locale", "nl", "LC_MESSAGES", "ssa_wizard.po"), "rb") as handle:
        po = read_po(handle)
    pairs = {}
    for message in po:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for source, text in zip(ids, strings, strict=True):
            if text and _plain(text) != _plain(source):  # "P&IC:" is still "PIC:"
                pairs[source] = text
    return pairs


@pytest.fixture(autouse=True)
def _english_afterwards(qapp):
    assert i18n.catalogue_available("nl"), "run `make locales` first"
    yield
    i18n.set_language("en")
    install_qt_translator("en")


def _plain(text: str) -> str:
    """A text as the user reads it: mnemonics gone (``&&`` is a literal ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _texts(widget: QWidget) -> list[str]:
    """Every fixed text a user reads in ``widget`` and its shown children (not their input)."""
    texts = []
    for child in [widget, *(c for c in widget.findChildren(QWidget) if c.isVisibleTo(widget))]:
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(child.placeholderText())
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
            texts += [str(model.index(r, c).data() or "") for r in range(model.rowCount())
                      for c in range(model.columnCount())]
        texts += [child.toolTip(), child.accessibleName()]
    return [t for t in texts if t and t.strip()]


def _window_texts(window) -> dict[str, list[str]]:
    """The texts of each page (shown in turn), of the panel, the menus and the side list."""
    found = {}
    for key in PAGES:
        page = window.go_to(key)
        found[key] = [page.title(), page.subTitle(), *_texts(page)]
    found["panel"] = _texts(window.panel)
    found["menus"] = [_plain(a.text()) for menu in window.menuBar().findChildren(type(
        window.file_menu)) for a in menu.actions() if a.text()] + [
        window.file_menu.title(), window.edit_menu.title(), window.help_menu.title()]
    found["side list"] = [window.nav.item(row).text() for row in range(window.nav.count())]
    found["buttons"] = [window.wizard.buttonText(b) for b in (
        window.wizard.WizardButton.BackButton, window.wizard.WizardButton.NextButton,
        window.wizard.WizardButton.FinishButton)]
    return found


def _leftovers(found: dict[str, list[str]], catalogue: dict[str, str], english: bool):
    """Texts that are exactly a message of the other language."""
    other = {_plain(t) for t in (catalogue.values() if english else catalogue)}
    found = {where: sorted({t for t in texts if _plain(t) in other})
             for where, texts in found.items()}
    return {where: texts for where, texts in found.items() if texts}


def _half_fill(qtbot, window, session) -> None:
    project = window.go_to("project")
    qtbot.keyClicks(project.title_edit, "Groene vaardigheden")
    qtbot.keyClicks(project.acronym_edit, "GROEN")
    project.duration_spin.setValue(24)
    qtbot.keyClicks(project.date_edit.line, "2027-03-01")
    window.go_to("sector").sector_buttons["tourism"].click()
    session.add_partner(Partner(id="p1", name="ROC Noord", country="NL", category="vet_provider",
                                role="applicant"))
    session.add_partner(Partner(id="p2", name="Ξενοδοχειακό Επιμελητήριο", country="GR",
                                category="sector_expertise"))
    session.add_partner(Partner(id="p3", name="Swiss Hotels", country="CH",
                                category="regulatory_body"))
    session.add_activity(Activity(id="a1", kind="skills_needs", title="Onderzoek", lead="p1",
                                  start_month=1, end_month=6))
    session.check_now()
    window.go_to("partners")


def test_every_page_and_the_panel_switch_and_the_data_stay(qtbot, main_window, session,
                                                           catalogue):
    _half_fill(qtbot, main_window, session)
    before = session.proposal.model_dump()
    english = _window_texts(main_window)
    assert _leftovers(english, catalogue, english=True) == {}
    assert "Greece (EL)" in "\n".join(english["panel"])

    main_window.language_actions["nl"].trigger()
    assert i18n.current_language() == "nl"
    dutch = _window_texts(main_window)
    assert _leftovers(dutch, catalogue, english=False) == {}
    joined = "\n".join(t for texts in dutch.values() for t in texts)
    for expected in ("Sector en doelstellingen", "Consortium", "Griekenland (EL)",
                     "Zwitserland (CH)\npartnerland", "Titel:", "Naam:", "Programmalanden: 2 van minstens 3",
                     "Controle", "< Vorige", "Volgende >", "Opslaan en sluiten", "Aanvrager",
                     "Aanbieder van beroepsonderwijs", "Nederland", "Categorie"):
        assert expected in _plain(joined), expected
    assert session.proposal.model_dump() == before
    assert main_window.pages["project"].title_edit.text() == "Groene vaardigheden"

    main_window.language_actions["en"].trigger()
    assert _window_texts(main_window) == english
    assert session.proposal.model_dump() == before
    assert not session.undo_stack.canRedo()


def test_switching_is_not_an_edit(qtbot, main_window, session):
    """Changing the language neither dirties the proposal nor adds an undo step."""
    _half_fill(qtbot, main_window, session)
    steps, dirty = session.undo_stack.count(), session.dirty
    main_window.language_actions["nl"].trigger()
    main_window.language_actions["en"].trigger()
    assert session.undo_stack.count() == steps and session.dirty == dirty


def _mnemonics(texts) -> list[str]:
    letters = []
    for text in texts:
        match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
        if match:
            letters.append(match.group(1).casefold())
    return letters


def _duplicates(letters: list[str]) -> list[str]:
    return sorted({c for c in letters if letters.count(c) > 1})


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_mnemonics_are_unique_per_menu_and_per_page(qtbot, main_window, lang):
    """Alt+letter reaches one thing: menu bar and wizard buttons together with each page's
    labels and buttons; each menu's items among themselves."""
    main_window.language_actions[lang].trigger()
    window = main_window
    global_texts = [a.text() for a in window.menuBar().actions()] + [
        window.wizard.buttonText(b) for b in (window.wizard.WizardButton.BackButton,
                                              window.wizard.WizardButton.NextButton,
                                              window.wizard.WizardButton.FinishButton)]
    assert _duplicates(_mnemonics(global_texts)) == []
    for menu in window.menuBar().findChildren(type(window.file_menu)):
        menu.aboutToShow.emit()
        assert _duplicates(_mnemonics(a.text() for a in menu.actions())) == [], menu.title()
    for key in PAGES:
        page = window.go_to(key)
        texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)
                 if w.isVisibleTo(page)]
        texts += [box.title() for box in page.findChildren(QGroupBox) if box.isVisibleTo(page)]
        letters = _mnemonics(global_texts) + _mnemonics(texts)
        assert _duplicates(letters) == [], (key, texts)


def test_qt_standard_buttons_follow_the_language(qtbot, main_window):
    """Qt's own qtbase catalogue (shipped in PySide6-Essentials) is loaded for Dutch."""
    folder = Path(__import__("PySide6").__file__).parent / "Qt" / "translations"
    assert (folder / "qtbase_nl.qm").is_file()
    main_window.language_actions["nl"].trigger()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
    assert _plain(box.button(QDialogButtonBox.StandardButton.Yes).text()) == "Ja"
    message = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                          QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert _plain(message.button(QMessageBox.StandardButton.No).text()) == "Nee"
    main_window.language_actions["en"].trigger()
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_the_choice_is_remembered(main_window, settings):
    main_window.language_actions["nl"].trigger()
    assert settings.value("ui/language") == "nl"
    assert main_window.language_actions["nl"].isChecked()
    assert not main_window.language_actions["en"].isChecked()


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "nl_NL.UTF-8", "LANGUAGE": "en_US:nl"}, "en"),
])
def test_system_language(monkeypatch, env, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.system_language() == expected


@pytest.mark.parametrize(("tags", "expected"), [
    (["nl-NL"], "nl"),                       # Windows and macOS, through Qt
    (["nl-BE", "fr-BE"], "nl"),
    (["Dutch_Netherlands"], "nl"),           # locale.getlocale() on Windows
    (["English_United States"], "en"),
    (["nl_BE.UTF-8"], "nl"),                 # POSIX
    (["de-DE", "nl-NL", "en-US"], "nl"),     # the first language we ship wins
    (["en-GB", "nl-NL"], "en"),
    (["de-DE", "fr-FR"], "en"),
    ([], "en"),
    (["C"], "en"),
])
def test_preferred_language_reads_every_system_form(tags, expected):
    assert i18n.preferred_language(tags) == expected


@pytest.mark.parametrize(("name", "expected"), [("nl_NL", "nl"), ("nl_BE", "nl"), ("de_DE", "en")])
def test_the_gui_reads_the_language_from_qts_locale(name, expected):
    from PySide6.QtCore import QLocale

    from ui import language

    assert language.system_language(QLocale(name)) == expected


def _start(tmp_path: Path, lang_env: str, stored: str | None) -> str:
    """Start the real program (two files given, so it says in its language that it opens
    only the first) and return what it printed on stderr."""
    config = tmp_path / "config"
    if stored is not None:
        conf = config / "SSA Wizard" / "SSA Wizard.conf"
        conf.parent.mkdir(parents=True, exist_ok=True)
        conf.write_text(f"[ui]\nlanguage={stored}\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "SSA_WIZARD_EXIT_AFTER_FIRST_PAINT": "1",
                "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(config),
                "XDG_DATA_HOME": str(tmp_path / "data"), "LANG": lang_env})
    example = str(resource_path("examples", "digiretail.ssa.json"))
    done = subprocess.run([sys.executable, "-m", "ui", example, example], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.parametrize(("lang_env", "stored", "dutch"), [
    ("nl_NL.UTF-8", None, True),   # a Dutch system, no choice yet: Dutch
    ("en_US.UTF-8", None, False),  # any other system: English
    ("de_DE.UTF-8", None, False),
    ("nl_NL.UTF-8", "en", False),  # the user's choice wins over the system
    ("en_US.UTF-8", "nl", True),
])
def test_start_up_language(tmp_path, lang_env, stored, dutch):
    said = _start(tmp_path, lang_env, stored)
    if dutch:
        assert "ssa-wizard: alleen het eerste bestand wordt geopend" in said
    else:
        assert "ssa-wizard: opening only the first file" in said
