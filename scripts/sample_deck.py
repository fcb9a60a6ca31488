"""Regenerate the README's sample deck page, docs/images/sample-deck-page.png, and the
sample decks beside it in a temporary folder.

Usage: python scripts/sample_deck.py [OUTPUT]   (default: docs/images/sample-deck-page.png)

Builds a fresh database from the bundled seeds in a temporary folder (your own data is
never touched), saves two views with `timeline-app views save` as a user would, writes
`export-deck -o brief.pdf` and `-o brief.pptx`, and renders the PDF's second page (the
December 2021 summit, the busier of the two) to PNG with pdftoppm (poppler-utils).
Works without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIEWS = [
    ["India and Vietnam, 2016–2018", "--from", "2016", "--to", "2018", "--pairs", "IND-VNM",
     "--caption", "Defence ties deepen after the 2016 comprehensive strategic partnership"],
    ["The December 2021 summit", "--from", "2021-11-25", "--to", "2021-12-15",
     "--pairs", "IND-RUS", "--caption", "Six agreements and a first 2+2 dialogue in one day",
     "--pin", "ind-rus-2021-12-06-first-2plus2-dialogue"],
]  # fmt: skip
PAGE = "2"  # the December 2021 summit: a busy day whose events the page must name


def timeline_app(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "timeline_app", *args], check=True)


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else REPO / "docs" / "images" / "sample-deck-page.png"
    tmp = Path(tempfile.mkdtemp(prefix="timeline-deck-"))
    os.environ["TIMELINE_APP_DATA_DIR"] = str(tmp)  # the commands below inherit it
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")])
    )
    db = str(tmp / "x.sqlite3")
    timeline_app("load", "--db", db)
    for view in VIEWS:
        timeline_app("views", "save", *view, "--db", db)
    for name in ("brief.pdf", "brief.pptx"):
        timeline_app("export-deck", "-o", str(tmp / name), "--db", db)
    if shutil.which("pdftoppm") is None:
        print(f"decks in {tmp}; install poppler-utils (pdftoppm) for the page image")
        return 1
    subprocess.run(
        ["pdftoppm", "-r", "96", "-png", "-f", PAGE, "-l", PAGE, "-singlefile",
         str(tmp / "brief.pdf"), str(output.with_suffix(""))],
        check=True,
    )  # fmt: skip
    print(f"wrote {output}; the decks are in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
