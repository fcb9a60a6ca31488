"""Export text to lines and rows: fast line splitting, and the header-row splitters.

A tab export without a header is split in the reader's hot loop itself; files with a
header row (tab- or comma-separated) come through ``split_tab``/``split_csv``, which
give each row with its line number, or the reason it is no row.

Lines are bounded: a GDELT row is a few hundred bytes, so a line (or a CSV field)
longer than ``MAX_LINE_CHARS`` is no row. Its text is dropped as it is read, never
held whole (a 40 MB line without a newline costs a block of memory, not 40 MB), and
the line comes out as the ``TOO_LONG`` marker, so that line numbers stay right and
the reader reports it as a malformed row.

Empty lines are bounded too: a blank line is skipped, but a file of nothing else (a
gigabyte of newlines, say) cost the reader a loop turn per line: minutes. More than
``MAX_BLANK_CHARS`` of blank text in a row, or more than ``MAX_EMPTY_LINES`` empty
lines in all, is no export: ``BlankRun``, raised within a few megabytes.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from typing import IO

BLOCK = 1 << 20  # bytes read and decoded at a time
# The csv module's own default field limit (128 KiB), for lines too: one rule for both.
MAX_LINE_CHARS = 128 * 1024
assert csv.field_size_limit() >= MAX_LINE_CHARS
# Stands for a line over the limit; the readers test for it by identity (``is``).
TOO_LONG = "\x00 a line over the length limit \x00"
_TOO_LONG_REASON = f"a line longer than {MAX_LINE_CHARS // 1024} KiB; skipped"
# Blank text (empty lines, spaces) in a row: a GDELT export has none but perhaps a
# last empty line; 8 MiB is eight reading blocks, read in milliseconds.
MAX_BLANK_CHARS = 8 * BLOCK
# Empty lines in all, wherever they are (blank runs just under the limit between rows
# would otherwise add up): a million cost the reader about a third of a second.
MAX_EMPTY_LINES = 1_000_000


class BlankRun(Exception):
    """Too many empty lines (``MAX_BLANK_CHARS``, ``MAX_EMPTY_LINES``): ``line`` is where
    the run starts, or where the limit was passed. Not a ``ValueError``: row parsing
    must never take it for a bad row."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


def _too_many_empty(line: int, limit: int) -> BlankRun:
    return BlankRun(line, f"more than {limit:,} empty lines: not a GDELT export")


def _blank_run(line: int, limit_chars: int) -> BlankRun:
    return BlankRun(
        line, f"more than {limit_chars // BLOCK} MiB of empty lines in a row: not a GDELT export"
    )


def line_blocks(
    raw: IO[bytes],
    limit: int = MAX_LINE_CHARS,
    blank_limit: int = MAX_BLANK_CHARS,
    empty_limit: int = MAX_EMPTY_LINES,
) -> Iterator[list[str]]:
    """The text's lines, without their line endings, a block's worth at a time.

    The same lines as iterating ``io.TextIOWrapper(raw, encoding="utf-8",
    errors="replace", newline="")``: a line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``;
    but decoding a megabyte at a time and splitting it in one call is faster (measured
    for a million rows: 0.65-0.82 s against the wrapper's 0.74-1.03 s). A line longer
    than ``limit`` characters is given as ``TOO_LONG``. Whole blocks of blank text
    adding up to more than ``blank_limit`` characters raise ``BlankRun`` (a test per
    block, ``str.isspace``, which stops at the first character of a real row), and so
    do more than ``empty_limit`` empty lines.
    """
    decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
    start: list[str] = []  # the start of a line that goes on in the next block(s)
    started = 0  # characters in ``start``
    skipping = False  # within a line already over the limit: dropped up to its end
    held = ""
    lines_given = 0  # lines yielded so far (the line number of the last of them)
    empty = 0  # empty lines among them
    blank = 0  # characters of whole blank blocks in a row
    # The last text that was not blank, and the number of the line it starts on: where
    # a run of blank blocks starts is counted from it only when one does.
    last_text, last_text_line = "", 1
    while True:
        block = raw.read(BLOCK)
        text = held + decode(block, final=not block)
        held = ""
        if text.isspace():
            blank += len(text)
            if blank > blank_limit:
                stripped = last_text.rstrip()
                line = last_text_line + stripped.count("\n") + (1 if stripped else 0)
                raise _blank_run(line, blank_limit)
        elif text:
            blank, last_text, last_text_line = 0, text, lines_given + 1
        if block and text.endswith("\r"):  # perhaps the first half of a \r\n
            text, held = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if len(lines) > 1:
            if skipping:
                lines[0], skipping = TOO_LONG, False
            elif start:
                lines[0] = "".join(start) + lines[0]
            start = [lines.pop()]
            started = len(start[0])
            if max(map(len, lines)) > limit:  # one C-speed pass per block, seldom true
                lines = [TOO_LONG if len(line) > limit else line for line in lines]
            lines_given += len(lines)
            empty += lines.count("")  # identity first: nanoseconds a line
            if empty > empty_limit:
                raise _too_many_empty(lines_given, empty_limit)
            yield lines
        elif not skipping:  # no line ends here: a long line, kept in pieces for now
            start.append(text)
            started += len(text)
            if started > limit:
                start, started, skipping = [], 0, True
        if not block:
            break
    last = TOO_LONG if skipping or started > limit else "".join(start)
    if last:
        yield [last]


