"""Read GDELT 2.0 event exports: pure, streaming, no database.

Written from the GDELT 2.0 Event codebook: an export (``*.export.CSV``) is UTF-8 text,
one event per line, 61 tab-separated columns, no header and no quoting. The same
columns comma-separated with a header row (a BigQuery or spreadsheet export) and a
``.zip`` holding one export are read too. Rows come out in chunks of plain tuples
(``Record``), ready for ``executemany``, or as ``Batch``es of compact columns that
are cheap to send to another process and that a ``BatchDecoder`` there turns into
the same tuples. A million rows must import in seconds, so nothing here builds an
object per row, and each distinct date, event code and country code is parsed once
and cached.

This module holds the reading loop (``GdeltReader``); the fields of a row and why one is
malformed are in ``gdelt_rows.py``, records and batches in ``gdelt_batches.py``, files
and lines in ``gdelt_files.py`` and ``gdelt_lines.py``. CAMEO codes and country codes
become our vocabulary and actors in ``ingest/cameo.py``.
"""

from __future__ import annotations

import csv
import io
import itertools
from array import array
from collections.abc import Iterator
from typing import IO, Any

from timeline_app.ingest.cameo import COUNTRY_CODE_RE, classify
from timeline_app.ingest.gdelt_batches import (
    RECORD_FIELDS,
    Batch,
    BatchDecoder,
    Chunk,
    CodeEntry,
    PairEntry,
    ReadStats,
    Record,
)
from timeline_app.ingest.gdelt_files import GdeltError, Source, open_binary, open_source
from timeline_app.ingest.gdelt_lines import TOO_LONG, line_blocks, split_csv, split_tab
from timeline_app.ingest.gdelt_rows import (
    COLUMNS,
    FAST_INDEX,
    MAX_INT64,
    NEEDED,
    TAIL_TABS,
    TOO_LONG_TEXT,
    ParseCache,
    diagnose,
    header_index,
    parse_count,
    parse_day,
    parse_score,
    shape_problem,
)
from timeline_app.ingest.problems import Problem

# The reader's vocabulary, importable from here wherever it is defined.
__all__ = [
    "COLUMNS",
    "NEEDED",
    "RECORD_FIELDS",
    "Batch",
    "BatchDecoder",
    "Chunk",
    "GdeltError",
    "GdeltReader",
    "MalformedRow",
    "ReadStats",
    "Record",
    "Source",
    "open_source",
]


