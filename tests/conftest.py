"""Test settings shared by the whole suite: Qt runs offscreen, English by default."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A desktop-sized screen: the offscreen platform's own is 800 x 800, on which the window
# (which keeps within its screen) would start small. The frame's tests try small and
# scaled screens in child processes with screens of their own.
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "offscreen-screen.json")

import pytest

from ssa_wizard import i18n


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English and leaves the language as it found it."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def make_read_only():
    """Make folders that nobody may create files in; undone after the test.

    Root ignores mode bits, so as root the folder is made immutable (``chattr +i``);
    otherwise mode 555. Each folder is checked to really refuse a new file.
    """
    import subprocess

    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    locked = []

    def lock(folder):
        if as_root:
            subprocess.run(["chattr", "+i", str(folder)], check=True)
        else:
            folder.chmod(0o555)
        locked.append(folder)
        with pytest.raises(OSError):
            (folder / "probe").write_bytes(b"")  # the lock itself must hold
        return folder

    yield lock
    for folder in locked:
        if as_root:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)
