"""What the GDELT reader hands on: records, their counts, and compact batches.

A ``Record`` is one kept event as a plain tuple, ready for ``executemany``;
``ReadStats`` counts what was read, kept and skipped. A ``Batch`` carries the records
of many rows in a few byte columns, cheap to send to another process, where a
``BatchDecoder`` turns every batch of one reader, in order, back into the same records.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from timeline_app.ingest.problems import Problem

# One imported event: a plain tuple (no object per row), fields as in RECORD_FIELDS.
Record = tuple[int, int, str, str, str, str, str, str, int, str, str, float, int, int, str | None]
RECORD_FIELDS = (
    "global_id", "day", "actor1", "actor2", "pair_a", "pair_b", "event_code", "root_code",
    "quad_class", "category", "modality", "score", "num_sources", "num_articles", "source_url",
)  # fmt: skip


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
