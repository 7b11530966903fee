"""Display names of the codes stored in a proposal (sectors, categories, roles, ...).

Files store codes; people read these names. Each name is marked for translation
and translated when asked for, in the current language or ``lang``.
"""

from __future__ import annotations

from . import i18n
from .i18n import N_

SECTORS: dict[str, tuple[str, str]] = {
    "manufacturing_engineering": (
        N_("Manufacturing and engineering"),
        N_("Making things and the technology behind them: metal, machines, vehicles, electronics."),
    ),
    "commerce": (N_("Commerce"), N_("Retail and wholesale trade, sales, e-commerce.")),
    "ict": (
        N_("Information and communication technology"),
        N_("Software, networks, digital services and the skills to build and run them."),
    ),
    "environmental_technology": (
        N_("Environmental technology"),
        N_("Clean energy, recycling, water and air treatment, green building."),
    ),
    "cultural_creative": (
        N_("Cultural and creative sectors"),
        N_("Design, media, arts, heritage, music, publishing and crafts."),
    ),
    "health_care": (
        N_("Health care"),
        N_("Care for patients, the elderly and people with disabilities; health services."),
    ),
    "tourism": (N_("Tourism"), N_("Hospitality, travel, leisure and catering.")),
}

OBJECTIVES: dict[str, str] = {
    "skills_and_qualifications": N_("Improve the level of skills and qualifications"),
    "quality_innovation_internationalisation": N_("Foster quality, innovation and internationalisation"),
    "modernisation_of_education": N_("Promote the development and modernisation of education"),
    "international_dimension": N_("Enhance the international dimension of education and training"),
    "language_learning": N_("Improve the teaching and learning of languages"),
}

CATEGORIES: dict[str, tuple[str, str]] = {
    "vet_provider": (
        N_("VET provider"),
        N_("Provides vocational education and training."),
    ),
    "sector_expertise": (
        N_("Sector expertise"),
        N_("Has expertise in the sector and is active in it or represents it."),
    ),
    "regulatory_body": (
        N_("Regulatory body"),
        N_("Supervises or regulates education and training."),
    ),
    "other": (N_("Other"), N_("Any other kind of organisation.")),
}

ROLES: dict[str, str] = {
    "applicant": N_("Applicant"),
    "full": N_("Full partner"),
    "associated": N_("Associated partner"),
}

ACTIVITY_KINDS: dict[str, tuple[str, str]] = {
    "skills_needs": (N_("Skills needs"), N_("Identify the skills and training needs of the sector.")),
    "curriculum_design": (N_("Curriculum design"), N_("Design joint curricula.")),
    "curriculum_delivery": (N_("Curriculum delivery"), N_("Deliver joint curricula.")),
    "mobility": (N_("Mobility"), N_("Mobility of learners and staff.")),
    "management": (N_("Management"), N_("Project management and coordination.")),
    "dissemination": (N_("Dissemination"), N_("Sharing and using the results.")),
    "other": (N_("Other"), N_("Any other activity.")),
}


def _tr(message: str, lang: str | None) -> str:
    return i18n.translation(lang or i18n.current_language()).gettext(message)


def _lookup(table: dict, code: str, index: int | None, lang: str | None) -> str:
    entry = table.get(code)
    if entry is None:
        return code
    return _tr(entry if index is None else entry[index], lang)


def sector(code: str, lang: str | None = None) -> str:
    return _lookup(SECTORS, code, 0, lang)


def sector_description(code: str, lang: str | None = None) -> str:
    return _lookup(SECTORS, code, 1, lang) if code in SECTORS else ""


def objective(code: str, lang: str | None = None) -> str:
    return _lookup(OBJECTIVES, code, None, lang)


def category(code: str, lang: str | None = None) -> str:
    return _lookup(CATEGORIES, code, 0, lang) if code else _tr(N_("no category"), lang)


def category_description(code: str, lang: str | None = None) -> str:
    return _lookup(CATEGORIES, code, 1, lang) if code in CATEGORIES else ""


def role(code: str, lang: str | None = None) -> str:
    return _lookup(ROLES, code, None, lang)


def activity_kind(code: str, lang: str | None = None) -> str:
    return _lookup(ACTIVITY_KINDS, code, 0, lang) if code else _tr(N_("no kind"), lang)


def activity_kind_description(code: str, lang: str | None = None) -> str:
    return _lookup(ACTIVITY_KINDS, code, 1, lang) if code in ACTIVITY_KINDS else ""


def severity(code: str, lang: str | None = None) -> str:
    names = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Note")}
    return _tr(names.get(code, code), lang)


def group(code: str, lang: str | None = None) -> str:
    names = {"eligibility": N_("Eligibility"), "completeness": N_("Completeness"),
             "advice": N_("Advice")}
    return _tr(names.get(code, code), lang)
