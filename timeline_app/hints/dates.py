"""Dates a paragraph mentions, explicit or relative to the article's publication date.

Each suggestion carries the words it came from, the date as a ``DateSpan`` with its
precision, and the rule that resolved it, written for the analyst:
"'last October' → October 2021: the latest October before December 2021". A
relative date needs the publication date to the precision it resolves to ("on
Monday" needs a day); where the article's date is coarser, no guess is made.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline_app.dates import DateSpan, Precision, format_human


@dataclass(frozen=True, slots=True)
class DateHint:
    words: str
    start: int  # offset of the words in the paragraph
    span: DateSpan
    rule: str

    @property
    def note(self) -> str:
        """What goes in an event's ``date_note`` when this suggestion is taken."""
        return self.rule


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>" + "|".join(_DAYS) + ")"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("day month year", rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),
        ("month day year", rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),
        ("day month", rf"\b{_DAY} {_MONTH}\b"),
        ("month day", rf"\b{_MONTH} {_DAY}\b(?!,? \d)"),
        ("month year", rf"\b{_MONTH},? {_YEAR}\b"),
        ("year", rf"(?<![\d-]){_YEAR}(?![\d-])"),
        ("relative day", r"\b(?P<word>yesterday|today|tomorrow)\b"),
        ("weekday", rf"\b(?P<which>on|last|this|next|(?:on )?(?:this )?past) {_WEEKDAY}\b"),
        ("relative month", rf"\b(?P<which>last|this|next|in) {_MONTH}(?!,? (?:\d|{_DAY}))\b"),
        ("relative period", r"\b(?P<which>last|this|next) (?P<unit>year|month)\b"),
    )
)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_name(month: int) -> str:
    return calendar.month_name[month]


def _explicit(
    kind: str, m: re.Match[str], published: DateSpan | None
) -> tuple[DateSpan, str] | None:
    groups = m.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if kind in ("day month year", "month day year") and month and year and day:
        found = _day(year, month, day)
        return (DateSpan(found, Precision.DAY), "a date written in full") if found else None
    if kind in ("day month", "month day") and month and day:
        if published is None:
            return None
        found = _day(published.start.year, month, day)
        if found is None:
            return None
        rule = f"the year of the article ({published.start.year})"
        return DateSpan(found, Precision.DAY, relative=True), rule
    if kind == "month year" and month and year:
        return DateSpan(date(year, month, 1), Precision.MONTH), "a month written in full"
    if kind == "year" and year:
        return DateSpan(date(year, 1, 1), Precision.YEAR), "a year written in full"
    return None


def _relative(kind: str, m: re.Match[str], published: DateSpan) -> tuple[DateSpan, str] | None:
    pub, precision = published.start, published.precision
    written = format_human(pub, precision)
    which = (m.groupdict().get("which") or "").lower()
    if kind == "relative day":
        if precision is not Precision.DAY:
            return None
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
        found = pub + timedelta(days=shift)
        return DateSpan(found, Precision.DAY, relative=True), f"{shift:+d} day from {written}"
    if kind == "weekday":
        if precision is not Precision.DAY:
            return None
        target = _DAYS[m["weekday"].lower()]
        name = calendar.day_name[target]
        if which in ("next", "this"):
            ahead = (target - pub.weekday()) % 7 or 7
            found = pub + timedelta(days=ahead)
            rule = f"the first {name} after {written}"
        else:  # "on Monday" in news is the latest one, the day itself included
            back = (pub.weekday() - target) % 7
            if which in ("last", "past", "on past", "this past", "on this past"):
                back = back or 7
            found = pub - timedelta(days=back)
            rule = f"the latest {name} {'before' if back else 'on or before'} {written}"
        return DateSpan(found, Precision.DAY, relative=True), rule
    if kind == "relative month":
        if precision is Precision.YEAR:
            return None
        month = _MONTHS[m["month"].lower().rstrip(".")]
        name = _month_name(month)
        since = format_human(pub, Precision.MONTH)
        if which == "last":
            year = pub.year if month < pub.month else pub.year - 1
            rule = f"the latest {name} before {since}"
        elif which == "next":
            year = pub.year if month > pub.month else pub.year + 1
            rule = f"the first {name} after {since}"
        else:
            year = pub.year
            rule = f"{name} of the article's year ({pub.year})"
        return DateSpan(date(year, month, 1), Precision.MONTH, relative=True), rule
    if kind == "relative period":
        shift = {"last": -1, "this": 0, "next": 1}[which]
        if m["unit"].lower() == "year":
            found = date(pub.year + shift, 1, 1)
            rule = (
                f"{shift:+d} year from {pub.year}" if shift else f"the article's year ({pub.year})"
            )
            return DateSpan(found, Precision.YEAR, relative=True), rule
        if precision is Precision.YEAR:
            return None
        index = pub.year * 12 + pub.month - 1 + shift
        found = date(index // 12, index % 12 + 1, 1)
        since = format_human(pub, Precision.MONTH)
        rule = f"{shift:+d} month from {since}" if shift else f"the article's month ({since})"
        return DateSpan(found, Precision.MONTH, relative=True), rule
    return None


def suggest_dates(paragraph: str, published: DateSpan | None = None) -> list[DateHint]:
    """Every date ``paragraph`` mentions, in reading order; words already taken by a
    longer form ("6 December 2021" before "December 2021" and "2021") are not reused."""
    taken: list[tuple[int, int]] = []
    hints: list[DateHint] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(paragraph):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            month = m.groupdict().get("month")
            if month and not month[0].isupper():
                continue  # "may", "march": verbs in lower case, months only capitalised
            explicit = not kind.startswith(("relative", "weekday"))
            if explicit:
                resolved = _explicit(kind, m, published)
            else:
                resolved = _relative(kind, m, published) if published is not None else None
            if resolved is None:
                continue
            span, how = resolved
            words = m.group(0)
            rule = f"'{words}' → {span.describe()}: {how}"
            taken.append((m.start(), m.end()))
            hints.append(DateHint(words, m.start(), span, rule))
    return sorted(hints, key=lambda h: h.start)
