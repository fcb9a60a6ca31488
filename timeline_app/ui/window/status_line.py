"""The status bar's steady line: the counts of what is shown, after a recent note
(what Esc cleared) while it is fresh."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QStatusBar

# How long the status bar keeps saying what Esc cleared, over the counts.
NOTE_SECONDS = 8.0


class StatusLine:
    def __init__(
        self,
        bar: QStatusBar,
        counts: Callable[[], str],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bar, self._counts, self._clock = bar, counts, clock
        self._note: tuple[str, float] | None = None  # a message and when it was set

    def note(self, text: str) -> None:
        self._note = (text, self._clock())
        self.show_counts()

    def clear_note(self) -> None:
        self._note = None

    def show_counts(self) -> None:
        counts = self._counts()
        note = self._note
        if note is not None and self._clock() - note[1] < NOTE_SECONDS:
            counts = f"{note[0]}   ·   {counts}" if counts else note[0]
        self._bar.showMessage(counts)
