"""The members table sorts and filters as a view; the file's order stays the user's.

Also the remembered splitter, the member form in one column when narrow, the new
member in view, and the findings of a fresh member that wait until it was left
(issue #12 and #13).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication

from ssa_wizard import i18n
from ssa_wizard.model import Activity, Partner, Proposal
from ui.widgets.field_rows import WrappingCheckBox
from ui.widgets.master_detail import RecordsProxy
from ui.widgets.partners_model import COUNTRY, NAME, PIC, UMBRELLA, PartnersModel
from ui.wizard.activities_page import ActivitiesPage
from ui.wizard.partners_page import PartnersPage

from .pages import offscreen, retype, show_page


def _members() -> Proposal:
    proposal = Proposal.new()
    proposal.partners = [
        Partner(id="m1", name="ROC Friese Poort, Leeuwarden en Drachten", country="NL",
                category="vet_provider", role="applicant", pic="912345678"),
        Partner(id="m2", name="Agoria Vlaanderen", country="BE", category="sector_expertise"),
        Partner(id="m3", name="Onderwijsinspectie", country="NL", category="regulatory_body"),
        Partner(id="m4", name="Berufskolleg Köln", country="DE", category="vet_provider",
                umbrella=True, pic="987654321"),
    ]
    proposal.activities = [Activity(id="a1", kind="management", title="Run it", lead="m3",
                                    partners=["m4", "m1", "m2"])]
    return proposal


@pytest.fixture
def members(qtbot):
    return show_page(qtbot, PartnersPage, _members())


def _shown(page: PartnersPage) -> list[str]:
    model = page.table.model()
    return [model.index(r, 0).data(PartnersModel.IdRole) for r in range(model.rowCount())]


def _click_header(qtbot, page: PartnersPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@offscreen
def test_header_clicks_sort_and_a_third_click_shows_the_file_order(qtbot, members):
    page, session = members
    _click_header(qtbot, page, NAME)
    assert _shown(page) == ["m2", "m4", "m3", "m1"]
    _click_header(qtbot, page, NAME)
    assert _shown(page) == ["m1", "m3", "m4", "m2"]
    _click_header(qtbot, page, NAME)
    assert _shown(page) == ["m1", "m2", "m3", "m4"]
    _click_header(qtbot, page, UMBRELLA)  # a column of check boxes sorts by its ticks
    assert _shown(page)[-1] == "m4"
    # The row numbers are the places in the file, whatever the view's order.
    _click_header(qtbot, page, COUNTRY)
    assert page.table.model().headerData(0, Qt.Orientation.Vertical) == "2"  # BE first
    assert [p.id for p in session.proposal.partners] == ["m1", "m2", "m3", "m4"]


@offscreen
@pytest.mark.parametrize("lang, needle, expected", [
    ("en", "Belg", ["m2"]), ("nl", "belg", ["m2"]), ("nl", "toezicht", ["m3"]),
    ("en", "987654", ["m4"]), ("en", "koln", ["m4"]), ("en", "zzz", [])])
def test_the_filter_narrows_the_rows(qtbot, members, lang, needle, expected):
    page, _session = members
    i18n.set_language(lang)
    page.retranslate()
    page.select_member(None)
    page.filter_box.setFocus()
    qtbot.keyClicks(page.filter_box, needle)
    assert _shown(page) == expected
    assert page.master.filter_count.text() == f"{len(expected)} of 4" or lang == "nl"
    page.filter_box.clear()
    assert _shown(page) == ["m1", "m2", "m3", "m4"]


@offscreen
def test_ctrl_f_goes_to_the_filter(qtbot, members):
    page, _session = members
    page.form.city_edit.setFocus()
    qtbot.keyClick(page.form.city_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_box.hasFocus()


@offscreen
def test_the_chosen_member_stays_while_its_name_stops_matching(qtbot, members):
    page, session = members
    page.select_member("m2")
    page.filter_box.setText("agoria")
    assert _shown(page) == ["m2"]
    retype(qtbot, page.form.name_edit, "Vlaams Huis")
    qtbot.keyClicks(page.form.name_edit, "!")
    assert page.current_id() == "m2"
    assert session.proposal.partner("m2").name == "Vlaams Huis!"
    assert _shown(page) == ["m2"]
    page.select_member("m1")  # now it may go
    assert _shown(page) == ["m1"]


@offscreen
def test_a_member_added_while_filtering_is_chosen_and_shown(qtbot, members):
    page, session = members
    page.filter_box.setText("köln")
    page.select_member("m4")
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    new_id = page.current_id()
    assert new_id not in {"m1", "m2", "m3", "m4"}
    assert new_id in _shown(page)
    assert page.form.name_edit.hasFocus()
    assert [p.id for p in session.proposal.partners][-1] == new_id


@offscreen
def test_sorting_and_filtering_keep_the_model_clean(qtbot, qtmodeltester, members):
    page, session = members
    proxy = page.table.model()
    assert isinstance(proxy, RecordsProxy)
    proxy.sort(NAME, Qt.SortOrder.DescendingOrder)
    proxy.set_filter_text("o")
    # Checked now, and every signal after this is checked as it comes.
    qtmodeltester.check(proxy)
    session.add_partner(Partner(id="new", name="Oost"))
    session.set_partner_field("m1", "name", "Zeeland College")  # moves in the sorted view
    session.set_partner_field("m3", "name", "Inspectie")  # stops matching "o"
    proxy.pin("m3")
    proxy.set_filter_text("")
    proxy.sort(-1)
    session.undo_stack.undo()
    assert proxy.rowCount() == 5
    assert proxy.index(0, NAME).data() == "Zeeland College"


@offscreen
def test_undo_redo_and_activities_are_unchanged_by_sorting(qtbot, members):
    page, session = members
    order = [p.id for p in session.proposal.partners]
    _click_header(qtbot, page, NAME)
    page.select_member("m3")
    retype(qtbot, page.form.name_edit, "Inspectie")
    assert [p.id for p in session.proposal.partners] == order
    session.undo_stack.undo()
    assert session.proposal.partner("m3").name == "Onderwijsinspectie"
    session.undo_stack.redo()
    assert session.proposal.partner("m3").name == "Inspectie"
    assert [p.id for p in session.proposal.partners] == order
    activity = session.proposal.activities[0]
    assert (activity.lead, activity.partners) == ("m3", ["m4", "m1", "m2"])


@offscreen
def test_move_while_sorted_moves_in_the_file_and_shows_its_order(qtbot, members):
    page, session = members
    _click_header(qtbot, page, NAME)
    page.select_member("m3")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [p.id for p in session.proposal.partners] == ["m1", "m3", "m2", "m4"]
    assert _shown(page) == ["m1", "m3", "m2", "m4"]
    assert page.current_id() == "m3"


@offscreen
def test_a_new_member_among_300_is_chosen_in_view_with_the_cursor_in_name(qtbot):
    proposal = Proposal.new()
    proposal.partners = [Partner(id=f"p{i}", name=f"Member {i:03}") for i in range(300)]
    page, session = show_page(qtbot, PartnersPage, proposal)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.select_member("p150")
    qtbot.mouseClick(page.toolbar.widgetForAction(page.add_action), Qt.MouseButton.LeftButton)
    new_id = page.current_id()
    assert [p.id for p in session.proposal.partners].index(new_id) == 151
    row = page.master.row_of(new_id)
    rect = page.table.visualRect(page.table.model().index(row, 0))
    assert page.table.viewport().rect().contains(rect)
    assert page.table.selectionModel().isRowSelected(row)
    assert page.form.name_edit.hasFocus()


@offscreen
def test_a_long_name_has_its_whole_text_as_tooltip(members):
    page, _session = members
    index = page.table.model().index(0, NAME)
    assert "ROC Friese Poort, Leeuwarden en Drachten" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert page.table.model().index(0, PIC).data(Qt.ItemDataRole.ToolTipRole) == "912345678"


@offscreen
def test_the_member_form_goes_to_one_column_when_narrow(qtbot, members):
    page, _session = members
    page.resize(1400, 700)
    qtbot.waitUntil(lambda: not page.form.is_one_column())
    page.resize(640, 700)
    qtbot.waitUntil(page.form.is_one_column)
    # The first column's last input comes before the second column's first.
    assert (page.form.contact_name_edit.mapTo(page.form, page.form.contact_name_edit.pos()).y()
            > page.form.pic_edit.mapTo(page.form, page.form.pic_edit.pos()).y())


@offscreen
def test_the_splitter_is_remembered_between_runs(qtbot, settings):
    page, _session = show_page(qtbot, PartnersPage, _members())
    splitter = page.master.splitter
    handle = splitter.handle(1)
    before = splitter.sizes()[0]
    centre = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(handle, centre + QPoint(0, 60))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=centre + QPoint(0, 60))
    moved = splitter.sizes()[0]
    assert moved > before + 30
    share = float(QSettings().value("layout/partners_splitter"))
    assert share == pytest.approx(moved / sum(splitter.sizes()), abs=0.01)

    again, _other = show_page(qtbot, PartnersPage, _members())
    assert again.master.splitter.sizes()[0] == pytest.approx(moved, abs=3)


# --- fresh records (issue #13, item 4) -------------------------------------------------


@offscreen
def test_a_new_member_shows_its_missing_fields_only_after_it_was_left(qtbot, members):
    page, session = members
    page.select_member("m4")
    page.add_member()
    new_id = page.current_id()
    session.check_now()
    missing = {f.field for f in session.report.findings if f.partner == new_id}
    assert {"partner.country", "partner.role_description"} <= missing  # the checker's say
    assert page.field_findings("country").isHidden()
    assert page.field_findings("role_description").isHidden()
    # What the user typed is judged at once.
    qtbot.keyClicks(page.form.pic_edit, "12")
    session.check_now()
    assert not page.field_findings("pic").isHidden()
    assert page.field_findings("country").isHidden()

    page.select_member("m1")
    page.select_member(new_id)
    assert not page.field_findings("country").isHidden()
    assert not page.field_findings("role_description").isHidden()


@offscreen
def test_a_new_activity_shows_its_missing_fields_only_after_it_was_left(qtbot):
    page, session = show_page(qtbot, ActivitiesPage, _members())
    page.add_activity()
    new_id = page.current_id()
    session.check_now()
    assert {f.field for f in session.report.findings if f.activity == new_id} >= {
        "activity.lead", "activity.period"}
    assert page.field_findings("lead").isHidden()
    assert page.field_findings("period").isHidden()
    page.select_activity("a1")
    page.select_activity(new_id)
    assert not page.field_findings("lead").isHidden()
    assert not page.field_findings("period").isHidden()


# --- the wrapping check box ---------------------------------------------------------------


@offscreen
def test_a_wrapping_check_box_wraps_and_toggles_on_its_second_line(qtbot):
    check = WrappingCheckBox("Bevordering van de ontwikkeling en modernisering van het "
                             "onderwijs")
    qtbot.addWidget(check)
    assert check.heightForWidth(150) > check.heightForWidth(800)
    check.resize(150, check.heightForWidth(150))
    check.show()
    qtbot.waitExposed(check)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton,
                     pos=QPoint(80, check.height() - check.fontMetrics().height() // 2))
    assert check.isChecked()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert not check.isChecked()
    assert QApplication.instance() is not None


# --- what a new user met at 1093 x 560 (the trial of the Partners page) ---------------


@offscreen
def test_a_new_filter_text_drops_a_chosen_member_that_does_not_match(qtbot, members):
    page, _session = members
    page.select_member("m3")  # Onderwijsinspectie
    page.filter_box.setFocus()
    qtbot.keyClicks(page.filter_box, "agoria")
    # The first match is chosen instead; only matches are shown and counted.
    assert _shown(page) == ["m2"]
    assert page.current_id() == "m2"
    assert page.form.name_edit.text() == "Agoria Vlaanderen"
    assert page.master.filter_count.text() == "1 of 4"
    assert page.filter_box.hasFocus()  # the user goes on typing
    qtbot.keyClicks(page.filter_box, "zzz")
    assert _shown(page) == [] and page.current_id() is None
    assert page.master.filter_count.text() == "0 of 4"
    page.filter_box.clear()
    assert _shown(page) == ["m1", "m2", "m3", "m4"]


@offscreen
def test_a_member_kept_while_edited_is_not_counted_as_a_match(qtbot, members):
    page, _session = members
    page.select_member("m2")
    page.filter_box.setText("agoria")
    retype(qtbot, page.form.name_edit, "Vlaams Huis")
    assert _shown(page) == ["m2"]  # kept while the user edits it
    assert page.master.filter_count.text() == "0 of 4"
    # A new filter text: it no longer matches, so it goes.
    page.filter_box.setText("agori")
    assert _shown(page) == [] and page.current_id() is None


@offscreen
def test_the_splitter_handle_is_visible_named_and_moves_by_keyboard(qtbot, settings):
    i18n.set_language("nl")
    page, _session = show_page(qtbot, PartnersPage, _members())
    splitter = page.master.splitter
    handle = splitter.handle(1)
    assert handle.height() >= 8
    assert handle.toolTip() == "Sleep om de verdeling te veranderen"
    assert handle.accessibleName()
    # A grip is drawn: more than the background's one colour across its middle.
    image = handle.grab().toImage()
    middle = image.height() // 2
    colours = {image.pixel(x, middle) for x in range(image.width())}
    assert len(colours) >= 3
    # Tab reaches it (it is in the focus chain), the arrow keys move it, and the
    # division is remembered as when dragged.
    assert handle.focusPolicy() & Qt.FocusPolicy.TabFocus
    handle.setFocus(Qt.FocusReason.TabFocusReason)
    before = splitter.sizes()[0]
    qtbot.keyClick(handle, Qt.Key.Key_Up)
    qtbot.keyClick(handle, Qt.Key.Key_Up)
    moved = splitter.sizes()[0]
    assert moved == before - 40
    assert float(QSettings().value("layout/partners_splitter")) == pytest.approx(
        moved / sum(splitter.sizes()), abs=0.01)


def _inputs_in_sight(page: PartnersPage) -> list[str]:
    """The member form's inputs that the user sees whole without scrolling."""
    viewport = page.master.scroll.viewport()
    names = []
    for name, row in page.form.fields.items():
        widget = row.widget
        if widget.isVisibleTo(page) and viewport.rect().contains(
                QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())):
            names.append(name)
    return names


