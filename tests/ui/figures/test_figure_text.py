"""Text on a figure reads at projector size: every font the SVG uses, scaled to the
slide by the transform it is drawn under, is at least 14 px."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from timeline_app.ui.figures.figure_files import write_figure

from .conftest import SeedFigure

SVG = "{http://www.w3.org/2000/svg}"
SLIDE_MIN_PX = 14.0


def text_sizes(path: Path) -> list[tuple[float, str]]:
    """(size in the file's pixels, text) of every text. Qt writes each painter state as
    one flat <g> carrying the whole transform and the font, so no nesting to follow."""
    sizes = []
    for group in ET.parse(path).getroot().iter(SVG + "g"):
        texts = [t for t in group if t.tag == SVG + "text"]
        if not texts:
            continue
        found = re.match(r"matrix\(([^)]*)\)", group.get("transform", "matrix(1,0,0,1,0,0)"))
        assert found is not None
        a, b, c, d, _e, _f = map(float, found[1].split(","))
        size = float(group.get("font-size", "0")) * math.sqrt(abs(a * d - b * c))
        sizes += [(size, "".join(t.itertext()).strip()) for t in texts]
    return sizes


@pytest.mark.parametrize("preset", ["slide", "4:3"])
def test_no_text_on_a_slide_is_smaller_than_14_px(
    seed_figure: SeedFigure, tmp_path: Path, preset: str
) -> None:
    source = seed_figure(
        preset=preset, format="svg", date_from="2013", date_to="2022",
        pairs="IND-VNM,IND-RUS", with_graph=True, with_sources=True,
    )  # fmt: skip
    path = tmp_path / "slide.svg"
    write_figure(path, source)
    sizes = [(size, text) for size, text in text_sizes(path) if text]
    texts = {text for _, text in sizes}
    # The measure covers every kind of text: notes, axis, lanes, marks and the panel.
    assert {"2016", "India – Vietnam", "[1]", "VNM"} <= texts
    assert len(sizes) > 60
    small = [(round(size, 1), text) for size, text in sizes if size < SLIDE_MIN_PX - 0.01]
    assert not small


def test_the_measure_sees_a_small_font(tmp_path: Path) -> None:
    path = tmp_path / "small.svg"
    path.write_text(
        f'<svg xmlns="{SVG[1:-1]}"><g transform="matrix(1.2,0,0,1.2,0,0)" font-size="10">'
        "<text>tiny</text></g></svg>",
        encoding="utf-8",
    )
    assert text_sizes(path) == [(pytest.approx(12.0), "tiny")]
