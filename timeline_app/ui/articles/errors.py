"""A background job's failure shown as the window's usual error box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from timeline_app.ui.window import dialogs


def error_reporter(parent: QWidget, title: str) -> Callable[[BaseException], None]:
    def report(exc: BaseException) -> None:
        dialogs.show_error(parent, title, exc)

    return report
