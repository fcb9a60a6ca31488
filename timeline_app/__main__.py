"""``timeline-app`` and ``python -m timeline_app``: the viewer, or a headless command."""

from __future__ import annotations

import sys
from collections.abc import Sequence

HEADLESS_COMMANDS = {"load", "check", "export-events", "-h", "--help", "--version"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in HEADLESS_COMMANDS:
        from timeline_app.cli import run

        return run(args)
    if args and args[0] == "--self-test":
        from timeline_app.ui.selftest import run_self_test

        return int(run_self_test())
    # The GUI is imported only when wanted, so headless commands never load Qt.
    from timeline_app.ui.app import run_gui

    return int(run_gui(args))


if __name__ == "__main__":
    sys.exit(main())
