"""Shared fixtures. No test touches the real user's files: the data dir is tmp."""

from __future__ import annotations

import hashlib
import os
import shutil
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]

ARTICLE_A = """Login Register

Hanoi and Delhi sign a pact

India and Vietnam on Monday signed a defence pact in Hanoi.
The two sides also agreed to hold a joint exercise next year.

Show comments
"""

# The first line ends in a space: a removed link wrapped the paragraph there.
ARTICLE_B = (
    "India offered the indigenously developed \n"
    "  to Vietnam, sources said.\n"
    "Russia and India extended their programme to 2031.\n"
)

EVENTS = """\
- id: ind-vnm-pact
  title: India and Vietnam sign a defence pact
  summary: The two sides signed a defence pact in Hanoi.
  date: "2021-12-06"
  relative: true
  date_note: "'on Monday' in an article of 8 December 2021"
  actors:
    - {code: IND, role: participant}
    - {code: VNM, role: participant}
  category: agreement
  modality: happened
  score: 6
  sources:
    - document: a.txt
      paragraph: 3
      quote: "India and Vietnam on Monday signed a defence pact in Hanoi."
- id: ind-vnm-exercise
  title: India and Vietnam plan a joint exercise
  summary: A joint exercise is planned for the next year.
  date: "2022"
  relative: true
  date_note: "'next year' in an article of December 2021"
  actors:
    - {code: IND, role: participant}
    - {code: VNM, role: participant}
  category: exercise
  modality: planned
  score: 4
  sources:
    - document: a.txt
      paragraph: 4
      quote: "agreed to hold a joint exercise next year"
- id: ind-rus-programme
  title: India and Russia extend their programme
  summary: The programme runs to 2031.
  date: "2021"
  end: "2031"
  actors:
    - {code: IND, role: initiator}
    - {code: RUS, role: recipient}
    - {code: CHN, role: participant}
  category: agreement
  modality: agreed
  score: 7
  sources:
    - document: b.txt
      paragraph: 2
      quote: "Russia and India extended their programme to 2031."
    - document: a.txt
      paragraph: 3
      quote: "signed a defence pact"
"""


def _manifest_entry(name: str, body: str, published: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return textwrap.dedent(
        f"""\
        - file: {name}
          title: Article {name}
          title_supplied: true
          outlet: Test Outlet
          published: "{published}"
          published_inferred: false
          language: en
          sha256: {digest}
        """
    )


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setenv("TIMELINE_APP_DATA_DIR", str(data))
    return data


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A small corpus in the real format: two articles, a manifest, three events."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (seeds / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (seeds / "manifest.yaml").write_text(
        _manifest_entry("a.txt", ARTICLE_A, "2021-12-08")
        + _manifest_entry("b.txt", ARTICLE_B, "2021-12"),
        encoding="utf-8",
    )
    (seeds / "events.yaml").write_text(EVENTS, encoding="utf-8")
    return seeds


@pytest.fixture
def bundled_seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the real bundled seeds."""
    target = tmp_path / "real-seeds"
    shutil.copytree(REPO / "seeds", target)
    return target


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close and delete windows while Qt is alive, so teardown order never depends
    on interpreter shutdown."""
    import gc
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        app.processEvents()
    gc.collect()
