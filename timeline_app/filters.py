"""Turning what the user typed in the filter bar into an ``EventFilter``.

Qt-free (the filter bar only gets and sets values), so every rule is unit-tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from timeline_app.dates import DateError, parse_iso, period_end
from timeline_app.domain import Category, EventFilter, Modality
from timeline_app.search_text import cap_search_text


@dataclass(frozen=True)
class FilterInput:
    text: str = ""
    actors: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    date_from: str = ""
    date_to: str = ""


@dataclass(frozen=True)
class FilterResult:
    filter: EventFilter
    errors: dict[str, str]  # field name -> message, for fields that were ignored


def build_filter(raw: FilterInput) -> FilterResult:
    errors: dict[str, str] = {}
    start = end = None
    if raw.date_from.strip():
        try:
            start, _ = parse_iso(raw.date_from)
        except DateError as exc:
            errors["date_from"] = str(exc)
    if raw.date_to.strip():
        try:
            # "to 2022" means to the end of 2022: the typed precision sets the period.
            first, precision = parse_iso(raw.date_to)
            end = period_end(first, precision)
        except DateError as exc:
            errors["date_to"] = str(exc)
    if start and end and end < start:
        errors["date_to"] = "the end comes before the start"
        end = None
    text, cut = cap_search_text(raw.text.strip())  # a pasted page: its first words
    if cut:
        errors["text"] = cut
    flt = EventFilter(
        actors=frozenset(raw.actors),
        categories=frozenset(_members(Category, raw.categories)),
        modalities=frozenset(_members(Modality, raw.modalities)),
        start=start,
        end=end,
        text=text.strip(),
    )
    return FilterResult(flt, errors)


T = TypeVar("T", Category, Modality)


def _members(kind: type[T], values: Iterable[str]) -> list[T]:
    return [kind(v) for v in values if v in {m.value for m in kind}]
