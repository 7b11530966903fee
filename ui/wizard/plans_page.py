"""The plans: quality assurance, recognition, sustainability and innovation.

Each has one line of guidance, taken from what the source text asks for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QSignalBlocker
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from ssa_wizard.i18n import N_, _

from ..session import Session
from ..widgets.field_rows import text_box
from .base import WizardPage

#: (field, label, guidance): the guidance paraphrases the source text's demand.
PLANS = (
    ("quality_assurance", N_("&Quality assurance"),
     N_("The curricula must rest on a robust quality assurance system: describe how you "
        "will check and improve their quality.")),
    ("recognition", N_("&Recognition"),
     N_("The countries and sectors involved must also recognise the skills: describe how "
        "that will happen.")),
    ("sustainability", N_("S&ustainability"),
     N_("The alliance must have impact after the project, and beyond its own members: "
        "describe how.")),
    ("innovation", N_("Inno&vation"),
     N_("Sector Skills Alliances must focus on innovation: say what is new in your approach.")),
)


class PlansPage(WizardPage):
    """Four free texts, each with its guidance and its findings."""

    key = "plans"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.guidance: dict[str, QLabel] = {}
        # One grid row per part (title, guidance, text, findings) for each pair of
        # plans, so the two text boxes side by side start and end at the same height.
        for index, (name, text, guidance) in enumerate(PLANS):
            guidance_label = QLabel(self)
            guidance_label.setWordWrap(True)
            guidance_label.setTextFormat(Qt.TextFormat.PlainText)
            guidance_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            guidance_label.setStyleSheet("color: #5f5f5f;")
            edit = text_box()
            row = self.fields.make(f"plans.{name}", edit, text, description=guidance,
                                   parent=self)
            row.label.setStyleSheet("font-weight: bold;")
            top, column = (index // 2) * 4, index % 2
            for offset, widget in enumerate((row.label, guidance_label, edit, row.findings)):
                grid.addWidget(widget, top + offset, column)
            grid.setRowStretch(top + 2, 1)
            if index % 2 == 0 and index:
                grid.setRowMinimumHeight(top, 24)
            self.edits[name] = edit
            self.guidance[name] = guidance_label
            edit.textChanged.connect(lambda n=name: self._edited(n))
        session.proposal_changed.connect(self.load_from_session)
        self.finish_setup()

    def _edited(self, name: str) -> None:
        self.session.set_plans_field(name, self.edits[name].toPlainText())

    def load_from_session(self) -> None:
        plans = self.session.proposal.plans
        for name, edit in self.edits.items():
            value = getattr(plans, name)
            if edit.toPlainText() != value:
                with QSignalBlocker(edit):
                    edit.setPlainText(value)

    def retranslate(self) -> None:
        super().retranslate()
        self.setSubTitle(_("How the alliance assures quality, gets the skills recognised, "
                           "lasts beyond the project and innovates."))
        for name, _text, guidance in PLANS:
            self.guidance[name].setText(_(guidance))
