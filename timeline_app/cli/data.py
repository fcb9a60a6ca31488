"""``load``, ``check`` and ``export-events``: the curated files in, the events out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline_app.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Subparsers,
    UserError,
    add_db,
    open_existing,
)
from timeline_app.export.events_io import to_csv, to_json
from timeline_app.ingest.actor_names import read_actor_names
from timeline_app.ingest.corpus import read_corpus
from timeline_app.ingest.lint import LintWarning, count_by_kind, lint_events
from timeline_app.ingest.problems import Problem, ValidationFailed
from timeline_app.safe_write import OutputError, refuse_unsafe_target, write_text
from timeline_app.services import Store, corpus_paths


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    load = sub.add_parser("load", help="build or refresh the database from the curated files")
    add_db(load)
    load.add_argument("--events", type=Path, metavar="FILE", help="curated events (YAML or JSON)")
    load.add_argument("--sources", type=Path, metavar="DIR", help="folder of articles + manifest")
    load.set_defaults(handler=cmd_load)

    check = sub.add_parser("check", help="validate the curated files and the database")
    add_db(check)
    check.add_argument("--events", type=Path, metavar="FILE")
    check.add_argument("--sources", type=Path, metavar="DIR")
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when the curation draws warnings (docs/codebook.md), not only on errors",
    )
    check.set_defaults(handler=cmd_check)

    export = sub.add_parser("export-events", help="write the events as JSON or CSV")
    add_db(export)
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.set_defaults(handler=cmd_export_events)


def cmd_load(args: argparse.Namespace) -> int:
    store = Store.open(args.db)
    try:
        report = store.load(corpus_paths(args.events, args.sources))
    finally:
        store.close()
    print(f"Loaded into {store.path}: {report.summary()}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Errors (the files do not load) exit 1; warnings (the curation breaks a rule of
    docs/codebook.md) are listed and exit 0, or 1 with ``--strict``."""
    failures: list[str] = []
    warnings: list[LintWarning] = []
    paths = corpus_paths(args.events, args.sources)
    try:
        corpus = read_corpus(paths)
        print(
            f"curated files: ok ({len(corpus.events)} events, "
            f"{sum(len(e.citations) for e in corpus.events)} citations, "
            f"{len(corpus.documents)} documents)"
        )
        name_problems: list[Problem] = []
        names = read_actor_names(paths.actor_names, corpus.actors, name_problems)
        failures += [str(p) for p in name_problems]
        warnings = lint_events(corpus, paths.events, names)
        print(f"curation: {_describe_warnings(warnings)}")
        for warning in warnings:  # before the database, which may be missing
            print(warning, file=sys.stderr)
    except ValidationFailed as exc:
        failures += [str(p) for p in exc.problems]
    store = Store.open(args.db, create=False, read_only=True)  # check never writes
    try:
        problems = store.integrity_problems()
        if not problems:
            print(f"database: ok ({store.counts().describe()}) at {store.path}")
        failures += problems
    finally:
        store.close()
    for line in failures:
        print(line, file=sys.stderr)
    return EXIT_INVALID if failures or (args.strict and warnings) else EXIT_OK


def _describe_warnings(warnings: list[LintWarning]) -> str:
    if not warnings:
        return "no warnings"
    kinds = ", ".join(f"{kind} {n}" for kind, n in count_by_kind(warnings).items())
    return f"{len(warnings)} warning(s) ({kinds})"


def cmd_export_events(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    try:
        if args.output:  # refused before any work: an output over the database is lost data
            _refuse_output(args.output, store.path)
        events = store.events()
    finally:
        store.close()
    text = to_json(events) if args.format == "json" else to_csv(events)
    if args.output:
        try:
            write_text(args.output, text, protected=[store.path])
        except OutputError as exc:
            raise UserError(str(exc)) from None
        print(f"Wrote {len(events)} events to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _refuse_output(output: Path, database: Path) -> None:
    try:
        refuse_unsafe_target(output, [database])
    except OutputError as exc:
        raise UserError(str(exc)) from None
