"""Property-based tests of the GDELT line reader: any bytes give rows and malformed
rows (or one ``GdeltError``), never another exception; lines split exactly as the
standard text reader splits them, at any block size; and a line over the limit is
the ``TOO_LONG`` marker, with the lines around it intact."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline_app.ingest import gdelt_lines
from timeline_app.ingest.gdelt import GdeltError, GdeltReader, open_source
from timeline_app.ingest.gdelt_lines import TOO_LONG, line_blocks

FAST = settings(
    max_examples=60, deadline=5000, database=None, suppress_health_check=[HealthCheck.too_slow]
)
TAB = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt" / "20211206000000.export.CSV"
ROW = TAB.read_text(encoding="utf-8").splitlines()[0].split("\t")

# Bytes rich in what matters to the splitter: line ends, tabs, commas, quotes,
# multi-byte and broken UTF-8.
text_bytes = st.lists(
    st.sampled_from([b"\n", b"\r", b"\r\n", b"\t", b",", b'"', b"a", b"\xc3\xa9", b"\xe2\x82",
                     b"\xff", b"GLOBALEVENTID", b"\x00"]) | st.binary(max_size=6),
    max_size=60,
).map(b"".join)  # fmt: skip


def lines_as_text_reader_gives(data: bytes) -> list[str]:
    wrapper = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace", newline="")
    lines = []
    for line in wrapper:
        for end in ("\r\n", "\n", "\r"):
            if line.endswith(end):
                line = line[: -len(end)]
                break
        lines.append(line)
    return lines


@FAST
@given(data=text_bytes, block=st.integers(min_value=1, max_value=9))
def test_lines_are_the_text_readers_at_any_block_size(data: bytes, block: int) -> None:
    with mock.patch.object(gdelt_lines, "BLOCK", block):
        got = [line for chunk in line_blocks(io.BytesIO(data), limit=10**9) for line in chunk]
    assert got == lines_as_text_reader_gives(data)


@FAST
@given(data=text_bytes, block=st.integers(min_value=1, max_value=9), limit=st.integers(1, 12))
def test_long_lines_become_the_marker_and_no_other_line_changes(
    data: bytes, block: int, limit: int
) -> None:
    with mock.patch.object(gdelt_lines, "BLOCK", block):
        got = [line for chunk in line_blocks(io.BytesIO(data), limit=limit) for line in chunk]
    expected = lines_as_text_reader_gives(data)
    assert len(got) == len(expected)
    for line, want in zip(got, expected, strict=True):
        assert line is TOO_LONG if len(want) > limit else line == want


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="props-gdelt-") as name:
        yield Path(name)


def read(path: Path) -> GdeltReader:
    reader = GdeltReader(chunk_rows=3)
    for _batch in reader.batches(open_source(path)):
        pass
    return reader


@FAST
@given(data=text_bytes)
def test_any_bytes_are_rows_or_one_gdelt_error(folder: Path, data: bytes) -> None:
    path = folder / "any.export.CSV"
    path.write_bytes(data)
    try:
        reader = read(path)
    except GdeltError as exc:
        assert str(exc).startswith(str(path))
    else:
        assert reader.stats.rows >= reader.stats.kept + reader.stats.malformed


field_values = st.sampled_from(
    ["", "0", "-1", str(2**63 - 1), str(2**63), str(2**64), "9" * 40, "1e400", "nan", "inf",
     "20211206", "99991231", "00000101", "20211331", "IND", "RUS", "XX", "042", "04", "4", "5",
     " 7", "+7", "1_000", "\u0661\u0662", "é", "\x00"]
) | st.text(max_size=5)  # fmt: skip


# The columns the reader parses, more often than the rest.
PARSED = st.sampled_from([0, 1, 7, 17, 26, 28, 29, 30, 32, 33, 60]) | st.integers(0, 60)


@FAST
@given(changes=st.dictionaries(PARSED, field_values, min_size=1, max_size=6),
       as_zip=st.booleans())  # fmt: skip
@example(changes={0: str(2**64)}, as_zip=False)  # the cases that once crashed
@example(changes={32: str(2**63)}, as_zip=True)
@example(changes={1: "99991231"}, as_zip=False)
def test_a_row_with_any_values_is_kept_or_malformed(
    folder: Path, changes: dict[int, str], as_zip: bool
) -> None:
    fields = list(ROW)
    for column, value in changes.items():
        fields[column] = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    text = ("\t".join(fields) + "\n" + "\t".join(ROW) + "\n").encode("utf-8")
    path = folder / ("row.zip" if as_zip else "row.export.CSV")
    if as_zip:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("row.export.CSV", text)
    else:
        path.write_bytes(text)
    reader = read(path)  # no GdeltError either: the file is an export
    assert reader.stats.rows == 2
    assert reader.stats.kept + reader.stats.malformed + reader.stats.no_country + \
        reader.stats.domestic == 2  # fmt: skip


@FAST
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1,
                      max_size=4))  # fmt: skip
def test_a_zip_with_any_damage_is_read_or_one_gdelt_error(
    folder: Path, flips: list[tuple[int, int]]
) -> None:
    path = folder / "damaged.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.export.CSV", TAB.read_bytes())
    data = bytearray(path.read_bytes())
    for at, mask in flips:
        data[at % len(data)] ^= mask
    path.write_bytes(bytes(data))
    try:
        read(path)
    except GdeltError as exc:
        assert str(exc).startswith(str(path))
