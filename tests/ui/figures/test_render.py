"""The figure files: each format decodes, shows the marks where the events are, and
nothing outside the window; empty and single-event windows work too."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from timeline_app.dates import to_day
from timeline_app.domain import EventFilter
from timeline_app.export.image_options import ExportForm, validate_form, window_days
from timeline_app.services import Store, corpus_paths
from timeline_app.ui.figures.figure_files import render_image, write_figure
from timeline_app.ui.figures.figure_layout import REFERENCE, ZOOM, FigureLayout, FigureSource
from timeline_app.ui.theme import CATEGORY_COLOURS, DARK, LIGHT

SVG = "{http://www.w3.org/2000/svg}"
AGREEMENT = QColor(CATEGORY_COLOURS[next(iter(CATEGORY_COLOURS))])  # the pact's category
Make = Callable[..., FigureSource]


@pytest.fixture
def make(qapp: QApplication, tmp_path: Path, corpus_dir: Path) -> Make:
    """A figure of the tiny corpus: the IND-VNM pact (2021-12-06, a filled point), a 2022
    exercise on the same lane, and a 2021-2031 programme of IND, RUS and CHN."""
    store = Store.open(tmp_path / "render.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    events, actors = store.events(), {a.code: a for a in store.actors()}
    documents = {d.file_name: d for d in store.documents()}
    store.close()

    def factory(**form: object) -> FigureSource:
        result = validate_form(ExportForm(**form))  # type: ignore[arg-type]
        assert result.options is not None, result.errors
        options = result.options
        wanted = set(options.pairs)
        shown = [e for e in events if not wanted or wanted.intersection(e.pairs)]
        window = window_days(options.start, options.end, shown)
        return FigureSource(shown, actors, documents, EventFilter(), window, options)

    return factory


def design_layout(source: FigureSource, size: QSize) -> tuple[FigureLayout, float]:
    k = min(size.width() / REFERENCE.width(), size.height() / REFERENCE.height())
    return FigureLayout(source, QSizeF(size.width() / k, size.height() / k)), k


def mark_pixel(source: FigureSource, event_id: str, size: QSize) -> QPointF:
    """Where the event's mark is, worked out from the layout independently of the painter."""
    geo, k = design_layout(source, size)
    marks = geo.marks
    mark = next(m for m in marks.marks if geo.plan.shown[m.event_index].id == event_id)
    lo, hi = geo.plan.window
    x = geo.plot.left() + (mark.start + 0.5 - lo) / (hi - lo) * geo.plot.width()
    # Lanes keep the layout's pixel heights, drawn at the figure's zoom.
    return QPointF(x * k, (geo.plot.top() + mark.y * ZOOM) * k)


def has_colour(image: QImage, x0: int, y0: int, x1: int, y1: int, colour: QColor) -> bool:
    for y in range(max(y0, 0), min(y1, image.height())):
        for x in range(max(x0, 0), min(x1, image.width())):
            c = image.pixelColor(x, y)
            diff = abs(c.red() - colour.red()) + abs(c.green() - colour.green())
            if diff + abs(c.blue() - colour.blue()) < 60:
                return True
    return False


def colour_near(image: QImage, point: QPointF, radius: int, colour: QColor) -> bool:
    x, y = round(point.x()), round(point.y())
    return has_colour(image, x - radius, y - radius, x + radius + 1, y + radius + 1, colour)


def variance(image: QImage) -> float:
    values = [
        QColor(image.pixel(x, y)).lightness()
        for y in range(0, image.height(), 9)
        for x in range(0, image.width(), 9)
    ]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def svg_texts(path: Path) -> list[str]:
    return ["".join(e.itertext()) for e in ET.parse(path).getroot().iter(f"{SVG}text")]


def svg_image(path: Path) -> QImage:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def media_box(path: Path) -> tuple[float, float]:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    found = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert found is not None
    return float(found[1]), float(found[2])


# -- PNG ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "scale", "size", "dpi"),
    [("slide", 1, (1920, 1080), 96), ("slide", 2, (3840, 2160), 192), ("4:3", 1, (1600, 1200), 96),
     ("a4", 1, (3508, 2480), 300)],
)  # fmt: skip
def test_png_has_the_preset_size(
    make: Make, tmp_path: Path, preset: str, scale: int, size: tuple[int, int], dpi: int
) -> None:
    path = tmp_path / "t.png"
    write_figure(path, make(preset=preset, scale=scale))
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    assert image.dotsPerMeterX() * 0.0254 == pytest.approx(dpi, abs=0.5)
    assert variance(image) > 100


def test_a_mark_inside_the_window_is_drawn_where_its_event_is(make: Make) -> None:
    source = make(pairs="IND-VNM", date_from="2021-11", date_to="2021-12")
    image, plan = render_image(source)
    assert [e.id for e in plan.shown] == ["ind-vnm-pact"]
    where = mark_pixel(source, "ind-vnm-pact", image.size())
    assert colour_near(image, where, 6, AGREEMENT)
    assert not colour_near(image, where + QPointF(0, 60), 6, AGREEMENT)  # and not everywhere


def test_the_scale_keeps_the_layout(make: Make) -> None:
    one = make(pairs="IND-VNM", date_from="2021-11", date_to="2021-12")
    two = make(pairs="IND-VNM", date_from="2021-11", date_to="2021-12", scale=2)
    image_one, _ = render_image(one)
    image_two, _ = render_image(two)
    assert colour_near(
        image_two, mark_pixel(one, "ind-vnm-pact", image_one.size()) * 2, 8, AGREEMENT
    )


