"""``timeline-app`` and ``python -m timeline_app``: the viewer, or a headless command."""

from __future__ import annotations

import sys
from collections.abc import Sequence

HEADLESS_COMMANDS = {
    "load", "check", "export-events", "import-gdelt", "views", "backup", "restore", "add-event",
    "import-article", "export-package", "import-package", "-h", "--help", "--version",
}  # fmt: skip
# Image export draws with Qt but needs no display; kept out of the Qt-free cli.py.
EXPORT_IMAGE_HELP = (
    "\nimage export (Qt, works without a display):\n"
    "  export-image   write the timeline as PNG, SVG or PDF; see export-image --help\n"
    "  export-deck    write a briefing deck (.pptx or .pdf) of the saved views; see "
    "export-deck --help"
)


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen app starts the GDELT reading process (ingest/gdelt_process.py) by
        # running its own executable again: this turns that run into the child, which
        # never returns from here. Unfrozen, it does nothing, so only frozen builds pay
        # for importing multiprocessing.
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "export-image":
        from timeline_app.ui.figures.export_cli import run as export_image

        return int(export_image(args[1:]))
    if args and args[0] == "export-deck":
        from timeline_app.ui.figures.deck_cli import run as export_deck

        return int(export_deck(args[1:]))
    if args and args[0] in HEADLESS_COMMANDS:
        from timeline_app.cli import run

        try:
            return run(args)
        finally:
            if args[0] in ("-h", "--help"):
                print(EXPORT_IMAGE_HELP)
    if args and args[0] == "--self-test":
        from timeline_app.ui.selftest import run_self_test

        return int(run_self_test())
    # The GUI is imported only when wanted, so headless commands never load Qt.
    from timeline_app.ui.app import run_gui

    return int(run_gui(args))


if __name__ == "__main__":
    sys.exit(main())
