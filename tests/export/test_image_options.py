"""The Qt-free half of the image export: sizes, parsing, wording, notes and the plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline_app.dates import DateSpan, to_day
from timeline_app.domain import (
    Actor,
    ActorKind,
    Category,
    Citation,
    Document,
    Event,
    EventFilter,
    Modality,
    Pair,
    Participant,
    Role,
)
from timeline_app.export import image_options as io
from timeline_app.export.image_options import ExportForm, OptionError

IND_VNM, IND_RUS = Pair("IND", "VNM"), Pair("IND", "RUS")
ACTORS = {
    code: Actor(code, name, ActorKind.COUNTRY, "", "#000000", 0, 0)
    for code, name in (("IND", "India"), ("VNM", "Vietnam"), ("RUS", "Russia"), ("CHN", "China"))
}
DOCS = {
    "a.txt": Document(
        "a.txt", "A", False, "The Times of India", DateSpan.parse("2017-01"), True, "", "en", "x"
    )
}


def event(
    eid: str, when: str, *codes: str, end: str | None = None, quotes: tuple[str, ...] = ("q",)
) -> Event:
    return Event(
        id=eid,
        title=eid,
        summary="",
        when=DateSpan.parse(when, end),
        actors=tuple(Participant(c, Role.PARTICIPANT) for c in codes),
        category=Category.AGREEMENT,
        modality=Modality.HAPPENED,
        score=5.0,
        citations=tuple(Citation("a.txt", 1, q) for q in quotes),
    )


def options(**changes: object) -> io.ExportOptions:
    result = io.validate_form(ExportForm(**changes))  # type: ignore[arg-type]
    assert result.options is not None, result.errors
    return result.options


# -- sizes --------------------------------------------------------------------------


def test_presets_have_their_pixel_and_page_sizes() -> None:
    slide, four_three, a4 = (io.page_for(k) for k in ("slide", "4:3", "a4"))
    assert (slide.width, slide.height, slide.page_pt, slide.dpi) == (
        1920,
        1080,
        (1440.0, 810.0),
        96,
    )
    assert (four_three.width, four_three.height, four_three.page_pt) == (
        1600,
        1200,
        (1200.0, 900.0),
    )
    assert (a4.width, a4.height, a4.dpi) == (3508, 2480, 300)
    assert a4.page_pt == pytest.approx((297 / 25.4 * 72, 210 / 25.4 * 72), abs=0.01)
    custom = io.page_for(io.CUSTOM, (1600, 900))
    assert (custom.width, custom.height, custom.page_pt) == (1600, 900, (1200.0, 675.0))
    with pytest.raises(OptionError):
        io.page_for("poster")


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_the_scale_multiplies_the_pixels(scale: int) -> None:
    assert io.page_for("slide", scale=scale).pixel_size == (1920 * scale, 1080 * scale)


@pytest.mark.parametrize(
    ("text", "size"),
    [("1600x900", (1600, 900)), (" 1600 × 900 ", (1600, 900)), ("800X600", (800, 600))],
)
def test_sizes_parse(text: str, size: tuple[int, int]) -> None:
    assert io.parse_size(text) == size


@pytest.mark.parametrize("text", ["16x", "x900", "0x100", "100x100", "20000x900", "big", ""])
def test_bad_sizes_are_refused_with_one_line(text: str) -> None:
    with pytest.raises(OptionError) as caught:
        io.parse_size(text)
    assert "\n" not in str(caught.value)


def test_scale_bounds() -> None:
    assert [io.parse_scale(v) for v in (1, "2", "3x")] == [1, 2, 3]
    for bad in (0, 4, "-1", "two"):
        with pytest.raises(OptionError):
            io.parse_scale(bad)


def test_too_many_pixels_are_refused() -> None:
    result = io.validate_form(ExportForm(preset=io.CUSTOM, size="10000x5625", scale=3))
    assert result.options is None and "too large" in result.errors["scale"]
    assert io.validate_form(ExportForm(preset="a4", scale=3)).options is not None


def test_the_format_follows_the_extension() -> None:
    assert io.format_for_path("brief.PNG") is io.ImageFormat.PNG
    assert io.format_for_path(Path("a/b.svg")) is io.ImageFormat.SVG
    assert io.format_for_path("b.pdf") is io.ImageFormat.PDF
    for bad in ("b.jpg", "brief"):
        with pytest.raises(OptionError, match=r"\.png, \.svg or \.pdf"):
            io.format_for_path(bad)


# -- pairs and dates ----------------------------------------------------------------------


def test_pairs_keep_the_typed_order_once_each() -> None:
    assert io.parse_pairs("IND-VNM, ind-rus;VNM-IND") == (IND_VNM, IND_RUS)
    assert io.parse_pairs("  ") == ()
    for bad in ("INDVNM", "IND-IND", "IND-VNM-RUS"):
        with pytest.raises(OptionError):
            io.parse_pairs(bad)


def test_window_dates_cover_whole_periods() -> None:
    assert io.parse_window("2013", "2022") == (date(2013, 1, 1), date(2022, 12, 31))
    assert io.parse_window("2016-09", "2022-02") == (date(2016, 9, 1), date(2022, 2, 28))
    assert io.parse_window("", "") == (None, None)
    with pytest.raises(OptionError, match="comes after"):
        io.parse_window("2023", "2022")
    with pytest.raises(OptionError, match="not a date"):
        io.parse_window("2013-13", "")


def test_window_days_follow_the_dates_or_the_events() -> None:
    events = [event("a", "2016-03-01", "IND", "VNM"), event("b", "2020", "IND", "RUS")]
    assert io.window_days(date(2013, 1, 1), date(2022, 12, 31), events) == (
        to_day(date(2013, 1, 1)),
        to_day(date(2023, 1, 1)),
    )
    # Without dates: the events' dense period in whole years, as on screen.
    assert io.window_days(None, None, events) == (
        to_day(date(2016, 1, 1)),
        to_day(date(2021, 1, 1)),
    )
    assert io.window_days(None, None, [])[1] > io.window_days(None, None, [])[0]
    lo, hi = io.window_days(date(2030, 1, 1), None, events)  # after every event
    assert hi > lo


# -- wording ----------------------------------------------------------------------------------

WINDOW = (float(to_day(date(2013, 1, 1))), float(to_day(date(2023, 1, 1))))


def test_default_titles_name_the_pairs_and_the_years() -> None:
    names = [io.pair_name(p, ACTORS) for p in (IND_VNM, IND_RUS)]
    assert io.default_title(names, WINDOW) == "India–Vietnam and India–Russia ties, 2013–2022"
    assert io.default_title(names[:1], WINDOW) == "India–Vietnam ties, 2013–2022"
    assert io.default_title(["A–B", "C–D", "E–F"], WINDOW) == "A–B, C–D and E–F ties, 2013–2022"
    assert io.default_title(["A–B"] * 4, WINDOW) == "Bilateral ties of 4 pairs, 2013–2022"
    assert io.default_title([], WINDOW) == "Bilateral ties, 2013–2022"
    one_year = (WINDOW[0], float(to_day(date(2014, 1, 1))))
    assert io.default_title(names[:1], one_year) == "India–Vietnam ties, 2013"
    assert io.pair_name(Pair("IND", "XYZ"), ACTORS) == "India–XYZ"


def test_caption_lists_window_count_pairs_and_filters() -> None:
    flt = EventFilter(categories=frozenset({Category.VISIT}), text="navy")
    caption = io.caption_text(flt, WINDOW, (IND_VNM,), 7, 2)
    assert caption == (
        "1 Jan 2013 – 31 Dec 2022 · 7 events · pairs: IND-VNM · categories: visit"
        " · search: navy · 2 more lanes not shown"
    )
    assert io.caption_text(EventFilter(), WINDOW, (), 1, 0) == "1 Jan 2013 – 31 Dec 2022 · 1 event"


def test_quotes_are_cut_at_a_word_with_an_ellipsis() -> None:
    assert io.truncate_quote("  Talks are   in progress ") == "Talks are in progress"
    long = "India is now actively discussing the possible sale of the indigenously developed Akash missile system"
    cut = io.truncate_quote(long)
    assert len(cut) <= 90 and cut.endswith("…") and long.startswith(cut[:-1])
    assert cut[-2] != " " and long[len(cut) - 1] == " "  # a whole word was kept


def test_footer_numbers_notes_in_order_and_caps_them() -> None:
    events = [event(f"e{i:02}", f"2017-01-{i + 1:02}", "IND", "VNM") for i in range(15)]
    events[0] = event("e00", "2017-01-01", "IND", "VNM", quotes=("Talks are in progress", "x"))
    footer = io.source_footer(events, DOCS)
    assert [n.number for n in footer.notes] == list(range(1, 13))
    assert footer.notes[0].text == (
        "[1] 1 Jan 2017 · e00 — The Times of India, Jan 2017: 'Talks are in progress' (+1 more)"
    )
    assert footer.more == 3 and footer.more_text.startswith("… and 3 more events")
    # Where the other events' sources are: the PDF's appendix, or a PDF to export.
    assert footer.more_text_for(True).endswith("their sources are on the appendix pages")
    assert footer.more_text_for(False).endswith("their sources are in a PDF export of this figure")
    # Equal scores: the event with two sources first, then the earliest.
    assert footer.number_of("e00") == 1 and footer.number_of("e11") == 12
    assert footer.number_of("e12") is None and footer.number_of("e14") is None
    missing = io.source_footer([event("m", "2017", "IND", "VNM")], {})
    assert missing.notes[0].text == "[1] 2017 · m — a.txt: 'q'" and missing.more_text == ""


# -- the plan ---------------------------------------------------------------------------------------


def seed_events() -> list[Event]:
    return [
        event("old", "1990", "IND", "RUS"),
        event("vnm", "2016-09-03", "IND", "VNM"),
        event("rus", "2018-10", "IND", "RUS"),
        event("tri", "2021", "IND", "RUS", "CHN"),
    ]


def test_chosen_pairs_are_the_lanes_in_the_typed_order() -> None:
    events = seed_events()
    plan = io.plan_figure(
        events, ACTORS, DOCS, [IND_RUS, IND_VNM], WINDOW, EventFilter(),
        options(pairs="IND-VNM, IND-RUS", date_from="2013", date_to="2022"),
    )  # fmt: skip
    assert plan.lanes == (IND_VNM, IND_RUS)
    assert plan.title == "India–Vietnam and India–Russia ties, 2013–2022"
    assert [e.id for e in plan.shown] == ["vnm", "rus", "tri"]  # chronological, in the window
    assert plan.footer is None


def test_without_pairs_only_lanes_with_events_in_the_window_are_kept() -> None:
    events = seed_events()
    lanes = [IND_RUS, IND_VNM, Pair("CHN", "IND"), Pair("CHN", "RUS")]
    window = (float(to_day(date(2016, 1, 1))), float(to_day(date(2019, 1, 1))))
    plan = io.plan_figure(
        events, ACTORS, DOCS, lanes, window, EventFilter(), options(with_sources=True)
    )
    assert plan.lanes == (IND_RUS, IND_VNM)
    assert plan.footer is not None and [n.event_id for n in plan.footer.notes] == ["vnm", "rus"]
    capped = io.plan_figure(events, ACTORS, DOCS, lanes, window, EventFilter(), options(), 1)
    assert capped.lanes == (IND_RUS,) and "1 more lane not shown" in capped.caption
    assert [e.id for e in capped.shown] == ["rus"]


def test_an_automatic_window_is_named_by_the_events_span() -> None:
    events = seed_events()[1:3]
    window = io.window_days(None, None, events)
    plan = io.plan_figure(
        events, ACTORS, DOCS, [IND_RUS, IND_VNM], window, EventFilter(), options()
    )
    assert plan.title.endswith(", 2016–2018")
    assert plan.caption.startswith("3 Sep 2016 – 31 Oct 2018")
    titled = io.plan_figure(
        events, ACTORS, DOCS, [IND_RUS], window, EventFilter(), options(title=" Brief ")
    )
    assert titled.title == "Brief"


def test_an_empty_window_has_no_lanes_and_no_notes() -> None:
    window = (float(to_day(date(1930, 1, 1))), float(to_day(date(1940, 1, 1))))
    plan = io.plan_figure(
        seed_events(), ACTORS, DOCS, [IND_RUS], window, EventFilter(), options(with_sources=True)
    )
    assert plan.lanes == () and plan.shown == () and plan.title == "Bilateral ties, 1930–1939"
    assert plan.footer is not None and plan.footer.notes == ()


# -- the form and remembered choices ---------------------------------------------------------------


def test_form_errors_name_their_field() -> None:
    result = io.validate_form(
        ExportForm(preset=io.CUSTOM, size="16x", scale=5, format="gif", theme="blue", pairs="X",
                   date_from="2023", date_to="2022")
    )  # fmt: skip
    assert result.options is None
    assert set(result.errors) == {"size", "scale", "format", "theme", "pairs", "dates"}
    good = options(preset=io.CUSTOM, size="1600x900", scale=2, format="svg", pairs="IND-VNM")
    assert (good.page.width, good.page.scale, good.format, good.pairs) == (
        1600, 2, io.ImageFormat.SVG, (IND_VNM,),
    )  # fmt: skip


def test_choices_are_remembered_but_not_the_view(isolated_user_data: Path) -> None:
    form = ExportForm(preset="4:3", scale=2, format="pdf", title="T", pairs="IND-VNM",
                      with_graph=True, with_sources=True, theme="dark")  # fmt: skip
    io.save_choices(form)
    saved = json.loads((isolated_user_data / "export.json").read_text(encoding="utf-8"))
    assert "title" not in saved and "pairs" not in saved and "theme" not in saved
    base = ExportForm(pairs="IND-RUS", date_from="2013")
    loaded = io.load_choices(base)
    assert (loaded.preset, loaded.scale, loaded.format, loaded.with_graph) == (
        "4:3",
        2,
        "pdf",
        True,
    )
    assert (loaded.pairs, loaded.date_from, loaded.title, loaded.theme) == (
        "IND-RUS",
        "2013",
        "",
        "light",
    )


def test_damaged_or_stale_choices_fall_back(isolated_user_data: Path) -> None:
    path = isolated_user_data / "export.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert io.load_choices() == ExportForm()
    path.write_text(
        json.dumps({"preset": "custom", "size": "1x1", "scale": 9, "format": 3}), "utf-8"
    )
    assert io.load_choices() == ExportForm()


def test_custom_sizes_keep_text_readable_on_a_slide_or_are_refused() -> None:
    # Any 16:9 size, however small, fills the slide: the smallest text is 16.8 px there.
    for width in (640, 1280, 1599, 3840):
        assert io.slide_text_px(width, round(width * 9 / 16)) >= 14
        assert io.validate_form(
            ExportForm(preset="custom", size=f"{width}x{round(width * 9 / 16)}")
        ).options
    # A square or a thin strip is letterboxed, and its text shrinks below 14 px.
    assert round(io.slide_text_px(1200, 1200), 1) == 9.5
    result = io.validate_form(ExportForm(preset="custom", size="1200x1200"))
    assert result.options is None
    assert result.errors["size"] == (
        "1200x1200: on a 1920x1080 slide its smallest text would be 9.5 px, under 14 px; "
        "use a shape nearer 16:9, such as 1200x675"
    )
    assert io.validate_form(ExportForm(preset="custom", size="3000x600")).options is None
    # 4:3 at 1600 wide still holds it when shown on a 4:3 screen, through its preset.
    assert io.validate_form(ExportForm(preset="4:3")).options is not None


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("9999-12-31", ""), ("", "9999-12-31"), ("0000", ""), ("-0001", ""), ("", "10000")],
)
def test_dates_outside_the_supported_years_are_refused_by_the_form(
    date_from: str, date_to: str
) -> None:
    # The dialog and the command line share this validation: nothing is drawn.
    result = io.validate_form(ExportForm(date_from=date_from, date_to=date_to))
    assert result.options is None
    assert set(result.errors) == {"dates"}
    assert "not a date" in result.errors["dates"]
