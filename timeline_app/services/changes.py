"""The one value every use case returns to say what it changed (one change channel:
the main window re-emits it and each view refreshes from it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """What a use case changed; views refresh from this one value (one change channel)."""

    events: bool = False
    documents: bool = False
    actors: bool = False
    database: bool = False  # a different file was opened
    filter: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anything(self) -> bool:
        return self.events or self.documents or self.actors or self.database or self.filter
