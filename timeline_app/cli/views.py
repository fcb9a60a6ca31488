"""``views save|list|delete``: saved views from the command line (as in the Views panel)."""

from __future__ import annotations

import argparse
import json
import sys

from timeline_app.cli.common import EXIT_OK, Subparsers, UsageError, add_db, open_existing
from timeline_app.saved_views import (
    SavedView,
    SavedViewError,
    filter_input,
    parse_pair,
    split_list,
    to_dict,
    window_of_dates,
)


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    views = sub.add_parser(
        "views",
        help="save, list and delete saved views (as in the viewer's Views panel)",
        description="Saved views live in the database, beside the events they show.",
    )
    actions = views.add_subparsers(dest="views_command", metavar="ACTION", required=True)
    save = actions.add_parser(
        "save",
        help="save a view; saving a name again updates that view",
        description="Save a view under NAME. A view of that name is updated in place "
        "(it keeps its place in the list).",
    )
    add_db(save)
    save.add_argument("name", metavar="NAME")
    save.add_argument("--from", dest="date_from", default="", metavar="DATE",
                      help="first day shown, e.g. 2016 or 2016-03 or 2016-03-08")  # fmt: skip
    save.add_argument("--to", dest="date_to", default="", metavar="DATE",
                      help="last period shown (to its end: --to 2018 is to 31 Dec 2018)")  # fmt: skip
    save.add_argument("--pairs", default="", metavar="A-B,C-D", help="lanes, e.g. IND-VNM,IND-RUS")
    save.add_argument("--actors", default="", metavar="CODES", help="e.g. IND,VNM")
    save.add_argument("--categories", default="", metavar="NAMES", help="e.g. visit,exercise")
    save.add_argument("--modality", default="", metavar="NAMES", help="e.g. happened,agreed")
    save.add_argument("--search", default="", metavar="TEXT", help="full-text search, as typed")
    save.add_argument("--caption", default="", metavar="TEXT", help="a short line for the view")
    save.add_argument("--pin", default="", metavar="ID,ID",
                      help="event ids to pin: a briefing numbers their sources first")  # fmt: skip
    save.set_defaults(handler=cmd_views_save)
    listing = actions.add_parser("list", help="list the saved views in their order")
    add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON list, for scripts")
    listing.set_defaults(handler=cmd_views_list)
    delete = actions.add_parser("delete", help="delete a saved view")
    add_db(delete)
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(handler=cmd_views_delete)


def cmd_views_save(args: argparse.Namespace) -> int:
    try:
        flt = filter_input(
            date_from=args.date_from,
            date_to=args.date_to,
            actors=split_list(args.actors),
            categories=split_list(args.categories),
            modalities=split_list(args.modality),
            text=args.search,
        )
        pairs = tuple(dict.fromkeys(parse_pair(p) for p in split_list(args.pairs)))
        view = SavedView(
            name=args.name,
            window=window_of_dates(args.date_from, args.date_to),
            filter=flt,
            pairs=pairs,
            caption=args.caption,
            pins=tuple(dict.fromkeys(split_list(args.pin))),
        )
    except SavedViewError as exc:
        raise UsageError(str(exc)) from None
    store = open_existing(args.db)
    try:
        known = {actor.code for actor in store.actors()}
        named = set(flt.actors) | {code for key in pairs for code in key.split("-")}
        unknown = sorted(named - known)
        if unknown:
            raise UsageError(
                f"unknown actor code {', '.join(unknown)} (codes as in the database, e.g. IND)"
            )
        missing = [event_id for event_id in view.pins if store.event(event_id) is None]
        if missing:
            raise UsageError(f"--pin: no event with id {', '.join(missing)}")
        added = store.save_view(view)
    finally:
        store.close()
    print(f"{'Saved' if added else 'Updated'} view {view.name!r}: {view.describe()}")
    return EXIT_OK


def cmd_views_list(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    try:
        saved = store.saved_views()
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps([to_dict(v) for v in saved], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return EXIT_OK
    if not saved:
        print("no saved views", file=sys.stderr)
    for number, view in enumerate(saved, start=1):
        print(f"{number}. {view.name}: {view.describe()}")
        if view.caption:
            print(f"   {view.caption}")
    return EXIT_OK


def cmd_views_delete(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    try:
        store.delete_view(args.name)
    finally:
        store.close()
    print(f"Deleted view {args.name!r}")
    return EXIT_OK
