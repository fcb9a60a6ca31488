"""The plan of one figure: which lanes and events it shows, and what it says.

``plan_figure`` decides a figure's content from the screen's events, lane order and
window and the validated ``ExportOptions``: the lanes drawn, the events shown, the
title and caption (worded here) and the numbered source notes (``figure_notes``).
``refuse_empty`` refuses a window with nothing in it before any file is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from timeline_app.dates import from_day
from timeline_app.domain import Actor, Document, Event, EventFilter, Pair
from timeline_app.export.figure_notes import NOTE_LIMIT, SourceFooter, source_footer

if TYPE_CHECKING:
    from timeline_app.export.image_options import ExportOptions


class EmptyFigureError(ValueError):
    """The window holds no event: a figure of nothing is refused, not written."""


def refuse_empty(
    events: Sequence[Event], window: tuple[float, float], pairs: Sequence[Pair] = ()
) -> None:
    """Raise ``EmptyFigureError`` (one line) unless an event of ``pairs`` (any pair if
    none) overlaps the half-open ``window``."""
    lo, hi = window
    wanted = set(pairs)
    if any(
        e.when.start_day < hi and e.when.end_day > lo and (not wanted or wanted & set(e.pairs))
        for e in events
    ):
        return
    where = f" of {', '.join(p.key for p in pairs)}" if pairs else ""
    raise EmptyFigureError(
        f"no event{where} between {window_text(window).replace(' – ', ' and ')}: "
        "nothing to export; widen the dates or choose other pairs"
    )


# -- wording ----------------------------------------------------------------------------


def pair_name(pair: Pair, actors: Mapping[str, Actor]) -> str:
    """``India-Vietnam`` with an en dash: short names as in the lane labels, else codes."""

    def short(code: str) -> str:
        actor = actors.get(code)
        return code if actor is None or len(actor.name) > 14 else actor.name

    return f"{short(pair.a)}–{short(pair.b)}"


def last_day(window: tuple[float, float]) -> date:
    return from_day(math.ceil(window[1]) - 1)


def years_text(window: tuple[float, float]) -> str:
    first, last = from_day(math.floor(window[0])).year, last_day(window).year
    return str(first) if first == last else f"{first}–{last}"


def window_text(window: tuple[float, float]) -> str:
    def human(d: date) -> str:
        return f"{d.day} {d.strftime('%b')} {d.year}"

    return f"{human(from_day(math.floor(window[0])))} – {human(last_day(window))}"


def default_title(names: Sequence[str], window: tuple[float, float]) -> str:
    years = years_text(window)
    if not names:
        return f"Bilateral ties, {years}"
    if len(names) > 3:
        return f"Bilateral ties of {len(names)} pairs, {years}"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} ties, {years}"


def caption_text(
    flt: EventFilter, window: tuple[float, float], pairs: Sequence[Pair], shown: int, hidden: int
) -> str:
    parts = [window_text(window), f"{shown} event{'s' if shown != 1 else ''}"]
    if pairs:
        parts.append("pairs: " + ", ".join(p.key for p in pairs))
    parts += flt.describe()
    if hidden:
        parts.append(f"{hidden} more lane{'s' if hidden != 1 else ''} not shown")
    return " · ".join(parts)


# -- the plan of one figure ---------------------------------------------------------------


@dataclass(frozen=True)
class FigurePlan:
    title: str
    caption: str
    window: tuple[float, float]
    lanes: tuple[Pair, ...]  # drawn, top to bottom
    events: tuple[Event, ...]  # events with a mark on a drawn lane (any date: drawing clips)
    shown: tuple[Event, ...]  # of those, the ones in the window, chronological
    footer: SourceFooter | None


def plan_figure(
    events: Sequence[Event],
    actors: Mapping[str, Actor],
    documents: Mapping[str, Document],
    lane_order: Sequence[Pair],
    window: tuple[float, float],
    flt: EventFilter,
    options: ExportOptions,
    max_lanes: int | None = None,
    note_limit: int = NOTE_LIMIT,
) -> FigurePlan:
    """Decide the figure's content. ``lane_order`` is the screen's (busiest first).

    With chosen pairs, exactly those lanes are drawn in the order typed. Otherwise
    the screen's lanes that have an event in the window, in the screen's order: a
    slide has no scrollbar, so lanes that show nothing are left out.
    """
    lo, hi = window

    def in_window(e: Event) -> bool:
        return e.when.start_day < hi and e.when.end_day > lo

    if options.pairs:
        lanes = list(options.pairs)
    else:
        busy = {p for e in events if in_window(e) for p in e.pairs}
        lanes = [p for p in lane_order if p in busy]
    hidden = max(len(lanes) - max_lanes, 0) if max_lanes is not None else 0
    lanes = lanes[: len(lanes) - hidden]
    drawn = set(lanes)
    on_lanes = tuple(e for e in events if drawn.intersection(e.pairs))
    shown = tuple(
        sorted(
            (e for e in on_lanes if in_window(e)),
            key=lambda e: (e.when.start_day, e.when.end_day, e.id),
        )
    )
    # A window of the user's choosing is named as chosen; an automatic one (padded
    # around the events) by the events' own span, so the title says 1945-2031, not 1942.
    label = (
        lo if options.start or not shown else max(lo, min(e.when.start_day for e in shown)),
        hi if options.end or not shown else min(hi, max(e.when.end_day for e in shown)),
    )
    title = options.title or default_title([pair_name(p, actors) for p in lanes], label)
    caption = caption_text(flt, label, options.pairs, len(shown), hidden)
    if options.caption.strip():
        caption = f"{options.caption.strip()} · {caption}"
    footer = (
        source_footer(
            shown, documents, note_limit, selected=options.selected, pinned=options.pinned
        )
        if options.with_sources
        else None
    )
    return FigurePlan(title, caption, window, tuple(lanes), on_lanes, shown, footer)
