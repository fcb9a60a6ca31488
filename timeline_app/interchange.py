"""The exchange form of an event: the JSON record analysts share (see README).

Pure functions, used by the JSON/CSV export and by the store, which keeps a
fingerprint of each curated event's record to update only what changed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from timeline_app.domain import Event


def event_record(event: Event) -> dict[str, Any]:
    when = event.when
    return {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "date_start": when.start_text,
        "date_end": when.end_text,
        "precision": when.precision.value,
        "approximate": when.approximate,
        "relative": when.relative,
        "date_note": event.date_note,
        "actors": [{"code": p.code, "role": p.role.value} for p in event.actors],
        # Derived from the roles (domain.lanes_of), for readers of the file; a load
        # recomputes it. Part of the fingerprint, so a change of the lane rule
        # rewrites the stored lanes on the next load.
        "lanes": [pair.key for pair in event.pairs],
        "category": event.category.value,
        "modality": event.modality.value,
        "score": event.score,
        "sources": [
            {"document": c.document, "paragraph": c.paragraph, "quote": c.quote}
            for c in event.citations
        ],
        "dataset": event.dataset,
    }


def fingerprint(event: Event) -> str:
    canonical = json.dumps(event_record(event), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
