"""A sheet of 10,000 rows: it imports, reports progress, and can be cancelled."""

from __future__ import annotations

import pytest

from ssa_wizard import exchange
from ssa_wizard.exchange import ImportCancelled, parse_sheet
from ssa_wizard.model import Partner, Proposal, next_id

ROWS = 10_000
COUNTRIES = ["Duitsland", "NL", "EL", "Belgique", "Kosovo", "Verenigd Koninkrijk"]
CODES = ["DE", "NL", "GR", "BE", "XK", "GB"]


def _big_csv() -> bytes:
    lines = ["Naam;Land;Categorie;Rol;PIC"]
    for i in range(ROWS):
        lines.append(f"Organisatie {i};{COUNTRIES[i % 6]};toezichthouder;volwaardig partner;"
                     f"{900000000 + i}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.fixture(scope="module")
def big_xlsx() -> bytes:
    members = [Partner(id=f"p{i}", name=f"Organisation {i}", country=CODES[i % 6],
                       pic=str(900000000 + i), category="vet_provider") for i in range(ROWS)]
    return exchange.export_xlsx(members)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_ten_thousand_rows_import_with_progress(kind, big_xlsx):
    data = _big_csv() if kind == "csv" else big_xlsx
    reports: list[tuple[int, int]] = []
    sheet = parse_sheet(data, f"big.{kind}", progress=lambda d, t: reports.append((d, t)))
    plan = exchange.plan_sheet(Proposal.new(), sheet,
                               progress=lambda d, t: reports.append((d, t)))
    assert len(plan.new) == ROWS and not plan.findings
    assert [p.country for p in plan.new[:6]] == CODES
    assert plan.new[-1].pic == str(900000000 + ROWS - 1)
    assert reports[-1] == (ROWS, ROWS)
    assert len(reports) > 10  # reported along the way, not only at the end
    assert all(0 <= done <= total or total == 0 for done, total in reports)
    proposal, ids = exchange.apply_plan(Proposal.new(), plan)
    assert len(proposal.partners) == ROWS and ids[0] == "p1" and ids[-1] == f"p{ROWS}"


def test_new_ids_are_those_model_next_id_gives():
    proposal = Proposal.new()
    proposal.partners.extend([Partner(id="p2", name="A"), Partner(id="p4", name="B")])
    plan = exchange.plan_sheet(proposal, parse_sheet(b"Name\r\nC\r\nD\r\nE\r\n", "x.csv"))
    _result, ids = exchange.apply_plan(proposal, plan)
    taken = ["p2", "p4"]
    expected = []
    for _ in range(3):
        expected.append(next_id("p", taken))
        taken.append(expected[-1])
    assert ids == expected


@pytest.mark.parametrize("stage", ["read", "plan"])
def test_a_long_import_can_be_cancelled(stage):
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ImportCancelled):
        if stage == "read":
            parse_sheet(_big_csv(), "big.csv", cancelled=cancelled)
        else:
            sheet = parse_sheet(_big_csv(), "big.csv")
            exchange.plan_sheet(Proposal.new(), sheet, cancelled=cancelled)
    assert len(asked) == 4  # it stopped at the first "yes"
