"""Counts of the bundled seeds, read from the seeds themselves, so a test about
backups or read-only files does not break when the curation changes."""

from __future__ import annotations

from functools import cache

from timeline_app.ingest.corpus import read_corpus
from timeline_app.services import corpus_paths


@cache
def seed_event_count() -> int:
    return len(read_corpus(corpus_paths(None, None)).events)
