"""Curated events as JSON or CSV: the format analysts share (documented in the README)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from timeline_app.domain import Event
from timeline_app.interchange import event_record

CSV_COLUMNS = (
    "id", "title", "summary", "date_start", "date_end", "precision", "approximate",
    "actors", "category", "modality", "score", "sources", "lanes",
)  # fmt: skip


def to_json(events: Sequence[Event]) -> str:
    return json.dumps([event_record(e) for e in events], indent=2, ensure_ascii=False) + "\n"


def to_csv(events: Sequence[Event]) -> str:
    """One row per event; actors as ``IND:initiator;VNM:recipient;CHN:subject``, sources
    as ``file#3``, lanes (derived from the roles) as ``IND-VNM``, several joined by ``;``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        record = event_record(event)
        row = {key: record[key] for key in CSV_COLUMNS}
        row["actors"] = ";".join(f"{a['code']}:{a['role']}" for a in record["actors"])
        row["sources"] = ";".join(f"{s['document']}#{s['paragraph']}" for s in record["sources"])
        row["lanes"] = ";".join(record["lanes"])
        row["approximate"] = "true" if record["approximate"] else "false"
        row["date_end"] = record["date_end"] or ""
        writer.writerow(row)
    return buffer.getvalue()
