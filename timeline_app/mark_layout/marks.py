"""What a timeline layout is made of, and the geometry questions it answers.

``Style`` (pixel sizes), ``PlacedMark`` (one event, state or cluster on one lane),
``LaneBox`` and ``MarksLayout`` (the whole result of ``layout_timeline``), with the
rectangles each mark and its title cover: what the painter draws, what hit testing and
the overlap tests read. No placing rules here (see ``rows`` and ``lanes``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from timeline_app.domain import Pair


@dataclass(frozen=True, slots=True)
class Style:
    """Pixel sizes of the marks and rows (the export scales them all together)."""

    row: float = 19.0  # one row of dated marks (titles are 11 px)
    state_row: float = 13.0  # one row of long-running state bands
    pad_top: float = 4.0
    pad_bottom: float = 8.0  # room for the score band under the rows
    bulk_row: float = 19.0  # a strip of bulk-event aggregates, under the titled marks
    point_radius: float = 5.5
    bar_height: float = 14.0
    state_height: float = 10.0
    label_gap: float = 6.0  # between a mark and its title (clear of the selection ring)
    row_gap: float = 3.0  # between two things in one row
    inside_pad: float = 5.0  # a title drawn inside its bar keeps this far from the ends
    cluster_min_width: float = 22.0


class MarkKind(enum.Enum):
    EVENT = "event"
    CLUSTER = "cluster"
    STATE = "state"


@dataclass(frozen=True, slots=True)
class PlacedMark:
    """One thing drawn on one lane: an event, a long-running state or a cluster."""

    kind: MarkKind
    lane: int
    members: tuple[int, ...]  # indices into the events given to ``layout_timeline``
    start: float  # day number of the first covered day
    end: float  # day number just past the last covered day
    is_point: bool  # drawn as a symbol at its centre (a single day, or a cluster)
    row: int  # row inside its band (state rows or event rows), 0 at the top
    y: float  # vertical centre, layout pixels
    width_px: float  # symbol width for points and clusters; 0 for bars
    label: str  # the title as drawn (maybe shortened); "" when there is no room
    label_width: float
    label_inside: bool  # drawn inside the bar, from its visible start
    multilateral: bool
    label_left: bool = False  # beside the mark on its left (at the right edge of the view)
    title: str = ""  # the whole title, of which ``label`` may be a shortened part

    @property
    def event_index(self) -> int:
        return self.members[0]

    def span_px(self, days_per_pixel: float) -> tuple[float, float]:
        """Left and right of the symbol or bar, in absolute pixels (day / days_per_pixel)."""
        return mark_span_px(self.is_point, self.start, self.end, self.width_px, days_per_pixel)

    def label_span_px(self, days_per_pixel: float, gap: float) -> tuple[float, float] | None:
        """Where the title goes when it is beside the mark (None: no title, or inside)."""
        if not self.label or self.label_inside:
            return None
        x0, x1 = self.span_px(days_per_pixel)
        if self.label_left:
            return x0 - gap - self.label_width, x0 - gap
        return x1 + gap, x1 + gap + self.label_width


def mark_span_px(
    is_point: bool, start: float, end: float, width_px: float, dpp: float
) -> tuple[float, float]:
    """A mark's left and right in absolute pixels: a symbol ``width_px`` wide centred on
    its day (``start + 0.5``), or a bar over its days, at least 4 px."""
    if is_point:
        centre = (start + 0.5) / dpp
        return centre - width_px / 2, centre + width_px / 2
    x0 = start / dpp
    return x0, max(end / dpp, x0 + 4.0)


@dataclass(frozen=True, slots=True)
class LaneBox:
    top: float
    height: float
    state_rows: int
    rows: int
    bulk: float = 0.0  # height of the lane's strip of bulk events (0: none)

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class MarksLayout:
    lanes: tuple[Pair, ...]
    boxes: tuple[LaneBox, ...]
    marks: tuple[PlacedMark, ...]
    span: tuple[float, float]  # first and last day covered by any event (half-open end)
    days_per_pixel: float
    style: Style

    @property
    def height(self) -> float:
        return self.boxes[-1].bottom if self.boxes else 0.0

    def lane_at(self, y: float) -> int | None:
        for i, box in enumerate(self.boxes):
            if box.top <= y < box.bottom:
                return i
        return None

    def label_y(self, lane: int) -> float:
        """Where the lane's name goes: beside its first row of dated marks."""
        box = self.boxes[lane]
        s = self.style
        first_row = box.top + s.pad_top + box.state_rows * s.state_row + s.row / 2
        return min(first_row, box.top + box.height / 2)

    def rows_band(self, lane: int) -> tuple[float, float]:
        """Top and bottom of the lane's rows (states and events), above the bulk strip."""
        box = self.boxes[lane]
        return box.top + self.style.pad_top, box.bottom - self.style.pad_bottom - box.bulk

    def bulk_band(self, lane: int) -> tuple[float, float]:
        """Top and bottom of the lane's strip of bulk events (empty when it has none):
        under the titled marks, so aggregates never sit behind a title."""
        box = self.boxes[lane]
        bottom = box.bottom - self.style.pad_bottom
        return bottom - box.bulk, bottom

    def score_band_y(self, lane: int) -> float:
        return self.boxes[lane].bottom - self.style.pad_bottom + 3.0

    def mark_height(self, mark: PlacedMark) -> float:
        s = self.style
        if mark.kind is MarkKind.STATE:
            return s.state_height
        if mark.kind is MarkKind.CLUSTER:
            return s.bar_height
        return 2 * s.point_radius if mark.is_point else s.bar_height

    def rects(self, mark: PlacedMark) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) in absolute pixels of the mark and of its title beside
        it: what tests check for overlaps and what hit testing uses."""
        x0, x1 = mark.span_px(self.days_per_pixel)
        h = self.mark_height(mark)
        out = [(x0, mark.y - h / 2, x1, mark.y + h / 2)]
        beside = mark.label_span_px(self.days_per_pixel, self.style.label_gap)
        if beside is not None:
            text_h = min(self.style.row - 6.0, 14.0)
            out.append((beside[0], mark.y - text_h / 2, beside[1], mark.y + text_h / 2))
        return out

    def mark_at(self, day: float, y: float, slack_px: float = 3.0) -> PlacedMark | None:
        """The mark (or the title of the mark) under a point in (day, layout pixels)."""
        lane = self.lane_at(y)
        if lane is None:
            return None
        x = day / self.days_per_pixel
        best: tuple[float, PlacedMark] | None = None
        for mark in self.marks:
            if mark.lane != lane:
                continue
            for left, top, right, bottom in self.rects(mark):
                if top - slack_px <= y <= bottom + slack_px:
                    distance = 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
                    if distance <= slack_px and (best is None or distance < best[0]):
                        best = (distance, mark)
        return best[1] if best else None
