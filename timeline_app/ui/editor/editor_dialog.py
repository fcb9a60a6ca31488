"""The event editor: a new event from a selected passage, or an existing event edited.

Prefilled from the passage: its quote, date suggestions (click one to take it, with
its rule as the date note) and actor suggestions with roles. Saving checks the event
with the loader's own rules (``editing.validate.check_record``) and shows what is
wrong under each field; the quote must be verbatim in its paragraph. A new event that
looks like an existing one (same pair, overlapping dates, shared words) is not saved
at once: the editor offers to add the quote as a citation to that event instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from timeline_app.domain import Category, Citation, Event, Modality, Role
from timeline_app.editing import changes
from timeline_app.editing.changes import Change
from timeline_app.editing.similar import Likeness, similar_events
from timeline_app.editing.validate import Reference, check_record
from timeline_app.editing.vocabulary import (
    CATEGORY_DEFINITIONS,
    MODALITY_DEFINITIONS,
    ROLE_DEFINITIONS,
    score_meaning,
)
from timeline_app.hints.actors import suggest_actors
from timeline_app.hints.dates import DateHint, suggest_dates
from timeline_app.ui.editor.fields import (
    VocabularyPicker,
    error_label,
    plain_label,
    show_errors,
)
from timeline_app.ui.source.source_view import PassageSelection, escaped_tooltip
from timeline_app.ui.theme import CATEGORY_LABELS, MODALITY_LABELS

FIELDS = (
    "id", "title", "summary", "date", "end", "date_note", "actors", "category", "modality",
    "score", "sources", "",
)  # fmt: skip


def slug_id(title: str, start: str, taken: frozenset[str]) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    base = "-".join(filter(None, [start, "-".join(words.split("-")[:6])])) or "event"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class EventEditor(QDialog):
    """``change`` holds the change to make once the dialog is accepted."""

    def __init__(
        self,
        reference: Reference,
        existing: Sequence[Event],
        passage: PassageSelection | None = None,
        event: Event | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert passage is not None or event is not None
        self.setWindowTitle("Edit event" if event else "New event from selection")
        self.reference, self.existing = reference, existing
        self.passage, self.original = passage, event
        self.change: Change | None = None
        self.likenesses: list[Likeness] = []
        self._ignore_likeness = False
        self._build()
        if event is not None:
            self._fill_from(event)
        elif passage is not None:
            self._fill_from_passage(passage)

    # -- building -------------------------------------------------------------------
    def _build(self) -> None:
        self.errors = {name: error_label() for name in FIELDS}
        self.id_box, self.title_box = QLineEdit(), QLineEdit()
        self.id_box.setPlaceholderText("left empty: made from the date and the title")
        self.summary_box = QPlainTextEdit()
        self.summary_box.setFixedHeight(60)
        self.date_box, self.end_box = QLineEdit(), QLineEdit()
        self.date_box.setPlaceholderText("2021, 2021-12 or 2021-12-06")
        self.end_box.setPlaceholderText("optional end, same form")
        self.approximate, self.relative = QCheckBox("approximate"), QCheckBox("relative")
        self.note_box = QLineEdit()
        self.note_box.setPlaceholderText("how the date was found (needed if relative/approximate)")
        self.date_hints = QWidget()
        self.date_hint_row = QHBoxLayout(self.date_hints)
        self.date_hint_row.setContentsMargins(0, 0, 0, 0)
        self.actors = QTableWidget(0, 3)
        self.actors.setHorizontalHeaderLabels(["Code", "Role", "Why suggested"])
        self.actors.horizontalHeader().setStretchLastSection(True)
        self.actors.setFixedHeight(120)
        add_actor, remove_actor = QPushButton("Add actor"), QPushButton("Remove actor")
        add_actor.clicked.connect(lambda: self.add_actor_row("", Role.PARTICIPANT, ""))
        remove_actor.clicked.connect(lambda: self.actors.removeRow(self.actors.currentRow()))
        self.category: VocabularyPicker[Category] = VocabularyPicker(
            CATEGORY_LABELS, CATEGORY_DEFINITIONS
        )
        self.modality: VocabularyPicker[Modality] = VocabularyPicker(
            MODALITY_LABELS, MODALITY_DEFINITIONS
        )
        self.score = QDoubleSpinBox()
        self.score.setRange(-10, 10)
        self.score.setDecimals(1)
        self.score.setSingleStep(1)
        self.score_meaning = plain_label(muted=True)
        self.score.valueChanged.connect(
            lambda v: self.score_meaning.setText(f"typically: {score_meaning(v)}")
        )
        self.score.setValue(3)
        self.source_label = plain_label(muted=True)
        self.paragraph_label = plain_label()
        self.quote_box = QPlainTextEdit()
        self.quote_box.setFixedHeight(60)
        self.similar_box = QGroupBox("This looks like an event already there")
        self.similar_layout = QVBoxLayout(self.similar_box)
        self.similar_box.hide()

        form = QFormLayout()
        dates = QHBoxLayout()
        for w in (self.date_box, self.end_box, self.approximate, self.relative):
            dates.addWidget(w)
        actor_buttons = QHBoxLayout()
        actor_buttons.addWidget(add_actor)
        actor_buttons.addWidget(remove_actor)
        actor_buttons.addStretch(1)
        # What the analyst selected comes first, then what they decide about it; the id,
        # made from the date and the title, last.
        rows: list[tuple[str, Any, str]] = [
            ("Source", self.source_label, ""), ("Paragraph", self.paragraph_label, ""),
            ("Quote", self.quote_box, "sources"),
            ("Title", self.title_box, "title"), ("Summary", self.summary_box, "summary"),
            ("Date", dates, "date"), ("Suggested", self.date_hints, "end"),
            ("Date note", self.note_box, "date_note"),
            ("Actors", self.actors, "actors"), ("", actor_buttons, ""),
            ("Category", self.category, "category"), ("Modality", self.modality, "modality"),
            ("Score", self.score, "score"), ("", self.score_meaning, ""),
            ("Id", self.id_box, "id"),
        ]  # fmt: skip
        for label, widget, field in rows:
            form.addRow(label, widget)
            if field or label == "Quote":
                form.addRow("", self.errors[field])
        form.addRow("", self.errors[""])
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addWidget(self.similar_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)
        self.resize(720, 720)

    def add_actor_row(self, code: str, role: Role, why: str) -> None:
        row = self.actors.rowCount()
        self.actors.insertRow(row)
        code_box = QLineEdit(code)
        code_box.setPlaceholderText("ISO code, e.g. SDN")
        roles = QComboBox()
        for index, r in enumerate(Role):
            roles.addItem(r.value, r.value)
            roles.setItemData(index, escaped_tooltip(ROLE_DEFINITIONS[r]), 3)  # ToolTipRole
        roles.setCurrentIndex(roles.findData(role.value))
        self.actors.setCellWidget(row, 0, code_box)
        self.actors.setCellWidget(row, 1, roles)
        self.actors.setCellWidget(row, 2, plain_label(why, muted=True, wrap=False))

    def actor_rows(self) -> list[tuple[str, Role]]:
        rows = []
        for row in range(self.actors.rowCount()):
            code_box, roles = self.actors.cellWidget(row, 0), self.actors.cellWidget(row, 1)
            assert isinstance(code_box, QLineEdit) and isinstance(roles, QComboBox)
            rows.append((code_box.text().strip().upper(), Role(roles.currentData())))
        return rows

    # -- filling --------------------------------------------------------------------
    def _fill_from_passage(self, passage: PassageSelection) -> None:
        paragraph, document = passage.paragraph, passage.document
        self.source_label.setText(
            f"{document.title} · {document.file_name} · ¶ {paragraph.ordinal}"
        )
        self.paragraph_label.setText(paragraph.text)
        self.quote_box.setPlainText(passage.quote)
        self.title_box.setText(passage.quote[:90])
        self.summary_box.setPlainText(passage.quote)
        self.date_suggestions = suggest_dates(paragraph.text, document.published)
        for hint in self.date_suggestions:
            button = QPushButton(f"{hint.span.describe()} ('{hint.words}')")
            button.setToolTip(escaped_tooltip(hint.rule))
            button.clicked.connect(lambda _=False, h=hint: self.take_date(h))
            self.date_hint_row.addWidget(button)
        if not self.date_suggestions:
            self.date_hint_row.addWidget(plain_label("no date in this paragraph", muted=True))
        self.date_hint_row.addStretch(1)
        if self.date_suggestions:
            self.take_date(self.date_suggestions[0])
        self.actor_suggestions = suggest_actors(paragraph.text)
        for actor in self.actor_suggestions:
            why = f"{', '.join(actor.words)}: {actor.rule}"
            self.add_actor_row(actor.code, actor.role, why)

    def _fill_from(self, event: Event) -> None:
        self.id_box.setText(event.id)
        self.id_box.setReadOnly(True)  # an edit keeps the event's id
        self.title_box.setText(event.title)
        self.summary_box.setPlainText(event.summary)
        self.date_box.setText(event.when.start_text)
        self.end_box.setText(event.when.end_text or "")
        self.approximate.setChecked(event.when.approximate)
        self.relative.setChecked(event.when.relative)
        self.note_box.setText(event.date_note)
        for p in event.actors:
            self.add_actor_row(p.code, p.role, "")
        self.category.set_value(event.category)
        self.modality.set_value(event.modality)
        self.score.setValue(event.score)
        cited = "; ".join(f"{c.document} ¶ {c.paragraph}" for c in event.citations)
        self.source_label.setText(f"{len(event.citations)} citation(s): {cited}")
        self.quote_box.setPlainText(event.citations[0].quote if event.citations else "")
        self.quote_box.setReadOnly(True)  # citations change through their own actions
        self.paragraph_label.hide()

    def take_date(self, hint: DateHint) -> None:
        self.date_box.setText(hint.span.start_text)
        self.end_box.clear()
        self.relative.setChecked(hint.span.relative)
        self.note_box.setText(hint.note if hint.span.relative else "")

    # -- saving ---------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        start = self.date_box.text().strip()
        record: dict[str, Any] = {
            "id": self.id_box.text().strip()
            or slug_id(self.title_box.text(), start, self.reference.taken_ids),
            "title": self.title_box.text(),
            "summary": self.summary_box.toPlainText(),
            "date": start,
            "approximate": self.approximate.isChecked(),
            "relative": self.relative.isChecked(),
            "date_note": self.note_box.text().strip(),
            "actors": [{"code": c, "role": r.value} for c, r in self.actor_rows()],
            "category": self.category.value().value,
            "modality": self.modality.value().value,
            "score": self.score.value(),
            "sources": self._sources(),
        }
        if self.end_box.text().strip():
            record["end"] = self.end_box.text().strip()
        return record

    def _sources(self) -> list[dict[str, Any]]:
        if self.original is not None:
            cited = self.original.citations
            return [
                {"document": c.document, "paragraph": c.paragraph, "quote": c.quote} for c in cited
            ]
        assert self.passage is not None
        return [
            {
                "document": self.passage.document.file_name,
                "paragraph": self.passage.paragraph.ordinal,
                "quote": self.quote_box.toPlainText(),
            }
        ]

    def save(self) -> None:
        """Check the event; show the problems field by field, or accept the dialog."""
        record = self.record()
        reference = self.reference
        if self.original is not None:  # its own id is not "taken"
            reference = Reference(
                reference.actors, reference.documents, reference.taken_ids - {self.original.id}
            )
        event, problems = check_record(record, reference)
        for name, label in self.errors.items():
            show_errors(label, problems.get(name, []))
        if event is None:
            return
        if self.original is not None:
            event = dataclasses.replace(event, dataset=self.original.dataset)
            self.change = changes.edit_event(self.original, event)
            self.accept()
            return
        if not self._ignore_likeness:
            self.likenesses = similar_events(event, self.existing)
            if self.likenesses:
                self._offer_citation(event)
                return
        self.change = changes.new_event(event)
        self.accept()

    def _offer_citation(self, event: Event) -> None:
        while self.similar_layout.count():
            item = self.similar_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for likeness in self.likenesses[:3]:
            found = likeness.event
            row = QHBoxLayout()
            text = f"{found.when.describe()} · {found.title}\n({likeness.describe()})"
            row.addWidget(plain_label(text), 1)
            button = QPushButton("Add the quote as a citation to it")
            button.clicked.connect(
                lambda _=False, e=found, c=event.citations[0]: self.cite_instead(e, c)
            )
            row.addWidget(button)
            holder = QWidget()
            holder.setLayout(row)
            self.similar_layout.addWidget(holder)
        self.similar_layout.addWidget(QLabel("Or press Save again to make a new event anyway."))
        self._ignore_likeness = True
        self.similar_box.show()

    def cite_instead(self, existing: Event, citation: Citation) -> None:
        self.change = changes.add_citation(existing, citation)
        self.accept()
