"""Undo and redo for what the analyst looks at (filters, lane focus, time window).

The viewer never edits the curated data, so what an analyst expects to undo is a
change of view: a filter that emptied the timeline, a focus chip clicked by mistake.
Pure and generic; the window decides what a state is.
"""

from __future__ import annotations

from typing import Generic, TypeVar

S = TypeVar("S")


class History(Generic[S]):
    def __init__(self, limit: int = 100) -> None:
        self._undo: list[S] = []
        self._redo: list[S] = []
        self._limit = limit

    def record(self, previous: S) -> None:
        """``previous`` is the state being left; a new change clears the redo stack."""
        if self._undo and self._undo[-1] == previous:
            return
        self._undo.append(previous)
        del self._undo[: -self._limit]
        self._redo.clear()

    def undo(self, current: S) -> S | None:
        if not self._undo:
            return None
        self._redo.append(current)
        return self._undo.pop()

    def redo(self, current: S) -> S | None:
        if not self._redo:
            return None
        self._undo.append(current)
        return self._redo.pop()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