@offscreen
def test_the_member_form_gets_a_fair_share_of_a_low_window(main_window):
    from ssa_wizard import storage
    from ssa_wizard.resources import resource_path

    from .layout_audit import audit_pages

    path = resource_path("examples", "digiretail.ssa.json")
    main_window.session.load(storage.load(path).proposal, path)
    main_window.set_language("nl")
    assert audit_pages(main_window, (1093, 560), panels_shown=False, pages=["partners"]) == []
    page = main_window.pages["partners"]
    sizes = page.master.splitter.sizes()
    assert sizes[1] >= 0.45 * sum(sizes)
    # Before: about 110 px, four inputs in sight; now seven at least.
    assert len(_inputs_in_sight(page)) >= 7, _inputs_in_sight(page)
    table = page.table
    assert table.viewport().height() >= 3 * table.verticalHeader().defaultSectionSize()
    main_window.session.mark_saved(path)


@offscreen
def test_remove_acts_on_the_member_the_form_shows(qtbot, members):
    # Ctrl+Down moves the form to another row and leaves the highlight where it was:
    # Remove then took the highlighted member, not the one on screen (new-user trial).
    page, session = members
    page.select_member("m2")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert page.current_id() == "m4"
    selected = {page.table.model().index(i.row(), 0).data(PartnersModel.IdRole)
                for i in page.table.selectionModel().selectedRows()}
    assert selected == {"m2"}  # the highlight stayed behind
    page.master.editing.remove.trigger()
    assert [p.id for p in session.proposal.partners] == ["m1", "m2", "m3"]
    session.undo_stack.undo()
    assert [p.id for p in session.proposal.partners] == ["m1", "m2", "m3", "m4"]


