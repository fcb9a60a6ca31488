"""File > Export timeline…: the dialog sets values, the presenter decides, files appear."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from timeline_app.dates import from_day, to_day
from timeline_app.domain import EventFilter, Pair
from timeline_app.export.image_options import CUSTOM, EmptyFigureError, ImageFormat
from timeline_app.services import Store, corpus_paths
from timeline_app.ui.figures.export_dialog import ExportContext, ExportDialog, open_export_dialog
from timeline_app.ui.window.main_window import MainWindow

WINDOW = (float(to_day(date(2021, 1, 1))), float(to_day(date(2023, 1, 1))))


@pytest.fixture
def context(tmp_path: Path, corpus_dir: Path) -> ExportContext:
    store = Store.open(tmp_path / "dialog.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    events, actors = store.events(), {a.code: a for a in store.actors()}
    documents = {d.file_name: d for d in store.documents()}
    store.close()
    return ExportContext(events, actors, documents, EventFilter(), WINDOW, (Pair("IND", "VNM"),))


@pytest.fixture
def make_dialog(qtbot: QtBot, context: ExportContext) -> Callable[[], ExportDialog]:
    def factory() -> ExportDialog:
        dialog = ExportDialog(context)
        qtbot.addWidget(dialog)
        return dialog

    return factory


def lightness_spread(image: QImage) -> int:
    values = {
        QColor(image.pixel(x, y)).lightness()
        for y in range(0, image.height(), 5)
        for x in range(0, image.width(), 5)
    }
    return max(values) - min(values)


def test_the_dialog_starts_from_the_view(make_dialog: Callable[[], ExportDialog]) -> None:
    dialog = make_dialog()
    form = dialog.form()
    assert (form.preset, form.format, form.scale, form.theme) == ("slide", "png", 1, "light")
    assert (form.pairs, form.date_from, form.date_to) == ("IND-VNM", "2021-01-01", "2022-12-31")
    assert dialog.title.placeholderText() == "India–Vietnam ties, 2021–2022"
    assert dialog.size_edit.text() == "1920x1080" and not dialog.size_edit.isEnabled()


def test_widget_values_become_the_options(make_dialog: Callable[[], ExportDialog]) -> None:
    dialog = make_dialog()
    dialog.preset.setCurrentIndex(dialog.preset.findData(CUSTOM))
    dialog.refresh()
    assert dialog.size_edit.isEnabled()
    dialog.size_edit.setText("1600x900")
    dialog.scale.setCurrentIndex(dialog.scale.findData(3))
    dialog.format.setCurrentIndex(dialog.format.findData("svg"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.title.setText("Ties in brief")
    dialog.pairs.setText("IND-VNM, IND-RUS")
    dialog.date_from.setText("2021")
    dialog.date_to.setText("2021-12")
    assert not dialog.with_context.isEnabled()  # context ties belong to the panel
    dialog.with_graph.setChecked(True)
    assert dialog.with_context.isEnabled()
    dialog.with_context.setChecked(True)
    dialog.with_sources.setChecked(True)
    options = dialog.result_of_form().options
    assert options is not None
    assert (options.page.width, options.page.height, options.page.scale) == (1600, 900, 3)
    assert options.format is ImageFormat.SVG and options.theme == "dark"
    assert options.title == "Ties in brief"
    assert options.pairs == (Pair("IND", "VNM"), Pair("IND", "RUS"))
    assert (options.start, options.end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert options.with_graph and options.with_sources and options.with_context
    dialog.refresh()
    assert not dialog.scale.isEnabled()  # the scale is for PNG pixels only


def test_bad_values_are_shown_and_block_the_export(make_dialog: Callable[[], ExportDialog]) -> None:
    dialog = make_dialog()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.preset.setCurrentIndex(dialog.preset.findData(CUSTOM))
    dialog.size_edit.setText("16x")
    assert dialog.refresh() is None
    assert "is not a size" in dialog.errors.text() and not save.isEnabled()
    dialog.size_edit.setText("1600x900")
    dialog.pairs.setText("INDVNM")
    dialog.refresh()
    assert "IND-VNM" in dialog.errors.text() and not save.isEnabled()
    dialog.pairs.setText("")
    assert dialog.refresh() is not None and save.isEnabled() and dialog.errors.text() == ""


def test_the_preview_renders_the_figure(make_dialog: Callable[[], ExportDialog]) -> None:
    dialog = make_dialog()
    dialog.with_graph.setChecked(True)
    image = dialog.refresh()
    assert image is not None and image.width() / image.height() == pytest.approx(16 / 9, abs=0.02)
    assert lightness_spread(image) > 100
    assert not dialog.preview.pixmap().isNull()


def test_exports_are_written_and_choices_remembered(
    make_dialog: Callable[[], ExportDialog], tmp_path: Path
) -> None:
    first = make_dialog()
    first.preset.setCurrentIndex(first.preset.findData("4:3"))
    first.format.setCurrentIndex(first.format.findData("pdf"))
    first.with_sources.setChecked(True)
    first.title.setText("Only this time")
    written = first.export_to(tmp_path / "brief")
    assert written == tmp_path / "brief.pdf" and written.read_bytes().startswith(b"%PDF")
    second = make_dialog()
    form = second.form()
    assert (form.preset, form.format, form.with_sources, form.with_graph) == (
        "4:3",
        "pdf",
        True,
        False,
    )
    assert form.title == ""  # the title belongs to one figure, not to every export


def test_the_window_menu_opens_the_dialog_and_copies_an_image(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    actions = {a.text(): a for a in window.menuBar().actions()[0].menu().actions()}
    assert actions["Export &timeline…"].shortcut().toString() == "Ctrl+E"
    assert actions["&Copy timeline image"].shortcut().toString() == "Ctrl+Shift+C"
    window.focus_pair("IND-VNM")
    dialog = open_export_dialog(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    form = dialog.form()
    lo, hi = window.timeline.visible_range()
    assert form.pairs == "IND-VNM" and form.theme == window.theme.name
    assert form.date_from == from_day(math.floor(lo)).isoformat()
    assert form.date_to == from_day(math.ceil(hi) - 1).isoformat()
    assert dialog.refresh() is not None
    dialog.reject()
    QApplication.clipboard().clear()
    actions["&Copy timeline image"].trigger()
    image = QApplication.clipboard().image()
    assert (image.width(), image.height()) == (1920, 1080)
    assert lightness_spread(image) > 100


def test_an_empty_window_is_refused_with_a_message_and_no_file(
    make_dialog: Callable[[], ExportDialog], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog()
    dialog.date_from.setText("1990")
    dialog.date_to.setText("1991")
    asked: list[str] = []
    monkeypatch.setattr(
        "timeline_app.ui.figures.export_dialog.QFileDialog.getSaveFileName",
        lambda *args: (asked.append("file") or str(tmp_path / "empty.png"), ""),
    )
    dialog.choose_file_and_export()
    assert dialog.warning is not None and dialog.warning.isVisible()
    assert "no event of IND-VNM between 1 Jan 1990 and 31 Dec 1991" in dialog.warning.text()
    assert not asked and not list(tmp_path.glob("empty*"))  # refused before a file name
    with pytest.raises(EmptyFigureError):
        dialog.export_to(tmp_path / "direct.png")
    assert not list(tmp_path.glob("direct*")) and dialog.last_written is None
