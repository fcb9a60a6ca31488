"""Making and editing events in the app: the editor dialog, its undo commands and the
window's editing actions (the Qt-free rules are in ``timeline_app/editing``)."""
