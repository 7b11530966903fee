"""Help, offline: a short guide per page, the keyboard shortcuts, and every rule.

The guides are Markdown files shipped as resources (``resources/help/<lang>/<page>.md``,
one per page in each language). Below a page's guide come the rules that apply on
that page, with their title, explanation and the Dutch source sentence they rest on,
from ``ssa_wizard.messages`` (the same texts as the "why?" links and ``docs/rules.md``),
so the help never drifts from the checks. ``HelpWindow`` shows them in a
``QTextBrowser``, which renders Markdown itself; F1 opens it on the current page.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ssa_wizard import i18n, messages
from ssa_wizard.i18n import _
from ssa_wizard.resources import resource_path

from .wizard.base import PAGE_TITLES, PAGES

#: The rules each page is where to act on (the rules' IDs, in the order shown).
PAGE_RULES: dict[str, tuple[str, ...]] = {
    "start": (),
    "project": ("C-TITLE",),
    "sector": ("E-SECTOR", "Q-OBJECTIVE"),
    "partners": ("E-APPLICANT-COUNT", "E-APPLICANT-COUNTRY", "E-MIN-COUNTRIES",
                 "E-MIN-EU-MEMBERS", "E-MIN-ORGS", "E-COUNTRY-TRIO", "E-ONE-SSA",
                 "E-MONOPOLY-NOT-REGULATOR", "E-DUPLICATE-ORG", "E-COUNTRY-CODE",
                 "C-ROLE-DESCRIPTION", "C-PIC-FORMAT", "C-EMAIL-FORMAT", "Q-TASKS",
                 "Q-PIC-MISSING", "I-UMBRELLA-EXEMPTION", "I-MONOPOLY-EXCEPTION",
                 "I-ASSOCIATED-NOT-COUNTED"),
    "activities": ("E-CORE-ACTIVITY", "C-EVIDENCE", "C-MOBILITY-PURPOSE", "C-ACTIVITY-LEAD",
                   "C-ACTIVITY-PERIOD", "Q-ASSOCIATED-LEAD"),
    "plans": ("C-QUALITY-ASSURANCE", "C-RECOGNITION", "C-SUSTAINABILITY", "Q-INNOVATION"),
    "review": (),
}

#: Links inside the help window.
PAGE_LINK, SHORTCUTS_LINK, RULES_LINK = "help:page", "help:shortcuts", "help:rules"


def guide_path(page: str, lang: str):
    """The guide file of ``page`` in ``lang`` (it may not exist: see ``guide_text``)."""
    return resource_path("help", lang, f"{page}.md")


def guide_text(page: str, lang: str | None = None) -> str:
    """The guide of ``page`` in ``lang``, or in English if that language lacks it."""
    lang = i18n.normalize_language(lang or i18n.current_language())
    for candidate in (lang, i18n.DEFAULT_LANGUAGE):
        path = guide_path(page, candidate)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return f"# {_(PAGE_TITLES.get(page, page))}\n"


def _group(rule_id: str) -> str:
    return {"E": _("Makes the proposal not eligible"), "C": _("Needed for a complete proposal"),
            "Q": _("Advice"), "I": _("For your information")}[rule_id[0]]


def rule_markdown(rule_id: str, lang: str | None = None) -> str:
    """One rule: its title and ID, what it means, and the sentence it rests on."""
    lines = [f"### {messages.title(rule_id, lang)} ({rule_id})", "",
             f"*{_group(rule_id)}.* {messages.explanation(rule_id, lang)}", ""]
    source = messages.source(rule_id)
    if source:
        lines += [_("Source (the call's Dutch text):"), "", f"> {source}", ""]
    return "\n".join(lines)


def _links() -> str:
    # Translated outside f-strings: message extraction does not look inside them.
    this_page, shortcuts, rules = _("This page"), _("Keyboard shortcuts"), _("All the rules")
    return " · ".join((f"[{this_page}]({PAGE_LINK})", f"[{shortcuts}]({SHORTCUTS_LINK})",
                       f"[{rules}]({RULES_LINK})")) + "\n\n"


def page_markdown(page: str, lang: str | None = None) -> str:
    """The help of ``page``: its guide, then the rules that apply there."""
    parts = [_links(), guide_text(page, lang).rstrip(), ""]
    rules = PAGE_RULES.get(page, ())
    if rules:
        heading = _("The rules on this page")
        parts += [f"## {heading}", ""]
        parts += [rule_markdown(rule_id, lang) for rule_id in rules]
    elif page == "review":
        parts += [_("Every rule the program checks is in [all the rules]({link}).").format(
            link=RULES_LINK), ""]
    return "\n".join(parts)


def rules_markdown(lang: str | None = None) -> str:
    """Every rule, page by page: the rules overview."""
    title = _("The rules SSA Wizard checks")
    parts = [_links(), f"# {title}", "",
             _("Errors that make a proposal not eligible must be fixed before it can be "
               "submitted; errors of completeness mean it is not ready yet; advice never "
               "blocks anything."), ""]
    for page in PAGES:
        if PAGE_RULES.get(page):
            parts += [f"## {_(PAGE_TITLES[page])}", ""]
            parts += [rule_markdown(rule_id, lang) for rule_id in PAGE_RULES[page]]
    return "\n".join(parts)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, once each, as shown."""
    rows: dict[str, str] = {}
    for action in actions:
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                         for s in action.shortcuts() if not s.isEmpty())
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        text = text.removesuffix("…").strip()
        if keys and text and keys not in rows:
            rows[keys] = text
    return sorted(((keys, text) for keys, text in rows.items()), key=lambda row: row[1].lower())


