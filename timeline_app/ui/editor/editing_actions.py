"""The window's editing actions and their undo stack.

Every change to the data is one ``QUndoCommand`` on one ``QUndoStack``; the command
writes at once (``Store.apply_change``: one transaction with its audit rows), so
nothing waits for a save and nothing is lost on a crash.

Undo and the view's own undo (``history.py``: filter, focus, zoom) share Ctrl+Z: the
Edit menu's Undo acts on a data edit when the analyst's latest action was one (made,
undone or redone), and on the view otherwise. So Ctrl+Z right after making an event
takes the event back, not the selection that followed it; after a pan or a filter, it
steps back through views as before. Edit › History lists the data edits (QUndoView).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from timeline_app.domain import Citation, Event
from timeline_app.editing import changes
from timeline_app.editing.changes import Change
from timeline_app.editing.writes import EditError
from timeline_app.services import Changes
from timeline_app.ui.editor.audit_view import show_event_history
from timeline_app.ui.source.source_view import NO_SELECTION_MESSAGE, PassageSelection

if TYPE_CHECKING:
    from timeline_app.ui.editor.editor_dialog import EventEditor
    from timeline_app.ui.window.main_window import MainWindow


class EditCommand(QUndoCommand):
    def __init__(self, change: Change, editing: EditingActions) -> None:
        super().__init__(change.label)
        self.change, self.editing = change, editing
        self._done_once = False

    def redo(self) -> None:
        self.editing.write(self.change, undo=False, redo=self._done_once)
        self._done_once = True

    def undo(self) -> None:
        self.editing.write(self.change, undo=True)


class EditingActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        # No Qt parent: the stack lives as long as this object, so a late view signal
        # of a closing window never reaches a deleted stack.
        self.stack = QUndoStack()
        self.last_was_edit = False
        self._quiet = False  # a view change the editing made itself (selecting the event)
        self.failed: str | None = None  # the last write's error, for the message and tests
        self.open_editors: list[EventEditor] = []  # the dialog on screen (tests drive it)
        window.source.new_event_requested.connect(self.new_event)
        window.source.citation_requested.connect(self.cite)
        window.view.subscribe(lambda _old, _new, _changed: self._view_changed())

    # -- undo and redo, shared with the view's --------------------------------------------
    def _view_changed(self) -> None:
        if not self._quiet:
            self.last_was_edit = False

    def owns_undo(self) -> bool:
        return self.stack.canUndo() and (self.last_was_edit or not self.window.view.can_undo)

    def owns_redo(self) -> bool:
        return self.stack.canRedo() and (self.last_was_edit or not self.window.view.can_redo)

    def undo(self) -> None:
        self.stack.undo()
        self.window.update_history_actions()

    def redo(self) -> None:
        self.stack.redo()
        self.window.update_history_actions()

    def write(self, change: Change, *, undo: bool, redo: bool = False) -> None:
        store = self.window.store
        if store is None:
            return
        try:
            store.apply_change(change, undo=undo, redo=redo)
        except EditError as exc:
            self.failed = str(exc)
            QMessageBox.warning(self.window, "The change was not made", str(exc))
            return
        self.failed = None
        self.last_was_edit = True
        shown = [s.after if not undo else s.before for s in change.events]
        target = next((e.id for e in shown if e is not None), None)
        self._refresh_then_select(target, documents=change.removed_article is not None)

    def _refresh_then_select(self, event_id: str | None, *, documents: bool) -> None:
        window = self.window

        def select() -> None:
            window.data_shown.disconnect(select)
            try:
                if event_id and window.data.event(event_id) is not None:
                    window.select_event(event_id)
                    window.source_dock.show()
            finally:
                self._quiet = False
            window.update_history_actions()

        # Until the new data is shown, view changes are the window's own (a selection
        # that vanished with its event is cleared): the latest action is still the edit.
        self._quiet = True
        window.data_shown.connect(select)
        window.changed.emit(Changes(events=True, actors=True, documents=documents))

    def push(self, change: Change) -> None:
        command = EditCommand(change, self)
        self.stack.push(command)
        if self.failed is not None:  # nothing was written: nothing to undo either
            self.stack.undo()  # pops the failed command's place: redo would fail again
            command.setObsolete(True)
        self.window.update_history_actions()

    # -- the actions --------------------------------------------------------------------
    def _selection(self) -> PassageSelection | None:
        passage = self.window.source.selected_passage()
        if passage is None:
            self.window.statusBar().showMessage(NO_SELECTION_MESSAGE, 6000)
        return passage

    def _editor(self, passage: PassageSelection | None, event: Event | None) -> None:
        store, snapshot = self.window.store, self.window.snapshot
        if store is None:
            return
        names = (
            [passage.document.file_name]
            if passage
            else [c.document for c in event.citations]
            if event
            else []
        )
        existing = snapshot.events if snapshot else []
        from timeline_app.ui.editor.editor_dialog import EventEditor  # when first needed

        editor = EventEditor(store.reference(names), existing, passage, event, self.window)
        self.open_editors.append(editor)
        editor.finished.connect(lambda result: self._editor_done(editor, result))
        editor.open()

    def _editor_done(self, editor: EventEditor, result: int) -> None:
        self.open_editors.remove(editor)
        if result == QDialog.DialogCode.Accepted and editor.change is not None:
            self.push(editor.change)
        editor.deleteLater()

    def new_event(self, passage: PassageSelection | None = None) -> None:
        passage = passage or self._selection()
        if passage is not None:
            self._editor(passage, None)

    def edit_selected(self) -> None:
        event = self._selected_event()
        if event is not None:
            self._editor(None, event)

    def _selected_event(self) -> Event | None:
        store, selected = self.window.store, self.window.selected
        event = store.event(selected) if store and selected else None
        if event is None:
            self.window.statusBar().showMessage("Select an event first.", 6000)
        return event

    def cite(self, passage: PassageSelection | None = None) -> None:
        """Add the selected passage as a citation to an event the analyst picks."""
        passage = passage or self._selection()
        snapshot = self.window.snapshot
        if passage is None or snapshot is None:
            return
        events = sorted(snapshot.events, key=lambda e: (e.id != self.window.selected, e.title))
        labels = [f"{e.title} ({e.when.describe()}, {e.id})" for e in events]
        chosen, ok = QInputDialog.getItem(
            self.window, "Add as citation to…", "Event:", labels, 0, False
        )
        if not ok:
            return
        event = events[labels.index(chosen)]
        citation = Citation(passage.document.file_name, passage.paragraph.ordinal, passage.quote)
        self._try(lambda: changes.add_citation(event, citation))

    def delete_selected(self) -> None:
        event = self._selected_event()
        if event is None:
            return
        answer = QMessageBox.question(self.window, "Delete event", f"Delete “{event.title}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self.push(changes.delete_event(event))

    def remove_shown_citation(self) -> None:
        event = self._selected_event()
        if event is not None:
            self._try(lambda: changes.remove_citation(event, self.window.source.current_index()))

    def delete_shown_article(self) -> None:
        store, document = self.window.store, self.window.source.shown_document()
        if store is None or document is None:
            self.window.statusBar().showMessage("Show an article in the source pane first.", 6000)
            return
        article = store.stored_article(document.file_name)
        citing = store.events_citing(document.file_name)
        if article is None:
            return
        change = changes.delete_article(article, citing)
        gone = sum(1 for s in change.events if s.after is None)
        answer = QMessageBox.question(
            self.window,
            "Delete article",
            f"“{document.title}” is cited {len(citing)} time(s). Delete the article and "
            f"those citations? {gone} event(s) left with no citation will be deleted too. "
            "(Undo brings everything back.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.push(change)

    def _try(self, make: Callable[[], Change]) -> None:
        try:
            change = make()
        except EditError as exc:
            QMessageBox.warning(self.window, "The change was not made", str(exc))
            return
        self.push(change)

    def show_history(self) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Edit history")
        layout = QVBoxLayout(dialog)
        view = QUndoView(self.stack)
        view.setEmptyLabel("Opened database")
        layout.addWidget(view)
        dialog.resize(480, 360)
        dialog.show()
        return dialog

    def show_event_history(self) -> QWidget | None:
        event_id, store = self.window.selected, self.window.store
        if not event_id or store is None:
            self.window.statusBar().showMessage("Select an event first.", 6000)
            return None
        event = store.event(event_id)
        title = event.title if event is not None else ""
        return show_event_history(self.window, event_id, store.audit_log(event_id), title)


def add_editing_actions(window: MainWindow, menu: QMenu, editing: EditingActions) -> list[QAction]:
    """The Edit menu's entries for data edits (after Undo and Redo)."""
    from timeline_app.ui.window.menus import add_action

    source = window.source
    menu.addSeparator()
    source.new_event_action.setShortcut("Ctrl+N")
    source.cite_action.setShortcut("Ctrl+Shift+N")
    for action in (source.new_event_action, source.cite_action):
        window.addAction(action)  # window-wide keys: they act on the source pane's selection
        menu.addAction(action)
    return [
        add_action(window, menu, "&Edit selected event…", editing.edit_selected, "F2",
                   "Edit the selected event's fields"),
        add_action(window, menu, "&Delete selected event", editing.delete_selected, "Ctrl+Del",
                   "Delete the selected event (undoable)"),
        add_action(window, menu, "Remove the citation shown", editing.remove_shown_citation,
                   tip="Remove the source shown in the source pane from the event"),
        add_action(window, menu, "Delete the article shown…", editing.delete_shown_article,
                   tip="Delete the article in the source pane, and its citations"),
        add_action(window, menu, "&History", editing.show_history, "Ctrl+H",
                   "Every data edit of this session; click one to go back to it"),
        add_action(window, menu, "Event &history…", editing.show_event_history, "Ctrl+Shift+H",
                   "The audit log of the selected event: when, what, old and new"),
    ]  # fmt: skip
