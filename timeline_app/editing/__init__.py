"""Making and editing events in the app: Qt-free checks, changes and their writes.

* ``vocabulary``: what each category, modality, role and score band means (the one
  place the editor's pickers read; docs/data-model.md has the same tables, and a test
  keeps the two equal);
* ``validate``: an event or a file of events checked with the loader's own rules
  (``ingest/corpus.read_events``), against what the database holds;
* ``changes``: one change (add, edit, delete, citations, an article) as the events
  before and after, applied or reverted in one transaction with its audit rows;
* ``similar``: existing events a new one looks like (to add a citation instead).
"""
