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

CAMEO codes and country codes become our vocabulary and actors in ``ingest/cameo.py``.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any, TypeVar

from timeline_app.dates import SUPPORTED_RANGE, DateError, check_year, to_day
from timeline_app.domain import SCORE_MAX, SCORE_MIN
from timeline_app.ingest.cameo import COUNTRY_CODE_RE, classify
from timeline_app.ingest.gdelt_files import GdeltError, Source, open_binary, open_source
from timeline_app.ingest.gdelt_lines import (
    MAX_LINE_CHARS,
    TOO_LONG,
    line_blocks,
    split_csv,
    split_tab,
)
from timeline_app.ingest.problems import Problem

__all__ = ["GdeltError", "MalformedRow", "Source", "open_source"]  # and the names below

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(COLUMNS) == 61, "the GDELT 2.0 event table has 61 columns"

# The columns we keep, in the order ``_Layout`` stores their indices.
NEEDED = (
    "GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "EventCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "NumSources", "NumArticles", "SOURCEURL",
)  # fmt: skip

# One imported event: a plain tuple (no object per row), fields as in RECORD_FIELDS.
Record = tuple[int, int, str, str, str, str, str, str, int, str, str, float, int, int, str | None]
RECORD_FIELDS = (
    "global_id", "day", "actor1", "actor2", "pair_a", "pair_b", "event_code", "root_code",
    "quad_class", "category", "modality", "score", "num_sources", "num_articles", "source_url",
)  # fmt: skip


# --- Reading -------------------------------------------------------------------------
class MalformedRow(GdeltError):
    """Raised in strict mode at the first malformed row."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))

    def __reduce__(self) -> tuple[type[MalformedRow], tuple[Problem]]:
        return MalformedRow, (self.problem,)  # pickled with its problem, not its text


@dataclass
class ReadStats:
    rows: int = 0  # data rows read (a header is not a row)
    kept: int = 0
    no_country: int = 0  # an actor without a country code
    domestic: int = 0  # both actors in the same country
    outside: int = 0  # not both actors in --countries
    malformed: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first MAX_PROBLEMS

    MAX_PROBLEMS = 100


# A chunk: the records kept from the next ``chunk_rows`` rows, and how far into the
# export text (in bytes) the reader has got.
Chunk = tuple[list[Record], int]

PairEntry = tuple[str, str, str, str]  # actor1, actor2, pair_a, pair_b
CodeEntry = tuple[str, str, str, str]  # event_code, root_code, category, modality


@dataclass(frozen=True)
class Batch:
    """The records kept from the next ``chunk_rows`` rows, in compact columns, with the
    counts and problems of those rows.

    Cheap to pickle to another process (a few ``bytes`` objects instead of a tuple per
    row) and to turn back into rows (``BatchDecoder``). Pairs and event codes travel as
    indices into tables that grow from batch to batch: a batch carries only the table
    entries first used in it, so every batch of a reader must be decoded, in order,
    by one decoder.
    """

    position: int  # bytes of export text read so far
    rows: int  # data rows read (kept, skipped and malformed)
    no_country: int
    domestic: int
    outside: int
    malformed: int
    problems: tuple[Problem, ...]  # recorded in these rows (the first MAX_PROBLEMS in all)
    new_pairs: tuple[PairEntry, ...]
    new_codes: tuple[CodeEntry, ...]
    count: int  # records kept
    ids: bytes  # array "q": GLOBALEVENTID
    days: bytes  # array "i": day numbers
    pair_ix: bytes  # array "I": index into the pair table
    code_ix: bytes  # array "H": index into the code table (CAMEO has a few hundred)
    quads: bytes  # one byte each: QuadClass
    scores: bytes  # array "d"
    sources: bytes  # array "q": NumSources
    articles: bytes  # array "q": NumArticles
    urls: list[str]  # "" for none (a CSV field may hold line breaks: no joined text)


class BatchDecoder:
    """Turns a reader's batches back into records; totals their counts in ``stats``.

    Also the set of every country code in a kept record (``countries_seen``), as the
    reader's own. Lives where the rows are written, which may be another process
    than the reader's.
    """

    def __init__(self) -> None:
        self.stats = ReadStats()
        self.countries_seen: set[str] = set()
        self._pairs: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
        self._codes: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])

    def rows(self, batch: Batch) -> Iterator[Record]:
        """The batch's records (lazily: zip and map, no Python loop per row)."""
        stats = self.stats
        stats.rows += batch.rows
        stats.kept += batch.count
        stats.no_country += batch.no_country
        stats.domestic += batch.domestic
        stats.outside += batch.outside
        stats.malformed += batch.malformed
        room = ReadStats.MAX_PROBLEMS - len(stats.problems)
        stats.problems.extend(batch.problems[: max(room, 0)])
        for table, entries in ((self._pairs, batch.new_pairs), (self._codes, batch.new_codes)):
            for entry in entries:  # a few hundred in all
                for column, value in zip(table, entry, strict=True):
                    column.append(value)
        for _a1, _a2, pair_a, pair_b in batch.new_pairs:
            self.countries_seen.update((pair_a, pair_b))
        return _records(batch, self._pairs, self._codes)


