"""Rows and titles: each mark takes the first row where its title fits beside it.

``place_rows`` places a lane's dated candidates in rank order (whole title, else the
longest shortened one, else a bare mark), then gives a title to the marks left bare
where their final row still has room; ``place_states`` does the same for the thin rows
of long-running states. Nothing placed in a row overlaps anything else in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from timeline_app.domain import Event
from timeline_app.mark_layout.clusters import Candidate
from timeline_app.mark_layout.marks import MarkKind, PlacedMark, Style, mark_span_px
from timeline_app.mark_layout.titles import Measure, shorten

LABEL_ROWS = 3  # titled marks use at most this many rows per lane
STATE_LABEL_ROWS = 3


class Row:
    """Occupied pixel intervals of one row, kept sorted by their left end."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []

    def free(self, left: float, right: float, gap: float) -> bool:
        return all(right + gap <= a or left >= b + gap for a, b in self.spans)

    def room_after(self, left: float, x: float, gap: float) -> float:
        """Free width from ``x`` to the next occupied span (``left`` is the mark's own left)."""
        nxt = min((a for a, _ in self.spans if a >= left), default=float("inf"))
        return nxt - gap - x

    def take(self, left: float, right: float) -> None:
        self.spans.append((left, right))
        self.spans.sort()


def place_states(
    events: Sequence[Event],
    names: Sequence[str],
    indices: list[int],
    lane: int,
    dpp: float,
    measure: Measure,
    ranks: Sequence[tuple[bool, float, int, float, str]],
    style: Style,
) -> tuple[list[PlacedMark], int]:
    """Long-running states in thin rows of their own, titles inside or beside."""
    rows: list[Row] = []
    placed: list[PlacedMark] = []
    for i in sorted(indices, key=lambda i: ranks[i]):
        event = events[i]
        x0, x1 = event.when.start_day / dpp, event.when.end_day / dpp
        title = names[i]
        inside_room = x1 - x0 - 2 * style.inside_pad
        row, label, inside = None, "", False
        for r, occupied in enumerate(rows):
            if occupied.free(x0, x1, style.row_gap):
                row = r
                break
        if row is None:
            rows.append(Row())
            row = len(rows) - 1
        label = shorten(title, inside_room, measure) if inside_room > 0 else ""
        inside = bool(label)
        right = x1
        if not inside and row < STATE_LABEL_ROWS:
            room = rows[row].room_after(x0, x1 + style.label_gap, style.row_gap)
            label = shorten(title, room, measure)
            if label:
                right = x1 + style.label_gap + measure(label)
        rows[row].take(x0, right)
        multi = len(event.pairs) > 1  # a subject adds no lane, so no ring
        width = measure(label) if label else 0.0
        placed.append(
            PlacedMark(MarkKind.STATE, lane, (i,), float(event.when.start_day),
                       float(event.when.end_day), False, row, 0.0, 0.0, label, width, inside,
                       multi, title=title)
        )  # fmt: skip
    return placed, len(rows)


class Choice(NamedTuple):
    """Where one candidate goes: its row, its title as drawn, and the span it takes."""

    row: int
    label: str
    inside: bool  # the title is drawn inside the bar
    left: float  # left end taken in the row (the title's, when it is on the left)
    right: float
    on_left: bool = False  # the title is beside the mark on its left


View = tuple[float, float] | None  # a figure's left and right edges in pixels


def place_rows(
    candidates: list[Candidate],
    lane: int,
    dpp: float,
    measure: Measure,
    style: Style,
    view: View = None,
) -> tuple[list[PlacedMark], int]:
    """The lane's candidates in rows (see the module's doc). With ``view`` (a figure,
    which cannot pan) a title that would run past its right edge goes left of its mark
    where that row has room, so the row's room is counted where the title is drawn."""
    rows: list[Row] = []
    placed: list[PlacedMark] = []
    kept_bare: set[int] = set()  # positions in ``placed`` that stay without a title
    for c in sorted(candidates, key=lambda c: c.rank):
        start = c.start
        if c.is_point and c.kind is MarkKind.CLUSTER:
            start = (c.start + c.end) / 2 - 0.5  # drawn at the middle of its members
        x0, x1 = mark_span_px(c.is_point, start, c.end, c.width_px, dpp)
        if c.shed and c.kind is MarkKind.EVENT:
            kept_bare.add(len(placed))
            choice = Choice(_lowest_free_row(rows, x0, x1, style.row_gap), "", False, x0, x1)
        else:
            choice = _choose_row(rows, c, x0, x1, measure, style, view)
        while choice.row >= len(rows):
            rows.append(Row())
        rows[choice.row].take(choice.left, choice.right)
        placed.append(
            PlacedMark(c.kind, lane, tuple(c.members), start, c.end, c.is_point, choice.row,
                       0.0, c.width_px if c.is_point else 0.0, choice.label,
                       measure(choice.label) if choice.label else 0.0, choice.inside,
                       c.multilateral, label_left=choice.on_left, title=c.title)
        )  # fmt: skip
    return _title_the_bare(placed, rows, dpp, measure, style, kept_bare, view), len(rows)


