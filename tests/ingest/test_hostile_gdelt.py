"""Hostile GDELT exports: oversized numbers, damaged zips, zip bombs, endless lines
and huge fields are malformed rows or one ``GdeltError`` naming the file, read in
bounded memory, and a refused import writes nothing."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from timeline_app.ingest import gdelt_files
from timeline_app.ingest.gdelt import GdeltError, GdeltReader, Record, open_source
from timeline_app.ingest.gdelt_lines import MAX_LINE_CHARS, TOO_LONG, line_blocks
from timeline_app.services import Store, corpus_paths
from timeline_app.store import bulk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
HEADER = FIXTURES / "20211206000000.export.with-header.csv"
ROWS = TAB.read_text(encoding="utf-8").splitlines()
FIRST_ID = int(ROWS[0].split("\t")[0])


def read_all(path: Path) -> tuple[list[Record], GdeltReader]:
    reader = GdeltReader()
    records = [r for chunk, _pos in reader.read(open_source(path)) for r in chunk]
    return records, reader


def with_field(row: str, column: int, value: str) -> str:
    fields = row.split("\t")
    fields[column] = value
    return "\t".join(fields)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (0, str(2**64), f"GLOBALEVENTID '{2**64}' is too large (more than 64 bits)"),
        (0, str(2**63), f"GLOBALEVENTID '{2**63}' is too large (more than 64 bits)"),
        (32, str(2**63), f"NumSources '{2**63}' is too large (more than 64 bits)"),
        (33, "9" * 400, "NumArticles '" + "9" * 39 + "…' is too large (more than 64 bits)"),
        (1, "99991231", "SQLDATE '99991231' is outside the supported years 1 to 9998"),
    ],
)
def test_numbers_beyond_64_bits_are_malformed_rows(
    tmp_path: Path, column: int, value: str, message: str
) -> None:
    path = tmp_path / "big.export.CSV"
    path.write_text("\n".join([with_field(ROWS[0], column, value), *ROWS[1:]]) + "\n")
    records, reader = read_all(path)
    assert [str(p) for p in reader.stats.problems] == [f"{path}:1: {message}"]
    assert len(records) == 10 and FIRST_ID not in {r[0] for r in records}


def test_the_largest_64_bit_id_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.export.CSV"
    path.write_text(with_field(ROWS[0], 0, str(2**63 - 1)) + "\n")
    records, reader = read_all(path)
    assert reader.stats.malformed == 0 and [r[0] for r in records] == [2**63 - 1]


def test_an_id_too_big_in_a_header_csv_is_a_malformed_row(tmp_path: Path) -> None:
    lines = HEADER.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "big.csv"
    first_id = lines[1].split(",", 1)[0]
    path.write_text(lines[0] + lines[1].replace(first_id, str(2**70), 1) + "".join(lines[2:]))
    _records, reader = read_all(path)
    assert [str(p) for p in reader.stats.problems] == [
        f"{path}:2: GLOBALEVENTID '{2**70}' is too large (more than 64 bits)"
    ]


def zip_of(path: Path, text: bytes, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("20211206000000.export.CSV", text)
    return path


def corrupt(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(needle)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_bad_crc_is_a_gdelt_error_naming_the_file(tmp_path: Path) -> None:
    path = zip_of(tmp_path / "crc.zip", TAB.read_bytes(), zipfile.ZIP_STORED)
    corrupt(path, ROWS[5].encode()[:20])  # a byte of the stored text: the CRC no longer fits
    with pytest.raises(GdeltError) as info:
        read_all(path)
    assert str(info.value).startswith(f"{path}:20211206000000.export.CSV: the zip file is damaged")
    assert str(info.value).endswith("nothing was written (download the export again)")
    assert "Bad CRC-32" in str(info.value)


def test_a_corrupt_deflate_stream_is_a_gdelt_error(tmp_path: Path) -> None:
    path = zip_of(tmp_path / "deflate.zip", TAB.read_bytes() * 50)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # zeros in the middle of the compressed data
    path.write_bytes(bytes(data))
    with pytest.raises(GdeltError, match="the zip file is damaged"):
        read_all(path)


def test_a_truncated_zip_is_refused_before_reading(tmp_path: Path) -> None:
    whole = zip_of(tmp_path / "whole.zip", TAB.read_bytes())
    path = tmp_path / "half.zip"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(GdeltError, match="a damaged or truncated zip file"):
        open_source(path)


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("20211206000000.export.CSV", "w") as member,
    ):
        for _ in range(80):  # 80 MB of newlines in about 360 KB
            member.write(b"\n" * (1 << 20))
    started = time.perf_counter()
    with pytest.raises(GdeltError) as info:
        open_source(path)
    assert time.perf_counter() - started < 1
    assert re.fullmatch(
        re.escape(f"{path}: 20211206000000.export.CSV unpacks to 80 MB from ")
        + r"\d{3} KB, more than 100 times its size: not an export \(a zip bomb\?\); "
        "nothing was read",
        str(info.value),
    ), str(info.value)


def test_a_member_over_the_absolute_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gdelt_files, "MAX_MEMBER_BYTES", 1024)
    path = zip_of(tmp_path / "big.zip", TAB.read_bytes())
    with pytest.raises(GdeltError, match=r"unpacks to 5 KB, over the limit of 1 KB"):
        open_source(path)


def test_a_40_mb_line_is_one_malformed_row_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.export.CSV"
    with path.open("w", encoding="utf-8") as file:
        file.write(ROWS[0] + "\n")
        file.write("x" * (40 * 1024 * 1024))  # no tab, no newline for 40 MB
        file.write("\n" + "\n".join(ROWS[1:]) + "\n")
    tracemalloc.start()
    try:
        records, reader = read_all(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"  # a few 1 MB blocks
    assert [str(p) for p in reader.stats.problems] == [
        f"{path}:2: a line longer than 128 KiB (GDELT rows are under a few KiB); skipped"
    ]
    assert len(records) == 11  # every other row, at its own line


def test_a_long_last_line_without_newline_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "tail.export.CSV"
    path.write_bytes(b"a\nb\n" + b"y" * (MAX_LINE_CHARS + 1))
    with path.open("rb") as raw:
        lines = [line for block in line_blocks(raw) for line in block]
    assert lines[:2] == ["a", "b"] and lines[2] is TOO_LONG and len(lines) == 3


def test_line_limits_hold_across_block_edges() -> None:
    limit = 10
    text = b"short\n" + b"z" * 11 + b"\nok\n" + b"w" * 10 + b"\n"
    lines = [line for block in line_blocks(io.BytesIO(text), limit) for line in block]
    assert lines == ["short", TOO_LONG, "ok", "w" * 10]


def test_a_huge_field_in_a_header_csv_is_a_problem(tmp_path: Path) -> None:
    lines = HEADER.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].rstrip("\n").split(",")
    # A quoted URL of 200 KiB, spread over short lines: under the line limit,
    # over the csv module's field limit (128 KiB).
    fields[-1] = '"' + "\n".join(["u" * 1000] * 200) + '"'
    path = tmp_path / "field.csv"
    path.write_text(lines[0] + ",".join(fields) + "\n" + "".join(lines[2:]))
    records, reader = read_all(path)
    problems = [str(p) for p in reader.stats.problems]
    assert problems == [
        f"{path}:2: cannot read this row (field larger than field limit (131072)); "
        "lines 2-201 skipped"
    ]
    _all, clean = read_all(HEADER)
    assert reader.stats.malformed == 1
    assert len(records) == clean.stats.kept - 1  # the rows after it are still read


def test_a_long_line_in_a_header_csv_is_a_problem(tmp_path: Path) -> None:
    lines = HEADER.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "line.csv"
    path.write_text(lines[0] + "v" * (5 * 1024 * 1024) + "\n" + "".join(lines[1:]))
    records, reader = read_all(path)
    assert [str(p) for p in reader.stats.problems] == [
        f"{path}:2: a line longer than 128 KiB; skipped"
    ]
    _all, clean = read_all(HEADER)
    assert len(records) == clean.stats.kept


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_or_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "export.fifo"
    os.mkfifo(fifo)
    with pytest.raises(GdeltError, match=r"a pipe \(FIFO\), not a regular file"):
        open_source(fifo)
    with pytest.raises(GdeltError, match="a folder, not a regular file"):
        open_source(tmp_path)
    with pytest.raises(GdeltError, match="a device, not a regular file"):
        open_source(Path("/dev/zero"))


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.mark.parametrize("parallel", [False, True])
def test_a_damaged_zip_writes_nothing_in_either_process_layout(
    tmp_path: Path, corpus_dir: Path, parallel: bool
) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    store.close()
    before = _dump(tmp_path / "t.sqlite3")
    path = zip_of(tmp_path / "crc.zip", TAB.read_bytes() * 20, zipfile.ZIP_STORED)
    corrupt(path, ROWS[5].encode()[:20])
    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    try:
        with pytest.raises(GdeltError, match="the zip file is damaged"):
            bulk.import_gdelt(conn, [path], chunk_rows=3, parallel=parallel)
    finally:
        conn.close()
    assert _dump(tmp_path / "t.sqlite3") == before
