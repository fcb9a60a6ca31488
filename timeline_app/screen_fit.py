"""Fitting the window to the screen it opens on: pure arithmetic, no Qt.

Laptops are the analysts' usual screens (1366x768, 1024x600 netbooks), so the window
must open inside the screen's *available* area (what the task bar leaves), frame
included; a geometry saved on a bigger monitor is clamped back inside it; the docks
take a share of the screen that leaves the timeline most of the room; and the event
list gives its spare width to the title, the one column an analyst reads.

The Qt side (``ui/window/window_geometry.py``, ``ui/events/event_table.py``) measures and applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PREFERRED_SIZE = (1366, 768)  # the window's first size (client area) when the screen has room


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """One past the last column, so ``right - x == width``."""
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, other: Rect) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class Margins:
    """The window frame's thickness on each side (title bar on top)."""

    left: int
    top: int
    right: int
    bottom: int

    def around(self, client: Rect) -> Rect:
        return Rect(
            client.x - self.left,
            client.y - self.top,
            client.width + self.left + self.right,
            client.height + self.top + self.bottom,
        )


# Before the window manager has framed the window its frame is unknown: allow for a
# usual title bar and border rather than none, so the status bar is never pushed off.
DEFAULT_FRAME = Margins(4, 32, 4, 4)


@dataclass(frozen=True)
class Placement:
    client: Rect  # the window's own area (Qt's ``geometry()``), frame excluded
    maximised: bool


def _largest_client(available: Rect, frame: Margins) -> Rect:
    return Rect(
        available.x + frame.left,
        available.y + frame.top,
        max(1, available.width - frame.left - frame.right),
        max(1, available.height - frame.top - frame.bottom),
    )


def first_placement(
    available: Rect, frame: Margins, preferred: tuple[int, int] = PREFERRED_SIZE
) -> Placement:
    """The preferred size, centred, when it fits with its frame; otherwise (a laptop or a
    netbook) the whole available area, maximised."""
    width, height = preferred
    outer_width = width + frame.left + frame.right
    outer_height = height + frame.top + frame.bottom
    if outer_width > available.width or outer_height > available.height:
        return Placement(_largest_client(available, frame), maximised=True)
    x = available.x + (available.width - outer_width) // 2 + frame.left
    y = available.y + (available.height - outer_height) // 2 + frame.top
    return Placement(Rect(x, y, width, height), maximised=False)


def clamp_client(client: Rect, available: Rect, frame: Margins) -> Rect:
    """``client`` shrunk and moved as little as needed for it and its frame to lie inside
    ``available`` (a geometry restored from a bigger or a disconnected monitor)."""
    largest = _largest_client(available, frame)
    width = min(client.width, largest.width)
    height = min(client.height, largest.height)
    x = min(max(client.x, largest.x), largest.right - width)
    y = min(max(client.y, largest.y), largest.bottom - height)
    return Rect(x, y, width, height)


@dataclass(frozen=True)
class DockSizes:
    side_width: int  # the right-hand docks (relationships above, source below)
    relations_height: int
    source_height: int
    table_height: int  # the event list under the timeline


def dock_sizes(client: Rect) -> DockSizes:
    """Dock sizes for the window's first size: the timeline keeps most of the room.

    The side docks take about 30 % of the width (460 px at most, 300 px at least: the
    relationship graph and the article stay legible there); the event list about a
    fifth of the height (130-200 px: three rows on a netbook, five on a laptop)."""
    side = _clamp(round(client.width * 0.30), 300, 460)
    table = _clamp(round(client.height * 0.22), 130, 200)
    # The side column runs between the toolbar and the status bar, about 80 px less
    # than the window; the graph gets half of it (300 px at most), the article the rest.
    column = max(client.height - 80, 360)
    relations = _clamp(round(column * 0.5), 180, 300)
    return DockSizes(side, relations, column - relations, table)


def share_columns(
    available: int,
    natural: Sequence[int],
    minimum: Sequence[int],
    stretch: int,
    stretch_minimum: int,
) -> list[int]:
    """Widths for a table's columns in ``available`` pixels.

    Every column but ``stretch`` wants its ``natural`` width (its content's); ``stretch``
    takes what is left but never less than ``stretch_minimum``. When the room is short
    the other columns give way first, each in proportion to its slack down to its
    ``minimum``; below that the table scrolls sideways rather than crush the title.
    """
    if len(natural) != len(minimum):
        raise ValueError("natural and minimum widths must pair up")
    if not 0 <= stretch < len(natural):
        raise ValueError("the stretching column must be one of the columns")
    others = [i for i in range(len(natural)) if i != stretch]
    floor = [min(minimum[i], natural[i]) for i in range(len(natural))]
    wanted = sum(natural[i] for i in others)
    lowest = sum(floor[i] for i in others)
    widths = list(natural)
    room = available - stretch_minimum
    if room >= wanted:
        scale = 1.0
    elif room <= lowest or wanted == lowest:
        scale = 0.0
    else:
        scale = (room - lowest) / (wanted - lowest)
    for i in others:
        widths[i] = floor[i] + int((natural[i] - floor[i]) * scale)
    widths[stretch] = max(stretch_minimum, available - sum(widths[i] for i in others))
    return widths


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
