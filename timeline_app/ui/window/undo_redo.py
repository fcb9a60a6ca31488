"""Edit › Undo and Redo for the main window: one pair of actions over two histories,
the event edits (``EditingActions``' undo stack) and the view changes (``ViewModel``'s
history). The newest of the two is undone first; the actions' texts say which it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from timeline_app.ui.editor.editing_actions import EditingActions
    from timeline_app.ui.window.status_line import StatusLine
    from timeline_app.ui.window.view_controller import ViewController
    from timeline_app.view_state import ViewModel


class UndoRedo:
    """Mixed into ``MainWindow``, which sets these attributes."""

    editing: EditingActions
    views: ViewController
    view: ViewModel
    status: StatusLine
    undo_action: QAction  # set by ``build_menus``
    redo_action: QAction

    def undo(self) -> None:
        self.status.clear_note()  # "Ctrl+Z brings it back" is done
        self.editing.undo() if self.editing.owns_undo() else self.views.undo()

    def redo(self) -> None:
        self.status.clear_note()
        self.editing.redo() if self.editing.owns_redo() else self.views.redo()

    def update_history_actions(self) -> None:
        if hasattr(self, "undo_action"):
            edits = self.editing.stack
            self.undo_action.setEnabled(self.view.can_undo or edits.canUndo())
            self.redo_action.setEnabled(self.view.can_redo or edits.canRedo())
            undo_edit, redo_edit = self.editing.owns_undo(), self.editing.owns_redo()
            self.undo_action.setText(
                f"&Undo {edits.undoText()}" if undo_edit else "&Undo view change"
            )
            self.redo_action.setText(
                f"&Redo {edits.redoText()}" if redo_edit else "&Redo view change"
            )
