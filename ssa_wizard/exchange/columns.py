"""Which sheet column holds which partner field: header names in English and Dutch.

Headers are compared folded (case, spaces, punctuation and accents ignored), so
``E-mail``, ``email`` and ``E mail`` are one header. The first alias of each
language is the header that export writes, so every exported sheet maps back
without help. A ``ColumnMapping`` is what the import dialog shows and lets the
user correct: one entry per column, a field name or ``None`` (ignored column).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..i18n import N_, _
from ..rules import fold_name

#: The Partner fields a sheet or a card can fill, in the order export writes them.
FIELDS: tuple[str, ...] = (
    "name", "acronym", "country", "city", "pic", "category", "role", "umbrella",
    "other_ssa", "sole_regulator_monopoly", "contact_name", "contact_email",
    "role_description", "expertise",
)
TEXT_FIELDS = frozenset({"name", "acronym", "city", "contact_name", "contact_email",
                         "role_description", "expertise"})
FLAG_FIELDS = frozenset({"umbrella", "other_ssa", "sole_regulator_monopoly"})

#: field -> (English headers, Dutch headers); the first of each is written by export.
HEADERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "name": (("Name", "Organisation", "Organization", "Organisation name",
              "Organization name", "Name of organisation", "Legal name", "Partner",
              "Partner name", "Member", "Institution"),
             ("Naam", "Organisatie", "Naam organisatie", "Organisatienaam",
              "Naam van de organisatie", "Instelling", "Partnernaam")),
    "acronym": (("Acronym", "Short name", "Abbreviation"),
                ("Afkorting", "Acroniem", "Korte naam")),
    "country": (("Country", "Country code", "Nation"),
                ("Land", "Landcode")),
    "city": (("City", "Town", "Place", "Location"),
             ("Plaats", "Stad", "Vestigingsplaats", "Woonplaats")),
    "pic": (("PIC", "PIC number", "PIC code", "Participant identification code",
             "Participant ID"),
            ("PIC-nummer", "PIC-code")),
    "category": (("Category", "Type", "Organisation type", "Organization type",
                  "Type of organisation", "Kind"),
                 ("Categorie", "Soort", "Type organisatie", "Soort organisatie",
                  "Organisatietype")),
    "role": (("Role", "Partner role", "Role in the project", "Participation"),
             ("Rol", "Rol in het project", "Partnerrol")),
    "umbrella": (("Umbrella", "Umbrella organisation", "Umbrella organization"),
                 ("Koepelorganisatie", "Koepel")),
    "other_ssa": (("Other SSA", "In another SSA", "Member of another SSA", "Other alliance"),
                  ("Andere SSA", "In een andere SSA", "Lid van een andere SSA")),
    "sole_regulator_monopoly": (("Sole regulator monopoly", "Sole regulator", "Monopoly"),
                                ("Enige toezichthouder", "Monopolie")),
    "contact_name": (("Contact", "Contact person", "Contact name"),
                     ("Contactpersoon", "Naam contactpersoon")),
    "contact_email": (("E-mail", "Email", "Contact e-mail", "Contact email", "Mail",
                       "E-mail address", "Email address"),
                      ("E-mailadres", "Emailadres", "E-mail contactpersoon")),
    "role_description": (("Role description", "Role and added value", "Added value",
                          "Description of role"),
                         ("Rol en toegevoegde waarde", "Rolbeschrijving",
                          "Beschrijving rol", "Toegevoegde waarde")),
    "expertise": (("Expertise", "Experience", "Relevant expertise"),
                  ("Deskundigheid", "Ervaring")),
}

#: What the import dialog calls each field (translated when shown).
_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "acronym": N_("Acronym"),
    "country": N_("Country"),
    "city": N_("City"),
    "pic": N_("PIC"),
    "category": N_("Category"),
    "role": N_("Role"),
    "umbrella": N_("Umbrella organisation"),
    "other_ssa": N_("In another SSA"),
    "sole_regulator_monopoly": N_("Sole regulator (monopoly)"),
    "contact_name": N_("Contact person"),
    "contact_email": N_("E-mail"),
    "role_description": N_("Role and added value"),
    "expertise": N_("Expertise"),
}


def field_label(name: str) -> str:
    """The field's name for people, in the current language (for the mapping dialog)."""
    label = _LABELS.get(name)
    return _(label) if label else name


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, (english, dutch) in HEADERS.items():
        index[fold_name(name)] = name  # the code itself: "contact_email"
        for header in (*english, *dutch):
            index.setdefault(fold_name(header), name)
    return index


_INDEX = _build_index()


def field_for_header(header: str) -> str | None:
    """The field a header names, or ``None``: ``"E-mailadres"`` -> ``"contact_email"``."""
    return _INDEX.get(fold_name(header or ""))


def export_header(name: str, lang: str = "en") -> str:
    """The header export writes for a field (English, or Dutch for ``lang='nl'``)."""
    english, dutch = HEADERS[name]
    return dutch[0] if lang == "nl" else english[0]


@dataclass
class ColumnMapping:
    """Column index -> field (or ``None``: the column is ignored).

    The import dialog shows ``headers`` with ``fields`` and may call ``assign``;
    one field is never fed by two columns.
    """

    headers: list[str]
    fields: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.fields) < len(self.headers):
            self.fields = [*self.fields, *[None] * (len(self.headers) - len(self.fields))]

    @classmethod
    def guess(cls, headers: Sequence[str]) -> "ColumnMapping":
        """Match each header to a field; a field already taken by an earlier column is left out."""
        taken: set[str] = set()
        fields: list[str | None] = []
        for header in headers:
            name = field_for_header(header)
            if name is not None and name not in taken:
                taken.add(name)
                fields.append(name)
            else:
                fields.append(None)
        return cls(headers=list(headers), fields=fields)

    def assign(self, column: int, name: str | None) -> None:
        """Let ``column`` feed ``name`` (or nothing); a column that fed it before is cleared."""
        if name is not None and name not in FIELDS:
            raise ValueError(f"unknown field {name!r}")
        if name is not None:
            self.fields = [None if f == name else f for f in self.fields]
        self.fields[column] = name

    def field_of(self, column: int) -> str | None:
        return self.fields[column] if 0 <= column < len(self.fields) else None

    @property
    def columns(self) -> dict[str, int]:
        """field -> column index, for the mapped columns."""
        return {f: i for i, f in enumerate(self.fields) if f is not None}

    @property
    def has_name(self) -> bool:
        """Whether some column gives the organisation's name (nothing imports without it)."""
        return "name" in self.fields

    def score(self) -> int:
        return sum(1 for f in self.fields if f is not None)
