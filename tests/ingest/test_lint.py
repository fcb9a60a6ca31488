"""Each codebook lint fires on a small bad example and stays silent on a good one."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from timeline_app.cli import run
from timeline_app.ingest.actor_names import read_actor_names
from timeline_app.ingest.corpus import CorpusPaths, read_corpus
from timeline_app.ingest.lint import LintKind, LintWarning, lint_events
from timeline_app.services import bundled_corpus_paths

# Furniture and reporting side by side, as the seeds have them.
ARTICLE = """\
Moscow and Delhi extend their pact
Ajay Banerjee
India and Russia on Monday extended their defence programme to 2031, officials said.
The two sides inked some agreements during the visit. Photo: Vietnamplus
India, France to expand defence, security partnership.
Russia has military pacts with Kazakhstan, Kyrgyzstan and Tajikistan.
The defence ministers of India, Russia and Kazakhstan held talks in Moscow.
Due to this deal India will grow stronger, which is not good for China.
"""

GOOD = """\
- id: good
  title: India and Russia extend their programme
  summary: Extended on Monday.
  date: "2021-12-06"
  relative: true
  date_note: "'on Monday' in an article of 6 December 2021"
  actors:
    - {code: IND, role: participant}
    - {code: RUS, role: participant}
    - {code: CHN, role: subject}
  category: agreement
  modality: happened
  score: 7
  sources:
    - document: a.txt
      paragraph: 3
      quote: "India and Russia on Monday extended their defence programme to 2031"
    - document: a.txt
      paragraph: 8
      quote: "not good for China"
