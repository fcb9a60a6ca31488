"""The real window on laptop screens: each case starts the application in a child
process whose offscreen screen has the laptop's size (a screen's size is fixed when the
application starts), and reads what fits (``screen_probe.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from timeline_app.ui.events.event_table import TITLE_MIN_WIDTH

REPO = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("screen_probe.py")
# Measured before the window was fitted to laptops: maximised at 1366x768 it showed
# 9.6 lanes of 34 px (the legend took three lines) and the list 5.8 rows; at 1024x600
# the window overflowed the screen and the Title column was 26 px wide ("I…"). Lanes
# are now as tall as their rows of titles, so what is compared is the height the
# timeline has for them.
TIMELINE_PX_AT_1366X768_BEFORE = 9.6 * 34


def probe(tmp_path: Path, width: int, height: int) -> dict[str, Any]:
    screens = {
        "screens": [
            {
                "name": "laptop",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ]
    }
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        TIMELINE_APP_DATA_DIR=str(tmp_path / "user-data"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, str(PROBE)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def inside(outer: list[int], inner: list[int]) -> bool:
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    return ix >= ox and iy >= oy and ix + iw <= ox + ow and iy + ih <= oy + oh


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return probe(tmp_path_factory.mktemp("laptop"), 1366, 768)


@pytest.fixture(scope="module")
def netbook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return probe(tmp_path_factory.mktemp("netbook"), 1024, 600)


@pytest.mark.parametrize("screen", ["laptop", "netbook"])
def test_the_window_opens_inside_the_available_area(
    screen: str, request: pytest.FixtureRequest
) -> None:
    seen = request.getfixturevalue(screen)
    assert seen["available"][2:] == ([1366, 768] if screen == "laptop" else [1024, 600])
    assert inside(seen["available"], seen["frame"]), seen
    assert seen["maximised"]
    # It uses the screen: no more than the frame is left over on either axis.
    assert seen["frame"][2:] == seen["available"][2:]


@pytest.mark.parametrize("screen", ["laptop", "netbook"])
def test_the_legend_is_one_line(screen: str, request: pytest.FixtureRequest) -> None:
    assert request.getfixturevalue(screen)["legend_height"] <= 28


def test_more_lanes_fit_at_1366x768_than_before(laptop: dict[str, Any]) -> None:
    # The seeds have lanes to spare: more than the view holds, so its height decides.
    assert laptop["lane_count"] > laptop["lanes_in_view"]
    assert laptop["timeline_px"] >= TIMELINE_PX_AT_1366X768_BEFORE + 1.5 * 34
    assert laptop["lanes_in_view"] >= 3  # the first view's three busiest lanes, titled
    assert laptop["table_rows_visible"] >= 4  # the list stays usable


def test_at_1024x600_the_title_column_stays_readable(netbook: dict[str, Any]) -> None:
    assert netbook["title_width"] >= TITLE_MIN_WIDTH
    assert len(netbook["title_shown"].rstrip("…")) >= 30
    assert netbook["timeline_px"] >= 6 * 34
    assert netbook["table_rows_visible"] >= 2.5


def test_the_side_docks_are_narrower_on_the_smaller_screen(
    laptop: dict[str, Any], netbook: dict[str, Any]
) -> None:
    assert netbook["side_dock_width"] < laptop["side_dock_width"]
    assert netbook["side_dock_width"] >= 280
