"""Every path of ``failure_words`` reads as one plain sentence: one line, no exception
class, no second sentence; and a sentence put after a colon reads on in lower case."""

from __future__ import annotations

import re
import zipfile

import pytest

from timeline_app.failure_words import UNEXPECTED, as_clause, plain_sentence
from timeline_app.ingest.gdelt import GdeltError
from timeline_app.ingest.problems import Problem, ValidationFailed

PROBLEMS = [Problem("events.yaml", 12, "date '2021-02-30' is not a day"),
            Problem("events.yaml", 40, "unknown actor 'XXX'"),
            Problem("manifest.yaml", None, "no such file")]  # fmt: skip

ERRORS: dict[str, BaseException] = {
    "our own": GdeltError("x.csv: no such file"),
    "one problem": ValidationFailed(PROBLEMS[:1]),
    "problems": ValidationFailed(PROBLEMS),
    "bad zip": zipfile.BadZipFile("Bad CRC-32 for file 'a.CSV'"),
    "big number": OverflowError("int too big to convert"),
    "memory": MemoryError(),
    "not utf-8": UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    "file error": FileNotFoundError(2, "No such file or directory", "/x/y.csv"),
    "os error without a file": OSError(28, "No space left on device"),
    "a fault": KeyError("lane"),
}

# A full stop, then a capital: a second sentence (not "e.g. GDELT", not "1.5 s").
SECOND_SENTENCE = re.compile(r"[.!?] +[A-Z][a-z]")


@pytest.mark.parametrize("name", list(ERRORS))
def test_every_path_is_one_plain_sentence(name: str) -> None:
    sentence = plain_sentence(ERRORS[name])
    assert "\n" not in sentence, sentence
    assert not SECOND_SENTENCE.search(sentence), sentence
    assert not re.search(r"\b\w*(Error|Exception)\b", sentence), sentence
    assert "Traceback" not in sentence


def test_several_problems_name_the_first_and_count_the_rest() -> None:
    sentence = plain_sentence(ValidationFailed(PROBLEMS))
    assert sentence == "events.yaml:12: date '2021-02-30' is not a day (and 2 more problems)"
    assert plain_sentence(ValidationFailed(PROBLEMS[:1])) == str(PROBLEMS[0])


def test_the_unexpected_fault_is_one_sentence_pointing_at_the_log() -> None:
    assert plain_sentence(KeyError("lane")) == UNEXPECTED
    assert UNEXPECTED.count(".") == 1 and UNEXPECTED.endswith(".")
    assert "Help › Open log folder" in UNEXPECTED


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("A number in the file is too big; is it a GDELT export?",
         "a number in the file is too big; is it a GDELT export?"),
        ("The zip file is damaged", "the zip file is damaged."),
        ("GDELT says nothing", "GDELT says nothing."),  # an acronym stays
        ("/x/y.csv: No such file or directory.", "/x/y.csv: No such file or directory."),
        ("Bad.export.CSV: not an export", "Bad.export.CSV: not an export."),  # a file name
        ("  There was not enough memory.  ", "there was not enough memory."),
    ],
)  # fmt: skip
def test_a_sentence_after_a_colon_reads_on(sentence: str, clause: str) -> None:
    assert as_clause(sentence) == clause


def test_the_import_failure_reads_on_after_its_colon_and_says_nothing_was_written_once() -> None:
    from timeline_app.import_outcome import NOTHING_WRITTEN, failed

    too_big = failed(OverflowError()).summary
    assert too_big.startswith("The import failed: a number in the file is too big")
    assert too_big.count(NOTHING_WRITTEN) == 1
    damaged = failed(GdeltError("x.zip: the zip file is damaged (Bad CRC-32); nothing was written"))
    assert damaged.summary.startswith("The import failed: x.zip: the zip file is damaged")
    assert damaged.summary.lower().count("nothing was written") == 1
