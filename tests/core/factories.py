"""Small builders of proposals for the core tests."""

from __future__ import annotations

from ssa_wizard.model import Activity, Partner, Plans, Project, Proposal

#: (country, category) of the nine full participants of an eligible consortium.
TRIOS = [(c, cat) for c in ("NL", "DE", "PL")
         for cat in ("vet_provider", "sector_expertise", "regulatory_body")]


def member(pid: str, country: str = "NL", category: str = "vet_provider", role: str = "full",
           **fields) -> Partner:
    defaults = dict(name=f"Organisation {pid}", pic=f"{900000000 + int(pid[1:]):09d}",
                    role_description="Does useful things.")
    defaults.update(fields)
    return Partner(id=pid, country=country, category=category, role=role, **defaults)


def eligible_complete() -> Proposal:
    """A proposal that passes every rule (no finding at all)."""
    partners = [member(f"p{i + 1}", country, category, "applicant" if i == 0 else "full")
                for i, (country, category) in enumerate(TRIOS)]
    ids = [p.id for p in partners]
    activities = [
        Activity(id="a1", kind="skills_needs", title="Survey", lead="p1", partners=ids[1:5],
                 start_month=1, end_month=6, evidence="Eurostat data"),
        Activity(id="a2", kind="curriculum_design", title="Design", lead="p4", partners=ids[4:],
                 start_month=6, end_month=24),
    ]
    return Proposal(
        format="ssa-proposal", version=1,
        project=Project(title="T", acronym="A", sector="commerce",
                        objectives=["language_learning"], duration_months=36),
        partners=partners, activities=activities,
        plans=Plans(quality_assurance="QA", recognition="R", sustainability="S", innovation="I"),
    )
