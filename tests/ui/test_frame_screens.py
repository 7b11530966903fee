"""The window on small and scaled screens, each in a child process with a screen of its own.

The offscreen platform takes its screens from a file (``offscreen:configfile=``); Qt's
QT_SCALE_FACTOR scales them as a desktop at 150 % or 200 % would. On each, the window
must start within the screen's room and never ask for more on any page, in English and
in Dutch; a screen narrower than ``COMPACT_WIDTH`` shows the strip instead of the panel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.main_window import COMPACT_WIDTH

HERE = Path(__file__).resolve().parent

#: (screen width, height in device pixels, QT_SCALE_FACTOR): the laptop sizes of issue #12
#: and the same screens at 150 % and 200 %.
SCREENS = [(1093, 560, "1"), (1280, 650, "1"), (1366, 700, "1"),
           (1920, 1080, "1.5"), (1366, 768, "1.5"), (2560, 1440, "2"), (1366, 768, "2")]


def _run(tmp_path: Path, width: int, height: int, scale: str, lang: str,
         example: str = "digiretail.ssa.json") -> dict:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "s", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               QT_SCALE_FACTOR=scale, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    done = subprocess.run([sys.executable, str(HERE / "screen_child.py"), lang, example],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}@{s[2]}")
def test_the_window_stays_within_the_screen(tmp_path, screen, lang):
    width, height, scale = screen
    found = _run(tmp_path, width, height, scale, lang)
    room_w, room_h = found["room"]
    assert found["scale"] == float(scale)
    assert (room_w, room_h) == (round(width / float(scale)), round(height / float(scale)))
    for key, page in found["pages"].items():
        w, h = page["size"]
        min_w, min_h = page["minimum"]
        assert w <= room_w and h <= room_h, (key, page, found["room"])
        assert min_w <= room_w and min_h <= room_h, (key, page, found["room"])
    narrow = found["pages"]["review"]["size"][0] < COMPACT_WIDTH
    assert (found["strip"], found["panel"]) == (narrow, not narrow)


def test_icons_are_drawn_at_the_screen_scale(tmp_path):
    found = _run(tmp_path, 2560, 1440, "2", "en", "greenstay-draft.ssa.json")
    assert found["scale"] == 2.0
    assert found["error_icon_scale"] == 2.0
    # The app's icon, as large as a task switcher shows it, has the pixels for 200 %.
    assert found["app_icon_pixels"] == [512, 512]
