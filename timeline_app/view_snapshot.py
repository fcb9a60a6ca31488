"""Between the window's ``ViewState`` and a ``SavedView``: saving what is on screen,
and showing a saved view again. Qt-free; kept apart from ``saved_views`` because the
store reads saved views and must not depend on the window's state module."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from timeline_app.saved_views import SavedView, parse_pair
from timeline_app.view_state import Focus, ViewState


def from_state(
    name: str, state: ViewState, *, caption: str = "", pairs: Iterable[str] = ()
) -> SavedView:
    """What the window shows now, under ``name``."""
    return SavedView(
        name=name,
        window=(float(state.window[0]), float(state.window[1])),
        filter=state.filter,
        focus=(state.focus.kind, state.focus.key) if state.focus else None,
        selection=(state.selection,) if state.selection else (),
        pairs=tuple(parse_pair(p) for p in pairs),
        caption=caption,
    )


def to_state(view: SavedView, current: ViewState) -> ViewState:
    """``current`` showing ``view``. What a saved view does not hold (the bulk layer,
    whether the list follows the focus) stays as it is; the first selected event
    becomes the selection; without a stored window the current one stays (the caller
    frames the filter's matches)."""
    return replace(
        current,
        window=view.window if view.window is not None else current.window,
        filter=view.filter,
        focus=Focus(*view.focus) if view.focus else None,
        selection=view.selection[0] if view.selection else None,
    )
