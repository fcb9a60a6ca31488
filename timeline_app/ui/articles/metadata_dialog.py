"""The small dialog after an import: the article's title, outlet, URL and date, as
read, for the analyst to correct (a relative date in the text depends on the date)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from timeline_app.articles.metadata import ArticleMeta, MetaOverrides, check_form


class MetadataDialog(QDialog):
    corrected = Signal(str, object)  # document key, MetaOverrides

    def __init__(self, key: str, meta: ArticleMeta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setWindowTitle("Article details")
        self.fields = {
            "title": QLineEdit(meta.title),
            "outlet": QLineEdit(meta.outlet),
            "url": QLineEdit(meta.url),
            "published": QLineEdit(meta.published.start_text),
        }
        self.errors = {name: QLabel() for name in self.fields}
        form = QFormLayout(self)
        intro = QLabel(
            "Check what was read from the file. Relative dates in the text (“on Monday”) "
            "are read against the publication date."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for (name, edit), label in zip(
            self.fields.items(), ("Title", "Outlet", "URL", "Published"), strict=True
        ):
            form.addRow(label, edit)
            error = self.errors[name]
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setStyleSheet("color: #b3261e")
            error.hide()
            form.addRow("", error)
        self.note = QLabel(("Inferred. " if meta.inferred else "") + meta.note)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # from the page: untrusted text
        self.note.setWordWrap(True)
        form.addRow("Where from", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def save(self) -> None:
        values = {name: edit.text() for name, edit in self.fields.items()}
        overrides, problems = check_form(**values)
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        if overrides is None:
            return
        self.corrected.emit(self.key, overrides)
        self.accept()

    def overrides(self) -> MetaOverrides | None:
        return check_form(**{name: edit.text() for name, edit in self.fields.items()})[0]