def _fresh_view(page: PartnersPage) -> list[str]:
    """The rows a table built afresh on the session, sorted and filtered alike, shows."""
    proxy = RecordsProxy(PartnersModel.IdRole)
    proxy.setSourceModel(PartnersModel(page.session, proxy))
    proxy.set_filter_text(page.proxy.filter_text())
    proxy.pin(page.current_id())
    proxy.sort(page.proxy.sortColumn(), page.proxy.sortOrder())
    return [proxy.index(r, 0).data(PartnersModel.IdRole) for r in range(proxy.rowCount())]


@offscreen
def test_each_key_typed_keeps_the_sorted_filtered_view_as_a_new_one_would_show_it(qtbot, members):
    page, session = members
    _click_header(qtbot, page, NAME)
    page.filter_box.setText("aa")  # only "Agoria Vlaanderen" (m2) has it
    page.select_member("m2")
    page.form.name_edit.setFocus()
    page.form.name_edit.selectAll()
    for key in "Zwaag":
        qtbot.keyClicks(page.form.name_edit, key)
        assert _shown(page) == _fresh_view(page)
        assert page.current_id() == "m2"
    assert _shown(page) == ["m2"]
    # Another member's edit, through the session: it starts matching, and is sorted in.
    session.set_partner_field("m3", "name", "Sar")
    assert _shown(page) == _fresh_view(page) == ["m2"]
    session.set_partner_field("m3", "name", "Saar")
    assert _shown(page) == _fresh_view(page) == ["m3", "m2"]
    session.set_partner_field("m3", "name", "Zwaagdijk")  # sorted after m2 now
    assert _shown(page) == _fresh_view(page) == ["m2", "m3"]
    # Sorted by country, a name edit leaves the order; a country edit re-sorts.
    page.filter_box.clear()
    page.select_member("m2")
    _click_header(qtbot, page, COUNTRY)
    session.set_partner_field("m1", "name", "Noord")
    assert _shown(page) == _fresh_view(page)
    session.set_partner_field("m1", "country", "AT")
    assert _shown(page) == _fresh_view(page)
    assert _shown(page)[0] == "m1"
    session.undo_stack.undo()
    assert _shown(page) == _fresh_view(page)
    assert _shown(page)[0] == "m2"  # Belgium
    # Equal rows stay in file order, sorted downwards too.
    _click_header(qtbot, page, COUNTRY)
    session.set_partner_field("m1", "country", "AT")
    session.undo_stack.undo()
    assert _shown(page) == _fresh_view(page) == ["m1", "m3", "m4", "m2"]
    assert page.current_id() == "m2"
    assert page.form.name_edit.text() == "Zwaag"


