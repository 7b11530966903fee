"""What each finding says, in the user's language, and why each rule exists.

Text is made from the rule ID and the finding's params at the moment it is shown,
never stored, so switching the language re-words every finding. Each message says
what is wrong, names the organisation, activity or country concerned, and says
what to do about it. Each rule also has a title, a longer explanation (with the
reading of ``rules.md``'s Interpretation lines where there is one) and its source
sentence, quoted from the Dutch page as it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import countries, i18n, labels
from .guidance import Step, page_of, page_title
from .rules import Finding, Report


class _Text:
    """The gettext functions of one language, plus helpers for names in it."""

    def __init__(self, lang: str | None, here: str | None = None):
        self.lang = i18n.normalize_language(lang or i18n.current_language())
        translation = i18n.translation(self.lang)
        self.gettext = translation.gettext
        self.ngettext = translation.ngettext
        #: The page the user is on (a key of ``guidance.PAGES``), None outside the GUI.
        self.here = here

    def on_its_page(self, finding: Finding) -> bool:
        """True when the user is on the page where ``finding`` is fixed: the message
        then says what to do without sending them to that page."""
        return self.here is not None and self.here == page_of(finding)

    def country(self, code: str | None) -> str:
        if not code:
            return self.gettext("(no country)")
        return countries.name(code, self.lang)

    def member(self, params: dict[str, Any]) -> str:
        """The member a finding is about: by name, or by its row and category (never an id)."""
        name = (params.get("name") or "").strip()
        if name:
            return f"“{name}”"
        row, category = params.get("member_row"), params.get("member_category")
        if row is None:
            return self.gettext("a member without a name")
        if category:
            return self.gettext("member {row} ({category}, no name yet)").format(
                row=row, category=labels.category(category, self.lang))
        return self.gettext("member {row} (no name yet)").format(row=row)

    def members(self, names: list[str], rows: list[int], categories: list[str]) -> list[str]:
        return [self.member({"name": n, "member_row": r, "member_category": c})
                for n, r, c in zip(names, rows, categories, strict=True)]

    def activity(self, params: dict[str, Any]) -> str:
        """The activity a finding is about: by title, or by its row (never an id)."""
        title = (params.get("title") or "").strip()
        if title:
            return f"“{title}”"
        if params.get("activity_row") is None:
            return self.gettext("without a title")
        return self.gettext("number {row} (no title yet)").format(row=params["activity_row"])

    def categories(self, codes: list[str]) -> str:
        return self.join([f"“{labels.category(code, self.lang)}”" for code in codes])

    def join(self, items: list[str]) -> str:
        """``a``, ``a and b``, ``a, b and c`` in the language."""
        if len(items) <= 1:
            return "".join(items)
        return self.gettext("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


Message = Callable[[Finding, _Text], str]


def _applicant_count(f: Finding, t: _Text) -> str:
    _ = t.gettext
    if f.params.get("count", 0) == 0:
        if t.on_its_page(f):
            return _("No member is the applicant. Choose one organisation from a programme "
                     "country as the applicant.")
        return _("No member is the applicant. Choose one organisation from a programme "
                 "country as the applicant on the Partners page.")
    members = t.join(t.members(f.params["names"], f.params["rows"], f.params["categories"]))
    return _("There are {count} applicants ({members}), but a consortium has exactly one. "
             "Keep one applicant and make the others full partners.").format(
        members=members, count=f.params["count"])


def _applicant_country(f: Finding, t: _Text) -> str:
    _ = t.gettext
    if not f.params.get("country"):
        return _("The applicant {member} has no country. Choose its country; the applicant "
                 "must come from a programme country.").format(member=t.member(f.params))
    return _("The applicant {member} is from {country}, which is not a programme country. "
             "Choose an applicant from a programme country.").format(
        member=t.member(f.params), country=t.country(f.params["country"]))


def _min_countries(f: Finding, t: _Text) -> str:
    p = f.params
    if p["count"] == 0:
        return t.gettext("No programme country is involved yet; at least {minimum} are needed. "
                         "Add full partners from programme countries.").format(minimum=p["minimum"])
    return t.ngettext(
        "Only {count} programme country is involved; at least {minimum} are needed. "
        "Add full partners from more programme countries.",
        "Only {count} programme countries are involved; at least {minimum} are needed. "
        "Add full partners from more programme countries.",
        p["count"]).format(count=p["count"], minimum=p["minimum"])


def _min_eu_members(f: Finding, t: _Text) -> str:
    p = f.params
    if p["count"] == 0:
        return t.gettext("No EU Member State is involved yet; at least {minimum} are needed. "
                         "Add full partners from EU Member States.").format(minimum=p["minimum"])
    return t.ngettext(
        "Only {count} EU Member State is among the programme countries involved; at least "
        "{minimum} are needed. Add full partners from another EU Member State.",
        "Only {count} EU Member States are among the programme countries involved; at least "
        "{minimum} are needed. Add full partners from another EU Member State.",
        p["count"]).format(count=p["count"], minimum=p["minimum"])


def _min_orgs(f: Finding, t: _Text) -> str:
    p = f.params
    if p["count"] == 0:
        return t.gettext("The consortium has no full participants yet; at least {minimum} are "
                         "needed (associated partners and umbrella organisations do not count). "
                         "Add the applicant and full partners.").format(minimum=p["minimum"])
    return t.ngettext(
        "The consortium has {count} full participant; at least {minimum} are needed "
        "(associated partners and umbrella organisations do not count). Add full partners.",
        "The consortium has {count} full participants; at least {minimum} are needed "
        "(associated partners and umbrella organisations do not count). Add full partners.",
        p["count"]).format(count=p["count"], minimum=p["minimum"])


def _country_trio(f: Finding, t: _Text) -> str:
    _ = t.gettext
    p = f.params
    text = t.ngettext(
        "{country} has no full participant of the category {missing}. Add one as a full "
        "partner from {country}.",
        "{country} has no full participants of the categories {missing}. Add them as full "
        "partners from {country}.",
        len(p["missing"])).format(country=t.country(p["country"]), missing=t.categories(p["missing"]))
    if not p.get("programme", True):
        text += " " + _("{country} is a partner country: you can also make its members "
                        "associated partners, so that it is not involved.").format(
            country=t.country(p["country"]))
    else:
        text += " " + _("An umbrella organisation from {country} would also exempt it.").format(
            country=t.country(p["country"]))
    return text


def _one_ssa(f: Finding, t: _Text) -> str:
    _ = t.gettext
    return _("{member} takes part in another Sector Skills Alliance at the same time, which "
             "only a sole regulator with a monopoly may do. Make it an associated partner, "
             "or replace it.").format(member=t.member(f.params))


def _monopoly_not_regulator(f: Finding, t: _Text) -> str:
    _ = t.gettext
    return _("{member} claims to be the sole regulator with a monopoly, but its category is "
             "not “{regulatory}”. Correct its category, or clear the claim.").format(
        member=t.member(f.params), regulatory=labels.category("regulatory_body", t.lang))


def _duplicate_org(f: Finding, t: _Text) -> str:
    _ = t.gettext
    p = f.params
    named = t.members(p["other_names"], p["other_rows"], p["other_categories"])
    if p.get("more"):
        named.append(t.ngettext("{count} other", "{count} others", p["more"]).format(
            count=p["more"]))
    others = t.join(named)
    if "pic" in p["same"]:
        text = _("{member} has the same PIC ({pic}) as {others}.")
    else:
        text = _("{member} has the same name and country as {others}.")
    return (text + " " + _("An organisation can appear only once: remove the duplicate or "
                           "correct it.")).format(member=t.member(p), pic=p["pic"],
                                                 others=others)


def _sector(f: Finding, t: _Text) -> str:
    _ = t.gettext
    if not f.params.get("sector"):
        return _("No sector is chosen. Choose the sector the alliance works in.")
    return _("“{sector}” is not one of the sectors of this call. Choose one of the listed "
             "sectors.").format(sector=f.params["sector"])


def _core_activity(f: Finding, t: _Text) -> str:
    _ = t.gettext
    return _("There is no activity that identifies skills needs, designs joint curricula or "
             "delivers them. Add at least one such activity.")


def _country_code(f: Finding, t: _Text) -> str:
    _ = t.gettext
    if not f.params.get("country"):
        return _("{member} has no country. Choose the country it is established in.").format(
            member=t.member(f.params))
    return _("{member} has the unknown country code “{country}”. Choose its country from the "
             "list.").format(member=t.member(f.params), country=f.params["country"])


def _title(f: Finding, t: _Text) -> str:
    if t.on_its_page(f):
        return t.gettext("The proposal has no title. Give it a title.")
    return t.gettext("The proposal has no title. Give it a title on the Project page.")


def _role_description(f: Finding, t: _Text) -> str:
    return t.gettext("{member} has no description of its role and added value. Describe what "
                     "it does in the alliance and what it brings.").format(
        member=t.member(f.params))


def _evidence(f: Finding, t: _Text) -> str:
    return t.gettext("The skills needs activity {activity} does not say what evidence it "
                     "builds on. Name the studies, data or surveys it uses.").format(
        activity=t.activity(f.params))


def _quality_assurance(f: Finding, t: _Text) -> str:
    if t.on_its_page(f):
        return t.gettext("The proposal designs or delivers curricula but does not describe "
                         "its quality assurance system. Describe it.")
    return t.gettext("The proposal designs or delivers curricula but does not describe its "
                     "quality assurance system. Describe it on the Plans page.")


def _recognition(f: Finding, t: _Text) -> str:
    if t.on_its_page(f):
        return t.gettext("The proposal does not say how the countries and sectors involved "
                         "will recognise the skills. Describe it.")
    return t.gettext("The proposal does not say how the countries and sectors involved will "
                     "recognise the skills. Describe it on the Plans page.")


def _sustainability(f: Finding, t: _Text) -> str:
    if t.on_its_page(f):
        return t.gettext("The proposal does not say what impact the alliance will have after "
                         "the project and beyond its members. Describe it.")
    return t.gettext("The proposal does not say what impact the alliance will have after the "
                     "project and beyond its members. Describe it on the Plans page.")


def _mobility_purpose(f: Finding, t: _Text) -> str:
    return t.gettext("The mobility activity {activity} does not say how it serves the "
                     "project's objectives. Describe its purpose.").format(
        activity=t.activity(f.params))


def _activity_lead(f: Finding, t: _Text) -> str:
    _ = t.gettext
    activity = t.activity(f.params)
    if f.params.get("problem") == "no_lead":
        return _("The activity {activity} has no lead. Choose the member that leads it.").format(
            activity=activity)
    return _("The activity {activity} refers to members that do not exist ({ids}). Choose "
             "its lead and participants again.").format(
        activity=activity, ids=", ".join(f.params.get("unknown", [])))


def _activity_period(f: Finding, t: _Text) -> str:
    _ = t.gettext
    p = f.params
    activity = t.activity(p)
    if p["problem"] == "missing":
        if p.get("start") is not None:
            return _("The activity {activity} has no end month. Set it.").format(
                activity=activity)
        if p.get("end") is not None:
            return _("The activity {activity} has no start month. Set it.").format(
                activity=activity)
        return _("The activity {activity} has no start or end month. Set both.").format(
            activity=activity)
    if p["problem"] == "order":
        return _("The activity {activity} ends (month {end}) before it starts (month {start}). "
                 "Correct the months.").format(activity=activity, start=p["start"], end=p["end"])
    if p.get("duration") is None:
        return _("The activity {activity} starts before month 1. Correct the months.").format(
            activity=activity)
    return _("The activity {activity} runs from month {start} to {end}, outside the project's "
             "{duration} months. Move it within months 1 to {duration}, or extend the project.").format(
        activity=activity, start=p["start"], end=p["end"], duration=p["duration"])


def _pic_format(f: Finding, t: _Text) -> str:
    return t.gettext("The PIC of {member}, “{pic}”, is not 9 digits. Copy it again from the "
                     "Participant Register.").format(member=t.member(f.params),
                                                    pic=f.params["pic"])


def _email_format(f: Finding, t: _Text) -> str:
    return t.gettext("The e-mail address of {member}, “{email}”, is not valid. Correct it.").format(
        member=t.member(f.params), email=f.params["email"])


def _objective(f: Finding, t: _Text) -> str:
    return t.gettext("No specific objective is chosen. Priority goes to proposals that address "
                     "at least one: choose the ones the project serves.")


def _tasks(f: Finding, t: _Text) -> str:
    return t.gettext("{member} neither leads nor takes part in any activity. Give it tasks "
                     "that match its expertise.").format(member=t.member(f.params))


def _associated_lead(f: Finding, t: _Text) -> str:
    return t.gettext("The activity {activity} is led by the associated partner {member}, which "
                     "has no contract and gets no grant. Let a full participant lead it.").format(
        activity=t.activity(f.params), member=t.member(f.params))


def _pic_missing(f: Finding, t: _Text) -> str:
    return t.gettext("{member} has no PIC yet. It needs one to submit: register it in the "
                     "Participant Register.").format(member=t.member(f.params))


def _innovation(f: Finding, t: _Text) -> str:
    if t.on_its_page(f):
        return t.gettext("The proposal says nothing about what is innovative. Sector Skills "
                         "Alliances must focus on innovation: describe it.")
    return t.gettext("The proposal says nothing about what is innovative. Sector Skills "
                     "Alliances must focus on innovation: describe it on the Plans page.")


def _umbrella_exemption(f: Finding, t: _Text) -> str:
    return t.gettext("{country} is exempt from the three categories because an umbrella "
                     "organisation from there is a full participant. The umbrella organisation "
                     "itself does not count towards the minimums.").format(
        country=t.country(f.params["country"]))


def _monopoly_exception(f: Finding, t: _Text) -> str:
    return t.gettext("{member} takes part in another Sector Skills Alliance as the sole "
                     "regulator with a monopoly. This is allowed; keep the proof of the "
                     "monopoly at hand.").format(member=t.member(f.params))


def _associated_not_counted(f: Finding, t: _Text) -> str:
    return t.ngettext(
        "There is {count} associated partner. Associated partners do not count towards the "
        "minimum numbers of countries and organisations.",
        "There are {count} associated partners. Associated partners do not count towards the "
        "minimum numbers of countries and organisations.",
        f.params["count"]).format(count=f.params["count"])


_MESSAGES: dict[str, Message] = {
    "E-APPLICANT-COUNT": _applicant_count,
    "E-APPLICANT-COUNTRY": _applicant_country,
    "E-MIN-COUNTRIES": _min_countries,
    "E-MIN-EU-MEMBERS": _min_eu_members,
    "E-MIN-ORGS": _min_orgs,
    "E-COUNTRY-TRIO": _country_trio,
    "E-ONE-SSA": _one_ssa,
    "E-MONOPOLY-NOT-REGULATOR": _monopoly_not_regulator,
    "E-DUPLICATE-ORG": _duplicate_org,
    "E-SECTOR": _sector,
    "E-CORE-ACTIVITY": _core_activity,
    "E-COUNTRY-CODE": _country_code,
    "C-TITLE": _title,
    "C-ROLE-DESCRIPTION": _role_description,
    "C-EVIDENCE": _evidence,
    "C-QUALITY-ASSURANCE": _quality_assurance,
    "C-RECOGNITION": _recognition,
    "C-SUSTAINABILITY": _sustainability,
    "C-MOBILITY-PURPOSE": _mobility_purpose,
    "C-ACTIVITY-LEAD": _activity_lead,
    "C-ACTIVITY-PERIOD": _activity_period,
    "C-PIC-FORMAT": _pic_format,
    "C-EMAIL-FORMAT": _email_format,
    "Q-OBJECTIVE": _objective,
    "Q-TASKS": _tasks,
    "Q-ASSOCIATED-LEAD": _associated_lead,
    "Q-PIC-MISSING": _pic_missing,
    "Q-INNOVATION": _innovation,
    "I-UMBRELLA-EXEMPTION": _umbrella_exemption,
    "I-MONOPOLY-EXCEPTION": _monopoly_exception,
    "I-ASSOCIATED-NOT-COUNTED": _associated_not_counted,
}


def message(finding: Finding, lang: str | None = None, here: str | None = None) -> str:
    """What ``finding`` means and what to do about it, in ``lang`` (or the current one).

    ``here`` is the page the user sees (a key of ``guidance.PAGES``): a message shown
    on the page where its finding is fixed does not send the user to that page. None
    (the command line, the printed summary) keeps every "on the … page" hint.
    """
    text = _MESSAGES[finding.rule](finding, _Text(lang, here))
    # A sentence may start with a name placeholder whose fallback is lower case.
    return text[:1].upper() + text[1:]



# --- the next step, as an instruction ---------------------------------------------

def action(step: Step, lang: str | None = None) -> str:
    """What to do for ``step``, as a short instruction in ``lang``: "add a regulatory
    body in Belgium" (no capital, no full stop: ``step_text`` frames it)."""
    t = _Text(lang)
    _ = t.gettext
    f, p = step.finding, step.finding.params
    if step.adds_member:
        country = t.country(step.country)
        return {
            "vet_provider": _("add a VET provider in {country}"),
            "sector_expertise": _("add an organisation with sector expertise in {country}"),
            "regulatory_body": _("add a regulatory body in {country}"),
        }[step.category or ""].format(country=country)
    member, activity = t.member(p), t.activity(p)
    rule = f.rule
    if rule == "E-APPLICANT-COUNT":
        return _("choose the applicant") if p.get("count", 0) == 0 else _("keep one applicant")
    if rule == "E-APPLICANT-COUNTRY":
        return _("choose an applicant from a programme country")
    if rule == "E-COUNTRY-CODE":
        return _("choose the country of {member}").format(member=member)
    if rule == "E-MIN-COUNTRIES":
        more = p["minimum"] - p["count"]
        return t.ngettext("add full partners from {n} more programme country",
                          "add full partners from {n} more programme countries", more).format(n=more)
    if rule == "E-MIN-EU-MEMBERS":
        more = p["minimum"] - p["count"]
        return t.ngettext("add full partners from {n} more EU Member State",
                          "add full partners from {n} more EU Member States", more).format(n=more)
    if rule == "E-MIN-ORGS":
        more = p["minimum"] - p["count"]
        return t.ngettext("add {n} more full participant",
                          "add {n} more full participants", more).format(n=more)
    texts: dict[str, str] = {
        "E-COUNTRY-TRIO": _("complete the categories in {country}"),
        "E-ONE-SSA": _("make {member} an associated partner, or replace it"),
        "E-MONOPOLY-NOT-REGULATOR": _("correct the category or the monopoly claim of {member}"),
        "E-DUPLICATE-ORG": _("remove or correct the duplicate {member}"),
        "E-SECTOR": _("choose the sector"),
        "E-CORE-ACTIVITY": _("add an activity that identifies skills needs, designs joint "
                             "curricula or delivers them"),
        "C-TITLE": _("give the proposal a title"),
        "C-ROLE-DESCRIPTION": _("describe the role and added value of {member}"),
        "C-EVIDENCE": _("name the evidence of the activity {activity}"),
        "C-QUALITY-ASSURANCE": _("describe the quality assurance"),
        "C-RECOGNITION": _("describe how the skills will be recognised"),
        "C-SUSTAINABILITY": _("describe the impact after the project"),
        "C-MOBILITY-PURPOSE": _("describe the purpose of the mobility activity {activity}"),
        "C-ACTIVITY-LEAD": _("choose the lead of the activity {activity}"),
        "C-ACTIVITY-PERIOD": _("correct the months of the activity {activity}"),
        "C-PIC-FORMAT": _("correct the PIC of {member}"),
        "C-EMAIL-FORMAT": _("correct the e-mail address of {member}"),
        "Q-OBJECTIVE": _("choose a specific objective"),
        "Q-TASKS": _("give {member} a task in an activity"),
        "Q-ASSOCIATED-LEAD": _("let a full participant lead the activity {activity}"),
        "Q-PIC-MISSING": _("add the PIC of {member}"),
        "Q-INNOVATION": _("describe what is innovative"),
    }
    if rule not in texts:  # a rule without an instruction of its own: its message
        return message(f, lang)
    return texts[rule].format(member=member, activity=activity,
                              country=t.country(p.get("country")))


