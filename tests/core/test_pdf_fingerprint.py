"""The printed summary names the version it describes: in every footer and at the sign-off."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ssa_wizard import pdf
from ssa_wizard.compare import fingerprint
from ssa_wizard.rules import check

from .factories import eligible_complete, member


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_every_page_and_the_sign_off_carry_the_fingerprint():
    proposal = eligible_complete()
    proposal.partners += [member(f"p{i}", "NL") for i in range(10, 60)]  # several pages
    code = fingerprint(proposal)
    pages = _pages(pdf.render(proposal, check(proposal), lang="en"))
    assert len(pages) >= 3
    assert all(f"Version {code}" in page for page in pages)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert f"This summary describes version {code} of the proposal." in text


def test_the_fingerprint_follows_the_content_and_the_language():
    proposal = eligible_complete()
    before = fingerprint(proposal)
    proposal.project.title = "Another title"
    after = fingerprint(proposal)
    assert before != after
    pages = _pages(pdf.render(proposal, check(proposal), lang="nl"))
    assert all(f"Versie {after}" in page for page in pages)
    assert before not in " ".join(pages)
    assert f"beschrijft versie {after}" in " ".join(" ".join(p.split()) for p in pages)
