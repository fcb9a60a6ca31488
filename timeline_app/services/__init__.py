"""Use cases: the only caller of ``timeline_app.store``.

The command line and the GUI both go through ``Store``; every method opens its
own connection (one per user action), so a background job can call it safely from
a worker thread. ``Store`` is one class made of one part per family of use cases,
each in its own module so a reader finds a family in one place:

- ``database``: the open file itself (where, writable or not, watching, backups);
- ``loading``: building the database from the curated files;
- ``reading``: events, actors, articles and searches for the views;
- ``saved_views``: the analyst's named views;
- ``editing``: making and editing events, and their audit trail;
- ``collection``: imported articles and packages shared between analysts;
- ``bulk``: GDELT events, read as columns and filtered in memory.
"""

from timeline_app.services.bulk import BulkData, fetch_bulk
from timeline_app.services.changes import Changes
from timeline_app.services.loading import bundled_corpus_paths, corpus_paths
from timeline_app.services.store import Store

__all__ = ["BulkData", "Changes", "Store", "bundled_corpus_paths", "corpus_paths", "fetch_bulk"]
