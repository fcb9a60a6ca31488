"""``timeline-app views``: save, list, delete, and the one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, run
from timeline_app.services import Store


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views") / "seeded.sqlite3"
    store = Store.open(path)
    store.load()
    store.close()
    return path


@pytest.fixture
def db(loaded_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "t.sqlite3"
    copy.write_bytes(loaded_db.read_bytes())
    return str(copy)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_save_twice_list_as_json_then_delete(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "views", "save", "India–Vietnam arms", "--db", db,
        "--from", "2015", "--to", "2018", "--pairs", "vnm-ind,IND-RUS",
        "--categories", "arms_transfer, visit", "--modality", "discussed",
        "--search", "Akash", "--caption", "Talks, not a sale",
    )  # fmt: skip
    assert code == EXIT_OK
    assert out.startswith("Saved view 'India–Vietnam arms': ")
    assert _run(capsys, "views", "save", "Russia", "--db", db, "--actors", "rus")[0] == EXIT_OK
    code, out, _ = _run(capsys, "views", "save", "Russia", "--db", db, "--caption", "again")
    assert code == EXIT_OK and out.startswith("Updated view 'Russia'")

    code, out, _ = _run(capsys, "views", "list", "--db", db, "--json")
    assert code == EXIT_OK
    listed = json.loads(out)
    assert [v["name"] for v in listed] == ["India–Vietnam arms", "Russia"]
    first = listed[0]
    assert first["pairs"] == ["IND-VNM", "IND-RUS"]
    assert first["filter"]["categories"] == ["arms_transfer", "visit"]
    assert first["filter"]["date_from"] == "2015" and first["filter"]["text"] == "Akash"
    assert first["window"][1] - first["window"][0] == 4 * 365 + 1  # 2015-2018, one leap day
    assert listed[1] == {**listed[1], "caption": "again"}
    assert listed[1]["filter"]["actors"] == []  # an update replaces the whole view

    code, out, _ = _run(capsys, "views", "list", "--db", db)
    assert out.splitlines()[0].startswith("1. India–Vietnam arms: ")
    assert "   Talks, not a sale" in out.splitlines()

    assert _run(capsys, "views", "delete", "Russia", "--db", db)[0] == EXIT_OK
    code, out, _ = _run(capsys, "views", "list", "--db", db, "--json")
    assert [v["name"] for v in json.loads(out)] == ["India–Vietnam arms"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["save", "X", "--from", "20x6"], EXIT_USAGE, "--from: not a date"),
        (["save", "X", "--from", "2019", "--to", "2018"], EXIT_USAGE, "end comes before"),
        (["save", "X", "--categories", "sport"], EXIT_USAGE, "unknown category sport"),
        (["save", "X", "--modality", "maybe"], EXIT_USAGE, "unknown modality maybe"),
        (["save", "X", "--pairs", "IND"], EXIT_USAGE, "written like IND-VNM"),
        (["save", "X", "--pairs", "IND-XYZ"], EXIT_USAGE, "unknown actor code XYZ"),
        (["save", "X", "--actors", "QQQ"], EXIT_USAGE, "unknown actor code QQQ"),
        (["save", " X"], EXIT_USAGE, "without leading or trailing spaces"),
        (["save", "X", "--caption", "c" * 281], EXIT_USAGE, "at most 280"),
        (["delete", "nothing"], EXIT_INVALID, "no saved view called 'nothing'"),
    ],
)
def test_bad_arguments_give_one_line_and_change_nothing(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], status: int, message: str
) -> None:
    code, out, err = _run(capsys, "views", *args, "--db", db)
    assert code == status
    assert out == ""
    assert len(err.splitlines()) == 1 and message in err and err.startswith("error: ")
    assert Store.open(Path(db)).saved_views() == []


def test_views_need_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite3"
    code, _, err = _run(capsys, "views", "list", "--db", str(missing))
    assert code == EXIT_INVALID and "no database here yet" in err
    assert not missing.exists()


def test_an_empty_list_is_an_empty_json_list(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "views", "list", "--db", db, "--json")
    assert code == EXIT_OK and json.loads(out) == []


def test_views_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(["views"])
    assert exited.value.code == EXIT_USAGE


def test_the_installed_command_runs_views_without_opening_the_viewer(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "v.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["TIMELINE_APP_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "timeline_app", *args, "--db", str(db)],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip

    assert run("load").returncode == 0
    saved = run("views", "save", "Dec 2021", "--from", "2021-11", "--to", "2021-12")
    assert saved.returncode == 0, saved.stderr
    listed = run("views", "list")
    assert listed.returncode == 0 and "Dec 2021" in listed.stdout


def test_save_with_pins_keeps_them_in_order_and_refuses_unknown_ids(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pins = "ind-rus-2021-12-06-first-2plus2-dialogue,ind-vnm-2016-09-comprehensive-partnership"
    code, out, _ = _run(capsys, "views", "save", "Pinned", "--db", db, "--pin", pins)
    assert code == EXIT_OK and "2 pinned" in out
    code, out, _ = _run(capsys, "views", "list", "--db", db, "--json")
    assert json.loads(out)[-1]["pins"] == pins.split(",")
    code, _, err = _run(capsys, "views", "save", "Bad", "--db", db, "--pin", "no-such-event")
    assert code == EXIT_USAGE and "--pin: no event with id no-such-event" in err
    store = Store.open(Path(db), create=False)
    assert store.saved_view("Bad") is None
    store.close()
