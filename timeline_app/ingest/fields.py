"""Typed reading of one YAML mapping, collecting problems instead of stopping."""

from __future__ import annotations

import datetime as dt
import math
import reprlib
from collections.abc import Iterable
from typing import Any

from timeline_app.ingest.problems import Problem
from timeline_app.ingest.yaml_lines import Located, Unreadable

_MISSING = object()

# A value quoted back in a message is cut short: a field may hold megabytes.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlong = 40
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxset = 4
_SHORT.maxlevel = 2


def shown(value: Any) -> str:
    """``value`` as written back in a message, at most a line long."""
    try:
        return _SHORT.repr(value)
    except ValueError:  # an integer too long for Python to print
        return "a value too long to show"


class FieldReader:
    """Reads fields of one entry; every problem names the entry and the field's line."""

    def __init__(self, entry: Located, file: str, label: str, problems: list[Problem]) -> None:
        self.entry = entry
        self.file = file
        self.label = label if len(label) <= 80 else label[:79] + "…"
        self.problems = problems

    def problem(self, key: str | None, message: str) -> None:
        line = self.entry.line_of(key) if key else self.entry.line
        self.problems.append(Problem(self.file, line, f"{self.label}: {message}"))

    def refuse_unknown(self, allowed: Iterable[str]) -> None:
        known = set(allowed)
        for key in self.entry.value:
            if key not in known:
                where = key if isinstance(key, str) else None
                self.problem(
                    where, f"unknown field {shown(key)} (allowed: {', '.join(sorted(known))})"
                )

    def _get(self, key: str, required: bool) -> Any:
        value = self.entry.value.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(None, f"missing field {key!r}")
            return _MISSING
        if isinstance(value, Unreadable):  # PyYAML could not build it: say why, once
            self.problem(key, f"{key!r} cannot be read: {value.text!r} is {value.reason}")
            return _MISSING
        return value

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.problem(key, f"{key!r} must be text, got {shown(value)}")
            return default
        if required and not value.strip():
            self.problem(key, f"{key!r} is empty")
        return value.strip()

    def date_text(self, key: str, *, required: bool = True) -> str | None:
        """A date written YYYY, YYYY-MM or YYYY-MM-DD; unquoted YAML dates and years are accepted."""
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, dt.datetime):  # an unquoted date with a time of day
            self.problem(key, f"{key!r} must be a date without a time of day, got {value}")
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:04d}"
        if isinstance(value, str):
            return value.strip()
        self.problem(
            key, f"{key!r} must be a date like 2016, 2016-09 or 2016-09-03, got {shown(value)}"
        )
        return None

    def flag(self, key: str, *, required: bool = False) -> bool:
        value = self._get(key, required)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"{key!r} must be true or false, got {shown(value)}")
            return False
        return value

    def number(self, key: str, *, required: bool = True) -> float | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"{key!r} must be a number, got {shown(value)}")
            return None
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits
            number = math.inf
        if not math.isfinite(number):
            self.problem(key, f"{key!r} must be a finite number, got {shown(value)}")
            return None
        return number

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        value = self._get(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.problem(key, f"{key!r} must be a list, got {shown(value)}")
            return []
        if required and not value:
            self.problem(key, f"{key!r} is empty")
        return value

    def mappings(self, key: str, *, required: bool = True) -> list[Located]:
        """A list of mappings, each with its own lines; non-mapping items are problems."""
        raw = self.items(key, required=required)
        located = self.entry.children.get(key, [])
        result: list[Located] = []
        for index, item in enumerate(located):
            if item is None:
                self.problem(
                    key, f"item {index + 1} of {key!r} must be a mapping, got {shown(raw[index])}"
                )
            else:
                result.append(item)
        return result