def shortcuts_markdown(actions: Iterable[QAction]) -> str:
    rows = shortcut_rows(actions)
    rows += [(_("Alt + underlined letter"), _("Go to that field or button")),
             ("Tab, Shift+Tab", _("Next or previous field")),
             (_("Alt+Up, Alt+Down"), _("Move the chosen member or activity up or down")),
             (_("Alt+Down, F4"), _("In a date: open the calendar"))]
    title, keys_head, what_head = _("Keyboard shortcuts"), _("Keys"), _("What they do")
    lines = [_links(), f"# {title}", "", f"| {keys_head} | {what_head} |", "|---|---|"]
    lines += [f"| {keys.replace('|', '/')} | {text.replace('|', '/')} |" for keys, text in rows]
    return "\n".join(lines) + "\n"



def _within_screen(size: QSize, near: QWidget | None) -> QSize:
    """``size``, made smaller where the screen (of ``near``) has less room: the guide
    must fit a 1366x768 laptop at 125% (its title bar and Close button on screen)."""
    screen = near.screen() if near is not None else None
    if screen is None:
        return size
    room = screen.availableGeometry().size() - QSize(40, 80)  # the window's frame
    return size.boundedTo(room)

class HelpWindow(QDialog):
    """The help, beside the main window (not modal): a guide, the shortcuts or the rules."""

    def __init__(self, actions_source: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._actions_source = actions_source
        self._page = "start"
        self._shown = PAGE_LINK
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(_within_screen(QSize(620, 640), parent))
        self.retranslate()

    def _actions(self) -> list[QAction]:
        return self._actions_source.findChildren(QAction)

    def show_page(self, page: str) -> None:
        self._page = page
        self._show(PAGE_LINK)

    def show_shortcuts(self) -> None:
        self._show(SHORTCUTS_LINK)

    def show_rules(self) -> None:
        self._show(RULES_LINK)

    def _show(self, what: str) -> None:
        self._shown = what
        if what == SHORTCUTS_LINK:
            text = shortcuts_markdown(self._actions())
        elif what == RULES_LINK:
            text = rules_markdown()
        else:
            text = page_markdown(self._page)
        self.browser.setMarkdown(text)
        self.show()
        self.raise_()
        self.activateWindow()

    def _link(self, url: QUrl) -> None:
        link = url.toString()
        if link in (PAGE_LINK, SHORTCUTS_LINK, RULES_LINK):
            self._show(link)

    def shown(self) -> str:
        """What is shown: ``help:page``, ``help:shortcuts`` or ``help:rules``."""
        return self._shown

    def retranslate(self) -> None:
        self.setWindowTitle(_("SSA Wizard Help"))
        self.browser.setAccessibleName(_("Help"))
        if self.isVisible():
            self._show(self._shown)
