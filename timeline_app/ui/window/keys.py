"""Keys as QActions, so that they work wherever focus is and Help lists them all.

* Window actions (menus, Ctrl+F, Esc) have window-wide scope. A text box would take
  some of them for itself (QLineEdit claims Ctrl+E, Ctrl+K ... through
  ShortcutOverride); ``ActionsWinInTextBoxes`` lets the window's action win unless the
  key is plain text editing (typing, moving the cursor, copy/paste, the box's undo).
* Timeline keys (arrows, Enter, Z, plus, minus, Home) are actions on the timeline widget
  (WidgetWithChildrenShortcut): they act when the timeline has focus.
* Mouse gestures cannot be actions; ``GESTURES`` declares them beside the actions,
  and ``shortcut_entries`` builds the Help list from both, so it cannot go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

GESTURES: tuple[tuple[str, str], ...] = (
    ("Mouse wheel", "Zoom time around the cursor (a burst of steps is one undo step)"),
    ("Shift + wheel", "Scroll lanes"),
    ("Drag", "Pan (one undo step)"),
    ("Click a mark or its title", "Select the event and show its source"),
    ("Click a grey cluster", "List its events (pick one) or zoom in on them"),
    ("Hover", "A mark's or a cluster's titles, a bulk column's counts"),
    ("Double-click", "Fit all"),
    ("Click an edge / a node", "Focus a tie (and frame its events) / all of an actor's ties"),
)

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
# Keys a text box keeps even when they are also a window shortcut: with Ctrl, the
# clipboard, select-all, the box's own undo and word-wise movement.
_TEXT_EDITING_WITH_CTRL = {
    Qt.Key.Key_A,
    Qt.Key.Key_C,
    Qt.Key.Key_V,
    Qt.Key.Key_X,
    Qt.Key.Key_Z,
    Qt.Key.Key_Y,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Insert,
}


def is_text_editing(event: QKeyEvent) -> bool:
    """Typing and editing keys a text box must keep (Esc and function keys are not)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = Qt.Key(event.key())
    if key == Qt.Key.Key_Escape or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
        return False
    if mods in (Qt.KeyboardModifier.NoModifier, _SHIFT):
        return True
    return bool(mods in (_CTRL, _CTRL | _SHIFT) and key in _TEXT_EDITING_WITH_CTRL)


class ActionsWinInTextBoxes(QObject):
    """Event filter for text boxes: a window action's key reaches the action."""

    def __init__(self, actions: Callable[[], Iterable[QAction]], parent: QObject) -> None:
        super().__init__(parent)
        self._actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (not is_text_editing(event) or _nothing_to_undo_in(watched, event))
            and self._is_action_key(event)
        ):
            event.ignore()  # not claimed by the box: the shortcut map runs the action
            return True
        return False

    def _is_action_key(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(
            s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for action in self._actions()
            if action.isEnabled()
            for s in action.shortcuts()
        )


def _nothing_to_undo_in(box: QObject, event: QKeyEvent) -> bool:
    """Ctrl+Z in a box whose own undo is empty (Esc just cleared it): the view's undo,
    which brings the cleared text back, should run instead of nothing at all."""
    if not isinstance(box, QLineEdit):
        return False
    if event.matches(QKeySequence.StandardKey.Undo):
        return not box.isUndoAvailable()
    if event.matches(QKeySequence.StandardKey.Redo):
        return not box.isRedoAvailable()
    return False


def widget_action(
    widget: QWidget,
    text: str,
    slot: Callable[[], object],
    *keys: str | QKeySequence.StandardKey,
) -> QAction:
    """An action that acts while ``widget`` (or a child) has focus."""
    action = QAction(text, widget)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def keys_text(action: QAction) -> str:
    return " / ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    )


def describe_action(action: QAction) -> str:
    return action.statusTip() or action.text().replace("&", "").rstrip("…")


def shortcut_entries(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, in the order given, then the
    mouse gestures."""
    entries: list[tuple[str, str]] = []
    seen: set[int] = set()
    for action in actions:
        if id(action) in seen or not action.shortcuts():
            continue
        seen.add(id(action))
        entries.append((keys_text(action), describe_action(action)))
    return entries + list(GESTURES)


def shortcuts_text(entries: Iterable[tuple[str, str]]) -> str:
    rows = list(entries)
    width = max((len(keys) for keys, _ in rows), default=0)
    return "\n".join(f"{keys.ljust(width)}   {what}" for keys, what in rows)
