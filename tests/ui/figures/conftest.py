"""Figures of the bundled seeds, drawn in-process: the data the README's slide shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from timeline_app.domain import EventFilter
from timeline_app.export.image_options import ExportForm, validate_form, window_days
from timeline_app.services import Store
from timeline_app.ui.figures.figure_layout import FigureSource

SeedFigure = Callable[..., FigureSource]


@pytest.fixture(scope="module")
def seeded_store_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict, dict]:  # type: ignore[type-arg]
    store = Store.open(tmp_path_factory.mktemp("seeds") / "seeds.sqlite3")
    store.ensure_seeded()
    data = (
        store.events(),
        {a.code: a for a in store.actors()},
        {d.file_name: d for d in store.documents()},
    )
    store.close()
    return data


@pytest.fixture
def seed_figure(qapp: QApplication, seeded_store_data: tuple[list, dict, dict]) -> SeedFigure:  # type: ignore[type-arg]
    """A figure of the seeds as ``export-image`` builds it, from ExportForm fields."""
    events, actors, documents = seeded_store_data

    def factory(selected: tuple[str, ...] = (), **form: object) -> FigureSource:
        result = validate_form(ExportForm(**form))  # type: ignore[arg-type]
        assert result.options is not None, result.errors
        options = replace(result.options, selected=selected)  # the window's selection
        wanted = set(options.pairs)
        shown = [e for e in events if not wanted or wanted.intersection(e.pairs)]
        window = window_days(options.start, options.end, shown)
        return FigureSource(shown, actors, documents, EventFilter(), window, options)

    return factory
