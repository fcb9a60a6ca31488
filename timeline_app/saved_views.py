"""A saved view: a named snapshot of what the analyst was looking at, Qt-free.

It holds the same things as ``view_state.ViewState`` (the time window as day numbers,
the filter exactly as typed, the lane focus, the selected or pinned events) plus the
lanes picked, a short caption and a name. It is stored as one JSON document per row
(``store/views.py``): a later version can add keys without a schema change, and every
document is validated on read, so a hand-edited or damaged row is reported by name
instead of reaching the views as a half-built state.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from timeline_app.dates import DateError, from_day, parse_iso, period_end, to_day
from timeline_app.domain import Category, Modality, Pair
from timeline_app.filters import FilterInput, build_filter
from timeline_app.framing import Window

# What a lane focus is, as ``view_state.Focus`` spells it: ("pair", "IND-VNM") or
# ("actor", "IND"). A plain tuple here, because the store reads saved views and must
# not depend on the window's state module (see the layers in pyproject.toml).
FocusKey = tuple[str, str]
FOCUS_KINDS = ("pair", "actor")

# The JSON layout's own version: bumped if a key changes meaning, so an old row can
# be read (or refused) knowingly. A new key with an empty default ("pins") is not a
# change of meaning: rows written before it read as having none.
FORMAT = 1
MAX_NAME = 80
MAX_CAPTION = 280  # a line under a slide, not a note
MAX_IDS = 500  # selected or pinned events; more is a filter, not a selection


class SavedViewError(ValueError):
    """A saved view that cannot be built or read; the message is meant for the user."""


@dataclass(frozen=True)
class SavedView:
    name: str
    window: Window | None = None  # [start day, end day); None: frame what the filter shows
    filter: FilterInput = field(default_factory=FilterInput)
    focus: FocusKey | None = None  # (kind, key)
    selection: tuple[str, ...] = ()  # curated event ids, selected first
    pins: tuple[str, ...] = ()  # curated event ids pinned: a briefing numbers them first
    pairs: tuple[str, ...] = ()  # lane keys "IND-VNM", in the order picked
    caption: str = ""

    def __post_init__(self) -> None:
        check_name(self.name)
        check_caption(self.caption)
        typed = _typed_window(self.filter)
        if self.window is not None and self.window != typed:  # else "dates:" says it
            lo, hi = self.window
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise SavedViewError(f"view {self.name!r}: the window must run forwards")
        if len(self.selection) > MAX_IDS:
            raise SavedViewError(f"view {self.name!r}: more than {MAX_IDS} selected events")
        if len(self.pins) > MAX_IDS:
            raise SavedViewError(f"view {self.name!r}: more than {MAX_IDS} pinned events")
        for key in self.pairs:
            parse_pair(key)
        if self.focus is not None and self.focus[0] not in FOCUS_KINDS:
            raise SavedViewError(f"view {self.name!r}: unknown focus kind {self.focus[0]!r}")

    def describe(self) -> str:
        """One line for a list: the window's dates, then what is filtered."""
        parts: list[str] = []
        typed = _typed_window(self.filter)
        if self.window is not None and self.window != typed:  # else "dates:" says it
            lo, hi = self.window
            last = from_day(max(math.ceil(hi) - 1, math.floor(lo)))
            parts.append(f"{from_day(math.floor(lo)).isoformat()} to {last.isoformat()}")
        parts += build_filter(self.filter).filter.describe()
        if self.pairs:
            parts.append("pairs: " + ", ".join(self.pairs))
        if self.focus is not None:
            parts.append(f"focus: {self.focus[1]}")
        if self.selection:
            parts.append(f"{len(self.selection)} selected")
        if self.pins:
            parts.append(f"{len(self.pins)} pinned")
        return "; ".join(parts) or "everything"


def _typed_window(flt: FilterInput) -> Window | None:
    try:
        return window_of_dates(flt.date_from, flt.date_to)
    except SavedViewError:
        return None


def check_name(name: str) -> str:
    if name != name.strip() or not name:
        raise SavedViewError("a view needs a name without leading or trailing spaces")
    if len(name) > MAX_NAME:
        raise SavedViewError(f"a view name has at most {MAX_NAME} characters")
    if any(ch < " " for ch in name):
        raise SavedViewError("a view name is one line")
    return name


def check_caption(caption: str) -> str:
    if len(caption) > MAX_CAPTION:
        raise SavedViewError(f"a caption has at most {MAX_CAPTION} characters")
    return caption


def parse_pair(key: str) -> str:
    """A lane key in its one spelling ("vnm-ind" -> "IND-VNM")."""
    try:
        return Pair.parse(key).key
    except ValueError as exc:
        raise SavedViewError(str(exc)) from None


def split_list(text: str) -> list[str]:
    """ "IND, VNM,,rus" -> ["IND", "VNM", "rus"]: what a comma-separated option holds."""
    return [part.strip() for part in text.split(",") if part.strip()]