def _records(
    batch: Batch,
    pairs: tuple[list[str], list[str], list[str], list[str]],
    codes: tuple[list[str], list[str], list[str], list[str]],
) -> Iterator[Record]:
    actor1, actor2, pair_a, pair_b = (column.__getitem__ for column in pairs)
    code, root, category, modality = (column.__getitem__ for column in codes)
    pair_ix, code_ix = array("I", batch.pair_ix), array("H", batch.code_ix)
    return zip(
        array("q", batch.ids), array("i", batch.days),
        map(actor1, pair_ix), map(actor2, pair_ix), map(pair_a, pair_ix), map(pair_b, pair_ix),
        map(code, code_ix), map(root, code_ix), batch.quads,
        map(category, code_ix), map(modality, code_ix), array("d", batch.scores),
        array("q", batch.sources), array("q", batch.articles),
        [url or None for url in batch.urls], strict=True,
    )  # fmt: skip


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
        self._days = _Cache(_parse_day)
        self._codes = _Cache(self._code)  # -> (index in the code table, root code)
        self._scores = _Cache(_parse_score)  # Goldstein values come from CAMEO's table
        self._counts = _Cache(_parse_count)  # NumSources, NumArticles: small numbers
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
                raise GdeltError(f"{source.display}:1: {_TOO_LONG_TEXT}; not a GDELT export")
            delimiter = "\t" if "\t" in first else ","
            names = next(csv.reader([first], delimiter=delimiter), None) or [""]
            rows: Iterator[tuple[int, list[str] | str]]
            if names[0].strip().upper() == "GLOBALEVENTID":
                index, fast = _header_index(names, source), False
                if delimiter == "\t":
                    rows = split_tab(lines, len(names))
                else:  # the csv module reads quoted fields across lines: from the top
                    raw.seek(0)
                    text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
                    text.readline()
                    rows = split_csv(text, len(names))
            elif delimiter == "\t" or not first:
                # The export itself: raw lines, split in ``_chunks`` (no generator between).
                index, fast = _FAST_INDEX, True
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
                if len(f) != 35 or tail.count("\t") != _TAIL_TABS:
                    if item.strip():  # a blank line (say, at the end) is no row
                        n += 1
                        self._bad(source, line, _shape_problem(item))
                    continue
                url = tail[tail.rfind("\t") + 1 :]
            else:
                f = item
                url = f[i_url]
            n += 1
            try:
                gid = int(f[i_id])
                if not 0 <= gid <= _MAX_INT64:  # stored as a 64-bit integer
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
                self._bad(source, line, _diagnose(f, index))
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
V = TypeVar("V")


class _Cache(dict[str, V]):
    """A dict that parses a missing key once (``ValueError`` for a bad value)."""

    def __init__(self, parse: Callable[[str], V]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, key: str) -> V:
        self[key] = value = self.parse(key)
        return value


