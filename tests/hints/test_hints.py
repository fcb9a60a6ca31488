"""Suggestions from one paragraph: actors with roles, dates with their rule."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from tests.conftest import REPO
from timeline_app.countries import places
from timeline_app.dates import DateSpan, Precision
from timeline_app.domain import Role
from timeline_app.hints.actors import suggest_actors
from timeline_app.hints.dates import suggest_dates
from timeline_app.hints.names import names_table

PUBLISHED = DateSpan.parse("2021-12-06")  # a Monday


def roles(paragraph: str) -> dict[str, Role]:
    return {h.code: h.role for h in suggest_actors(paragraph)}


def test_the_names_table_covers_every_country_and_passes_its_check() -> None:
    table = names_table()
    legacy = {"ROM", "MTN", "TMP"}  # GDELT's older codes; the ISO rows hold the names
    missing = [c for c, p in places().items() if p.kind == "country" and c not in table]
    assert sorted(set(missing) - legacy) == []
    assert {"ASEAN", "EU", "NATO", "SCO", "BRICS", "QUAD", "AU", "GCC", "CASIA"} <= set(table)
    checked = subprocess.run(
        [sys.executable, "scripts/make_names.py", "--check"], cwd=REPO, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_seed_sentence_two_participants() -> None:
    paragraph = (
        "India and Russia on Monday extended their military-technical cooperation ties "
        "for another ten years to 2031"
    )
    assert roles(paragraph) == {"IND": Role.PARTICIPANT, "RUS": Role.PARTICIPANT}
    (india, _russia) = suggest_actors(paragraph)
    assert india.rule == "'India and Russia' together"


def test_capitals_and_demonyms_name_their_country_with_the_words_used() -> None:
    paragraph = "The Vietnamese minister met his Indian counterpart in Hanoi; Viet Nam agreed."
    hints = {h.code: h for h in suggest_actors(paragraph)}
    assert set(hints) == {"VNM", "IND"}
    assert hints["VNM"].words == ("Vietnamese", "Hanoi", "Viet Nam")


def test_visits_give_initiator_and_recipient_and_about_gives_a_subject() -> None:
    paragraph = (
        "Sudanese army chief Abdel Fattah al-Burhan visited Cairo on Tuesday, where he "
        "talked about South Sudan with Egyptian officials."
    )
    assert roles(paragraph) == {
        "SDN": Role.INITIATOR, "EGY": Role.RECIPIENT, "SSD": Role.SUBJECT,
    }  # fmt: skip
    subject = next(h for h in suggest_actors(paragraph) if h.code == "SSD")
    assert subject.rule == "'talked about South Sudan': what it is about"


def test_israel_style_sentence() -> None:
    paragraph = "Israeli Prime Minister Benjamin Netanyahu arrived in Washington for talks on Iran."
    assert roles(paragraph) == {
        "ISR": Role.INITIATOR, "USA": Role.RECIPIENT, "IRN": Role.SUBJECT,
    }  # fmt: skip


def test_longest_name_wins_and_words_must_be_whole() -> None:
    assert roles("Papua New Guinea and Nigeria") == {
        "PNG": Role.PARTICIPANT, "NGA": Role.PARTICIPANT,
    }  # fmt: skip
    assert roles("a turkey dinner in Indiana") == {}  # lower case, and part of a word


def test_a_place_named_after_a_country_is_not_that_country() -> None:
    paragraph = (
        "India and Vietnam agreed on joint patrols in the South China Sea and the "
        "Indian Ocean; China said nothing."
    )
    hints = suggest_actors(paragraph)
    assert [h.code for h in hints] == ["IND", "VNM", "CHN"]
    china = next(h for h in hints if h.code == "CHN")
    assert china.words == ("China",) and paragraph[china.first :].startswith("China said")
    assert roles("patrols in the South China Sea") == {}


def test_groupings_are_actors() -> None:
    assert set(roles("NATO and the African Union met the Gulf Cooperation Council.")) == {
        "NATO", "AU", "GCC",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("paragraph", "expected", "precision", "rule"),
    [
        ("signed on 6 December 2021", date(2021, 12, 6), Precision.DAY, "a date written in full"),
        ("on December 6 the two", date(2021, 12, 6), Precision.DAY, "the year of the article"),
        ("since 2019 the sides", date(2019, 1, 1), Precision.YEAR, "a year written in full"),
        ("in July 2007, a deal", date(2007, 7, 1), Precision.MONTH, "a month written in full"),
        ("met on Monday", date(2021, 12, 6), Precision.DAY, "the latest Monday on or before"),
        ("met last Friday", date(2021, 12, 3), Precision.DAY, "the latest Friday before"),
        ("last October", date(2021, 10, 1), Precision.MONTH, "the latest October before"),
        ("last December", date(2020, 12, 1), Precision.MONTH, "the latest December before"),
        ("next year", date(2022, 1, 1), Precision.YEAR, "+1 year from 2021"),
        ("yesterday", date(2021, 12, 5), Precision.DAY, "-1 day from 6 December 2021"),
    ],
)
def test_dates(paragraph: str, expected: date, precision: Precision, rule: str) -> None:
    (hint,) = suggest_dates(paragraph, PUBLISHED)
    assert (hint.span.start, hint.span.precision) == (expected, precision)
    assert rule in hint.rule


def test_the_rule_reads_as_the_analyst_would_check_it() -> None:
    (hint,) = suggest_dates("talks began last October", PUBLISHED)
    assert hint.rule == ("'last October' → October 2021: the latest October before December 2021")
    assert hint.span.relative


def test_a_full_date_is_one_suggestion_not_three() -> None:
    hints = suggest_dates("On April 15, 2023 fighting broke out; in May the talks", PUBLISHED)
    assert [h.words for h in hints] == ["April 15, 2023", "in May"]


def test_relative_dates_need_the_publication_date_to_their_precision() -> None:
    assert suggest_dates("met on Monday", DateSpan.parse("2021-12")) == []
    assert suggest_dates("met on Monday", None) == []
    assert [h.words for h in suggest_dates("they may meet in 2022", None)] == ["2022"]