def filter_input(
    *,
    date_from: str = "",
    date_to: str = "",
    actors: Iterable[str] = (),
    categories: Iterable[str] = (),
    modalities: Iterable[str] = (),
    text: str = "",
) -> FilterInput:
    """A filter as the filter bar would hold it, refusing what the bar would ignore:
    a saved view that silently drops half its filter is worse than an error."""
    raw = FilterInput(
        text=text,
        actors=frozenset(a.strip().upper() for a in actors),
        categories=frozenset(c.strip().lower() for c in categories),
        modalities=frozenset(m.strip().lower() for m in modalities),
        date_from=date_from.strip(),
        date_to=date_to.strip(),
    )
    _unknown("category", raw.categories, {c.value for c in Category})
    _unknown("modality", raw.modalities, {m.value for m in Modality})
    errors = build_filter(raw).errors
    for name, message in sorted(errors.items()):
        label = "--from" if name == "date_from" else "--to"
        raise SavedViewError(f"{label}: {message}")
    return raw


def _unknown(label: str, values: Iterable[str], known: set[str]) -> None:
    bad = sorted(set(values) - known)
    if bad:
        raise SavedViewError(
            f"unknown {label} {', '.join(bad)} (choose from {', '.join(sorted(known))})"
        )


def window_of_dates(date_from: str, date_to: str) -> Window | None:
    """The window a "from ... to ..." covers (to the end of the period typed last), or
    None unless both ends are given: an open end is framed from the events."""
    if not (date_from.strip() and date_to.strip()):
        return None
    try:
        start, _ = parse_iso(date_from)
        first, precision = parse_iso(date_to)
    except DateError as exc:
        raise SavedViewError(str(exc)) from None
    lo, hi = float(to_day(start)), float(to_day(period_end(first, precision)) + 1)
    if hi <= lo:
        raise SavedViewError("--to: the end comes before the start")
    return lo, hi


# -- JSON ---------------------------------------------------------------------------


def to_json(view: SavedView) -> str:
    """The stored document (without the name: that is its own column)."""
    return json.dumps(to_dict(view, with_name=False), ensure_ascii=False, sort_keys=True)


def to_dict(view: SavedView, *, with_name: bool = True) -> dict[str, Any]:
    flt = view.filter
    data: dict[str, Any] = {
        "format": FORMAT,
        "window": list(view.window) if view.window is not None else None,
        "filter": {
            "text": flt.text,
            "actors": sorted(flt.actors),
            "categories": sorted(flt.categories),
            "modalities": sorted(flt.modalities),
            "date_from": flt.date_from,
            "date_to": flt.date_to,
        },
        "focus": {"kind": view.focus[0], "key": view.focus[1]} if view.focus else None,
        "selection": list(view.selection),
        "pins": list(view.pins),
        "pairs": list(view.pairs),
        "caption": view.caption,
    }
    if with_name:
        data = {"name": view.name, **data}
    return data


def from_json(name: str, text: str) -> SavedView:
    """Validate a stored document; a problem is a ``SavedViewError`` naming the view."""
    try:
        data = json.loads(text)
        return _from_dict(name, data)
    except SavedViewError as exc:
        raise SavedViewError(f"saved view {name!r} is damaged: {exc}") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise SavedViewError(f"saved view {name!r} is damaged: {exc}") from None


def _from_dict(name: str, data: Any) -> SavedView:
    if not isinstance(data, dict):
        raise SavedViewError("not a JSON object")
    if data.get("format") != FORMAT:
        raise SavedViewError(f"format {data.get('format')!r} is not {FORMAT}")
    window = data.get("window")
    if window is not None:
        if not (isinstance(window, list) and len(window) == 2):
            raise SavedViewError("window is not [start, end]")
        window = (_number(window[0]), _number(window[1]))
    flt = data.get("filter") or {}
    if not isinstance(flt, dict):
        raise SavedViewError("filter is not an object")
    focus = data.get("focus")
    return SavedView(
        name=name,
        window=window,
        filter=FilterInput(
            text=_string(flt, "text"),
            actors=frozenset(_strings(flt, "actors")),
            categories=frozenset(_strings(flt, "categories")),
            modalities=frozenset(_strings(flt, "modalities")),
            date_from=_string(flt, "date_from"),
            date_to=_string(flt, "date_to"),
        ),
        focus=None if focus is None else (_string(focus, "kind"), _string(focus, "key")),
        selection=tuple(_strings(data, "selection")),
        pins=tuple(_strings(data, "pins")),  # absent from views saved before pins
        pairs=tuple(_strings(data, "pairs")),
        caption=_string(data, "caption"),
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SavedViewError(f"{value!r} is not a day number")
    return float(value)


def _string(data: Mapping[str, Any], key: str) -> str:
    if not isinstance(data, Mapping):
        raise SavedViewError(f"{key} is not in an object")
    value = data.get(key, "")
    if not isinstance(value, str):
        raise SavedViewError(f"{key} is not text")
    return value


def _strings(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SavedViewError(f"{key} is not a list of text")
    return list(value)
