"""``import-article``: add saved articles (text, web page, PDF) to the collection."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from timeline_app.articles import ArticleError, MetaOverrides
from timeline_app.cli.common import EXIT_INVALID, EXIT_OK, Subparsers, add_db
from timeline_app.services import Store


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import-article", help="add articles (.txt, saved .html pages, .pdf) to the collection"
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add_db(parser)
    parser.add_argument("--title", help="the article's title (instead of the one read)")
    parser.add_argument("--outlet", help="the publication's name")
    parser.add_argument("--url", help="where the article was published")
    parser.add_argument(
        "--published", metavar="DATE", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per article")
    parser.set_defaults(handler=cmd_import_article)


def cmd_import_article(args: argparse.Namespace) -> int:
    overrides = MetaOverrides(args.title, args.outlet, args.url, args.published)
    store = Store.open(args.db)
    failed = 0
    try:
        for path in args.files:  # one transaction per file: a refusal leaves the others
            try:
                result = store.import_article(path, overrides)
            except ArticleError as exc:
                print(f"error: {exc}; nothing was written", file=sys.stderr)
                failed += 1
                continue
            if args.json:
                print(json.dumps(result.record(), ensure_ascii=False))
            elif result.duplicate:
                print(f"{path}: already in the collection as {result.key}; nothing added")
            else:
                record = result.record()
                print(
                    f"{path}: added as {result.key} ({record['paragraphs']} paragraphs, "
                    f"{record['boilerplate']} page furniture); "
                    f"{result.article.meta.title!r}, {result.article.meta.published.describe()}"
                    + (" (inferred)" if result.article.meta.inferred else "")
                )
    finally:
        store.close()
    return EXIT_INVALID if failed else EXIT_OK
