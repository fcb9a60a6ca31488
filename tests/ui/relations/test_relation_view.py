"""The relationship panel, driven like a user would: weights in, clicks and drags out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from timeline_app.domain import Actor, ActorKind, Pair
from timeline_app.layout import EdgeWeight
from timeline_app.ui.relations.relation_view import EMPTY_MESSAGE, RelationView
from timeline_app.ui.theme import DARK

pytestmark = pytest.mark.gui

ACTORS = [
    Actor("IND", "India", ActorKind.COUNTRY, "South Asia", "#ff9933", 50, 40),
    Actor("VNM", "Vietnam", ActorKind.COUNTRY, "Southeast Asia", "#c8a200", 74, 30),
    Actor("RUS", "Russia", ActorKind.COUNTRY, "Europe", "#3050c8", 48, 92),
    Actor("PAK", "Pakistan", ActorKind.COUNTRY, "South Asia", "#3f8f4f", 30, 50),
    Actor("QUAD", "Quad", ActorKind.BLOC, "Indo-Pacific", "#6a3d9a", 80, 60),
    Actor("XXX", "<b>X</b>", ActorKind.ORGANISATION, "Global", "#777777", 10, 10),
]
IND_VNM, IND_RUS, IND_PAK = Pair.of("IND", "VNM"), Pair.of("IND", "RUS"), Pair.of("IND", "PAK")


@pytest.fixture
def view(qtbot: QtBot) -> RelationView:
    view = RelationView()
    qtbot.addWidget(view)
    view.set_actors(ACTORS)
    view.resize(420, 420)
    view.show()
    qtbot.waitExposed(view)
    return view


def viewport_point(view: RelationView, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def plain(tooltip: str) -> str:
    """What the user sees: the tooltip as Qt renders it, markup interpreted."""
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


def test_only_actors_with_ties_are_shown(view: RelationView) -> None:
    view.set_weights(
        {IND_VNM: EdgeWeight(12, 51.6), IND_PAK: EdgeWeight(2, -12)}, "1960 \u2013 2031"
    )
    assert set(view.node_items()) == {"IND", "VNM", "PAK"}
    assert set(view.edge_items()) == {"IND-VNM", "IND-PAK"}
    assert not view.empty()
    assert view.message() == ""


def test_width_grows_with_count_and_colour_follows_score(view: RelationView) -> None:
    view.set_weights(
        {IND_VNM: EdgeWeight(12, 60), IND_RUS: EdgeWeight(3, 15), IND_PAK: EdgeWeight(6, -42)}
    )
    edges = view.edge_items()
    assert edges["IND-RUS"].width < edges["IND-PAK"].width < edges["IND-VNM"].width
    hostile, friendly = QColor(edges["IND-PAK"].colour), QColor(edges["IND-VNM"].colour)
    assert hostile.red() > hostile.green()
    assert friendly.green() > friendly.red()


def test_a_new_window_adds_and_removes_edges(view: RelationView) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4)})
    node = view.node_items()["IND"]
    view.set_weights({IND_RUS: EdgeWeight(1, 7), IND_PAK: EdgeWeight(1, -3)}, "2000 \u2013 2010")
    assert set(view.edge_items()) == {"IND-RUS", "IND-PAK"}
    assert set(view.node_items()) == {"IND", "RUS", "PAK"}
    assert view.node_items()["IND"] is node  # updated, not rebuilt
    view.set_weights({IND_VNM: EdgeWeight(5, 10)})
    assert set(view.edge_items()) == {"IND-VNM"}
    assert "RUS" not in view.node_items()


def test_unknown_actors_are_skipped(view: RelationView) -> None:
    view.set_weights({Pair.of("IND", "ZZZ"): EdgeWeight(3, 3), IND_VNM: EdgeWeight(1, 1)})
    assert set(view.edge_items()) == {"IND-VNM"}


def test_clicking_an_edge_emits_its_key(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(12, 51.6), IND_PAK: EdgeWeight(2, -12)})
    target = viewport_point(view, view.scene_pos_of_edge("IND-VNM"))
    with qtbot.waitSignal(view.pair_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == ["IND-VNM"]


def test_clicking_near_a_thin_edge_still_hits_it(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(12, 51.6), IND_PAK: EdgeWeight(1, -12)})
    target = viewport_point(view, view.scene_pos_of_edge("IND-PAK")) + QPoint(0, 3)
    with qtbot.waitSignal(view.pair_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == ["IND-PAK"]


def test_clicking_a_node_emits_its_code(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(12, 51.6)})
    target = viewport_point(view, view.scene_pos_of_node("VNM"))
    with qtbot.waitSignal(view.actor_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == ["VNM"]


def test_clicking_empty_space_emits_background_clicked(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(12, 51.6)})
    with qtbot.waitSignal(view.background_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(400, 20))


def test_dragging_a_node_moves_it_and_its_edges(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(12, 51.6), IND_RUS: EdgeWeight(3, 9)})
    before = view.scene_pos_of_node("VNM")
    start = viewport_point(view, before)
    end = start + QPoint(-60, 40)
    clicked: list[str] = []
    view.actor_clicked.connect(clicked.append)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    after = view.scene_pos_of_node("VNM")
    assert (after - before).manhattanLength() > 20
    line = view.edge_items()["IND-VNM"].line
    assert after in (line.p1(), line.p2())
    path = view.edge_items()["IND-VNM"].path
    assert after in (path.pointAtPercent(0), path.pointAtPercent(1))  # the drawn edge follows
    assert clicked == []
    # The node keeps its new place in the next window.
    view.set_weights({IND_VNM: EdgeWeight(1, 5), IND_RUS: EdgeWeight(3, 9)})
    assert view.scene_pos_of_node("VNM") == after


def test_tooltips_give_counts_and_show_markup_literally(view: RelationView) -> None:
    view.set_weights({Pair.of("IND", "XXX"): EdgeWeight(12, 51.6), IND_VNM: EdgeWeight(1, -2)})
    edge_tip = view.edge_items()["IND-XXX"].toolTip()
    assert "<b>X</b>" not in edge_tip  # escaped before it reaches Qt's rich-text engine
    assert plain(edge_tip) == "India \u2013 <b>X</b>: 12 events, mean score +4.3"
    node_tip = plain(view.node_items()["XXX"].toolTip())
    assert "<b>X</b>" in node_tip
    assert "12 events in view, 1 tie" in node_tip
    assert "13 events in view, 2 ties" in plain(view.node_items()["IND"].toolTip())


def test_exact_actor_counts_replace_the_sum_over_ties(view: RelationView) -> None:
    view.set_weights(
        {IND_VNM: EdgeWeight(2, 4), IND_RUS: EdgeWeight(2, 4)},
        actor_counts={"IND": 2, "VNM": 2, "RUS": 2},
    )
    assert "2 events in view, 2 ties" in plain(view.node_items()["IND"].toolTip())


def test_empty_weights_show_the_message(view: RelationView) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4)})
    view.set_weights({}, "1500 \u2013 1600")
    assert view.empty()
    assert view.edge_items() == {} and view.node_items() == {}
    assert view.message() == EMPTY_MESSAGE
    view.grab()  # the overlay paints without errors


def test_highlight_marks_edges_of_an_actor(view: RelationView) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4), Pair.of("PAK", "RUS"): EdgeWeight(1, -4)})
    view.set_highlight(actor="VNM")
    edges = view.edge_items()
    assert edges["IND-VNM"].highlighted and not edges["PAK-RUS"].highlighted
    assert edges["PAK-RUS"].opacity() < 1.0
    view.set_highlight(pair_key="PAK-RUS")
    assert edges["PAK-RUS"].highlighted and edges["PAK-RUS"].opacity() == 1.0
    view.set_highlight()
    assert all(e.opacity() == 1.0 and not e.highlighted for e in edges.values())


def test_theme_switch_repaints(view: RelationView) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4)})
    view.set_theme(DARK)
    assert view.backgroundBrush().color() == QColor(DARK.background)
    assert not view.grab().isNull()


def test_hover_lights_only_the_edge_under_the_mouse(view: RelationView, qtbot: QtBot) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4), IND_RUS: EdgeWeight(1, 7)})
    edges = view.edge_items()
    qtbot.mouseMove(view.viewport(), viewport_point(view, view.scene_pos_of_edge("IND-VNM")))
    qtbot.waitUntil(lambda: edges["IND-VNM"].hovered)
    assert not edges["IND-RUS"].hovered


def test_positions_hold_while_the_window_moves(view: RelationView) -> None:
    """The mental map: a node shown in two windows sits on the same pixel in both."""
    view.set_weights({IND_VNM: EdgeWeight(2, 4), IND_RUS: EdgeWeight(1, 7)}, "2000 \u2013 2005")
    first = {code: view.scene_pos_of_node(code) for code in view.node_items()}
    view.set_weights({IND_PAK: EdgeWeight(5, -4), Pair.of("PAK", "QUAD"): EdgeWeight(1, 1)})
    assert set(view.node_items()) == {"IND", "PAK", "QUAD"}
    assert view.scene_pos_of_node("IND") == first["IND"]
    view.set_weights({IND_VNM: EdgeWeight(9, 4), IND_RUS: EdgeWeight(3, 7)}, "2005 \u2013 2010")
    assert {code: view.scene_pos_of_node(code) for code in view.node_items()} == first


def test_visible_nodes_fit_inside_the_viewport(view: RelationView) -> None:
    view.set_weights({IND_VNM: EdgeWeight(2, 4), IND_RUS: EdgeWeight(1, 7)})
    area = view.viewport().rect()
    for code in view.node_items():
        assert area.contains(viewport_point(view, view.scene_pos_of_node(code)))
    view.resize(300, 600)
    area = view.viewport().rect()
    assert area.width() == 300
    for code in view.node_items():
        assert area.contains(viewport_point(view, view.scene_pos_of_node(code)))


def test_a_crowded_window_draws_only_the_strongest_ties(qtbot: QtBot) -> None:
    from timeline_app.ui.relations.relation_view import MAX_TIES

    codes = [f"C{i:02d}" for i in range(16)]  # 16 actors: 120 possible ties
    actors = [
        Actor(c, c, ActorKind.COUNTRY, "Test", "#777777", (i % 4) * 20, (i // 4) * 20)
        for i, c in enumerate(codes)
    ]
    pairs = [Pair.of(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    assert len(pairs) > MAX_TIES
    weights = {pair: EdgeWeight(k + 1, 0.0) for k, pair in enumerate(pairs)}  # later: stronger
    view = RelationView()
    qtbot.addWidget(view)
    view.resize(420, 420)  # room for every node: only the number of ties is limited here
    view.set_actors(actors)
    view.set_weights(weights, "2020 – 2021")
    drawn = set(view.edge_items())
    assert drawn == {p.key for p in pairs[-MAX_TIES:]}
    # A focused tie is drawn even when it is among the weakest.
    weakest = pairs[0]
    view.set_highlight(pair_key=weakest.key)
    assert weakest.key in view.edge_items()
    assert len(view.edge_items()) == MAX_TIES + 1
    view.set_highlight()
    assert weakest.key not in view.edge_items()


def test_strongest_ties_ranks_by_events_then_name() -> None:
    from timeline_app.layout import strongest_ties

    weights = {
        Pair.of("A", "B"): EdgeWeight(5, 0.0),
        Pair.of("A", "C"): EdgeWeight(9, 0.0),
        Pair.of("B", "C"): EdgeWeight(5, 0.0),
        Pair.of("C", "D"): EdgeWeight(1, 0.0),
    }
    assert list(strongest_ties(weights, 2)) == [Pair.of("A", "C"), Pair.of("A", "B")]
    kept = strongest_ties(weights, 2, keep=[Pair.of("C", "D"), Pair.of("X", "Y")])
    assert list(kept) == [Pair.of("A", "C"), Pair.of("A", "B"), Pair.of("C", "D")]
    assert strongest_ties(weights, 10) == weights


def test_a_costly_panel_waits_for_the_pan_to_pause(view: RelationView, qtbot: QtBot) -> None:
    from timeline_app.ui.relations import relation_view

    drawn: list[int] = []
    original = view._show_ties

    def counting() -> None:
        drawn.append(1)
        original()

    view._show_ties = counting  # type: ignore[method-assign]
    view.set_weights({Pair("IND", "VNM"): EdgeWeight(3, 12.0)})
    assert drawn == []  # the first window of a data set: after the timeline paints
    qtbot.wait(relation_view.FIRST_DRAW_MS + 40)
    assert drawn == [1]
    view.set_weights({Pair("IND", "VNM"): EdgeWeight(4, 12.0)})
    qtbot.wait(10)
    assert drawn == [1, 1]  # cheap: the next window follows at once
    drawn.clear()
    view._last_cost_ms = 200.0  # as a crowded bulk window costs
    for count in (4, 5, 6, 7):  # a drag: a new window every few ms
        view.set_weights({Pair("IND", "VNM"): EdgeWeight(count, 12.0)})
        qtbot.wait(10)
    assert drawn == []  # nothing drawn while the windows keep coming
    qtbot.wait(relation_view.PAUSE_MS + 80)
    assert drawn == [1]  # once, for the last window, when the drag paused
    assert "7 events" in plain(view.edge_items()["IND-VNM"].toolTip())
