"""Fuzzy dates: a start (and optional end) known to a day, a month or a year.

Time is measured in whole days since 1970-01-01 ("day numbers") computed with
``date.toordinal``, never through ``datetime.fromtimestamp``: that fails for
negative timestamps on Windows, and the seeds reach back to 1960.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

# The years a date may be written in. Python's ``date`` holds years 1 to 9999, but a
# window is padded past its dates (a year after a lone start, the day after an end),
# so a date in 9999 would overflow while framing or drawing; year 0 and negative
# years do not exist in ``date`` at all. Every date typed or read goes through
# ``parse_iso`` (or ``check_year``), so nothing outside this range reaches drawing.
MIN_YEAR, MAX_YEAR = 1, 9998
SUPPORTED_RANGE = f"years {MIN_YEAR} to {MAX_YEAR}"


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_ISO_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


class DateError(ValueError):
    """A date that cannot be read; the message says why."""


def check_year(value: date, text: str) -> date:
    """``value`` itself, or ``DateError`` when its year is outside the supported range."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DateError(f"not a date: {text!r} (dates run from {SUPPORTED_RANGE})")
    return value


def to_day(d: date) -> int:
    return d.toordinal() - EPOCH_ORDINAL


def from_day(day: int | float) -> date:
    return date.fromordinal(int(day) + EPOCH_ORDINAL)


def parse_iso(text: str) -> tuple[date, Precision]:
    """Read ``2016``, ``2016-09`` or ``2016-09-03``; the form gives the precision."""
    m = _ISO_RE.match(text.strip())
    if not m:
        if re.match(r"^\s*[-+−]\s*\d", text):  # a year before the common era, or signed
            raise DateError(f"not a date: {text!r} (dates run from {SUPPORTED_RANGE})")
        raise DateError(f"not a date: {text!r} (write YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m["y"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"not a date: {text!r} (dates run from {SUPPORTED_RANGE})")
    month = int(m["m"]) if m["m"] else 1
    day = int(m["d"]) if m["d"] else 1
    try:
        value = date(year, month, day)
    except ValueError as exc:
        raise DateError(f"not a date: {text!r} ({exc})") from None
    if m["d"]:
        return value, Precision.DAY
    if m["m"]:
        return value, Precision.MONTH
    return value, Precision.YEAR


def period_end(start: date, precision: Precision) -> date:
    """Last day of the day, month or year that ``start`` stands for."""
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return date(start.year, 12, 31)


def format_cut(d: date, precision: Precision) -> str:
    """ISO text cut to its precision: ``2016``, ``2016-09`` or ``2016-09-03``."""
    if precision is Precision.YEAR:
        return f"{d.year:04d}"
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def format_human(d: date, precision: Precision) -> str:
    """As a reader would write it: ``2016``, ``September 2016``, ``3 September 2016``."""
    if precision is Precision.YEAR:
        return str(d.year)
    if precision is Precision.MONTH:
        return f"{calendar.month_name[d.month]} {d.year}"
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date or a span, each end cut to one precision.

    ``start`` is the first day of its period; ``end`` (if any) is the first day of
    the period the span ends in. ``approximate`` marks dates the sources only imply.
    """

    start: date
    precision: Precision
    end: date | None = None
    approximate: bool = False
    relative: bool = False  # resolved from "on Monday", "last October", "this year"

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise DateError(
                f"the end {format_cut(self.end, self.precision)} comes before "
                f"the start {format_cut(self.start, self.precision)}"
            )

    @classmethod
    def parse(
        cls,
        start: str,
        end: str | None = None,
        *,
        approximate: bool = False,
        relative: bool = False,
    ) -> DateSpan:
        first, precision = parse_iso(start)
        last: date | None = None
        if end is not None:
            last, end_precision = parse_iso(end)
            if end_precision is not precision:
                raise DateError(
                    f"start {start!r} and end {end!r} must be written to the same precision"
                )
        return cls(first, precision, last, approximate, relative)

    @property
    def first_day(self) -> date:
        return self.start

    @property
    def last_day(self) -> date:
        """Last day covered: a month-precision date covers its whole month."""
        return period_end(self.end or self.start, self.precision)

    @property
    def start_day(self) -> int:
        return to_day(self.first_day)

    @property
    def end_day(self) -> int:
        """Day number just past the last covered day (half-open interval)."""
        return to_day(self.last_day + timedelta(days=1))

    @property
    def is_point(self) -> bool:
        return self.precision is Precision.DAY and self.end is None

    @property
    def start_text(self) -> str:
        return format_cut(self.start, self.precision)

    @property
    def end_text(self) -> str | None:
        return format_cut(self.end, self.precision) if self.end else None

    def describe(self) -> str:
        """The date as written, with its precision: 'c. September 2016', '2021 to 2031'."""
        text = format_human(self.start, self.precision)
        if self.end is not None:
            text += " to " + format_human(self.end, self.precision)
        if self.approximate:
            text = "c. " + text
        return text
