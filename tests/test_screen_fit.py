"""Fitting the window to laptop screens: placement, clamping, dock sizes and column
widths, as plain arithmetic (no Qt)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from timeline_app.screen_fit import (
    DEFAULT_FRAME,
    PREFERRED_SIZE,
    Margins,
    Rect,
    clamp_client,
    dock_sizes,
    first_placement,
    share_columns,
)

FRAME = Margins(1, 30, 1, 1)
LAPTOP = Rect(0, 0, 1366, 740)  # 1366x768 less a 28 px panel
NETBOOK = Rect(0, 0, 1024, 600)
DESKTOP = Rect(0, 0, 1920, 1050)


@pytest.mark.parametrize("available", [LAPTOP, NETBOOK, Rect(0, 0, 1366, 768)])
def test_a_small_screen_opens_maximised_with_the_frame_inside(available: Rect) -> None:
    placement = first_placement(available, FRAME)
    assert placement.maximised
    outer = FRAME.around(placement.client)
    assert available.contains(outer)
    # It uses the room: the frame touches the available area on every side.
    assert outer == available


def test_a_big_screen_gets_the_preferred_size_centred() -> None:
    placement = first_placement(DESKTOP, FRAME)
    assert not placement.maximised
    assert (placement.client.width, placement.client.height) == PREFERRED_SIZE
    outer = FRAME.around(placement.client)
    assert DESKTOP.contains(outer)
    assert abs((outer.x - DESKTOP.x) - (DESKTOP.right - outer.right)) <= 1
    assert abs((outer.y - DESKTOP.y) - (DESKTOP.bottom - outer.bottom)) <= 1


def test_the_frame_decides_whether_the_preferred_size_fits() -> None:
    exactly = Rect(0, 0, PREFERRED_SIZE[0] + 2, PREFERRED_SIZE[1] + 31)
    assert not first_placement(exactly, FRAME).maximised
    one_short = Rect(0, 0, exactly.width, exactly.height - 1)
    assert first_placement(one_short, FRAME).maximised


def test_placement_on_a_second_monitor_stays_on_it() -> None:
    second = Rect(1920, 0, 1024, 600)
    placement = first_placement(second, DEFAULT_FRAME)
    assert second.contains(DEFAULT_FRAME.around(placement.client))


def test_a_geometry_from_a_bigger_monitor_is_clamped() -> None:
    restored = Rect(40, 40, 1880, 1000)  # saved on a 1920x1080 monitor
    clamped = clamp_client(restored, NETBOOK, FRAME)
    assert NETBOOK.contains(FRAME.around(clamped))
    assert (clamped.width, clamped.height) == (1024 - 2, 600 - 31)


def test_a_geometry_off_screen_is_moved_back_keeping_its_size() -> None:
    unplugged = Rect(2500, 300, 800, 500)  # its monitor is gone
    clamped = clamp_client(unplugged, LAPTOP, FRAME)
    assert LAPTOP.contains(FRAME.around(clamped))
    assert (clamped.width, clamped.height) == (800, 500)
    above = clamp_client(Rect(100, -200, 800, 500), LAPTOP, FRAME)
    assert above.y == LAPTOP.y + FRAME.top  # the title bar is reachable again


def test_a_geometry_already_inside_is_left_alone() -> None:
    inside = Rect(200, 150, 900, 500)
    assert clamp_client(inside, LAPTOP, FRAME) == inside


def test_dock_sizes_leave_a_small_screen_to_the_timeline() -> None:
    laptop, netbook = dock_sizes(Rect(0, 0, 1366, 710)), dock_sizes(Rect(0, 0, 1024, 560))
    assert netbook.side_width < laptop.side_width <= 460
    assert netbook.side_width >= 300
    for sizes, height in ((laptop, 710), (netbook, 560)):
        assert 130 <= sizes.table_height <= 200
        assert sizes.table_height < height / 4  # the timeline keeps most of the height
        assert sizes.relations_height + sizes.source_height == height - 80
        assert sizes.source_height >= 200  # an article stays readable


def test_columns_get_their_natural_width_when_there_is_room() -> None:
    natural, minimum = [120, 90, 400, 110, 100, 60], [80, 60, 0, 50, 60, 40]
    widths = share_columns(1200, natural, minimum, stretch=2, stretch_minimum=300)
    assert widths[:2] + widths[3:] == natural[:2] + natural[3:]
    assert sum(widths) == 1200  # the title takes the rest


def test_short_room_shrinks_the_short_columns_before_the_title() -> None:
    natural, minimum = [120, 90, 400, 110, 100, 60], [80, 60, 0, 50, 60, 40]
    widths = share_columns(700, natural, minimum, stretch=2, stretch_minimum=320)
    assert widths[2] >= 320
    assert sum(widths) == 700
    for column in (0, 1, 3, 4, 5):
        assert minimum[column] <= widths[column] < natural[column]


def test_no_room_keeps_the_title_readable_and_scrolls() -> None:
    natural, minimum = [120, 90, 400, 110, 100, 60], [80, 60, 0, 50, 60, 40]
    widths = share_columns(400, natural, minimum, stretch=2, stretch_minimum=320)
    assert widths[2] == 320
    assert [widths[c] for c in (0, 1, 3, 4, 5)] == [80, 60, 50, 60, 40]
    assert sum(widths) > 400  # wider than the view: it scrolls sideways


def test_share_columns_rejects_mismatched_input() -> None:
    with pytest.raises(ValueError):
        share_columns(500, [1, 2], [1], stretch=0, stretch_minimum=10)
    with pytest.raises(ValueError):
        share_columns(500, [1, 2], [1, 2], stretch=2, stretch_minimum=10)


def test_the_arithmetic_imports_no_qt() -> None:
    code = (
        "import sys, timeline_app.screen_fit; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
