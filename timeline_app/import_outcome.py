"""What the GUI's import report says: the words and rows, without Qt.

The dialog (``ui/bulk/import_report.py``) only shows an ``ImportOutcome``; whether an
import finished, was cancelled or failed, and why, is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.failure_words import as_clause, plain_sentence
from timeline_app.ingest.gdelt import MalformedRow
from timeline_app.store.bulk import ImportCancelled, ImportReport

NOTHING_WRITTEN = "Nothing was written: the database is as it was before the import."


@dataclass(frozen=True)
class ImportOutcome:
    title: str  # the dialog's heading
    summary: str  # what happened, in sentences
    skipped: tuple[tuple[str, str], ...] = ()  # (file:line, reason) of skipped rows
    unlisted: int = 0  # malformed rows beyond those listed
    succeeded: bool = False


def finished(report: ImportReport) -> ImportOutcome:
    listed = tuple((f"{p.file}:{p.line}" if p.line else p.file, p.message) for p in report.problems)
    summary = f"Imported in {report.seconds:.1f} s: {report.summary()}."
    already = [f.name for f in report.files if f.already_imported]
    if already:
        summary += f"\nAlready imported before, so skipped: {', '.join(already)}."
    if listed:
        summary += "\nThe rows below could not be read and were skipped; the rest were imported."
    unlisted = max(report.total("malformed") - len(listed), 0)
    return ImportOutcome("Import finished", summary, listed, unlisted, succeeded=True)


def failed(error: BaseException) -> ImportOutcome:
    """A failed (or cancelled) import: why, in the user's words, and that nothing was
    written (an import is one transaction)."""
    if isinstance(error, ImportCancelled):
        return ImportOutcome("Import cancelled", f"The import was cancelled. {NOTHING_WRITTEN}")
    if isinstance(error, MalformedRow):
        problem = error.problem
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        return ImportOutcome(
            "Import failed",
            f"The import stopped at a malformed row. {NOTHING_WRITTEN}",
            ((where, problem.message),),
        )
    reason = as_clause(plain_sentence(error))
    # Some reasons say already that nothing was written; say it once.
    said = "nothing was written" in reason.lower()
    return ImportOutcome(
        "Import failed", f"The import failed: {reason}" + ("" if said else f"\n{NOTHING_WRITTEN}")
    )