def test_marks_outside_the_window_are_not_drawn(make: Make, tmp_path: Path) -> None:
    # 2022 only: the pact (Dec 2021) falls left of the plot, into the masked label gutter,
    # and the 2021-2031 programme (an agreement too) starts left of it as well.
    source = make(date_from="2022-01", date_to="2022-06")
    image, plan = render_image(source)
    assert "ind-vnm-pact" not in {e.id for e in plan.shown}
    geo, k = design_layout(source, image.size())
    top, bottom = round(geo.plot.top() * k) - 5, round(geo.plot.bottom() * k)
    gutter_right = round(geo.plot.left() * k) - 2
    assert not has_colour(image, 0, top, gutter_right, bottom, AGREEMENT)
    # The SVG has no clipping at all: the same holds through the masks.
    write_figure(tmp_path / "t.svg", make(date_from="2022-01", date_to="2022-06", format="svg"))
    drawn = svg_image(tmp_path / "t.svg")
    assert not has_colour(drawn, 0, top, gutter_right, bottom, AGREEMENT)


def test_dark_theme_paints_a_dark_page(make: Make) -> None:
    image, _ = render_image(make(theme="dark"))
    assert image.pixelColor(3, 3) == QColor(DARK.background)
    light, _ = render_image(make())
    assert light.pixelColor(3, 3) == QColor(LIGHT.background)


# -- SVG and PDF -------------------------------------------------------------------------------------


def test_svg_is_valid_with_text_as_text(make: Make, tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    plan = write_figure(path, make(format="svg", with_graph=True, with_sources=True))
    assert QSvgRenderer(str(path)).isValid()
    texts = svg_texts(path)
    joined = " ".join(texts)
    assert plan.title in texts or plan.title in joined
    for label in ("India – Vietnam", "India – Russia", "China – India"):
        assert label in texts
    assert "IND" in texts  # the relationship panel's node labels are text too
    assert "[1]" in texts and any("— Test Outlet, " in t for t in texts)
    assert "sans-serif" in path.read_text(encoding="utf-8")
    assert variance(svg_image(path)) > 100


@pytest.mark.parametrize(
    ("preset", "page"), [("a4", (842, 595)), ("slide", (1440, 810)), ("4:3", (1200, 900))]
)
def test_pdf_has_the_page_size(
    make: Make, tmp_path: Path, preset: str, page: tuple[int, int]
) -> None:
    path = tmp_path / "t.pdf"
    write_figure(path, make(preset=preset, format="pdf", with_graph=True, with_sources=True))
    assert media_box(path) == pytest.approx(page, abs=1)
    assert b"/Font" in path.read_bytes()  # text stays text: fonts are embedded, not pixels


def test_custom_size_pdf_is_the_pixel_size_at_96_dpi(make: Make, tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    write_figure(path, make(preset="custom", size="1600x900", format="pdf"))
    assert media_box(path) == pytest.approx((1200, 675), abs=1)


# -- edge cases ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_an_empty_window_exports_with_the_empty_state(make: Make, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"t.{fmt}"
    plan = write_figure(
        path, make(date_from="1930", date_to="1940", format=fmt, with_graph=True, with_sources=True)
    )
    assert plan.shown == () and plan.title == "Bilateral ties, 1930–1940"
    assert path.stat().st_size > 0
    if fmt == "svg":
        assert "No events in this window" in svg_texts(path)
    if fmt == "png":
        assert QImage(str(path)).width() == 1920


def test_a_single_event_exports_with_its_note(make: Make, tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    source = make(pairs="IND-VNM", date_from="2021-12-01", date_to="2021-12-31", format="svg",
                  with_sources=True)  # fmt: skip
    plan = write_figure(path, source)
    assert [e.id for e in plan.shown] == ["ind-vnm-pact"]
    texts = svg_texts(path)
    # The mark carries its title, led by its note number.
    assert "[1] India and Vietnam sign a defence pact" in texts
    assert "[1]" in texts  # the note's label, then its text
    # The note says what happened and when, then where it was reported, with a quote.
    joined = " ".join(texts)
    assert "6 Dec 2021 · India and Vietnam sign a defence pact — Test Outlet, " in joined
    assert "'India and Vietnam on Monday signed a defence pact in Hanoi.'" in joined
    assert plan.title == "India–Vietnam ties, 2021"


def test_the_real_seeds_fit_a_slide_in_every_format(qapp: QApplication, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.sqlite3")
    store.ensure_seeded()
    events, actors = store.events(), {a.code: a for a in store.actors()}
    documents = {d.file_name: d for d in store.documents()}
    store.close()
    for fmt in ("png", "svg", "pdf"):
        result = validate_form(ExportForm(format=fmt, with_graph=True, with_sources=True))
        assert result.options is not None
        window = (float(to_day(date(2013, 1, 1))), float(to_day(date(2023, 1, 1))))
        source = FigureSource(events, actors, documents, EventFilter(), window, result.options)
        plan = write_figure(tmp_path / f"seeds.{fmt}", source)
        assert plan.footer is not None and len(plan.footer.notes) >= 6
        assert plan.footer.more_text.startswith("… and ")
        assert 2 <= len(plan.lanes) < 20 and "more lanes not shown" in plan.caption
