"""Reading the fields of one GDELT row: columns, values, and why a row is malformed.

The 61 columns of the GDELT 2.0 event table (``COLUMNS``) and the ones we keep
(``NEEDED``); parsers for a date, a Goldstein score and a count, each cached per
distinct value (``ParseCache``: a million rows hold a few thousand dates); and the
plain-words reason a row failed the reader's fast path (``diagnose``), worked out only
for the rows that fail. The reading loop itself is ``gdelt.GdeltReader``'s.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from timeline_app.dates import SUPPORTED_RANGE, DateError, check_year, to_day
from timeline_app.domain import SCORE_MAX, SCORE_MIN
from timeline_app.ingest.cameo import COUNTRY_CODE_RE, classify
from timeline_app.ingest.gdelt_files import GdeltError, Source
from timeline_app.ingest.gdelt_lines import MAX_LINE_CHARS, TOO_LONG

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

V = TypeVar("V")


class ParseCache(dict[str, V]):
    """A dict that parses a missing key once (``ValueError`` for a bad value)."""

    def __init__(self, parse: Callable[[str], V]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, key: str) -> V:
        self[key] = value = self.parse(key)
        return value


def parse_day(text: str) -> int:
    if not (len(text) == 8 and text.isdigit()):
        raise ValueError(text)
    return to_day(check_year(date(int(text[:4]), int(text[4:6]), int(text[6:])), text))


def parse_score(text: str) -> float:
    score = float(text)
    if not math.isfinite(score):
        raise ValueError(text)
    return max(SCORE_MIN, min(SCORE_MAX, score))  # Goldstein's range; GDELT keeps to it


MAX_INT64 = 2**63 - 1  # ids and counts are stored as SQLite's 64-bit integers


def parse_count(text: str) -> int:
    if not (text.isdigit() and text.isascii()) or int(text) > MAX_INT64:
        raise ValueError(text)
    return int(text)


TOO_LONG_TEXT = f"a line longer than {MAX_LINE_CHARS // 1024} KiB"


def shape_problem(line: str) -> str:
    """Why a raw line of the export is no row: too long, or the wrong number of columns."""
    if line is TOO_LONG:
        return f"{TOO_LONG_TEXT} (GDELT rows are under a few KiB); skipped"
    return f"expected {len(COLUMNS)} tab-separated columns, found {line.count(chr(9)) + 1}"


FAST_INDEX = (0, 1, 7, 17, 26, 28, 29, 30, 32, 33, 34)  # after the split in _chunks
TAIL_TABS = len(COLUMNS) - 35  # tabs left in the last piece of a 61-column row


def header_index(names: list[str], source: Source) -> tuple[int, ...]:
    by_name = {name.strip().upper(): i for i, name in enumerate(names)}
    missing = [n for n in NEEDED if n.upper() not in by_name]
    if missing:
        raise GdeltError(f"{source.display}:1: header lacks column(s) {', '.join(missing)}")
    return tuple(by_name[n.upper()] for n in NEEDED)


def diagnose(f: list[str], index: tuple[int, ...]) -> str:
    """The precise reason a row failed the fast path (only runs for bad rows)."""
    values = dict(zip(NEEDED, (f[i] for i in index), strict=True))
    for name in ("GLOBALEVENTID", "NumSources", "NumArticles"):
        value = values[name]
        if not (value.isdigit() and value.isascii()):
            return f"{name} {_cut(value)} is not a whole number"
        if int(value) > MAX_INT64:
            return f"{name} {_cut(value)} is too large (more than 64 bits)"
    sqldate = values["SQLDATE"]
    try:
        parse_day(sqldate)
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
        parse_score(values["GoldsteinScale"])
    except ValueError:
        return f"GoldsteinScale {_cut(values['GoldsteinScale'])} is not a number"
    return "malformed row"


def _cut(value: str) -> str:
    """A field quoted in a message, shortened: a field may be 100 KiB long."""
    return repr(value if len(value) <= 40 else value[:39] + "…")
