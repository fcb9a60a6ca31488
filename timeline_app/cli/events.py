"""``add-event --json FILE``: add events made elsewhere (a script, a colleague's export)."""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline_app.cli.common import EXIT_OK, Subparsers, add_db, open_existing


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    add = sub.add_parser(
        "add-event",
        help="add one event or a list, in the export-events JSON format",
        description="Add events in the JSON form `export-events` writes (one object or a "
        "list; optional fields such as relative, date_note and dataset may be left out). "
        "Every event is checked with the loader's rules, and any ISO 3166-1 alpha-3 "
        "country code is a known actor. Nothing is written when any event is wrong; each "
        "problem is reported with its file, line and reason. Added events belong to the "
        "'analyst' dataset, which loading the curated files never changes.",
    )
    add.add_argument("--json", dest="json_file", type=Path, required=True, metavar="FILE")
    add_db(add)
    add.set_defaults(handler=cmd_add_event)


def cmd_add_event(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    try:
        events = store.add_events_from_file(args.json_file)
    finally:
        store.close()
    for event in events:
        print(f"added {event.id}: {event.title}")
    print(f"{len(events)} event(s) added to {store.path}")
    return EXIT_OK
