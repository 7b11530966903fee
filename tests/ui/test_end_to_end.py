"""Build an eligible, complete proposal entirely through the GUI, save it, reopen it.

Every value is typed or clicked into the real widgets of the window, page by page;
the consortium panel is checked at the moments it must change (a country's cell
turns green when its third category arrives, the verdict when the ninth member
does). Then Save, a fresh start, Open, and the reopened proposal must be the one
that was built.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ssa_wizard import storage

from .pages import choose as _choose

MEMBERS = [  # name, country typed, code, category, role
    ("ROC Utrecht", "Nether", "NL", "vet_provider", "applicant"),
    ("Retail NL", "NL", "NL", "sector_expertise", "full"),
    ("SBB", "netherlands", "NL", "regulatory_body", "full"),
    ("Berufsschule Köln", "Germ", "DE", "vet_provider", "full"),
    ("HDE", "DE", "DE", "sector_expertise", "full"),
    ("KMK", "Germany", "DE", "regulatory_body", "full"),
    ("Szkoła Łódź", "Pol", "PL", "vet_provider", "full"),
    ("PIH", "PL", "PL", "sector_expertise", "full"),
    ("Kuratorium", "Poland", "PL", "regulatory_body", "full"),
]


def _type(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget``; letters beyond ASCII as key events carrying them."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:  # QTest only knows ASCII keys; a keyboard layout sends the letter as text
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         char))


def test_build_save_reopen(qtbot, main_window, session, dialogs, tmp_path):
    window, panel = main_window, main_window.panel
    window.activateWindow()
    qtbot.waitActive(window)

    def settled(check) -> None:
        qtbot.waitUntil(check, timeout=2000)  # the re-check runs on the next event-loop turn

    # Start -> Project.
    window.pages["start"].new_button.click()
    assert window.current_key() == "project"
    project = window.pages["project"]
    _type(qtbot, project.title_edit, "Digital skills for small shops")
    _type(qtbot, project.acronym_edit, "DIGISHOP")
    project.duration_spin.setFocus()
    project.duration_spin.selectAll()
    qtbot.keyClicks(project.duration_spin, "24")
    _type(qtbot, project.date_edit.line, "01/09/2027")
    assert project.date_edit.understood.text() == "1 September 2027"
    _type(qtbot, project.summary_edit, "Shops need digital sales skills.")
    assert project.summary_counter.text() == "32 characters"

    # Sector.
    window.wizard.next()
    sector = window.pages["sector"]
    for box in (sector.sector_buttons["commerce"],
                sector.objective_checks["skills_and_qualifications"]):
        # On the box itself: a click in the empty space right of the text does nothing.
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert session.proposal.project.sector == "commerce"
    assert session.proposal.project.objectives == ["skills_and_qualifications"]
    settled(lambda: not sector.sector_findings.findings())

    # Partners: nine members, three countries, the three categories in each.
    window.wizard.next()
    partners = window.pages["partners"]
    add_button = partners.toolbar.widgetForAction(partners.add_action)
    assert panel.eligible_label.text() == "✗ Not eligible"
    for number, (name, typed, code, category, role) in enumerate(MEMBERS, start=1):
        qtbot.mouseClick(add_button, Qt.MouseButton.LeftButton)
        _type(qtbot, partners.form.name_edit, name)
        picker = partners.form.country_picker.lineEdit()
        picker.setFocus()
        picker.selectAll()
        qtbot.keyClicks(picker, typed)
        popup = partners.form.country_picker.completer().popup()
        qtbot.keyClick(popup if popup.isVisible() else picker, Qt.Key.Key_Return)
        if popup.isVisible():  # the completer may stay open over the form; Escape closes it
            qtbot.keyClick(popup, Qt.Key.Key_Escape)
        assert partners.form.country_picker.country() == code, typed
        _choose(qtbot, partners.form.category_combo, category)
        _choose(qtbot, partners.form.role_combo, role)
        _type(qtbot, partners.form.pic_edit, f"90000000{number}")
        _type(qtbot, partners.form.role_description_edit, f"{name} brings its {category}.")
        member = session.proposal.partners[-1]
        assert (member.name, member.country, member.category, member.role) == (
            name, code, category, role)
        if category == "sector_expertise":
            settled(lambda c=code: panel.cell_state(c, "sector_expertise") == "covered")
            assert panel.cell_state(code, "regulatory_body") == "missing"
        if category == "regulatory_body":
            # The third category: the whole row is green now.
            settled(lambda c=code: panel.cell_state(c, "regulatory_body") == "covered")
            assert [panel.cell_state(code, c) for c in
                    ("vet_provider", "sector_expertise", "regulatory_body")] == ["covered"] * 3
        if number < len(MEMBERS):
            assert panel.count_labels["full_participants"].text().startswith("✗ ")
    settled(lambda: panel.count_labels["full_participants"].text() == "✓ Full participants: 9 of at least 9")
    assert panel.count_labels["countries"].text().startswith("✓ ")
    assert panel.count_labels["eu_member_states"].text().startswith("✓ ")
    # Still no core activity: eligibility waits for the activities page.
    assert panel.eligible_label.text() == "✗ Not eligible"

    # Activities: a skills-needs survey led by the applicant, with everyone in it.
    window.wizard.next()
    activities = window.pages["activities"]
    qtbot.mouseClick(activities.toolbar.widgetForAction(activities.add_action),
                     Qt.MouseButton.LeftButton)
    assert len(session.proposal.activities) == 1
    _choose(qtbot, activities.kind_combo, "skills_needs")
    _type(qtbot, activities.title_edit, "Skills survey")
    lead_id = session.proposal.partners[0].id
    _choose(qtbot, activities.lead_combo, lead_id)
    for row in range(activities.participants_list.count()):
        item = activities.participants_list.item(row)
        item.setCheckState(Qt.CheckState.Checked)  # ticks the box: itemChanged, as a click
    for spin, value in ((activities.start_spin, "1"), (activities.end_spin, "12")):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, value)
    _type(qtbot, activities.evidence_edit, "Interviews with 60 shops.")
    settled(lambda: panel.eligible_label.text() == "✓ Eligible")

    # Plans.
    window.wizard.next()
    plans = window.pages["plans"]
    for name, edit in plans.edits.items():
        _type(qtbot, edit, f"Our {name.replace('_', ' ')}.")
    settled(lambda: panel.complete_label.text() == "✓ Complete")

    # Review: nothing left to fix; save from the page's own button.
    window.wizard.next()
    review = window.pages["review"]
    assert window.current_key() == "review"
    assert session.report.eligible and session.report.complete
    assert all(f.severity != "error" for f in review.findings_shown())
    target = tmp_path / "digishop.ssa.json"
    dialogs.script("save_file", str(target))
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    assert not window.isWindowModified()
    assert "DIGISHOP" in dialogs.asked("save_file")[0][2]
    built = session.proposal.model_dump()
    assert built["project"] == {
        "title": "Digital skills for small shops", "acronym": "DIGISHOP", "sector": "commerce",
        "objectives": ["skills_and_qualifications"], "duration_months": 24,
        "start_date": "2027-09-01", "summary": "Shops need digital sales skills."}
    assert json.loads(target.read_text("utf-8"))["project"]["acronym"] == "DIGISHOP"

    # A fresh proposal, then reopen the file through File > Open.
    window.new_action.trigger()
    assert session.proposal.project.title == ""
    assert panel.eligible_label.text() == "✗ Not eligible"
    dialogs.script("open_file", str(target))
    window.open_action.trigger()
    assert session.proposal.model_dump() == built
    assert storage.load(target).proposal.model_dump() == built
    assert project.title_edit.text() == "Digital skills for small shops"
    assert sector.sector_buttons["commerce"].isChecked()
    assert plans.edits["recognition"].toPlainText() == "Our recognition."
    assert panel.eligible_label.text() == "✓ Eligible"
    assert panel.complete_label.text() == "✓ Complete"
