"""The printed list of changes: both fingerprints, whole texts as typed, both languages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ssa_wizard.changes_pdf import render_changes
from ssa_wizard.compare import compare
from ssa_wizard.pdf import Cancelled

from .factories import eligible_complete


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def comparison():
    old = eligible_complete()
    new = old.model_copy(deep=True)
    new.partner("p2").country = "BE"
    new.partner("p3").name = "R&D <Labs> & Co"
    new.project.summary = "Long " * 3000 + "end of the summary."
    new.partners = [p for p in new.partners if p.id != "p9"]
    return compare(old, new)


def test_both_fingerprints_on_every_page_and_the_texts_whole(comparison):
    data = render_changes(comparison, lang="en", old_name="/a/signed.ssa.json",
                          new_name="today.ssa.json")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    old_print, new_print = comparison.fingerprints
    assert len(pages) >= 2  # the long summary prints whole, over pages
    assert all(f"Changes from version {old_print} to version {new_print}" in page
               for page in pages)
    text = " ".join(pages)
    assert "signed.ssa.json" in text and "/a/" not in text
    assert "R&D <Labs> & Co" in text
    assert "end of the summary." in text
    assert "Netherlands (NL)" in text and "Belgium (BE)" in text
    assert "Removed: Organisation p9 (Poland)" in text
    assert "Was eligible and complete, now not eligible" in text


def test_in_dutch(comparison):
    text = _text(render_changes(comparison, lang="nl"))
    assert "Wijzigingen van versie" in text and "België (BE)" in text
    assert "Was subsidiabel en volledig, nu niet subsidiabel" in text


def test_cancelled_makes_nothing(comparison):
    with pytest.raises(Cancelled):
        render_changes(comparison, cancelled=lambda: True)