class MalformedRow(GdeltError):
    """Raised in strict mode at the first malformed row."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))

    def __reduce__(self) -> tuple[type[MalformedRow], tuple[Problem]]:
        return MalformedRow, (self.problem,)  # pickled with its problem, not its text


class GdeltReader:
    """Reads exports row by row; ``stats`` and ``countries_seen`` grow as it goes.

    ``countries``: keep only events whose two actors are both in this set.
    ``strict``: raise ``MalformedRow`` at the first malformed row instead of skipping it.
    ``read`` gives records; ``batches`` the same in compact form (see ``Batch``). Use
    one or the other with a given reader.
    """

    def __init__(
        self, countries: frozenset[str] | None = None, *, strict: bool = False,
        chunk_rows: int = 10_000,
    ) -> None:  # fmt: skip
        self.countries = countries
        self.strict = strict
        self.chunk_rows = chunk_rows
        self.stats = ReadStats()
        self.countries_seen: set[str] = set()  # every country code in a kept record
        # Each distinct value is parsed once: a million rows hold a few thousand dates,
        # a few hundred event codes and pairs of countries.
        self._days = ParseCache(parse_day)
        self._codes = ParseCache(self._code)  # -> (index in the code table, root code)
        self._scores = ParseCache(parse_score)  # Goldstein values come from CAMEO's table
        self._counts = ParseCache(parse_count)  # NumSources, NumArticles: small numbers
        # (actor1, actor2) -> index in the pair table, or a reason to skip (< 0).
        self._pairs: dict[tuple[str, str], int] = {}
        self._pair_table: list[PairEntry] = []
        self._code_table: list[CodeEntry] = []
        self._sent = [0, 0, 0, 0]  # table entries, problems, malformed rows already batched
        self._decoder = BatchDecoder()  # for ``read``

    def read(self, source: Source) -> Iterator[Chunk]:
        decoder = self._decoder
        for batch in self.batches(source):
            yield list(decoder.rows(batch)), batch.position

    def batches(self, source: Source) -> Iterator[Batch]:
        with open_binary(source) as raw:
            lines = itertools.chain.from_iterable(line_blocks(raw))
            first = next(lines, "").lstrip("\ufeff")
            if first is TOO_LONG:
                raise GdeltError(f"{source.display}:1: {TOO_LONG_TEXT}; not a GDELT export")
            delimiter = "\t" if "\t" in first else ","
            names = next(csv.reader([first], delimiter=delimiter), None) or [""]
            rows: Iterator[tuple[int, list[str] | str]]
            if names[0].strip().upper() == "GLOBALEVENTID":
                index, fast = header_index(names, source), False
                if delimiter == "\t":
                    rows = split_tab(lines, len(names))
                else:  # the csv module reads quoted fields across lines: from the top
                    raw.seek(0)
                    text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
                    text.readline()
                    rows = split_csv(text, len(names))
            elif delimiter == "\t" or not first:
                # The export itself: raw lines, split in ``_chunks`` (no generator between).
                index, fast = FAST_INDEX, True
                rows = enumerate(itertools.chain([first], lines), 1)
            else:
                raise GdeltError(
                    f"{source.display}: neither a tab-separated GDELT export nor a "
                    "comma-separated file with a GLOBALEVENTID header"
                )
            yield from self._chunks(rows, fast, index, source, raw)

    def _chunks(
        self, rows: Iterator[tuple[int, list[str] | str]], fast: bool, index: tuple[int, ...],
        source: Source, raw: IO[bytes],
    ) -> Iterator[Batch]:  # fmt: skip
        """The hot loop: every statement here runs once per row (see the module doc)."""
        i_id, i_date, i_a1, i_a2, i_code, i_root, i_quad, i_gold, i_src, i_art, i_url = index
        chunk_rows = self.chunk_rows
        days, codes, scores, counts = self._days, self._codes, self._scores, self._counts
        pairs = self._pairs
        quads = {"1": 1, "2": 2, "3": 3, "4": 4}
        skips = [0, 0, 0]  # indexed by _NO_COUNTRY, _DOMESTIC, _OUTSIDE
        columns: tuple[list[Any], ...] = ([], [], [], [], [], [], [], [], [])
        ids, day_col, pair_col, code_col, quad_col, score_col, src_col, art_col, url_col = (
            column.append for column in columns
        )
        n = 0
        for line, item in rows:
            if isinstance(item, str):
                if not fast:  # the splitter's reason why this line is no row
                    n += 1
                    self._bad(source, line, item)
                    continue
                # Split only as far as the last column we need (NumArticles, column 34)
                # and take the URL from the rest: a third of the work of a full split.
                f = item.split("\t", 34)
                tail = f[-1]
                if len(f) != 35 or tail.count("\t") != TAIL_TABS:
                    if item.strip():  # a blank line (say, at the end) is no row
                        n += 1
                        self._bad(source, line, shape_problem(item))
                    continue
                url = tail[tail.rfind("\t") + 1 :]
            else:
                f = item
                url = f[i_url]
            n += 1
            try:
                gid = int(f[i_id])
                if not 0 <= gid <= MAX_INT64:  # stored as a 64-bit integer
                    raise ValueError(gid)
                day = days[f[i_date]]
                code, code_root = codes[f[i_code]]
                quad = quads[f[i_quad]]
                score = scores[f[i_gold]]
                sources, articles = counts[f[i_src]], counts[f[i_art]]
                verdict = pairs.get((f[i_a1], f[i_a2]))
                if verdict is None:
                    verdict = self._pair(f[i_a1], f[i_a2])
                if f[i_root] != code_root:
                    raise ValueError(f[i_root])
            except (ValueError, KeyError):
                self._bad(source, line, diagnose(f, index))
            else:
                if verdict < 0:
                    skips[~verdict] += 1
                else:
                    ids(gid)
                    day_col(day)
                    pair_col(verdict)
                    code_col(code)
                    quad_col(quad)
                    score_col(score)
                    src_col(sources)
                    art_col(articles)
                    url_col(url)
            if n >= chunk_rows:
                yield self._batch(n, skips, columns, raw.tell())
                for column in columns:
                    column.clear()
                n = 0
        yield self._batch(n, skips, columns, source.size)

    def _batch(
        self, n: int, skips: list[int], columns: tuple[list[Any], ...], position: int
    ) -> Batch:
        ids, days, pair_ix, code_ix, quads, scores, sources, articles, urls = columns
        stats, sent = self.stats, self._sent
        stats.rows += n
        stats.kept += len(ids)
        stats.no_country += skips[_NO_COUNTRY]
        stats.domestic += skips[_DOMESTIC]
        stats.outside += skips[_OUTSIDE]
        malformed = stats.malformed - sent[3]
        batch = Batch(
            position=position, rows=n, no_country=skips[_NO_COUNTRY],
            domestic=skips[_DOMESTIC], outside=skips[_OUTSIDE], malformed=malformed,
            problems=tuple(stats.problems[sent[2] :]),
            new_pairs=tuple(self._pair_table[sent[0] :]),
            new_codes=tuple(self._code_table[sent[1] :]),
            count=len(ids), ids=array("q", ids).tobytes(), days=array("i", days).tobytes(),
            pair_ix=array("I", pair_ix).tobytes(), code_ix=array("H", code_ix).tobytes(),
            quads=bytes(quads), scores=array("d", scores).tobytes(),
            sources=array("q", sources).tobytes(), articles=array("q", articles).tobytes(),
            urls=list(urls),
        )  # fmt: skip
        sent[:] = [len(self._pair_table), len(self._code_table), len(stats.problems),
                   stats.malformed]  # fmt: skip
        skips[:] = [0, 0, 0]
        return batch

    def _code(self, code: str) -> tuple[int, str]:
        """A new event code's index in the code table, and its root (``ValueError``
        for a code that is not CAMEO's)."""
        category, modality = classify(code)
        self._code_table.append((code, code[:2], category.value, modality.value))
        return len(self._code_table) - 1, code[:2]

    def _pair(self, a1: str, a2: str) -> int:
        """Whether events from ``a1`` to ``a2`` are kept: the pair's index in the pair
        table, or (negative) why not."""
        for code in (a1, a2):
            if code and not COUNTRY_CODE_RE.fullmatch(code):
                raise ValueError(code)
        if not a1 or not a2:
            verdict = ~_NO_COUNTRY
        elif a1 == a2:
            verdict = ~_DOMESTIC
        elif self.countries is not None and not {a1, a2} <= self.countries:
            verdict = ~_OUTSIDE
        else:
            pair_a, pair_b = (a1, a2) if a1 < a2 else (a2, a1)
            self.countries_seen.update((pair_a, pair_b))
            self._pair_table.append((a1, a2, pair_a, pair_b))
            verdict = len(self._pair_table) - 1
        self._pairs[a1, a2] = verdict
        return verdict

    def _bad(self, source: Source, line: int, message: str) -> None:
        problem = Problem(source.display, line, message)
        if self.strict:
            raise MalformedRow(problem)
        self.stats.malformed += 1
        if len(self.stats.problems) < ReadStats.MAX_PROBLEMS:
            self.stats.problems.append(problem)


_NO_COUNTRY, _DOMESTIC, _OUTSIDE = 0, 1, 2