def _lowest_free_row(rows: list[Row], x0: float, x1: float, gap: float) -> int:
    """The lowest row with room for the mark alone (a new one if none has)."""
    free = (r for r in range(len(rows) - 1, -1, -1) if rows[r].free(x0, x1, gap))
    return next(free, len(rows))


def _title_the_bare(
    placed: list[PlacedMark],
    rows: list[Row],
    dpp: float,
    measure: Measure,
    style: Style,
    kept_bare: set[int],
    view: View,
) -> list[PlacedMark]:
    """Once every mark has its row, a mark left without a title takes one where its row
    still has room beside it (in rank order: the rows are final, so this costs no row),
    except the marks at ``kept_bare``."""
    out = []
    for n, mark in enumerate(placed):
        if not mark.label and mark.title and n not in kept_bare:
            x0, x1 = mark.span_px(dpp)
            text_x = x1 + style.label_gap
            room = rows[mark.row].room_after(x0 + 0.5, text_x, style.row_gap)
            if view is not None:
                room = min(room, view[1] - text_x)
            label = shorten(mark.title, room, measure) if room > 0 else ""
            if label:
                width = measure(label)
                rows[mark.row].take(text_x, text_x + width)
                mark = replace(mark, label=label, label_width=width)
        out.append(mark)
    return out


def _choose_row(
    rows: list[Row],
    c: Candidate,
    x0: float,
    x1: float,
    measure: Measure,
    style: Style,
    view: View,
) -> Choice:
    """Where one candidate goes: the first row with room for its whole title (inside
    its bar, else beside it), else the longest shortened title, else a bare mark."""
    gap = style.row_gap
    inside_room = x1 - x0 - 2 * style.inside_pad
    full_w = measure(c.title)
    if not c.is_point and inside_room >= full_w:
        # The whole title fits inside the bar: the bar alone decides the row.
        for r in range(len(rows) + 1):
            if r == len(rows) or rows[r].free(x0, x1, gap):
                return Choice(r, c.title, True, x0, x1)
    text_x = x1 + style.label_gap
    left_end = x0 - style.label_gap  # a title on the left ends here

    def beside(r: int, label: str, on_left: bool) -> Choice:
        width = measure(label)
        if on_left:
            return Choice(r, label, False, left_end - width, x1, True)
        return Choice(r, label, False, x0, text_x + width)

    def rooms(row: Row) -> tuple[float, float]:
        """Room for a title right and left of the mark in ``row`` (none left on screen)."""
        right = row.room_after(x0, text_x, gap)
        if view is None:
            return right, float("-inf")
        before = max((b for _, b in row.spans if b <= x0), default=float("-inf"))
        return min(right, view[1] - text_x), left_end - max(before + gap, view[0])

    best_short: tuple[float, int, bool] | None = None
    # Titles use up to LABEL_ROWS rows, or every row the lane already has (a same-day
    # pile may have added rows beyond that).
    label_rows = max(min(len(rows) + 1, LABEL_ROWS), len(rows))
    for r in range(label_rows):
        row = rows[r] if r < len(rows) else Row()
        if not row.free(x0, x1, gap):
            continue
        right, left = rooms(row)
        if right >= full_w or left >= full_w:
            return beside(r, c.title, on_left=right < full_w)
        for room, on_left in ((right, False), (left, True)):
            if best_short is None or room > best_short[0]:  # never -inf: right comes first
                best_short = (room, r, on_left)
    # No row has room for the whole title: the longer of a title shortened inside the
    # bar (it takes no room of its own, so any row will do) and one shortened beside it.
    inside = shorten(c.title, inside_room, measure) if not c.is_point and inside_room > 0 else ""
    short = shorten(c.title, best_short[0], measure) if best_short is not None else ""
    if inside and len(inside) >= len(short):
        first_free = next(
            r for r in range(len(rows) + 1) if r == len(rows) or rows[r].free(x0, x1, gap)
        )
        return Choice(first_free, inside, True, x0, x1)
    if short and best_short is not None:
        return beside(best_short[1], short, best_short[2])
    # In a new row, empty, the title goes on the side the view leaves it most room.
    on_left = view is not None and rooms(Row())[0] < min(full_w, rooms(Row())[1])
    if c.shed:  # a shed cluster without a title: the lowest row with room
        r = _lowest_free_row(rows, x0, x1, gap)
        if r == len(rows) and r < LABEL_ROWS:  # a new row, empty: its title fits
            return beside(r, c.title, on_left)
        return Choice(r, "", False, x0, x1)
    for r in range(len(rows) + 1):  # a bare mark: the first row with room for it
        if r == len(rows) and (r < LABEL_ROWS or c.same_day):
            # A new row, empty: the title fits in it after all (a same-day pile may grow
            # the lane past LABEL_ROWS, and each of its events keeps its title).
            return beside(r, c.title, on_left)
        if r == len(rows):
            return Choice(r, "", False, x0, x1)
        if rows[r].free(x0, x1, gap):
            return Choice(r, "", False, x0, x1)
    raise AssertionError("unreachable: a new row always has room")