"""


def event(
    body: str, *, actors: str = "IND participant, RUS participant", paragraph: int = 3
) -> str:
    """One event in YAML: ``body`` holds the date lines, category and modality."""
    listed = "\n".join(
        f"    - {{code: {code}, role: {role}}}"
        for code, role in (item.split() for item in actors.split(", "))
    )
    quote = {
        3: "India and Russia on Monday extended their defence programme to 2031",
        4: "The two sides inked some agreements during the visit.",
        5: "India, France to expand defence, security partnership.",
        6: "Russia has military pacts with Kazakhstan, Kyrgyzstan and Tajikistan.",
        7: "The defence ministers of India, Russia and Kazakhstan held talks in Moscow.",
    }[paragraph]
    return (
        "- id: bad\n  title: An event\n  summary: Something.\n"
        + textwrap.indent(textwrap.dedent(body), "  ")
        + f"  actors:\n{listed}\n  score: 3\n  sources:\n"
        + f"    - document: a.txt\n      paragraph: {paragraph}\n      quote: {quote!r}\n"
    )


DAY = 'date: "2021-12-06"\ncategory: agreement\nmodality: happened\n'


@pytest.fixture
def paths(tmp_path: Path) -> CorpusPaths:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    (seeds / "manifest.yaml").write_text(
        "- file: a.txt\n  title: Moscow and Delhi extend their pact\n  title_supplied: false\n"
        "  outlet: Test\n  published: 2021-12-06\n  published_inferred: false\n"
        f"  language: en\n  sha256: {digest}\n",
        encoding="utf-8",
    )
    return CorpusPaths(seeds, seeds / "events.yaml", bundled_corpus_paths().resources)


def lint(paths: CorpusPaths, events: str) -> list[LintWarning]:
    paths.events.write_text(events, encoding="utf-8")
    corpus = read_corpus(paths)
    names = read_actor_names(paths.actor_names, corpus.actors, [])
    return lint_events(corpus, paths.events, names)


def kinds(paths: CorpusPaths, events: str) -> list[LintKind]:
    return [w.kind for w in lint(paths, events)]


def test_a_well_coded_event_draws_no_warning(paths: CorpusPaths) -> None:
    assert lint(paths, GOOD) == []
    assert kinds(paths, event(DAY)) == []


def test_mixed_precision(paths: CorpusPaths) -> None:
    bad = 'date: "2021"\nend: "2031"\ndate_note: "Extended on 6 December 2021."\n'
    bad += "category: agreement\nmodality: planned\n"
    warnings = lint(paths, event(bad))
    assert [w.kind for w in warnings] == [LintKind.MIXED_PRECISION]
    assert warnings[0].line == 4  # the 'date' line
    assert "known to the day ('6 December 2021')" in warnings[0].message
    # The same span with a start known only to the year is a span, not a mistake.
    fine = 'date: "2021"\nend: "2031"\ndate_note: "Some time in 2021."\n'
    assert kinds(paths, event(fine + "category: agreement\nmodality: planned\n")) == []


def test_happened_event_ending_after_its_article(paths: CorpusPaths) -> None:
    bad = 'date: "2021-12-05"\nend: "2021-12-09"\ncategory: visit\nmodality: happened\n'
    warnings = lint(paths, event(bad))
    assert [w.kind for w in warnings] == [LintKind.HAPPENED_AFTER_ARTICLE]
    assert warnings[0].line == 5  # the 'end' line
    assert "ends 9 December 2021" in warnings[0].message
    assert "published 6 December 2021 (a.txt)" in warnings[0].message
    fine = 'date: "2021-12-05"\nend: "2021-12-06"\ncategory: visit\nmodality: happened\n'
    assert kinds(paths, event(fine)) == []
    # A year that may end on the article's day is not "after" it.
    year = 'date: "2020"\nend: "2021"\ncategory: visit\nmodality: happened\n'
    assert kinds(paths, event(year)) == []


def test_reported_span_ending_after_its_article(paths: CorpusPaths) -> None:
    bad = 'date: "2021"\nend: "2031"\ncategory: agreement\nmodality: agreed\n'
    assert kinds(paths, event(bad)) == [LintKind.SPAN_AFTER_ARTICLE]
    planned = 'date: "2022"\nend: "2023"\ncategory: exercise\nmodality: planned\n'
    assert kinds(paths, event(planned)) == []


def test_actor_named_in_no_quote(paths: CorpusPaths) -> None:
    warnings = lint(paths, event(DAY, actors="IND participant, VNM participant"))
    assert [w.kind for w in warnings] == [LintKind.ACTOR_NOT_QUOTED]
    assert warnings[0].line == 9  # the VNM line of 'actors'
    assert warnings[0].message.startswith("VNM (participant) is named in no quote")


def test_actors_are_found_by_demonym_capital_and_short_form(paths: CorpusPaths) -> None:
    names = read_actor_names(bundled_corpus_paths().resources / "actor_names.yaml", [], [])
    assert names.named_in("RUS", "talks in Moscow")
    assert names.named_in("CASIA", "three of five Central Asians states")
    assert names.named_in("IND", "a joint Indo-Russian venture")
    assert names.named_in("USA", "the US tried to undermine the deal")
    assert not names.named_in("USA", "partners who are responsive to us")
    assert not names.named_in("IND", "Indiana")


def test_one_names_table_plus_extras_for_what_it_lacks() -> None:
    """The lint reads names.tsv for every country and grouping, and actor_names.yaml
    only for names that table lacks (office-holders, historical states)."""
    from timeline_app.names_file import names_table

    extras_path = bundled_corpus_paths().resources / "actor_names.yaml"
    names = read_actor_names(extras_path, [], [])
    assert names.named_in("SDN", "officials in Khartoum said")  # no codebook actor, a row
    assert names.named_in("ISR", "Israeli officials")
    assert names.named_in("RUS", "Shoigu arrived") and names.named_in("IND", "Rajnath said")
    assert not names.named_in("SDN", "officials in Cairo said")
    table = names_table()
    import yaml

    extras = yaml.safe_load(extras_path.read_text(encoding="utf-8"))
    doubled = {
        code: [n for n in listed if code in table and n in table[code].names]
        for code, listed in extras.items()
    }
    assert {code: found for code, found in doubled.items() if found} == {}  # no overlap


def test_event_citing_only_page_furniture(paths: CorpusPaths) -> None:
    for paragraph in (4, 5):  # a photo caption; a teaser headline of another story
        warnings = lint(paths, event(DAY, actors="IND participant, FRA participant",
                                     paragraph=paragraph))  # fmt: skip
        assert LintKind.FURNITURE_ONLY in [w.kind for w in warnings], paragraph
    teaser = lint(paths, event(DAY, actors="IND participant, FRA participant", paragraph=5))
    assert "a.txt ¶5: a teaser (another story's headline)" in teaser[-1].message
    # Prose that happens to say "Due to" is no teaser; reporting paragraphs are fine.
    assert kinds(paths, GOOD) == []


def test_all_participant_event_drawing_unsupported_lanes(paths: CorpusPaths) -> None:
    pacts = event(DAY, actors="RUS participant, KAZ participant, KGZ participant", paragraph=6)
    warnings = lint(paths, pacts)
    assert [w.kind for w in warnings] == [LintKind.ALL_PAIRS_LANES]
    assert "KAZ-KGZ" in warnings[0].message
    # Who acted on whom: the same fact with roles draws only the lanes it supports.
    roles = event(DAY, actors="RUS initiator, KAZ recipient, KGZ recipient", paragraph=6)
    assert kinds(paths, roles) == []
    # A meeting of three, each named: every pair met.
    talks = 'date: "2021-12-06"\ncategory: dialogue\nmodality: happened\n'
    met = event(talks, actors="IND participant, RUS participant, KAZ participant", paragraph=7)
    assert kinds(paths, met) == []


def test_check_prints_warnings_and_fails_only_when_strict(
    paths: CorpusPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.events.write_text(event(DAY, actors="IND participant, VNM participant"), "utf-8")
    db = str(tmp_path / "t.sqlite3")
    sources = str(paths.seeds)
    assert run(["load", "--db", db, "--sources", sources]) == 0
    capsys.readouterr()
    assert run(["check", "--db", db, "--sources", sources]) == 0
    out, err = capsys.readouterr()
    assert "curation: 1 warning(s) (actor-not-quoted 1)" in out
    assert err.splitlines()[0].endswith(
        "events.yaml:9: warning: event 'bad': VNM (participant) is named in no quote of the "
        "event (looked for Vietnam, Hanoi, Vietnamese, Socialist Republic of Vietnam, ...); cite "
        "the words that "
        "name it [actor-not-quoted]"
    )
    assert run(["check", "--db", db, "--sources", sources, "--strict"]) == 1
    paths.events.write_text(GOOD, "utf-8")
    assert run(["check", "--db", db, "--sources", sources, "--strict"]) == 0
    assert "curation: no warnings" in capsys.readouterr().out
