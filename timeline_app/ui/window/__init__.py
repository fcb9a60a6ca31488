"""The main window and its wiring: menus, keys, dialogs, view binding, data jobs."""