# --- explanations for the "why?" link ------------------------------------------

#: rule ID -> (title, explanation, the Dutch source sentence or None).
_EXPLANATIONS: dict[str, tuple[str, str, str | None]] = {
    "E-APPLICANT-COUNT": (
        i18n.N_("One applicant"),
        i18n.N_("Exactly one organisation submits the proposal on behalf of the consortium and "
                "manages the alliance: the applicant. It is a full participant."),
        "moet worden geleid door een organisatie … die het voorstel namens het consortium indient",
    ),
    "E-APPLICANT-COUNTRY": (
        i18n.N_("Applicant from a programme country"),
        i18n.N_("The applicant must be established in a programme country: an EU Member State, "
                "Iceland, Liechtenstein, Norway, Turkey or North Macedonia. Switzerland is a "
                "partner country."),
        "Een consortium moet worden geleid door een organisatie uit een programmaland",
    ),
    "E-MIN-COUNTRIES": (
        i18n.N_("At least three programme countries"),
        i18n.N_("The full participants must come from at least three programme countries. "
                "Associated partners, umbrella organisations and partner countries do not count."),
        "Allianties voor bedrijfstakspecifieke vaardigheden moeten bestaan uit een consortium "
        "van organisaties uit minstens drie programmalanden.",
    ),
    "E-MIN-EU-MEMBERS": (
        i18n.N_("At least two EU Member States"),
        i18n.N_("At least two of the programme countries involved must be EU Member States. "
                "This figure comes from a national agency's summary of the same call: "
                "“minimum nine participating organisations from at least three Programme "
                "Countries, including two Member States”."),
        None,
    ),
    "E-MIN-ORGS": (
        i18n.N_("At least nine full participants"),
        i18n.N_("The applicant and the full partners together must number at least nine. "
                "Umbrella organisations and associated partners do not count."),
        "mits het minimumaantal deelnemende organisaties en landen wordt gehaald (afgezien van "
        "de koepelorganisatie)",
    ),
    "E-COUNTRY-TRIO": (
        i18n.N_("Three categories in every country"),
        i18n.N_("Every country involved needs, among its full participants, a VET provider, a "
                "body with sector expertise and a body that regulates education and training. "
                "A country with three members covering the three categories meets the rule. "
                "The country of an umbrella organisation that is a full participant is exempt. "
                "A full partner from a partner country makes that country involved too, so it "
                "then needs the three categories as well: make such a member an associated "
                "partner, or complete the three categories there."),
        "Daarnaast moeten er minstens drie organisaties meedoen uit elk land dat bij de SSA "
        "betrokken is, en wel één uit elk van de volgende drie categorieën",
    ),
    "E-ONE-SSA": (
        i18n.N_("One alliance at a time"),
        i18n.N_("The applicant and the full partners may take part in only one Sector Skills "
                "Alliance at a time. The one exception is a regulatory body that is the only "
                "regulator in its country and can show its monopoly."),
        "Aanvragers en volwaardige partners kunnen maar aan één SSA tegelijk deelnemen, behalve "
        "als zij de enige toezichthouder in een bepaald land zijn en kunnen aantonen het "
        "monopolie te hebben.",
    ),
    "E-MONOPOLY-NOT-REGULATOR": (
        i18n.N_("Only a regulator can claim a monopoly"),
        i18n.N_("The exception for sole regulators with a monopoly applies only to members of "
                "the category regulatory body."),
        "behalve als zij de enige toezichthouder in een bepaald land zijn en kunnen aantonen "
        "het monopolie te hebben",
    ),
    "E-DUPLICATE-ORG": (
        i18n.N_("Each organisation once"),
        i18n.N_("An organisation can appear only once in a proposal. Two members are the same "
                "when they have the same PIC, or the same name and country (ignoring case, "
                "spaces, punctuation and accents). The official forms reject duplicated PICs."),
        None,
    ),
    "E-SECTOR": (
        i18n.N_("One of the seven sectors"),
        i18n.N_("The activities must concern one of the sectors with a skills imbalance named "
                "by the call."),
        "De activiteiten moeten betrekking hebben op de volgende bedrijfstakken waarvoor een "
        "onbalans is geconstateerd",
    ),
    "E-CORE-ACTIVITY": (
        i18n.N_("A core activity"),
        i18n.N_("An alliance identifies skills and training needs in its sector, designs joint "
                "curricula, or delivers them: at least one activity must be of one of these "
                "kinds."),
        "Concreet houdt dit in: inventarisatie van de behoeften aan vaardigheden en opleiding in "
        "een bepaalde bedrijfstak, uitwerken van gezamenlijke studieprogramma's, uitvoeren van "
        "gezamenlijke studieprogramma's",
    ),
    "E-COUNTRY-CODE": (
        i18n.N_("A known country"),
        i18n.N_("Every member needs a known country (an ISO country code; Kosovo is known too), "
                "so that the rules on countries can be checked."),
        None,
    ),
    "C-TITLE": (
        i18n.N_("A title"),
        i18n.N_("The proposal needs a title: it names the project in the application and on "
                "every page of the printed summary."),
        None,
    ),
    "C-ROLE-DESCRIPTION": (
        i18n.N_("Role and added value of every member"),
        i18n.N_("The role and added value of every member must be clear, associated partners "
                "included."),
        "De rol en de toegevoegde waarde van alle SSA-leden moeten duidelijk zijn.",
    ),
    "C-EVIDENCE": (
        i18n.N_("Evidence for skills needs"),
        i18n.N_("Identifying the skills needed in future must rest on evidence."),
        "De inventarisatie van in de toekomst benodigde vaardigheden moet met feitenmateriaal "
        "worden onderbouwd.",
    ),
    "C-QUALITY-ASSURANCE": (
        i18n.N_("Quality assurance"),
        i18n.N_("Curricula must be outcome-oriented and rest on a robust quality assurance "
                "system."),
        "Dit onderzoek moet zich vertalen in resultaatgerichte studieprogramma's die op een "
        "robuust kwaliteitsbewakingssysteem steunen.",
    ),
    "C-RECOGNITION": (
        i18n.N_("Recognition of the skills"),
        i18n.N_("The proposal must make sure that the countries and sectors involved recognise "
                "the skills."),
        "Ten slotte dient ervoor te worden gezorgd dat de betrokken landen en bedrijfstakken "
        "de vaardigheden ook erkennen.",
    ),
    "C-SUSTAINABILITY": (
        i18n.N_("Impact after the project"),
        i18n.N_("The alliance must still have impact after the project, and not only on its "
                "own members."),
        "Zij moeten ervoor zorgen dat de alliantie ook na het project nog impact heeft en dat "
        "die zich niet beperkt tot de organisaties die lid zijn van de SSA.",
    ),
    "C-MOBILITY-PURPOSE": (
        i18n.N_("Purpose of mobility"),
        i18n.N_("Mobility of learners and staff is possible when it contributes to the "
                "project's objectives. Say how in the activity's purpose (a file written "
                "without that field may say it in the description)."),
        "Er zijn ook mogelijkheden om activiteiten te organiseren om de mobiliteit van "
        "leerlingen en personeel te verbeteren, mits dat bijdraagt tot de projectdoelstellingen.",
    ),
    "C-ACTIVITY-LEAD": (
        i18n.N_("A lead for every activity"),
        i18n.N_("Every activity needs a member that leads it, and every member it names must "
                "exist in the proposal."),
        None,
    ),
    "C-ACTIVITY-PERIOD": (
        i18n.N_("Activities within the project"),
        i18n.N_("Every activity starts and ends within the project's months, and does not end "
                "before it starts."),
        None,
    ),
    "C-PIC-FORMAT": (
        i18n.N_("PIC of nine digits"),
        i18n.N_("A Participant Identification Code (PIC) has exactly nine digits. Spaces "
                "or hyphens between the digits (949 123 456, 949-123-456) are allowed; "
                "other characters are not."),
        None,
    ),
    "C-EMAIL-FORMAT": (
        i18n.N_("Valid e-mail address"),
        i18n.N_("A contact e-mail address, when given, must be a valid address."),
        None,
    ),
    "Q-OBJECTIVE": (
        i18n.N_("A specific objective"),
        i18n.N_("Priority is given to projects that address at least one of the specific "
                "objectives."),
        "Prioriteit wordt gegeven aan projecten die op een van de specifieke doelstellingen "
        "inspelen",
    ),
    "Q-TASKS": (
        i18n.N_("Tasks for every partner"),
        i18n.N_("The tasks must match the expertise of each partner, so every full participant "
                "should lead or take part in an activity."),
        "De taken moeten worden afgestemd op de expertise van elke partner.",
    ),
    "Q-ASSOCIATED-LEAD": (
        i18n.N_("Associated partners do not lead"),
        i18n.N_("Associated partners contribute but have no contract with the consortium and "
                "get no grant, so a full participant should lead each activity."),
        "geassocieerd partner, die bijdraagt aan de programma-activiteiten maar geen contract "
        "met het consortium heeft. Geassocieerde partners kunnen geen subsidie krijgen.",
    ),
    "Q-PIC-MISSING": (
        i18n.N_("A PIC for every full participant"),
        i18n.N_("Every full participant needs a PIC to submit the proposal."),
        None,
    ),
    "Q-INNOVATION": (
        i18n.N_("Innovation"),
        i18n.N_("Sector Skills Alliances must focus on innovation."),
        "SSA's moeten zich toespitsen op innovatie.",
    ),
    "I-UMBRELLA-EXEMPTION": (
        i18n.N_("Umbrella organisation exemption"),
        i18n.N_("When an umbrella organisation is a full participant, its country needs no "
                "other organisations, as long as the minimums are met without the umbrella "
                "organisation."),
        "Dit geldt niet wanneer ook een koepelorganisatie lid is van het consortium. Er hoeven "
        "dan geen andere organisaties uit het land van de koepelorganisatie te zijn "
        "vertegenwoordigd, mits het minimumaantal deelnemende organisaties en landen wordt "
        "gehaald (afgezien van de koepelorganisatie).",
    ),
    "I-MONOPOLY-EXCEPTION": (
        i18n.N_("Sole regulator exception"),
        i18n.N_("A regulatory body that is the only regulator in its country and can show its "
                "monopoly may take part in more than one alliance."),
        "behalve als zij de enige toezichthouder in een bepaald land zijn en kunnen aantonen "
        "het monopolie te hebben",
    ),
    "I-ASSOCIATED-NOT-COUNTED": (
        i18n.N_("Associated partners do not count"),
        i18n.N_("Associated partners may come from any country, but they never count towards "
                "the minimum numbers of countries, organisations or categories."),
        "Beide soorten partners kunnen zowel uit programmalanden als uit partnerlanden komen.",
    ),
}


