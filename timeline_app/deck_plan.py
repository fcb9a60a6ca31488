"""A briefing deck from saved views: which slides, in which order, saying what. Qt-free.

One slide (a PowerPoint slide or a PDF page) per saved view, in the saved order or in
the order the briefer names them. Each slide is the view's figure (its window, filter,
lanes, focus, with its pinned and selected events numbered first), the view's name as
the slide's title and its caption under it. Drawing and file writing are in
``ui/figures/deck_*.py``; the speaker notes' text is decided here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from timeline_app.domain import Actor, Document, Event, EventFilter, Pair
from timeline_app.export.figure_notes import SourceFooter, appendix_entries
from timeline_app.export.image_options import (
    ExportOptions,
    ImageFormat,
    OptionError,
    page_for,
)
from timeline_app.filters import build_filter
from timeline_app.framing import Window, matches_window, range_window, spans_of
from timeline_app.saved_views import SavedView, split_list

HOW_TO_SAVE = (
    "save one with View › Save view… in the viewer, or "
    "`timeline-app views save NAME --from 2016 --to 2022 --caption TEXT`"
)


class DeckError(ValueError):
    """A deck that cannot be made as asked; the message is one line for the user."""


class UnknownViewError(DeckError):
    """A view named that is not saved: a mistake in the command line."""


class DeckFormat(enum.StrEnum):
    PPTX = "pptx"
    PDF = "pdf"


def deck_format_for_path(path: Path | str) -> DeckFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return DeckFormat(suffix)
    except ValueError:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise DeckError(f"{path}: {shown} is not a deck format: use .pptx or .pdf") from None


def choose_views(saved: Sequence[SavedView], names: Sequence[str] | str = ()) -> list[SavedView]:
    """The views to put on slides: every saved view in order, or those named (a list or
    "A,B"), in the order named."""
    if isinstance(names, str):
        names = split_list(names)
    if not saved:
        raise DeckError(f"there are no saved views to make a deck of: {HOW_TO_SAVE}")
    if not names:
        return list(saved)
    by_name = {v.name: v for v in saved}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(repr(v.name) for v in saved)
        raise UnknownViewError(
            f"no saved view called {', '.join(map(repr, unknown))}; saved: {known}"
        )
    return [by_name[n] for n in dict.fromkeys(names)]


@dataclass(frozen=True)
class SlidePlan:
    """One slide's data: what ``FigureSource`` needs, and the view it comes from."""

    view: SavedView
    events: tuple[Event, ...]  # the view's filter applied, on its lanes
    flt: EventFilter
    window: Window
    options: ExportOptions

    @property
    def title(self) -> str:
        return self.view.name

    @property
    def caption(self) -> str:
        return self.view.caption


def slide_options(
    view: SavedView, theme: str = "light", fmt: ImageFormat = ImageFormat.PDF
) -> ExportOptions:
    """The figure options of a view's slide: the 16:9 slide preset, titled marks with
    numbered source notes, the view's name and caption, its pins and selection first."""
    if theme not in ("light", "dark"):
        raise DeckError(f"unknown theme {theme!r}: use light or dark")
    try:
        pairs = tuple(Pair.parse(key) for key in view.pairs)
    except ValueError as exc:
        raise OptionError(str(exc)) from None
    if not pairs and view.focus is not None and view.focus[0] == "pair":
        pairs = (Pair.parse(view.focus[1]),)
    return ExportOptions(
        page=page_for("slide"),
        format=fmt,
        theme=theme,
        title=view.name,
        pairs=pairs,
        start=None,
        end=None,
        with_graph=False,
        with_sources=True,
        selected=view.selection,
        pinned=view.pins,
        caption=view.caption,
    )


def view_window(view: SavedView, flt: EventFilter, events: Sequence[Event]) -> Window:
    """The stored window; else the dates typed; else the matches of a filter framed as
    the window frames them; else the events' dense period (the window's first view)."""
    if view.window is not None:
        return view.window
    spans = spans_of(events)
    if flt.start or flt.end or flt.is_empty:
        return range_window(flt.start, flt.end, spans)
    return matches_window(spans) or range_window(None, None, spans)


def plan_slide(
    view: SavedView,
    events_of: Callable[[EventFilter], Sequence[Event]],
    theme: str = "light",
    fmt: ImageFormat = ImageFormat.PDF,
) -> SlidePlan:
    """``events_of`` reads the events a filter matches (``Store.events``)."""
    flt = build_filter(view.filter).filter
    options = slide_options(view, theme, fmt)
    events = list(events_of(flt))
    if options.pairs:
        wanted = set(options.pairs)
        events = [e for e in events if wanted.intersection(e.pairs)]
    elif view.focus is not None and view.focus[0] == "actor":
        events = [e for e in events if view.focus[1] in e.actor_codes]
    window = view_window(view, flt, events)
    # The caption names the window already; the filter's own dates would repeat it.
    shown_filter = replace(flt, start=None, end=None)
    return SlidePlan(view, tuple(events), shown_filter, window, options)


def plan_deck(
    views: Sequence[SavedView],
    events_of: Callable[[EventFilter], Sequence[Event]],
    theme: str = "light",
    fmt: ImageFormat = ImageFormat.PDF,
) -> list[SlidePlan]:
    return [plan_slide(v, events_of, theme, fmt) for v in views]


def speaker_notes(
    shown: Sequence[Event],
    footer: SourceFooter | None,
    documents: Mapping[str, Document],
    caption: str = "",
) -> str:
    """The notes a presenter reads: the caption, the numbered notes as on the figure,
    then every other event of the slide with its sources, so nothing is dropped."""
    parts = [caption.strip()] if caption.strip() else []
    notes = footer.notes if footer is not None else ()
    if notes:
        parts.append("Sources of the numbered events:")
        parts += [note.text for note in notes]
    others = [
        entry
        for entry in appendix_entries(shown, documents, footer)
        if not entry.label  # the numbered ones are above
    ]
    if others:
        parts.append("Other events on this slide:")
        for entry in others:
            parts.append(entry.heading)
            parts += [f"  {text}" for text in entry.sources]
    return "\n".join(parts)


@dataclass(frozen=True)
class DeckInput:
    """What a deck is drawn from, read in one go so the database is closed before any
    drawing: the planned slides, and the actors and documents their notes name."""

    slides: list[SlidePlan]
    actors: dict[str, Actor]
    documents: dict[str, Document]


def read_deck_input(db: Path | None, names: Sequence[str] | str, theme: str) -> DeckInput:
    """Open the database read-only in effect (nothing is written), choose and plan the
    views (``DeckError`` when there are none or a name is unknown)."""
    from timeline_app.services import Store

    store = Store.open(db, create=False)
    try:
        views = choose_views(store.saved_views(), names)
        slides = plan_deck(views, store.events, theme, ImageFormat.PDF)
        actors = {a.code: a for a in store.actors()}
        documents = {d.file_name: d for d in store.documents()}
    finally:
        store.close()
    return DeckInput(slides, actors, documents)