@offscreen
def test_a_renamed_member_that_moves_in_a_sorted_table_stays_in_view(qtbot):
    """A new-user trial sorted by name and typed in front of a name: the row moved up and
    out of view, and the table did not follow it."""
    proposal = Proposal.new()
    proposal.partners = [Partner(id=f"m{n}", name=f"Member {n:02d}", country="NL")
                         for n in range(40)]
    page, session = show_page(qtbot, PartnersPage, proposal)
    _click_header(qtbot, page, NAME)
    page.select_member("m39")  # the last row: scrolled to the bottom
    table = page.table

    def in_view() -> bool:
        return table.viewport().rect().intersects(table.visualRect(table.currentIndex()))

    assert in_view()
    page.form.name_edit.setFocus()
    page.form.name_edit.home(False)
    qtbot.keyClicks(page.form.name_edit, "A ")  # "A Member 39": first by name
    assert session.proposal.partner("m39").name == "A Member 39"
    assert table.model().index(0, NAME).data() == "A Member 39"
    qtbot.waitUntil(in_view)
    assert page.current_id() == "m39"


@offscreen
def test_the_chosen_row_stays_in_view_when_the_table_is_made_lower(qtbot):
    """A second new-user trial removed a member: a findings box appeared, the table got
    lower and the row chosen in its place was a sliver at the bottom."""
    proposal = Proposal.new()
    proposal.partners = [Partner(id=f"m{n}", name=f"Member {n:02d}", country="NL")
                         for n in range(40)]
    page, _session = show_page(qtbot, PartnersPage, proposal)
    table = page.table
    page.select_member("m39")

    def fully_in_view() -> bool:
        return table.viewport().rect().contains(table.visualRect(table.currentIndex()))

    assert fully_in_view()
    page.resize(page.width(), page.height() - 120)
    qtbot.waitUntil(fully_in_view)
