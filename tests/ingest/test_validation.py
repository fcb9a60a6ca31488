"""One test per kind of bad input: the message names file, line and reason,
and the database is left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.ingest.problems import ValidationFailed
from timeline_app.services import Store, corpus_paths


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture
def loaded(tmp_path: Path, corpus_dir: Path) -> tuple[Store, list[str]]:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    return store, _dump(store.path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems_after(loaded: tuple[Store, list[str]], corpus_dir: Path) -> list[str]:
    store, before = loaded
    with pytest.raises(ValidationFailed) as info:
        store.load(corpus_paths(sources=corpus_dir))
    assert _dump(store.path) == before, "a rejected load must leave the database unchanged"
    return [str(p) for p in info.value.problems]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_quote_not_in_its_paragraph(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "agreed to hold a joint exercise next year", "agreed to hold a naval exercise")
    problems = _problems_after(loaded, corpus_dir)
    line = line_of(events, "agreed to hold a naval exercise")
    assert problems == [
        f"{events}:{line}: event 'ind-vnm-exercise': quote not found verbatim in paragraph 4 "
        "of a.txt: 'agreed to hold a naval exercise'"
    ]


def test_unknown_actor_code(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "{code: CHN, role: participant}", "{code: XYZ, role: participant}")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert f"{events}:{line_of(events, 'XYZ')}:" in problems[0]
    assert "unknown actor code 'XYZ'" in problems[0]


def test_bad_date(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, 'date: "2022"', 'date: "2022-14"')
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert (
        f":{line_of(events, '2022-14')}: event 'ind-vnm-exercise': not a date: '2022-14'"
        in problems[0]
    )


def test_duplicate_id(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "- id: ind-vnm-exercise", "- id: ind-vnm-pact")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert "duplicate id 'ind-vnm-pact' (first used on line 1)" in problems[0]


def test_missing_field(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "  category: exercise\n", "")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert "event 'ind-vnm-exercise': missing field 'category'" in problems[0]


def test_malformed_yaml(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "  title: India and Vietnam plan a joint exercise", "  title: [unclosed")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert problems[0].startswith(f"{events}:")
    assert "malformed YAML" in problems[0]


def test_unknown_vocabulary_and_score_out_of_range(
    loaded: tuple[Store, list[str]], corpus_dir: Path
) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "category: exercise", "category: excercise")
    _edit(events, "score: 7", "score: 12")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 2, "all problems are reported in one pass"
    assert "'category' must be one of agreement, visit" in problems[0]
    assert "score 12 is outside -10 to 10" in problems[1]


def test_citing_a_missing_or_boilerplate_paragraph(
    loaded: tuple[Store, list[str]], corpus_dir: Path
) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "paragraph: 4", "paragraph: 9")
    _edit(events, "paragraph: 2\n", "paragraph: 1\n")  # b.txt#1 is fine; a.txt#1 is boilerplate
    _edit(
        events,
        '    - document: a.txt\n      paragraph: 3\n      quote: "signed a defence pact"',
        '    - document: a.txt\n      paragraph: 1\n      quote: "Login"',
    )
    problems = _problems_after(loaded, corpus_dir)
    assert any("a.txt has no paragraph 9" in p for p in problems)
    assert any("paragraph 1 of a.txt is boilerplate" in p for p in problems)


def test_unknown_field_is_refused(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, "  score: 4\n", "  score: 4\n  scroe: 5\n")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1 and "unknown field 'scroe'" in problems[0]


def test_single_actor_event_is_refused(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(
        events,
        "    - {code: IND, role: participant}\n    - {code: VNM, role: participant}\n  category: exercise",
        "    - {code: IND, role: participant}\n  category: exercise",
    )
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1 and "at least two different actors" in problems[0]


def test_event_whose_roles_draw_no_lane_is_refused(
    loaded: tuple[Store, list[str]], corpus_dir: Path
) -> None:
    events = corpus_dir / "events.yaml"
    _edit(
        events,
        "    - {code: IND, role: participant}\n    - {code: VNM, role: participant}\n  category: exercise",
        "    - {code: IND, role: participant}\n    - {code: VNM, role: subject}\n  category: exercise",
    )
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1
    assert "the roles draw no lane (IND participant, VNM subject)" in problems[0]


def test_changed_article_is_refused_by_its_hash(
    loaded: tuple[Store, list[str]], corpus_dir: Path
) -> None:
    with (corpus_dir / "b.txt").open("a", encoding="utf-8") as handle:
        handle.write("An extra line.\n")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1 and "'b.txt' has changed: its sha256 is now" in problems[0]


def test_missing_events_file(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    (corpus_dir / "events.yaml").unlink()
    problems = _problems_after(loaded, corpus_dir)
    assert problems == [f"{corpus_dir / 'events.yaml'}: file not found"]


def test_not_utf8(loaded: tuple[Store, list[str]], corpus_dir: Path) -> None:
    (corpus_dir / "events.yaml").write_bytes(b"- id: \xff\xfe\n")
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1 and "not UTF-8 text" in problems[0]