def split_tab(lines: Iterable[str], width: int) -> Iterator[tuple[int, list[str] | str]]:
    for number, line in enumerate(lines, 2):  # line 1 is the header
        if line is TOO_LONG:
            yield number, _TOO_LONG_REASON
            continue
        f = line.split("\t")
        if len(f) == width:
            yield number, f
        elif line.strip():
            yield number, f"expected {width} columns as in the header, found {len(f)}"


def _bounded(text: IO[str], too_long: set[int], limit: int) -> Iterator[str]:
    """``text``'s lines after the header, each at most ``limit`` characters: a longer
    one is read (and dropped) in pieces, and an empty line takes its place, its number
    noted in ``too_long``, so the csv module's line count stays right. More than
    ``MAX_BLANK_CHARS`` of blank lines in a row, or more than ``MAX_EMPTY_LINES`` in
    all, raise ``BlankRun``."""
    number = 1
    blank, blank_from = 0, 0  # characters of blank lines in a row, from this line
    empty = 0  # blank lines in all
    while line := text.readline(limit):
        number += 1
        if line.isspace():
            blank_from = blank_from if blank else number
            blank += len(line)
            empty += 1
            if empty > MAX_EMPTY_LINES:
                raise _too_many_empty(number, MAX_EMPTY_LINES)
            if blank > MAX_BLANK_CHARS:
                raise _blank_run(blank_from, MAX_BLANK_CHARS)
        else:
            blank = 0
        if len(line) >= limit and line[-1] not in "\r\n":
            while (rest := text.readline(limit)) and rest[-1] not in "\r\n":
                pass
            too_long.add(number)
            yield "\n"
        else:
            yield line


def split_csv(
    text: IO[str], width: int, limit: int = MAX_LINE_CHARS
) -> Iterator[tuple[int, list[str] | str]]:
    """Rows of a comma-separated export after its header, each with the line it starts on.

    A row the csv module cannot read (a field over ``csv.field_size_limit()``) leaves
    it inside a quoted field; the lines that follow, up to the next row of the right
    width, are the rest of that row and are reported with it, as one problem.
    """
    # Quoted fields may hold commas and even line breaks: report where the row starts.
    # ``last`` is the last line read so far (line 1, the header, was read before).
    too_long: set[int] = set()
    reader, last = csv.reader(_bounded(text, too_long, limit)), 1
    damaged: tuple[int, str] | None = None  # where the unreadable row starts, and why
    while True:
        try:
            f = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            damaged = damaged or (last + 1, f"cannot read this row ({exc})")
        else:
            if damaged and len(f) != width and last + 1 not in too_long:
                pass  # more of the unreadable row
            else:
                if damaged:
                    yield _damaged(damaged, last)
                    damaged = None
                if last + 1 in too_long:
                    yield last + 1, _TOO_LONG_REASON
                elif len(f) == width:
                    yield last + 1, f
                elif any(field.strip() for field in f):
                    yield last + 1, f"expected {width} columns as in the header, found {len(f)}"
        last = reader.line_num + 1
    if damaged:
        yield _damaged(damaged, last)


def _damaged(damaged: tuple[int, str], through: int) -> tuple[int, str]:
    first, reason = damaged
    return first, reason if through <= first else f"{reason}; lines {first}-{through} skipped"