def counts(report: Report, lang: str | None = None) -> str:
    """``2 errors, 1 warning, 0 notes``: the report's findings counted, in ``lang``."""
    translation = i18n.translation(lang or i18n.current_language())
    ngettext = translation.ngettext  # a local name, so that Babel extracts the plurals
    errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
    return ", ".join((
        ngettext("{n} error", "{n} errors", errors).format(n=errors),
        ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        ngettext("{n} note", "{n} notes", infos).format(n=infos)))


def title(rule_id: str, lang: str | None = None) -> str:
    """A short name of the rule, e.g. "At least three programme countries"."""
    return i18n.translation(lang or i18n.current_language()).gettext(_EXPLANATIONS[rule_id][0])


def explanation(rule_id: str, lang: str | None = None) -> str:
    """Why the rule exists and how the program reads it, in plain words."""
    return i18n.translation(lang or i18n.current_language()).gettext(_EXPLANATIONS[rule_id][1])


def source(rule_id: str) -> str | None:
    """The sentence of the Dutch source page the rule rests on, quoted as it stands."""
    return _EXPLANATIONS[rule_id][2]


def step_text(step: Step | None, lang: str | None = None, here: str | None = None) -> str:
    """``Next: add a regulatory body in Belgium``, in ``lang``; the step's page is named
    when the user is not on it (``here`` is the page shown, None for no page)."""
    lang = i18n.normalize_language(lang or i18n.current_language())
    translation = i18n.translation(lang)
    _ = translation.gettext
    if step is None:
        return _("Nothing left to do: the proposal meets every rule.")
    action_text = action(step, lang)
    if here is not None and step.page == here:
        return _("Next: {action}.").format(action=action_text)
    return _("Next: {action} (on the {page} page).").format(
        page=page_title(step.page, lang), action=action_text)
