"""The window's frame: the next step, the open points, the folding side parts, the sizes.

The sizes are those of issue #12: a 1366 x 768 laptop at 125 % (1093 x 560 for a
maximised window), 1920 x 1080 at 150 % (1280 x 650) and 1366 x 768 at 100 %
(1366 x 700). Here the window is given each size on a desktop-sized screen; the child
processes of ``test_frame_screens.py`` try screens of those sizes and scaled ones.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget, QWizard

from ssa_wizard import guidance, messages, storage
from ssa_wizard.model import Partner, Proposal
from tests.core.factories import eligible_complete, member
from ui.main_window import COMPACT_WIDTH, PAGE_NAMES_KEY, PANEL_KEY
from ui.wizard.base import PAGES

SIZES = [(1093, 560), (1280, 650), (1366, 700)]


def _load(window, proposal: Proposal) -> None:
    window.session.load(proposal)
    window.session.check_now()


def _missing_belgian_regulator() -> Proposal:
    proposal = eligible_complete()
    proposal.partners += [member("p10", "BE", "vet_provider"), member("p11", "BE", "sector_expertise")]
    return proposal


def _eligible_without_recognition() -> Proposal:
    proposal = eligible_complete()
    proposal.plans = proposal.plans.model_copy(update={"recognition": ""})
    return proposal


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- the next step -----------------------------------------------------------------------

def test_an_empty_draft_is_sent_to_the_sector(qtbot, main_window):
    window = main_window
    window.go_to("project")
    assert window.panel.step_text() == "Next: choose the sector (on the Sector and objectives page)."
    _click(qtbot, window.panel.next_step_button)
    assert window.current_key() == "sector"
    sector = window.pages["sector"]
    assert sector.isAncestorOf(QApplication.focusWidget())
    assert QApplication.focusWidget() in sector.sector_buttons.values()
    # On the page itself the line no longer names the page.
    assert window.panel.step_text() == "Next: choose the sector."


def test_a_missing_regulator_adds_one_in_its_country(qtbot, main_window, session):
    window = main_window
    _load(window, _missing_belgian_regulator())
    window.go_to("plans")
    assert window.panel.step_text() == "Next: add a regulatory body in Belgium (on the Partners page)."
    before = len(session.proposal.partners)
    _click(qtbot, window.panel.next_step_button)
    assert window.current_key() == "partners"
    added = session.proposal.partners[-1]
    assert len(session.proposal.partners) == before + 1
    assert (added.country, added.category) == ("BE", "regulatory_body")
    page = window.pages["partners"]
    assert page.current_id() == added.id
    assert QApplication.focusWidget() is page.field_widget("name")
    # With the regulator there, Belgium is complete; what is left is the new member's text.
    qtbot.waitUntil(lambda: window.panel.cell_state("BE", "regulatory_body") == "covered")
    assert window.panel.step.finding.rule == "C-ROLE-DESCRIPTION"


def test_eligible_but_incomplete_goes_to_the_field(qtbot, main_window):
    window = main_window
    _load(window, _eligible_without_recognition())
    window.go_to("partners")
    assert window.panel.eligible_label.text() == "✓ Eligible"
    assert window.panel.step_text() == (
        "Next: describe how the skills will be recognised (on the Plans page).")
    _click(qtbot, window.panel.next_step_button)
    assert window.current_key() == "plans"
    assert QApplication.focusWidget() is window.pages["plans"].field_widget("plans.recognition")
    assert window.panel.step_text() == "Next: describe how the skills will be recognised."


def test_a_complete_proposal_has_nothing_left(qtbot, main_window):
    window = main_window
    _load(window, eligible_complete())
    assert window.panel.step_text() == "Nothing left to do: the proposal meets every rule."
    assert not window.panel.next_step_button.isEnabled()
    assert window.panel.complete_label.text() == "✓ Complete"


def test_the_line_follows_the_language(qtbot, main_window):
    window = main_window
    _load(window, _missing_belgian_regulator())
    window.go_to("partners")
    window.language_actions["nl"].trigger()
    assert window.panel.step_text() == "Volgende stap: voeg een toezichthouder in België toe."
    window.resize(1093, 560)  # the strip, drawn when shown, says the same
    assert window.strip.isVisible()
    assert window.strip.step_button.full_text == window.panel.step_text()
    assert window.strip.verdict_button.text() == "✗ Niet subsidiabel"


# --- the open points ---------------------------------------------------------------------

def test_the_count_lists_every_open_point_and_goes_to_one(qtbot, main_window, session):
    window = main_window
    proposal = _missing_belgian_regulator()
    proposal.project.title = ""
    proposal.partners[3].pic = ""  # a warning too
    _load(window, proposal)
    window.go_to("project")
    report = session.report
    errors = report.count("error")
    assert window.panel.complete_label.text() == f"✗ {errors} things missing"
    _click(qtbot, window.panel.complete_label)
    popup = window.open_points
    assert popup.isVisible()
    assert popup.findings() == guidance.open_points(report)
    assert [f.severity for f in popup.findings()].count("error") == errors
    # Worded for the page shown: the title's message does not send the user to it.
    title = next(f for f in popup.findings() if f.rule == "C-TITLE")
    assert popup.item_of(title).text() == messages.message(title, here="project")
    assert "Project page" not in popup.item_of(title).text()
    # Go to an open point on another page.
    pic = next(f for f in popup.findings() if f.rule == "Q-PIC-MISSING")
    popup.list.setCurrentItem(popup.item_of(pic))
    _click(qtbot, popup.go_button)
    assert not popup.isVisible()
    assert window.current_key() == "partners"
    assert window.pages["partners"].current_id() == pic.partner
    assert QApplication.focusWidget() is window.pages["partners"].field_widget("pic")


def test_the_open_points_list_is_keyboard_driven(qtbot, main_window, session):
    window = main_window
    _load(window, _eligible_without_recognition())
    window.show_open_points(window.panel.complete_label)
    popup = window.open_points
    assert popup.isVisible()
    assert popup.list.currentItem() is popup.item_of(popup.findings()[0])
    qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert window.current_key() == "plans"
    window.show_open_points(window.panel.complete_label)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


# --- folding ---------------------------------------------------------------------------------

def test_a_narrow_window_folds_the_panel_to_a_strip_that_opens_it(qtbot, main_window, settings):
    window = main_window
    _load(window, _missing_belgian_regulator())
    window.go_to("project")
    window.resize(1093, 560)
    assert window.width() < COMPACT_WIDTH
    assert window.panel.isHidden() and window.strip.isVisible()
    assert window.strip.verdict_button.text() == "✗ Not eligible"
    assert window.strip.count_button.text() == "✗ 1 thing missing"
    assert window.strip.step_button.full_text == window.panel.step_text()
    assert [window.nav.item(r).text() for r in range(window.nav.count())] == [
        str(n) for n in range(1, len(PAGES) + 1)]
    assert "Partners" in window.nav.item(PAGES.index("partners")).toolTip()
    # The verdict opens the panel, for the moment: nothing is remembered.
    _click(qtbot, window.strip.verdict_button)
    assert window.panel.isVisible() and window.strip.isHidden()
    assert settings.value(PANEL_KEY) in (None, True, "true")
    # Going somewhere from it gives the room back to the page.
    _click(qtbot, window.panel.next_step_button)
    assert window.current_key() == "partners"
    assert window.panel.isHidden() and window.strip.isVisible()


def test_the_strip_goes_to_the_next_step_and_lists_the_points(qtbot, main_window, session):
    window = main_window
    _load(window, _eligible_without_recognition())
    window.resize(1093, 560)
    _click(qtbot, window.strip.step_button)
    assert window.current_key() == "plans"
    _click(qtbot, window.strip.count_button)
    assert window.open_points.isVisible()
    assert window.open_points.findings() == guidance.open_points(session.report)
    window.open_points.close()


def test_f8_and_shift_f8_fold_the_side_parts_and_are_remembered(qtbot, main_window, settings,
                                                                dialogs):
    window = main_window
    window.resize(1366, 700)
    assert window.panel.isVisible() and window.strip.isHidden()
    assert window.nav.item(PAGES.index("partners")).text() == "Partners"
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.panel.isHidden() and window.strip.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.nav.item(PAGES.index("partners")).text() == str(PAGES.index("partners") + 1)
    assert window.nav_column.width() < 80
    settings.sync()
    assert settings.value(PANEL_KEY) in (False, "false")
    assert settings.value(PAGE_NAMES_KEY) in (False, "false")

    from ui.main_window import MainWindow

    again = MainWindow(dialogs=dialogs, settings=QSettings())
    qtbot.addWidget(again)
    again.resize(1366, 700)
    again.show()
    qtbot.waitExposed(again)
    assert again.panel.isHidden() and again.strip.isVisible()
    assert again.nav.item(0).text() == "1"
    assert not again.panel_action.isChecked() and not again.page_names_action.isChecked()
    # And back, with the panel's own button and the list's.
    _click(qtbot, again.strip.panel_button)
    _click(qtbot, again.nav_toggle)
    assert again.panel.isVisible() and again.nav.item(0).text() == "Welcome"
    assert settings.value(PANEL_KEY) in (True, "true")
    _click(qtbot, again.panel.hide_button)
    assert again.panel.isHidden()


def test_the_side_parts_have_names_for_screen_readers(main_window):
    window = main_window
    for widget in (window.panel.hide_button, window.nav_toggle, window.strip.panel_button,
                   window.panel.next_step_button):
        assert widget.accessibleName(), widget
    window.resize(1093, 560)
    assert window.strip.accessibleName() == "Verdict and next step"
    assert window.strip.verdict_button.accessibleName() == "Not eligible: show the consortium panel"
    assert window.strip.step_button.accessibleName() == window.panel.step_text()


# --- sizes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_never_asks_for_more_than_it_is_given(qtbot, main_window, session, lang,
                                                         size):
    window = main_window
    window.language_actions[lang].trigger()
    session.load(storage.load("resources/examples/digiretail.ssa.json").proposal)
    width, height = size
    for key in PAGES:
        window.resize(width, height)
        window.go_to(key)
        qtbot.wait(1)
        assert window.minimumSize().width() <= width and window.minimumSize().height() <= height
        assert (window.width(), window.height()) == size, key
        # The splitter's parts share the width it has; none is pushed out of the window.
        assert sum(window.splitter.sizes()) <= window.splitter.width() <= width
        assert (window.panel.isVisible(), window.strip.isVisible()) == (
            (False, True) if width < COMPACT_WIDTH else (True, False))
        # The wizard's own buttons stay in the window.
        back = window.wizard.button(QWizard.WizardButton.BackButton)
        corner = back.mapTo(window, back.rect().bottomRight())
        assert corner.x() <= width and corner.y() <= height, key


def test_a_saved_size_larger_than_the_screen_comes_back_within_it(qtbot, dialogs, settings):
    from ui.main_window import GEOMETRY_KEY, MainWindow

    first = MainWindow(dialogs=dialogs, settings=settings)
    qtbot.addWidget(first)
    first.resize(3000, 2000)  # saved on a larger screen, or at a smaller scale
    settings.setValue(GEOMETRY_KEY, first.saveGeometry())
    again = MainWindow(dialogs=dialogs, settings=settings)
    qtbot.addWidget(again)
    room = again.screen().availableGeometry()
    assert again.width() <= room.width() and again.height() <= room.height()


def test_messages_on_their_own_page_do_not_send_the_user_there(qtbot, main_window, session):
    window = main_window
    _load(window, _eligible_without_recognition())
    plans = window.go_to("plans")
    label = plans.field_findings("plans.recognition")
    assert label.isVisible()
    assert "Plans page" not in label.text() and "Describe it." in label.text()
    window.go_to("review")
    review = window.pages["review"]
    finding = next(f for f in review.findings_shown() if f.rule == "C-RECOGNITION")
    assert "on the Plans page" in review.item_of(finding).text(0)


def test_a_member_with_a_new_category_updates_the_line(qtbot, main_window, session):
    """The line redraws with the report: a member added by hand completes Belgium."""
    window = main_window
    _load(window, _missing_belgian_regulator())
    session.add_partner(Partner(id="x", name="Toezicht BE", country="BE",
                                category="regulatory_body", role="full",
                                role_description="Regulates.", pic="999999999"))
    session.check_now()
    assert window.panel.step is None or window.panel.step.finding.rule != "E-COUNTRY-TRIO"


# --- what a new user met at 1093 x 560 ---------------------------------------------------

def test_a_member_added_from_the_strip_has_its_name_field_in_sight(qtbot, main_window, session):
    window = main_window
    _load(window, _missing_belgian_regulator())
    window.resize(1093, 560)
    window.go_to("partners")
    page = window.pages["partners"]
    scroll = page.master.scroll
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    name = page.field_widget("name")
    viewport = scroll.viewport()

    def in_sight(widget) -> bool:
        return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)),
                                              widget.size()))

    assert not in_sight(name)
    _click(qtbot, window.strip.step_button)  # "add a regulatory body in Belgium"
    assert session.proposal.partners[-1].country == "BE"
    assert QApplication.focusWidget() is name
    assert in_sight(name)
    # Tab on through the form: each input comes into sight as it gets the cursor (of
    # a text box taller than the room, the line with the cursor).
    seen = 0
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if not page.master.detail.isAncestorOf(focused):
            continue
        seen += 1
        if isinstance(focused, QPlainTextEdit):
            cursor = focused.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).toRect()
            assert viewport.rect().contains(
                QRect(focused.mapTo(viewport, cursor.topLeft()), cursor.size())), focused
        else:
            assert in_sight(focused), focused
    assert seen >= 10


def test_the_page_numbers_have_their_titles_as_tooltips_even_before_a_click(qtbot, main_window):
    window = main_window
    window.set_language("nl")
    window.resize(1093, 560)
    assert window.nav.item(0).text() == "1"
    for row, key in enumerate(PAGES):
        item = window.nav.item(row)
        title = window.pages[key].title()
        assert item.toolTip().startswith(title)
        assert item.data(Qt.ItemDataRole.AccessibleTextRole).startswith(title)
    # A real hover over "4" in a window the user has not clicked yet (another window
    # is the active one): the tooltip shows all the same.
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    row = PAGES.index("partners")
    point = window.nav.visualItemRect(window.nav.item(row)).center()
    qtbot.mouseMove(window.nav.viewport(), point - QPoint(3, 3))
    qtbot.mouseMove(window.nav.viewport(), point)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text().startswith("Partners"))
    QToolTip.hideText()
