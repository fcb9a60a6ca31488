"""Regenerate the README's sample slide, docs/images/sample-slide.png.

Usage: python scripts/export_sample.py [OUTPUT]   (default: docs/images/sample-slide.png)

Builds a fresh database from the bundled seeds in a temporary folder (your own data
is never touched) and runs the same `export-image` command a user would: India-Vietnam
and India-Russia, 2013-2022, with the relationship panel and the source notes, as a
16:9 slide. Works without a display.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else REPO / "docs" / "images" / "sample-slide.png"
    tmp = Path(tempfile.mkdtemp(prefix="timeline-sample-"))
    os.environ["TIMELINE_APP_DATA_DIR"] = str(tmp)  # set before the app reads its paths
    sys.path.insert(0, str(REPO))
    from timeline_app.services import Store
    from timeline_app.ui.figures.export_cli import run

    try:
        db = tmp / "x.sqlite3"
        store = Store.open(db)
        store.ensure_seeded()
        store.close()
        output.parent.mkdir(parents=True, exist_ok=True)
        return run(
            [
                "-o", str(output), "--db", str(db), "--preset", "slide",
                "--from", "2013", "--to", "2022", "--pairs", "IND-VNM,IND-RUS",
                "--with-graph", "--with-sources",
            ]
        )  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
