"""Test settings shared by the whole suite: Qt runs offscreen, English by default."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ssa_wizard import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English and leaves the language as it found it."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
