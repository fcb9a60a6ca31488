"""Words about the timeline's marks: lane names, tooltips and the menu of a cluster.

Every piece of event text is escaped before it goes into markup (tooltips detect
rich text), and menu texts double "&" (a mnemonic marker in Qt).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from timeline_app.domain import Actor, Event, Pair
from timeline_app.ui.theme import CATEGORY_LABELS, MODALITY_LABELS


def lane_label(pair: Pair, actors: Mapping[str, Actor]) -> str:
    def short(code: str) -> str:
        actor = actors.get(code)
        if actor is None or len(actor.name) > 14:
            return code
        return actor.name

    return f"{short(pair.a)} – {short(pair.b)}"


def cluster_tooltip(events: Sequence[Event], label: str) -> str:
    """The events of a cluster, each title escaped (tooltips auto-detect HTML)."""
    shown = [f"{html.escape(e.when.describe())}: {html.escape(e.title)}" for e in events[:12]]
    if len(events) > 12:
        shown.append(f"… and {len(events) - 12} more")
    return (
        f"<qt><b>{html.escape(label)}</b><br>"
        + "<br>".join(shown)
        + "<br><i>click to list them</i></qt>"
    )


def event_tooltip(event: Event, actors: Mapping[str, Actor]) -> str:
    """Rich text built only from escaped pieces (tooltips auto-detect HTML)."""
    names = ", ".join(
        f"{html.escape(actors[p.code].name if p.code in actors else p.code)} ({p.role.value})"
        for p in event.actors
    )
    sources = len(event.citations)
    lines = [
        f"<b>{html.escape(event.title)}</b>",
        html.escape(event.when.describe()) + f" <i>({event.when.precision.value} precision)</i>",
        names,
        f"{html.escape(CATEGORY_LABELS[event.category])} · {html.escape(MODALITY_LABELS[event.modality])}"
        f" · score {event.score:+g}",
        f"{sources} source{'s' if sources != 1 else ''}",
    ]
    return "<qt>" + "<br>".join(lines) + "</qt>"


def cluster_menu(
    parent: QWidget,
    events: Sequence[Event],
    pick: Callable[[str], object],
    zoom: Callable[[float, float], object],
) -> QMenu:
    """A cluster's events, to pick one; and a way to zoom until they separate."""
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    zoom_action = menu.addAction(f"Zoom in on these {len(events)} events")
    lo = float(min(e.when.start_day for e in events))
    hi = float(max(e.when.end_day for e in events))
    zoom_action.triggered.connect(lambda: zoom(lo, hi))
    menu.addSeparator()
    for event in events:
        # Action text is plain, but "&" marks a mnemonic: double it.
        action = menu.addAction(f"{event.when.describe()} · {event.title}".replace("&", "&&"))
        action.triggered.connect(lambda _=False, event_id=event.id: pick(event_id))
    return menu
