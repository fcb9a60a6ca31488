"""Image exports: rendering figures, the export dialog and its command line."""