def _parse_day(text: str) -> int:
    if not (len(text) == 8 and text.isdigit()):
        raise ValueError(text)
    return to_day(check_year(date(int(text[:4]), int(text[4:6]), int(text[6:])), text))


def _parse_score(text: str) -> float:
    score = float(text)
    if not math.isfinite(score):
        raise ValueError(text)
    return max(SCORE_MIN, min(SCORE_MAX, score))  # Goldstein's range; GDELT keeps to it


_MAX_INT64 = 2**63 - 1  # ids and counts are stored as SQLite's 64-bit integers


def _parse_count(text: str) -> int:
    if not (text.isdigit() and text.isascii()) or int(text) > _MAX_INT64:
        raise ValueError(text)
    return int(text)


_TOO_LONG_TEXT = f"a line longer than {MAX_LINE_CHARS // 1024} KiB"


def _shape_problem(line: str) -> str:
    """Why a raw line of the export is no row: too long, or the wrong number of columns."""
    if line is TOO_LONG:
        return f"{_TOO_LONG_TEXT} (GDELT rows are under a few KiB); skipped"
    return f"expected {len(COLUMNS)} tab-separated columns, found {line.count(chr(9)) + 1}"


_FAST_INDEX = (0, 1, 7, 17, 26, 28, 29, 30, 32, 33, 34)  # after the split in _chunks
_TAIL_TABS = len(COLUMNS) - 35  # tabs left in the last piece of a 61-column row


def _header_index(names: list[str], source: Source) -> tuple[int, ...]:
    by_name = {name.strip().upper(): i for i, name in enumerate(names)}
    missing = [n for n in NEEDED if n.upper() not in by_name]
    if missing:
        raise GdeltError(f"{source.display}:1: header lacks column(s) {', '.join(missing)}")
    return tuple(by_name[n.upper()] for n in NEEDED)


def _diagnose(f: list[str], index: tuple[int, ...]) -> str:
    """The precise reason a row failed the fast path (only runs for bad rows)."""
    values = dict(zip(NEEDED, (f[i] for i in index), strict=True))
    for name in ("GLOBALEVENTID", "NumSources", "NumArticles"):
        value = values[name]
        if not (value.isdigit() and value.isascii()):
            return f"{name} {_cut(value)} is not a whole number"
        if int(value) > _MAX_INT64:
            return f"{name} {_cut(value)} is too large (more than 64 bits)"
    sqldate = values["SQLDATE"]
    try:
        _parse_day(sqldate)
    except DateError:  # a real date, outside the years the app can show
        return f"SQLDATE {_cut(sqldate)} is outside the supported {SUPPORTED_RANGE}"
    except ValueError:
        return f"SQLDATE {_cut(sqldate)} is not a date (YYYYMMDD)"
    for name in ("Actor1CountryCode", "Actor2CountryCode"):
        if values[name] and not COUNTRY_CODE_RE.fullmatch(values[name]):
            return f"{name} {_cut(values[name])} is not a CAMEO country code"
    try:
        classify(values["EventCode"])
    except ValueError:
        return f"EventCode {_cut(values['EventCode'])} is not a CAMEO event code"
    code, root = values["EventCode"], values["EventRootCode"]
    if code[:2] != root:
        return f"EventRootCode {_cut(root)} does not match EventCode {code!r}"
    if values["QuadClass"] not in ("1", "2", "3", "4"):
        return f"QuadClass {_cut(values['QuadClass'])} is not 1, 2, 3 or 4"
    try:
        _parse_score(values["GoldsteinScale"])
    except ValueError:
        return f"GoldsteinScale {_cut(values['GoldsteinScale'])} is not a number"
    return "malformed row"


def _cut(value: str) -> str:
    """A field quoted in a message, shortened: a field may be 100 KiB long."""
    return repr(value if len(value) <= 40 else value[:39] + "…")
