"""What a figure of the seeds holds: a PDF's appendix pages, the panel's ties, the notes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

from timeline_app.export.figure_notes import appendix_entries
from timeline_app.ui.figures.figure_files import write_figure
from timeline_app.ui.figures.figure_layout import FigureSource
from timeline_app.ui.theme import CATEGORY_LABELS, MODALITY_LABELS

from .conftest import SeedFigure
from .test_figure_text import SVG, text_sizes


def pdf_page_count(path: Path) -> int:
    """The page tree's /Count, read from the file as any PDF reader would."""
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", path.read_bytes())
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", path.read_bytes())
    assert counts, "no page tree"
    return max(int(c) for c in counts)


def brief(seed_figure: SeedFigure, **form: object) -> FigureSource:
    fields: dict[str, object] = dict(
        date_from="2016", date_to="2022", pairs="IND-VNM,IND-RUS", with_sources=True
    )
    return seed_figure(**{**fields, **form})


def test_a_pdf_adds_appendix_pages_with_every_events_sources(
    seed_figure: SeedFigure, tmp_path: Path
) -> None:
    with_notes = brief(seed_figure, format="pdf")
    plan = write_figure(tmp_path / "brief.pdf", with_notes)
    assert plan.footer is not None and plan.footer.more > 0  # more events than notes
    pages = pdf_page_count(tmp_path / "brief.pdf")
    sources = sum(len(e.sources) for e in appendix_entries(plan.shown, with_notes.documents))
    assert sources > len(plan.shown) > 30
    assert pages >= 3  # the slide, then the sources of 40-odd events
    one_month = brief(
        seed_figure, format="pdf", pairs="IND-VNM", date_from="2019-11", date_to="2019-11"
    )
    plan = write_figure(tmp_path / "day.pdf", one_month)
    assert 1 <= len(plan.shown) <= 8 and pdf_page_count(tmp_path / "day.pdf") == 2
    plain = brief(seed_figure, format="pdf", with_sources=False)
    write_figure(tmp_path / "plain.pdf", plain)
    assert pdf_page_count(tmp_path / "plain.pdf") == 1  # no notes asked for, no appendix


def test_with_pairs_the_panel_shows_only_those_pairs(
    seed_figure: SeedFigure, tmp_path: Path
) -> None:
    def panel_nodes(**form: object) -> set[str]:
        path = tmp_path / "panel.svg"
        write_figure(path, brief(seed_figure, format="svg", with_graph=True, **form))
        return {t for _, t in text_sizes(path) if re.fullmatch(r"[A-Z]{3,5}", t)}

    assert panel_nodes() == {"IND", "VNM", "RUS"}
    context = panel_nodes(with_context=True)
    assert {"IND", "VNM", "RUS"} < context and "CHN" in context


def test_the_legend_lists_only_what_the_figure_shows(
    seed_figure: SeedFigure, tmp_path: Path
) -> None:
    def legend_texts(**form: object) -> set[str]:
        path = tmp_path / "legend.svg"
        write_figure(path, brief(seed_figure, format="svg", with_sources=False, **form))
        return {t for _, t in text_sizes(path)}

    full = legend_texts()
    assert {"Arms transfer", "Exercise", "Happened", "Score band: conflict → cooperation"} <= full
    # One month of IND-VNM: its events' categories only, no sanctions or disputes.
    month = legend_texts(pairs="IND-VNM", date_from="2019-11", date_to="2019-11")
    assert "Sanctions" not in month and "Dispute" not in month and "Arms transfer" not in month
    assert "Score band: conflict → cooperation" in month
    plan = write_figure(
        tmp_path / "m.svg",
        brief(seed_figure, format="svg", pairs="IND-VNM", date_from="2019-11", date_to="2019-11"),
    )
    shown = {CATEGORY_LABELS[e.category] for e in plan.shown}
    shown |= {MODALITY_LABELS[e.modality] for e in plan.shown}
    legend = set(CATEGORY_LABELS.values()) | set(MODALITY_LABELS.values())
    assert month & legend == shown


def test_files_carry_their_title_window_and_sources(
    seed_figure: SeedFigure, tmp_path: Path
) -> None:
    plan = write_figure(tmp_path / "p.png", brief(seed_figure, format="png"))
    image = QImage(str(tmp_path / "p.png"))
    assert image.text("Title") == plan.title == "India–Vietnam and India–Russia ties, 2016–2022"
    assert image.text("Window").startswith("1 Jan 2016 – 31 Dec 2022 · ")
    assert "Hanoi Times" in image.text("Sources") and "The Times of India" in image.text("Sources")
    write_figure(tmp_path / "s.svg", brief(seed_figure, format="svg"))
    svg = ET.parse(tmp_path / "s.svg").getroot()
    assert svg.findtext(SVG + "title") == plan.title
    desc = svg.findtext(SVG + "desc") or ""
    assert (
        desc.startswith("1 Jan 2016 – 31 Dec 2022")
        and "Sources: " in desc
        and "Hanoi Times" in desc
    )
    write_figure(tmp_path / "d.pdf", brief(seed_figure, format="pdf"))
    data = (tmp_path / "d.pdf").read_bytes()
    utf16_title = plan.title.encode("utf-16-be")
    assert utf16_title in data  # the document info's /Title, as Qt writes it (UTF-16)
    xmp = re.search(rb"<dc:description>.*?</dc:description>", data, re.S)
    assert xmp is not None and b"Hanoi Times" in xmp[0] and b"1 Jan 2016" in xmp[0]
