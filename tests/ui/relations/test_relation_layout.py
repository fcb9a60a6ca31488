"""The relationship panel as drawn at the size it has in a 1366x768 window: what the
analyst sees overlaps nothing it should not, holds still, and every edge can be clicked."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from timeline_app.countries import places
from timeline_app.domain import Actor, Pair
from timeline_app.graph_layout import Box, Overlaps, measure_overlaps
from timeline_app.ingest.cameo import bulk_actor
from timeline_app.ingest.corpus import read_actors
from timeline_app.layout import EdgeWeight, pair_index
from timeline_app.paths import resources_dir
from timeline_app.ui.relations.relation_items import EdgeItem, NodeItem
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui
PANEL = (410, 280)  # the panel's viewport in a 1366x768 main window (checked below)
PANEL_1024 = (305, 237)  # and in a 1024x600 one (the docks are narrower there)


def drawn_faults(view: RelationView) -> Overlaps:
    """Node discs, label boxes and edge paths as drawn, in viewport pixels."""
    discs, labels, edges = {}, {}, {}
    for code, item in view.node_items().items():
        assert isinstance(item, NodeItem)
        origin = QPointF(view.mapFromScene(item.pos()))
        discs[code] = ((origin.x(), origin.y()), item.radius)
        r = item.label_rect().translated(origin)
        labels[code] = Box(r.left(), r.top(), r.right(), r.bottom())
    for edge in view.edge_items().values():
        assert isinstance(edge, EdgeItem)
        points = [QPointF(view.mapFromScene(QPointF(*p))) for p in edge.route.polyline()]
        edges[(edge.pair.a, edge.pair.b)] = [(p.x(), p.y()) for p in points]
    size = view.viewport().size()
    return measure_overlaps(discs, labels, edges, Box(0, 0, size.width(), size.height()))


def panel(
    qtbot: QtBot,
    actors: list[Actor],
    weights: dict[Pair, EdgeWeight],
    size: tuple[int, int] = PANEL,
) -> RelationView:
    view = RelationView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_actors(actors)
    view.set_weights(weights, "1970 \u2013 2034")
    return view


def seed_actors() -> list[Actor]:
    return list(read_actors(resources_dir() / "actors.yaml", []).values())


def bulk_weights(actors: list[Actor], ties: int, seed: int) -> dict[Pair, EdgeWeight]:
    """Zipf-like ties among ~50 countries, India and a few powers as hubs (as in GDELT)."""
    rng = random.Random(seed)
    codes = [a.code for a in actors]
    hubs = ["IND", "USA", "CHN", "RUS", "PAK", "GBR"]
    weights: dict[Pair, EdgeWeight] = {}
    while len(weights) < ties:
        a = rng.choice(hubs) if rng.random() < 0.8 else rng.choice(codes)
        b = rng.choice(codes)
        if a != b:
            weights[Pair.of(a, b)] = EdgeWeight(int(5000 / (len(weights) + 1)), rng.uniform(-6, 6))
    return weights


def bulk_actors(sample: int = 5) -> list[Actor]:
    """The curated actors and 40 imported countries (which ones: ``sample``)."""
    curated = seed_actors()
    known = {a.code for a in curated}
    countries = [c for c, p in sorted(places().items()) if p.kind == "country" and c not in known]
    return curated + [bulk_actor(c) for c in random.Random(sample).sample(countries, 40)]


def missed_clicks(qtbot: QtBot, view: RelationView) -> list[str]:
    """The drawn edges that a click at their click point does not select."""
    clicked: list[str] = []
    view.pair_clicked.connect(clicked.append)
    missed = []
    for key in view.edge_items():
        clicked.clear()
        target = view.mapFromScene(view.scene_pos_of_edge(key))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
        if clicked != [key]:
            missed.append(key)
    view.pair_clicked.disconnect(clicked.append)
    return missed


@pytest.mark.parametrize(("screen", "measured"), [((1366, 768), PANEL), ((1024, 600), PANEL_1024)])
def test_the_panel_has_the_size_measured_here(
    open_window: Callable[..., MainWindow], screen: tuple[int, int], measured: tuple[int, int]
) -> None:
    window = open_window(size=screen)
    size = window.relations.viewport().size()
    assert abs(size.width() - measured[0]) <= 20 and abs(size.height() - measured[1]) <= 20


@pytest.mark.parametrize("size", [PANEL, PANEL_1024])
def test_seeds_draw_without_faults(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    from timeline_app.services import Store

    store = Store.open(tmp_path / "seeds.sqlite3")
    store.ensure_seeded()
    actors, events = store.actors(), store.events()
    store.close()
    weights = pair_index(events).window(-1e9, 1e9)
    view = panel(qtbot, actors, weights, size)
    # The articles tie ten pairs of actors.
    assert len(view.edge_items()) == len(weights) >= 10
    assert drawn_faults(view) == Overlaps(0, 0, 0, 0, 0)
    assert missed_clicks(qtbot, view) == []


# Users import different data: several synthetic bulk data sets (ties, then which 40
# countries), at the panel's size in a 1366x768 window and in a 1024x600 one.
DATA_SETS = [(1, 5), (4, 11), (7, 5), (2, 11)]


@pytest.mark.parametrize("size", [PANEL, PANEL_1024])
@pytest.mark.parametrize(("seed", "sample"), DATA_SETS)
def test_bulk_ties_draw_without_faults_and_every_edge_clicks(
    qtbot: QtBot, seed: int, sample: int, size: tuple[int, int]
) -> None:
    actors = bulk_actors(sample)
    view = panel(qtbot, actors, bulk_weights(actors, 200, seed), size)
    drawn = len(view.edge_items())
    # All 60 at 1366x768; the smaller panel draws as many of the strongest as fit.
    assert drawn == 60 if size == PANEL else 15 <= drawn < 60
    assert drawn_faults(view) == Overlaps(0, 0, 0, 0, 0)
    assert missed_clicks(qtbot, view) == []


def test_positions_hold_between_two_windows(qtbot: QtBot) -> None:
    actors = bulk_actors()
    weights = bulk_weights(actors, 200, 3)
    view = panel(qtbot, actors, weights)
    first = {c: view.scene_pos_of_node(c) for c in view.node_items()}
    later = {
        p: EdgeWeight(w.count * (1 + i % 7), w.mean_score)
        for i, (p, w) in enumerate(weights.items())
    }
    view.set_weights(later, "2020 \u2013 2021")  # another window: other ties are the strongest
    second = {c: view.scene_pos_of_node(c) for c in view.node_items()}
    common = first.keys() & second.keys()
    assert len(common) > 10 and second.keys() != first.keys()
    assert {c: second[c] for c in common} == {c: first[c] for c in common}
    assert drawn_faults(view) == Overlaps(0, 0, 0, 0, 0)
    assert missed_clicks(qtbot, view) == []


def test_clicking_every_node_emits_its_actor(qtbot: QtBot) -> None:
    actors = bulk_actors()
    view = panel(qtbot, actors, bulk_weights(actors, 200, 1))
    nodes: list[str] = []
    view.actor_clicked.connect(nodes.append)
    for code in view.node_items():
        pos = view.mapFromScene(view.scene_pos_of_node(code))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert nodes == list(view.node_items())
