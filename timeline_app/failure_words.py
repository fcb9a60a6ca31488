"""What to tell the user about an exception: one plain sentence, never a traceback.

Our own errors (``GdeltError``, ``StoreError``, ``UserError``, ``ValidationFailed``)
carry messages written for the user and are shown as they are; a few errors from the
standard library that a file can cause get words of their own; anything else is a
fault of the program, logged with its traceback (``app_logging``), and the user is
told so, and where the details are.
"""

from __future__ import annotations

from timeline_app.ingest.problems import ValidationFailed
from timeline_app.store.faults import StoreError

UNEXPECTED = (
    "Something unexpected went wrong (your data is safe); the details are in the log "
    "(Help › Open log folder): please send it with a note of what you were doing."
)


class PlainFailure(Exception):
    """Any error, reduced to the sentence for the user (its cause keeps the original)."""


def user_facing(exc: BaseException) -> bool:
    """Whether ``exc``'s own text is meant for the user."""
    # Imported here: the window's start imports this module, and needs neither the
    # GDELT reader nor the command line.
    from timeline_app.cli.common import UserError
    from timeline_app.ingest.gdelt_files import GdeltError

    return isinstance(exc, (GdeltError, StoreError, UserError, ValidationFailed, PlainFailure))


def plain_sentence(exc: BaseException) -> str:
    """One sentence (or our own message) for ``exc``, naming no exception class."""
    if isinstance(exc, ValidationFailed) and len(exc.problems) > 1:
        more = len(exc.problems) - 1  # every problem is listed where the files are read
        return f"{exc.problems[0]} (and {more} more problem{'s' if more > 1 else ''})"
    if user_facing(exc):
        return str(exc)
    import zipfile

    if isinstance(exc, zipfile.BadZipFile):
        return f"The zip file is damaged or incomplete ({exc}); nothing was read from it."
    if isinstance(exc, OverflowError):
        return (
            "A number in the file is too big to be an event id or a count "
            "(more than 19 digits); is it a GDELT export?"
        )
    if isinstance(exc, MemoryError):
        return "There was not enough memory to finish; close other programs and try again."
    if isinstance(exc, UnicodeDecodeError):
        return "The file is not UTF-8 text; is it the right file?"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}."
    return UNEXPECTED


def as_clause(sentence: str) -> str:
    """``sentence`` to follow a colon ("The import failed: a number in the file…"):
    its first letter in lower case unless the first word is a name (an acronym such
    as "GDELT", a path, a file name), ending with a full stop."""
    sentence = sentence.strip()
    first = sentence.split(" ", 1)[0]
    if first.isalpha() and first[0].isupper() and (first[1:].islower() or len(first) == 1):
        sentence = sentence[0].lower() + sentence[1:]
    return sentence if sentence.endswith((".", "?", "!")) else sentence + "."
