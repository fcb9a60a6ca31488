"""A GDELT file of empty lines is refused within a few megabytes, naming the file and
line, and writes nothing; a few blank lines between rows stay harmless."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from timeline_app.ingest.gdelt import GdeltError, GdeltReader, Record, open_source
from timeline_app.ingest.gdelt_lines import (
    BLOCK,
    MAX_BLANK_CHARS,
    MAX_EMPTY_LINES,
    BlankRun,
    line_blocks,
)
from timeline_app.services import Store, corpus_paths
from timeline_app.store import bulk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
HEADER = FIXTURES / "20211206000000.export.with-header.csv"
ROWS = TAB.read_text(encoding="utf-8").splitlines()


class Endless:
    """A stream of ``head`` and then ``fill`` bytes without end, counting what is read."""

    def __init__(self, fill: bytes, head: bytes = b"") -> None:
        self.fill, self.head, self.read_bytes = fill, head, 0

    def read(self, n: int = -1) -> bytes:
        out = self.head[:n]
        self.head = self.head[len(out) :]
        out += self.fill * ((n - len(out)) // len(self.fill))
        self.read_bytes += len(out)
        return out


def drain(raw: Endless) -> int:
    return sum(len(lines) for lines in line_blocks(raw))  # type: ignore[arg-type]


def test_endless_newlines_stop_after_the_empty_line_limit() -> None:
    raw = Endless(b"\n")
    with pytest.raises(BlankRun) as caught:
        drain(raw)
    assert caught.value.reason == f"more than {MAX_EMPTY_LINES:,} empty lines: not a GDELT export"
    assert MAX_EMPTY_LINES < caught.value.line <= MAX_EMPTY_LINES + BLOCK
    assert raw.read_bytes <= MAX_EMPTY_LINES + 2 * BLOCK  # a megabyte or two, not forever


def test_endless_blank_lines_stop_after_the_blank_run_limit_naming_where_it_starts() -> None:
    rows = ("\n".join(ROWS) + "\n").encode()
    raw = Endless(b"   \r\n", head=rows)  # not empty lines: blank ones, a run of them
    with pytest.raises(BlankRun) as caught:
        drain(raw)
    assert caught.value.line == len(ROWS) + 1  # the first blank line
    assert "MiB of empty lines in a row" in caught.value.reason
    assert raw.read_bytes <= len(rows) + MAX_BLANK_CHARS + 2 * BLOCK


def test_a_few_blank_lines_between_rows_are_skipped_and_lines_keep_their_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gaps.export.CSV"
    bad = "not\ta\trow"
    path.write_text("\n\n".join([*ROWS, bad]) + "\n\n\n", encoding="utf-8")
    reader = GdeltReader()
    records: list[Record] = [r for c, _ in reader.read(open_source(path)) for r in c]
    assert len(records) == len(ROWS) - 2  # as the fixture without gaps
    assert [p.line for p in reader.stats.problems][-1] == 2 * len(ROWS) + 1


@pytest.mark.parametrize("kind", ["plain", "zip", "header csv"])
def test_a_file_of_newlines_is_refused_naming_file_and_line_and_writes_nothing(
    tmp_path: Path, corpus_dir: Path, kind: str
) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    store.import_gdelt([TAB])
    store.close()
    with sqlite3.connect(tmp_path / "t.sqlite3") as conn:
        before = list(conn.iterdump())
    newlines = b"\n" * (MAX_EMPTY_LINES + BLOCK)  # 2 MiB
    if kind == "zip":
        path = tmp_path / "20220101000000.export.CSV.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("20220101000000.export.CSV", ROWS[0].encode() + b"\n" + newlines)
        where = f"{path.name}:20220101000000.export.CSV:"
    elif kind == "header csv":
        path = tmp_path / "with-header.csv"
        path.write_bytes(HEADER.read_bytes().splitlines(keepends=True)[0] + newlines)
        where = f"{path.name}:"
    else:
        path = tmp_path / "20220101000000.export.CSV"
        path.write_bytes(newlines)
        where = f"{path.name}:"
    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    try:
        with pytest.raises(GdeltError) as caught:
            bulk.import_gdelt(conn, [TAB, path], parallel=kind == "zip")
    finally:
        conn.close()
    message = str(caught.value)
    assert where in message and "empty lines" in message, message
    assert message.endswith("not a GDELT export; nothing was written")
    with sqlite3.connect(tmp_path / "t.sqlite3") as conn:
        assert list(conn.iterdump()) == before
