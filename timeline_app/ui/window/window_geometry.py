"""Opening the main window inside its screen's available area (``screen_fit`` does the
arithmetic; this module measures the screen and the frame, and applies the result)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from timeline_app.screen_fit import (
    DEFAULT_FRAME,
    Margins,
    Rect,
    clamp_client,
    dock_sizes,
    first_placement,
)
from timeline_app.screen_fit import DockSizes as DockSizes


def to_rect(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


def to_qrect(rect: Rect) -> QRect:
    return QRect(rect.x, rect.y, rect.width, rect.height)


def _measured_frame(window: QWidget) -> Margins | None:
    outer, inner = window.frameGeometry(), window.geometry()
    if not window.isVisible() or outer == inner:
        return None
    return Margins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )


def frame_margins(window: QWidget) -> Margins:
    """The window's frame once it is on screen; before that, the frame of another
    visible top-level window (the start-up window has one), else a usual allowance."""
    own = _measured_frame(window)
    if own is not None:
        return own
    for other in QApplication.topLevelWidgets():
        if other is not window and other.isWindow():
            measured = _measured_frame(other)
            if measured is not None:
                return measured
    return DEFAULT_FRAME


def available_area(window: QWidget) -> Rect:
    screen = window.screen() or QApplication.primaryScreen()
    return to_rect(screen.availableGeometry())


def screen_dock_sizes(window: QWidget) -> DockSizes:
    """Dock sizes for the size the window first opens at on its screen."""
    return dock_sizes(first_placement(available_area(window), frame_margins(window)).client)


class DockSizer(QObject):
    """Sizes the docks for the window's screen at once, and again for the size the
    window is first shown at (maximised on a laptop, or a size the program set). A
    restored dock layout is the analyst's: ``cancel`` leaves it alone."""

    def __init__(self, window: QWidget, apply: Callable[[DockSizes], None]) -> None:
        super().__init__(window)
        self._window, self._apply = window, apply
        apply(screen_dock_sizes(window))
        window.installEventFilter(self)

    def cancel(self) -> None:
        self._window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            self._apply(dock_sizes(to_rect(self._window.geometry())))
        return False


def place_on_screen(window: QWidget) -> None:
    """The first size and position: 1366x768 centred when the screen has room with the
    frame, otherwise the whole available area, maximised once shown."""
    placement = first_placement(available_area(window), frame_margins(window))
    window.setGeometry(to_qrect(placement.client))
    _ScreenKeeper.attach(window, maximise=placement.maximised)


def keep_on_screen(window: QWidget) -> None:
    """Clamp a restored (normal) geometry to the available area of the screen it is on;
    a maximised or full-screen window is the window manager's to size."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    screen = _screen_under(window)
    clamped = clamp_client(
        to_rect(window.geometry()), to_rect(screen.availableGeometry()), frame_margins(window)
    )
    if to_qrect(clamped) != window.geometry():
        window.setGeometry(to_qrect(clamped))


def restore_on_screen(window: QWidget, geometry: QByteArray) -> None:
    """Restore a saved geometry, kept inside the available area of the screen it lands
    on (it may have been saved on a bigger monitor)."""
    if window.restoreGeometry(geometry):
        keep_on_screen(window)
        _ScreenKeeper.attach(window, maximise=False)


def _screen_under(window: QWidget) -> QScreen:
    """The screen holding the window's centre; the window's own (or the primary) screen
    when the centre lies on none, as after a monitor was unplugged."""
    found = QApplication.screenAt(window.geometry().center())
    return found or window.screen() or QApplication.primaryScreen()


class _ScreenKeeper(QObject):
    """Finishes the placement when the window is first shown: maximises it if the screen
    is small, then checks the geometry once more when the real frame is known (the
    window manager frames a window only once it is mapped).

    Both steps apply only while the window still has the geometry placed here: a size
    the program sets afterwards (a test's fixed size, a restored geometry) wins."""

    def __init__(self, window: QWidget, maximise: bool) -> None:
        super().__init__(window)
        self._window = window
        self._maximise = maximise
        self._placed = window.geometry()

    @classmethod
    def attach(cls, window: QWidget, *, maximise: bool) -> None:
        for old in window.findChildren(cls):
            window.removeEventFilter(old)
            old.deleteLater()
        window.installEventFilter(cls(window, maximise))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            if self._window.geometry() != self._placed:
                self.deleteLater()
            elif self._maximise:
                self._window.setWindowState(
                    self._window.windowState() | Qt.WindowState.WindowMaximized
                )
                self.deleteLater()
            else:
                # The frame arrives with the window manager's reply, a moment after Show.
                QTimer.singleShot(250, self._recheck)
        return False

    def _recheck(self) -> None:
        if self._window.geometry() == self._placed:
            keep_on_screen(self._window)
        self.deleteLater()
