"""Help: a guide per page in both languages, F1, the shortcuts, the rules, About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ssa_wizard import i18n, messages
from ssa_wizard.rules import RULES
from ui.help import PAGE_RULES, guide_path, page_markdown, rules_markdown
from ui.language import install_qt_translator
from ui.wizard.base import PAGES


@pytest.fixture
def english_afterwards(qapp):
    yield
    i18n.set_language("en")
    install_qt_translator("en")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_guide_in_every_language(page, lang):
    path = guide_path(page, lang)
    assert path.is_file(), f"resources/help/{lang}/{page}.md is missing"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and len(text.split()) > 20


def test_the_guides_differ_between_the_languages():
    for page in PAGES:
        assert guide_path(page, "en").read_text() != guide_path(page, "nl").read_text()


def test_every_rule_is_explained_on_exactly_one_page():
    listed = [rule for rules in PAGE_RULES.values() for rule in rules]
    assert sorted(listed) == sorted(RULES)
    assert set(PAGE_RULES) == set(PAGES)


def test_a_page_guide_quotes_its_rules_with_their_source():
    text = page_markdown("partners", "en")
    assert "E-COUNTRY-TRIO" in text
    assert messages.title("E-COUNTRY-TRIO", "en") in text
    assert messages.source("E-COUNTRY-TRIO") in text
    # The rules overview has every rule.
    overview = rules_markdown("en")
    assert all(rule in overview for rule in RULES)


def test_f1_opens_the_guide_of_the_page_shown(qtbot, main_window):
    main_window.go_to("activities")
    page = main_window.pages["activities"]
    page.title_edit.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    help_window = main_window.help_window
    assert help_window is not None and help_window.isVisible()
    text = help_window.browser.toPlainText()
    assert text.splitlines()[2].startswith("Activities") or "Activities" in text
    assert "C-ACTIVITY-PERIOD" in text
    assert messages.explanation("C-ACTIVITY-PERIOD", "en") in text
    help_window.close()


def test_help_follows_the_language(qtbot, main_window, english_afterwards):
    main_window.go_to("partners")
    main_window.help_action.trigger()
    main_window.set_language("nl")
    text = main_window.help_window.browser.toPlainText()
    assert "De leden van het consortium" in text
    assert "De regels op deze pagina" in text and "Sneltoetsen" in text  # the help's own words
    assert messages.title("E-COUNTRY-TRIO", "nl") in text
    main_window.help_window.close()


def test_the_shortcut_list_names_the_window_shortcuts(main_window):
    main_window.shortcuts_action.trigger()
    text = main_window.help_window.browser.toPlainText()
    native = QKeySequence.SequenceFormat.NativeText
    for action in (main_window.next_page_action, main_window.save_action,
                   main_window.help_action, main_window.undo_action):
        assert action.shortcut().toString(native) in text, action.text()
    assert "Next page" in text
    assert "In a date: open the calendar" in text
    main_window.rules_action.trigger()
    assert "E-MIN-ORGS" in main_window.help_window.browser.toPlainText()
    main_window.help_window.close()


def test_ctrl_page_down_and_up_step_one_page_from_a_text_field(qtbot, main_window):
    main_window.activateWindow()
    project = main_window.go_to("project")
    project.title_edit.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(project.title_edit, Qt.Key.Key_PageDown, ctrl)
    assert main_window.current_key() == "sector"
    qtbot.keyClick(main_window.focusWidget() or main_window, Qt.Key.Key_PageDown, ctrl)
    assert main_window.current_key() == "partners"
    qtbot.keyClick(main_window.focusWidget() or main_window, Qt.Key.Key_PageUp, ctrl)
    assert main_window.current_key() == "sector"
    # From a multi-line text and from the side list too (which used to jump to the end).
    project = main_window.go_to("project")
    project.summary_edit.setFocus()
    qtbot.keyClick(project.summary_edit, Qt.Key.Key_PageDown, ctrl)
    assert main_window.current_key() == "sector"
    main_window.nav.setFocus()
    qtbot.keyClick(main_window.nav, Qt.Key.Key_PageDown, ctrl)
    assert main_window.current_key() == "partners"
    main_window.go_to("review")
    main_window.next_page_action.trigger()
    assert main_window.current_key() == "review"  # the last page stays
    main_window.go_to("start")
    main_window.previous_page_action.trigger()
    assert main_window.current_key() == "start"


def test_about_names_licences_folders_and_how_to_report(main_window, dialogs):
    main_window.about_action.trigger()
    text = main_window.about_text()
    for needed in ("DejaVu", "Qt", "pycountry", "python-bidi", "arabic-reshaper",
                   str(main_window.files.recovery_folder()), main_window.settings.fileName(),
                   "ssa-wizard.log"):
        assert needed in text, needed
    assert dialogs.asked("inform")[-1][1] == "About SSA Wizard"


def test_the_guides_ship_in_the_wheel_and_the_bundle():
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["ssa_wizard_resources"]
    spec = (root / "build_installer.spec").read_text(encoding="utf-8")
    for lang in i18n.LANGUAGES:
        for page in PAGES:
            relative = f"help/{lang}/{page}.md"
            assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative
        assert f'("help/{lang}", "*.md")' in spec


def test_the_guide_fits_a_small_screen():
    # 1366x768 at 125% leaves about 1093x560: the guide's Close button must be on it.
    from PySide6.QtCore import QRect, QSize

    from ui.help import _within_screen

    class Screen:
        def __init__(self, width, height):
            self.rect = QRect(0, 0, width, height)

        def availableGeometry(self):  # noqa: N802 - Qt's name
            return self.rect

    class Near:
        def __init__(self, screen):
            self._screen = screen

        def screen(self):
            return self._screen

    laptop = _within_screen(QSize(620, 640), Near(Screen(1093, 560)))
    assert laptop.height() <= 560 - 80 and laptop.width() == 620
    assert _within_screen(QSize(620, 640), Near(Screen(1920, 1080))) == QSize(620, 640)
    assert _within_screen(QSize(620, 640), None) == QSize(620, 640)
