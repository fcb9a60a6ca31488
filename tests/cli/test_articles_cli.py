"""``import-article``, ``export-package`` and ``import-package`` from the command line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.articles.makers import CP1252_TEXT, FIXTURES
from timeline_app.cli import EXIT_INVALID, EXIT_OK, run
from timeline_app.services import Store

PORTAL = str(FIXTURES / "news_portal.html")
BLOG = str(FIXTURES / "wordpress_blog.html")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_article_json_one_object_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.sqlite3")
    code, out, _ = _run(capsys, "import-article", PORTAL, BLOG, "--db", db, "--json")
    assert code == EXIT_OK
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {
        "document": first["document"], "title": "India, Vietnam sign pact on maritime security",
        "outlet": "Example Times", "published": "2023-09-12", "precision": "day",
        "inferred": False, "paragraphs": 6, "boilerplate": 1, "duplicate": False,
    }  # fmt: skip
    assert first["document"].startswith("imported/") and first["document"].endswith(".html")
    assert second["boilerplate"] == 4 and second["outlet"] == "Defence Review Asia"
    code, out, _ = _run(capsys, "import-article", PORTAL, "--db", db, "--json")
    assert json.loads(out)["duplicate"] is True and json.loads(out)["document"] == first["document"]


def test_flags_correct_the_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "aegean.txt"
    text.write_bytes(CP1252_TEXT.encode("cp1252"))
    code, out, _ = _run(
        capsys, "import-article", str(text), "--db", str(tmp_path / "c.sqlite3"), "--json",
        "--title", "Aegean talks", "--outlet", "Kathimerini", "--published", "2021-03",
    )  # fmt: skip
    record = json.loads(out)
    assert code == EXIT_OK
    assert (record["title"], record["outlet"], record["published"], record["precision"]) == (
        "Aegean talks", "Kathimerini", "2021-03", "month",
    )  # fmt: skip
    assert record["inferred"] is False


def test_a_refused_file_is_one_line_and_the_others_go_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "c.sqlite3"
    code, out, err = _run(capsys, "import-article", str(empty), PORTAL, "--db", str(db))
    assert code == EXIT_INVALID
    assert err.strip() == "error: empty.txt: the file is empty; nothing was written"
    assert "added as imported/" in out
    store = Store.open(db)
    assert len(store.documents()) == 1


def test_package_round_trip_and_conflict_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = str(tmp_path / "mine.sqlite3"), str(tmp_path / "theirs.sqlite3")
    _run(capsys, "import-article", PORTAL, BLOG, "--db", mine)
    package = tmp_path / "team.zip"
    code, out, _ = _run(capsys, "export-package", "-o", str(package), "--db", mine)
    assert code == EXIT_OK and "2 articles and 0 events" in out
    assert zipfile.ZipFile(package).namelist()[0] == "manifest.json"
    Store.open(Path(theirs)).close()
    code, out, _ = _run(capsys, "import-package", str(package), "--db", theirs)
    assert code == EXIT_OK and "2 articles added" in out
    # Their copy of one article gets another title: the next merge stops and says so.
    store = Store.open(Path(theirs))
    key = store.documents()[0].file_name
    from timeline_app.articles import MetaOverrides

    store.correct_article(key, MetaOverrides(title="Their title"))
    code, _, err = _run(capsys, "import-package", str(package), "--db", theirs)
    assert code == EXIT_INVALID
    assert f"article {key}: metadata differs" in err and "nothing was written" in err
    code, out, _ = _run(
        capsys, "import-package", str(package), "--db", theirs, "--on-conflict", "replace"
    )
    assert code == EXIT_OK and "1 conflicts resolved: replace" in out
    assert store.documents()[0].title != "Their title"


def test_a_damaged_package_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK not really")
    Store.open(tmp_path / "c.sqlite3").close()
    code, _, err = _run(capsys, "import-package", str(bad), "--db", str(tmp_path / "c.sqlite3"))
    assert code == EXIT_INVALID
    assert err.startswith("error: bad.zip: not a readable zip file") and err.count("\n") == 1
