"""File > Export timeline...: a humble dialog over ``export.image_options``.

The dialog only gets and sets an ``ExportForm``; ``validate_form`` decides what it
means, ``render`` draws it. The window's visible range, filter, lane focus and theme
are the starting point; the last sizes and options are remembered (export.json).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.dates import from_day
from timeline_app.domain import Actor, Document, Event, EventFilter, Pair
from timeline_app.export.image_options import (
    CUSTOM,
    PRESETS,
    EmptyFigureError,
    ExportForm,
    ExportOptions,
    FormResult,
    ImageFormat,
    load_choices,
    refuse_empty,
    save_choices,
    validate_form,
    window_days,
)
from timeline_app.ui.figures.figure_files import figure_title, render_image, write_figure
from timeline_app.ui.figures.figure_layout import FigureSource
from timeline_app.ui.figures.render import paint_figure

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow

PREVIEW = QSize(560, 340)


@dataclass(frozen=True)
class ExportContext:
    """What the window shows: its events (already filtered), window, focus and theme."""

    events: Sequence[Event]
    actors: Mapping[str, Actor]
    documents: Mapping[str, Document]
    flt: EventFilter
    window: tuple[float, float]
    pairs: tuple[Pair, ...] = ()
    theme: str = "light"
    selected: tuple[str, ...] = ()  # the window's selected event: its note comes first

    def source(self, options: ExportOptions) -> FigureSource:
        options = replace(options, selected=self.selected)
        wanted = set(options.pairs)
        events = [e for e in self.events if not wanted or wanted.intersection(e.pairs)]
        dated = options.start is not None or options.end is not None
        window = window_days(options.start, options.end, events) if dated else self.window
        return FigureSource(events, self.actors, self.documents, self.flt, window, options)

    def form(self) -> ExportForm:
        lo, hi = self.window
        return ExportForm(
            theme=self.theme,
            pairs=", ".join(p.key for p in self.pairs),
            date_from=from_day(math.floor(lo)).isoformat(),
            date_to=from_day(math.ceil(hi) - 1).isoformat(),
        )


def context_of(window: MainWindow) -> ExportContext | None:
    snapshot = window.snapshot
    if snapshot is None:
        return None
    return ExportContext(
        snapshot.events,
        window.actors,
        {name: doc for name, (doc, _paragraphs) in snapshot.documents.items()},
        window.current_filter(),
        window.view.state.window,
        tuple(sorted(window.focused_pairs())),
        window.theme.name,
        (window.selected,) if window.selected else (),
    )


class ExportDialog(QDialog):
    def __init__(self, context: ExportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export timeline")
        self.context = context
        self.last_written: Path | None = None
        self.warning: QMessageBox | None = None  # the last refusal shown, kept for tests
        self.preset = QComboBox()
        for key, preset in PRESETS.items():
            self.preset.addItem(preset.label, key)
        self.preset.addItem("Custom size", CUSTOM)
        self.size_edit = QLineEdit()
        self.scale = QComboBox()
        for n in (1, 2, 3):
            self.scale.addItem(f"{n}×", n)
        self.format = QComboBox()
        for fmt in ImageFormat:
            self.format.addItem(fmt.value.upper(), fmt.value)
        self.theme = QComboBox()
        self.theme.addItem("Light (print)", "light")
        self.theme.addItem("Dark", "dark")
        self.title = QLineEdit()
        self.title.setMinimumWidth(340)  # the default title shows as its placeholder
        self.pairs = QLineEdit()
        self.pairs.setPlaceholderText("all lanes with events, or e.g. IND-VNM, IND-RUS")
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        self.with_graph = QCheckBox("Relationship panel beside the timeline")
        self.with_context = QCheckBox("… with the other ties of the window, as context")
        self.with_context.setToolTip("With pairs chosen, the panel shows only them unless ticked")
        self.with_sources = QCheckBox("Numbered source notes under the timeline")
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.errors = QLabel()
        self.errors.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user text
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export…")
        self.buttons.accepted.connect(self.choose_file_and_export)
        self.buttons.rejected.connect(self.reject)
        self._layout_widgets()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)  # one preview per pause in typing
        self._timer.timeout.connect(self.refresh)
        self.set_form(load_choices(context.form()))
        for combo in (self.preset, self.scale, self.format, self.theme):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.size_edit, self.title, self.pairs, self.date_from, self.date_to):
            edit.textChanged.connect(self._changed)
        for box in (self.with_graph, self.with_context, self.with_sources):
            box.toggled.connect(self._changed)
        self.with_graph.toggled.connect(self.with_context.setEnabled)
        self.with_context.setEnabled(self.with_graph.isChecked())
        self.refresh()

    def _layout_widgets(self) -> None:
        form = QFormLayout()
        form.addRow("Preset", self.preset)
        form.addRow("Size (pixels)", self.size_edit)
        form.addRow("Scale (PNG)", self.scale)
        form.addRow("Format", self.format)
        form.addRow("Theme", self.theme)
        form.addRow("Title", self.title)
        form.addRow("Pairs", self.pairs)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.date_to)
        form.addRow("From", dates)
        form.addRow(self.with_graph)
        form.addRow(self.with_context)
        form.addRow(self.with_sources)
        form.addRow(self.errors)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addWidget(self.preview)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.buttons)

    # -- values ---------------------------------------------------------------------
    def form(self) -> ExportForm:
        return ExportForm(
            preset=self.preset.currentData(),
            size=self.size_edit.text(),
            scale=self.scale.currentData(),
            format=self.format.currentData(),
            theme=self.theme.currentData(),
            title=self.title.text(),
            pairs=self.pairs.text(),
            date_from=self.date_from.text(),
            date_to=self.date_to.text(),
            with_graph=self.with_graph.isChecked(),
            with_context=self.with_context.isChecked(),
            with_sources=self.with_sources.isChecked(),
        )

    def set_form(self, form: ExportForm) -> None:
        for combo, value in (
            (self.preset, form.preset),
            (self.scale, form.scale),
            (self.format, form.format),
            (self.theme, form.theme),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        for edit, text in (
            (self.size_edit, form.size),
            (self.title, form.title),
            (self.pairs, form.pairs),
            (self.date_from, form.date_from),
            (self.date_to, form.date_to),
        ):
            edit.setText(text)
        self.with_graph.setChecked(form.with_graph)
        self.with_context.setChecked(form.with_context)
        self.with_sources.setChecked(form.with_sources)

    def result_of_form(self) -> FormResult:
        return validate_form(self.form())

    # -- preview and export -------------------------------------------------------------
    def _changed(self) -> None:
        self._timer.start()

    def refresh(self) -> QImage | None:
        """Re-check the form and redraw the preview; returns the preview image."""
        form = self.form()
        custom = form.preset == CUSTOM
        self.size_edit.setEnabled(custom)
        if not custom:
            preset = PRESETS[form.preset]
            self.size_edit.blockSignals(True)
            self.size_edit.setText(f"{preset.width}x{preset.height}")
            self.size_edit.blockSignals(False)
        self.scale.setEnabled(form.format == ImageFormat.PNG.value)
        result = validate_form(form)
        self.errors.setText("\n".join(result.errors.values()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not result.errors)
        if result.options is None:
            return None
        source = self.context.source(result.options)
        self.title.setPlaceholderText(figure_title(source))
        return self._draw_preview(source)

    def _draw_preview(self, source: FigureSource) -> QImage:
        page = source.options.page
        fit = QSize(page.width, page.height).scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio)
        ratio = 2  # drawn at twice the size, then smoothed down: legible small text
        image = QImage(fit * ratio, QImage.Format.Format_RGB32)
        image.fill(QColor(source.theme.background))
        painter = QPainter(image)
        paint_figure(painter, QRectF(0, 0, image.width(), image.height()), source)
        painter.end()
        pixmap = QPixmap.fromImage(image).scaled(
            fit, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)
        return image

    def export_to(self, path: Path) -> Path:
        """Write the figure (the extension follows the chosen format) and remember the choices."""
        form = self.form()
        result = validate_form(form)
        if result.options is None:
            raise ValueError("; ".join(result.errors.values()))
        suffix = "." + result.options.format.value
        path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        source = self.context.source(result.options)
        refuse_empty(source.events, source.window, result.options.pairs)  # writes nothing
        write_figure(path, source)
        save_choices(form)
        self.last_written = path
        return path

    def empty_message(self) -> str | None:
        """Why the figure would show nothing, or None when it has events."""
        options = self.result_of_form().options
        if options is None:
            return None
        source = self.context.source(options)
        try:
            refuse_empty(source.events, source.window, options.pairs)
        except EmptyFigureError as exc:
            return str(exc)
        return None

    def _warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export timeline", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.open()
        self.warning = box

    def choose_file_and_export(self) -> None:
        empty = self.empty_message()
        if empty is not None:  # asked before a file name: a figure of nothing is refused
            self._warn(f"The image was not written: {empty}.")
            return
        fmt = self.format.currentData()
        start = str(Path.home() / f"timeline.{fmt}")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export timeline", start, f"{fmt.upper()} (*.{fmt})"
        )
        if not name:
            return
        try:
            self.export_to(Path(name))
        except (OSError, EmptyFigureError) as exc:
            self._warn(f"The image was not written.\n\n{exc}")
            return
        self.accept()


def open_export_dialog(window: MainWindow) -> ExportDialog | None:
    context = context_of(window)
    if context is None:
        return None
    dialog = ExportDialog(context, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def report(_result: int) -> None:
        if dialog.last_written is not None:
            window.statusBar().showMessage(f"Exported the timeline to {dialog.last_written}", 8000)

    dialog.finished.connect(report)
    dialog.open()
    return dialog


def view_options(context: ExportContext, fmt: ImageFormat = ImageFormat.PNG) -> ExportOptions:
    """The current view as a 16:9 slide at scale 1, in the window's theme and lane focus."""
    form = ExportForm(
        format=fmt.value, theme=context.theme, pairs=", ".join(p.key for p in context.pairs)
    )
    options = validate_form(form).options
    assert options is not None  # the defaults are valid
    return options


def timeline_image(context: ExportContext) -> QImage:
    image, _plan = render_image(context.source(view_options(context)))
    return image


def copy_timeline_image(window: MainWindow) -> None:
    context = context_of(window)
    if context is None:
        return
    QApplication.clipboard().setImage(timeline_image(context))
    window.statusBar().showMessage("Copied the timeline as an image", 5000)
