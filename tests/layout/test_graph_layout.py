"""The panel's geometry without Qt: plain rectangles, a fake text measure."""

from __future__ import annotations

import random

import numpy as np
import pytest

from timeline_app.countries import (
    LEGACY_BULK_REGION,
    REGION_COLOURS,
    UNKNOWN_REGION_COLOUR,
    actor_colour,
    actor_region,
    place_of,
)
from timeline_app.domain import Actor, ActorKind
from timeline_app.graph_layout import (
    EDGE_CLEARANCE,
    NODE_AREA,
    Box,
    Edge,
    Glyph,
    PanelLayout,
    Point,
    Route,
    TieRouter,
    click_points,
    distance_to_polyline,
    geo_anchor,
    measure_overlaps,
    node_budget,
    route_edges,
    spread_targets,
    ties_that_fit,
)
from timeline_app.graph_layout.clicks import CLICK_GAP, near_other_ties
from timeline_app.graph_layout.detours import _pull_taut, detour
from timeline_app.graph_layout.paths import Room, crossings
from timeline_app.ingest.cameo import bulk_actor

AREA = Box(4, 26, 456, 263)  # a 460x267 panel less the caption band


def measure(code: str) -> tuple[float, float]:
    return 7.5 * len(code) + 8, 15.0  # about 8.5 pt bold


def faults(layout: PanelLayout, edges: list[Edge]) -> int:
    glyphs = layout.glyphs
    routes = route_edges(glyphs, edges, layout.area)
    return measure_overlaps(
        {c: (g.centre, g.radius) for c, g in glyphs.items()},
        {c: g.label for c, g in glyphs.items()},
        {(e.a, e.b): routes[e.key].polyline() for e in edges},
        Box(0, 0, 460, 267),
    ).total()


def random_graph(
    nodes: int, ties: int, seed: int
) -> tuple[dict[str, tuple[float, float]], list[Edge]]:
    rng = random.Random(seed)
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}X" for i in range(nodes)]
    anchors = {c: (rng.uniform(-100, 150), rng.uniform(-40, 70)) for c in codes}
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < ties:  # hubs: a few codes take most ties, as in GDELT
        a, b = sorted(rng.sample(codes[:8], 1) + rng.sample(codes, 1))
        if a != b:
            pairs.add((a, b))
    return anchors, [Edge(f"{a}-{b}", a, b) for a, b in sorted(pairs)]


def test_boxes_intersect_only_when_they_share_area() -> None:
    a = Box(0, 0, 10, 10)
    assert a.intersects(Box(9, 9, 20, 20))
    assert not a.intersects(Box(10, 0, 20, 10))  # touching is not overlapping
    assert Box(1, 1, 2, 2).within(a) and not Box(5, 5, 11, 6).within(a)
    assert a.grown(2) == Box(-2, -2, 12, 12) and a.moved(1, 2) == Box(1, 2, 11, 12)


def test_targets_keep_geographic_order_and_open_up_clusters() -> None:
    anchors = {"WEST": (-90.0, 40.0), "A": (10.0, 50.0), "B": (11.0, 49.0), "EAST": (140.0, -30.0)}
    targets = spread_targets(anchors, AREA)
    xs = [targets[c][0] for c in ("WEST", "A", "B", "EAST")]
    assert xs == sorted(xs)
    assert targets["EAST"][1] > targets["A"][1]  # south is lower on screen
    linear = spread_targets(anchors, AREA, spread=0.0)
    assert targets["B"][0] - targets["A"][0] > 10 * (linear["B"][0] - linear["A"][0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sixty_ties_are_placed_without_overlaps(seed: int) -> None:
    anchors, edges = random_graph(45, 60, seed)
    layout = PanelLayout(AREA, spread_targets(anchors, AREA), 8.0, measure)
    degree = {c: sum(c in (e.a, e.b) for e in edges) for c in anchors}
    layout.place(sorted(anchors, key=lambda c: -degree[c]), edges, anchors)  # hubs first
    glyphs = list(layout.glyphs.values())
    for i, g in enumerate(glyphs):
        assert g.disc.within(AREA) and g.label.within(AREA)
        for h in glyphs[i + 1 :]:
            for mine in (g.disc, g.label):
                assert not mine.intersects(h.disc) and not mine.intersects(h.label)
    assert faults(layout, edges) == 0  # no edge through a node either


def test_placed_nodes_never_move_when_others_arrive() -> None:
    anchors, edges = random_graph(30, 40, 7)
    codes = list(anchors)
    layout = PanelLayout(AREA, spread_targets(anchors, AREA), 8.0, measure)
    layout.place(codes[:15], edges, codes[:15])
    before = dict(layout.glyphs)
    layout.place(codes, edges, codes)
    assert {c: layout.glyphs[c] for c in before} == before
    assert layout.order == codes


def test_an_edge_bends_around_a_node_in_its_way() -> None:
    glyphs = {
        code: Glyph(code, centre, 8.0, "right", Box(0, 0, 1, 1))
        for code, centre in (("A", (50.0, 100.0)), ("M", (150.0, 101.0)), ("B", (250.0, 100.0)))
    }
    routes = route_edges(glyphs, [Edge("A-B", "A", "B"), Edge("A-M", "A", "M")], AREA)
    assert routes["A-M"].controls == ()  # nothing in the way: straight
    bent = routes["A-B"]
    assert bent.controls
    assert distance_to_polyline((150.0, 101.0), bent.polyline()) > 8.0
    assert bent.point_at(0) == (50.0, 100.0) and bent.point_at(1) == (250.0, 100.0)


def test_click_points_lie_on_their_edge_and_away_from_the_others() -> None:
    glyphs = {
        c: Glyph(c, p, 8.0, "below", Box(p[0] - 10, p[1] + 10, p[0] + 10, p[1] + 25))
        for c, p in (("A", (50.0, 50.0)), ("B", (250.0, 50.0)), ("C", (250.0, 60.0)))
    }
    routes = {"A-B": Route((50.0, 50.0), (250.0, 50.0)), "A-C": Route((50.0, 50.0), (250.0, 60.0))}
    points = click_points(glyphs, routes)
    for key, point in points.items():
        other = "A-C" if key == "A-B" else "A-B"
        assert distance_to_polyline(point, routes[key].polyline()) < 0.01
        assert distance_to_polyline(point, routes[other].polyline()) >= 3.0


def test_measure_counts_each_kind_of_fault() -> None:
    discs = {"A": ((10.0, 10.0), 5.0), "B": ((15.0, 10.0), 5.0), "C": ((50.0, 10.0), 5.0)}
    labels = {"A": Box(40, 5, 60, 15), "B": Box(45, 5, 70, 15), "C": Box(90, 0, 120, 10)}
    edges = {("A", "C"): [(10.0, 10.0), (50.0, 10.0)]}
    found = measure_overlaps(discs, labels, edges, Box(0, 0, 100, 100))
    assert (found.node_on_node, found.edge_through_node) == (1, 1)  # A-B; A-C over B
    assert (found.label_on_node, found.label_on_label, found.label_cut) == (2, 1, 1)


def test_the_country_table_gives_regions_and_centroids() -> None:
    india, uk, europe = place_of("IND"), place_of("GBR"), place_of("EUR")
    assert india is not None and india.region == "South Asia" and 60 < india.lon < 90
    assert uk is not None and uk.name == "United Kingdom" and uk.region == "Europe"
    assert europe is not None and europe.kind == "bloc"
    assert place_of("QQQ") is None
    assert geo_anchor(Actor("IND", "India", ActorKind.COUNTRY, "", "#000000", 0, 0)) == (
        india.lon,
        india.lat,
    )


def test_imported_actors_get_their_region_and_its_colour() -> None:
    brazil = bulk_actor("BRA")
    assert (brazil.region, brazil.colour) == ("Latin America", REGION_COLOURS["Latin America"])
    assert actor_region(brazil) == "Latin America"
    assert actor_colour(brazil) == REGION_COLOURS["Latin America"] != REGION_COLOURS["Europe"]
    assert actor_colour(bulk_actor("SWE")) == REGION_COLOURS["Europe"]
    assert actor_region(bulk_actor("QQQ")) == ""
    assert bulk_actor("MNP").name == "Northern Mariana Islands"  # named by the table
    curated = Actor("IND", "India", ActorKind.COUNTRY, "South Asia", "#ff9933", 0, 0)
    assert actor_colour(curated) == "#ff9933"


def test_imported_actors_of_an_older_database_are_shown_with_the_tables_region() -> None:
    # Older imports stored every actor as region "GDELT import", in grey.
    stored = Actor("BRA", "Brazil", ActorKind.COUNTRY, LEGACY_BULK_REGION, "#9e9e9e", 0, 0)
    assert actor_region(stored) == "Latin America"
    assert actor_colour(stored) == REGION_COLOURS["Latin America"]
    unknown = Actor("QQQ", "QQQ", ActorKind.COUNTRY, LEGACY_BULK_REGION, "#9e9e9e", 0, 0)
    assert (actor_region(unknown), actor_colour(unknown)) == ("", UNKNOWN_REGION_COLOUR)


def test_an_edge_walled_off_from_every_curve_goes_around_the_wall() -> None:
    # A column of nodes between A and B, from the panel's top to near its bottom: no single
    # curve inside the panel clears it, a path around its end does.
    wall = {f"W{i}": (200.0, 30.0 + 18.0 * i) for i in range(12)}
    centres = {"A": (60.0, 60.0), "B": (340.0, 60.0), **wall}
    glyphs = {c: Glyph(c, p, 8.0, "right", Box(0, 0, 1, 1)) for c, p in centres.items()}
    area = Box(4, 26, 456, 263)
    route = route_edges(glyphs, [Edge("A-B", "A", "B")], area)["A-B"]
    assert len(route.controls) > 1  # a path of several pieces, not one curve
    line = route.polyline()
    assert line[0] == (60.0, 60.0) and line[-1] == (340.0, 60.0)
    assert all(area.contains(p) for p in line)
    for centre in wall.values():
        assert distance_to_polyline(centre, line) >= 8.0 + EDGE_CLEARANCE
    assert max(y for _, y in line) > 30.0 + 18.0 * 11  # it passes below the wall


def test_a_route_of_pieces_is_smooth_and_passes_a_doubled_control() -> None:
    route = Route((0.0, 0.0), (100.0, 0.0), ((20.0, 40.0), (50.0, 40.0), (50.0, 40.0), (80.0, 0.0)))
    assert len(route.pieces()) == 4
    assert route.point_at(0.0) == (0.0, 0.0) and route.point_at(1.0) == (100.0, 0.0)
    assert route.point_at(0.5) == (50.0, 40.0)  # a control given twice is a corner on the route
    line = route.polyline()
    assert len(line) > 40 and all(0.0 <= y <= 40.0 for _, y in line)


def test_a_tie_with_no_free_point_is_bent_until_it_has_one() -> None:
    # A and B close together, their labels covering the whole straight tie between them.
    glyphs = {
        "A": Glyph("A", (100.0, 100.0), 8.0, "right", Box(110, 92, 150, 108)),
        "B": Glyph("B", (160.0, 100.0), 8.0, "left", Box(140, 92, 150, 108)),
    }
    straight = Route((100.0, 100.0), (160.0, 100.0))
    assert click_points(glyphs, {"A-B": straight})["A-B"] == straight.point_at(0.5)  # covered
    route = route_edges(glyphs, [Edge("A-B", "A", "B")], AREA)["A-B"]
    point = click_points(glyphs, {"A-B": route})["A-B"]
    assert route.controls and distance_to_polyline(point, route.polyline()) < 0.5
    for glyph in glyphs.values():
        assert not glyph.label.grown(2).contains(point) and not glyph.disc.grown(3).contains(point)


def test_a_smaller_panel_draws_fewer_of_the_strongest_ties() -> None:
    laptop = node_budget(Box(4, 26, 406, 276), [Box(6, 230, 234, 274)])  # 1366x768's panel
    netbook = node_budget(Box(4, 26, 301, 233), [Box(6, 187, 234, 231)])  # 1024x600's
    assert 50 <= laptop <= 55 and 24 <= netbook <= 30
    assert node_budget(Box(0, 0, 800, 600)) > 4 * 50 * NODE_AREA / NODE_AREA
    ranked = [("A", "B"), ("A", "C"), ("B", "C"), ("D", "E"), ("A", "F")]
    assert ties_that_fit(ranked, 10, 3) == 3  # the triangle; D-E would be a fourth node
    assert ties_that_fit(ranked, 2, 10) == 2 and ties_that_fit(ranked, 10, 10) == 5


def test_a_tie_keeps_out_from_under_the_legend_where_it_can() -> None:
    glyphs = {
        c: Glyph(c, p, 8.0, "right", Box(0, 0, 1, 1))
        for c, p in (("A", (40.0, 150.0)), ("B", (300.0, 250.0)))
    }
    legend = Box(6, 200, 234, 258)  # the straight tie would cross its top right corner
    edges = [Edge("A-B", "A", "B")]
    assert route_edges(glyphs, edges, AREA)["A-B"].controls == ()
    route = route_edges(glyphs, edges, AREA, keep_out=[legend])["A-B"]
    assert route.controls
    assert not any(legend.contains(p) for p in route.polyline())
    point = click_points(glyphs, {"A-B": route}, [legend])["A-B"]
    assert not legend.contains(point)


# -- ties kept across windows -----------------------------------------------------------


def test_the_tie_index_agrees_with_measuring_every_pair() -> None:
    rng = np.random.default_rng(4)
    for _ in range(20):
        lines = [
            np.cumsum(rng.uniform(-40, 60, (int(rng.integers(2, 26)), 2)), axis=0)
            + rng.uniform(0, 300, 2)
            for _ in range(25)
        ]
        points, owners = [], []
        for i, line in enumerate(lines):
            at = rng.integers(0, len(line) - 1, 15)
            t = rng.uniform(0, 1, 15)[:, None]
            points.append(line[at] + (line[at + 1] - line[at]) * t)
            owners += [i] * 15
        every = np.concatenate(points)
        got = near_other_ties(every, np.array(owners), lines)
        wanted = [
            any(
                distance_to_polyline((float(p[0]), float(p[1])), [tuple(q) for q in line])
                < CLICK_GAP
                for j, line in enumerate(lines)
                if j != owner
            )
            for p, owner in zip(every, owners, strict=True)
        ]
        assert got.tolist() == wanted
    assert any(wanted) and not all(wanted)  # the data sets test both answers


def drawn_well(
    layout: PanelLayout, shown: set[str], routes: dict[str, Route], points: dict[str, Point]
) -> None:
    """No tie through a shown node not its own; each click point on its tie, off every
    shown node and label and at least the click gap from every other drawn tie."""
    glyphs = {c: layout.glyphs[c] for c in shown}
    for key, route in routes.items():
        a, b = key.split("-")
        line = route.polyline()
        for code, glyph in glyphs.items():
            if code not in (a, b):
                assert distance_to_polyline(glyph.centre, line) >= glyph.radius
            assert not glyph.disc.contains(points[key]) and not glyph.label.contains(points[key])
        assert distance_to_polyline(points[key], line) < 0.5  # on the curve the polyline follows
        for other, other_route in routes.items():
            if other != key:
                assert distance_to_polyline(points[key], other_route.polyline()) >= CLICK_GAP


def test_a_router_routes_each_tie_once_across_windows() -> None:
    anchors, edges = random_graph(40, 60, 2)
    layout = PanelLayout(AREA, spread_targets(anchors, AREA), 8.0, measure)
    layout.place(list(anchors), edges, anchors)
    router = TieRouter(layout.area)
    windows = [edges[:40], edges[20:], edges[:40], edges[10:50]]
    seen: dict[str, Route] = {}
    for window in windows:
        shown = {c for e in window for c in (e.a, e.b)}
        routes, points = router.draw(layout.glyphs, shown, window)
        assert set(routes) == {e.key for e in window}
        drawn_well(layout, shown, routes, points)
        for key, route in routes.items():
            seen.setdefault(key, route)
    # Every tie was routed once (a bend made it clickable at most once more).
    assert len(seen) <= router.routed <= len(seen) + 8
    again = router.routed
    router.draw(layout.glyphs, set(anchors), edges[:40])
    assert router.routed == again  # a window seen before costs no routing


def test_a_tie_through_a_newly_placed_node_is_routed_again() -> None:
    glyphs = {
        c: Glyph(c, p, 8.0, "below", Box(p[0] - 10, p[1] + 10, p[0] + 10, p[1] + 25))
        for c, p in (("A", (50.0, 100.0)), ("B", (350.0, 100.0)), ("C", (200.0, 200.0)))
    }
    router = TieRouter(AREA)
    edges = [Edge("A-B", "A", "B"), Edge("A-C", "A", "C")]
    routes, _ = router.draw(glyphs, set(glyphs), edges)
    assert routes["A-B"].controls == ()  # straight
    middle = Glyph("M", (200.0, 100.0), 8.0, "below", Box(190, 110, 210, 125))
    routes, points = router.draw({**glyphs, "M": middle}, {"A", "B"}, edges[:1])
    # M is placed but not shown: the tie still goes round it, so it holds when M shows.
    assert distance_to_polyline((200.0, 100.0), routes["A-B"].polyline()) >= 8.0 + EDGE_CLEARANCE
    assert middle.label.grown(2).contains(points["A-B"])  # hidden, M's label takes no clicks
    shown_later, later = router.draw({**glyphs, "M": middle}, {"A", "B", "M", "C"}, edges)
    assert shown_later["A-B"] == routes["A-B"]
    assert not middle.label.grown(2).contains(later["A-B"])  # shown, it does


def test_a_node_given_up_takes_its_spot_again_when_it_returns() -> None:
    anchors = {"AAX": (0.0, 0.0), "BBX": (10.0, 0.0), "CCX": (20.0, 0.0)}
    small = Box(4, 26, 120, 70)  # room for two nodes with labels, not three
    layout = PanelLayout(small, spread_targets(anchors, small), 8.0, measure)
    layout.place(["AAX", "BBX"], [], ["AAX", "BBX"])
    spot = layout.glyphs["BBX"]
    layout.place(["CCX"], [], ["AAX", "CCX"])  # BBX hidden: it may give up its place
    assert "BBX" not in layout.glyphs
    layout.place(["BBX"], [], ["AAX", "BBX"])  # CCX hidden now, and in BBX's way
    assert "CCX" not in layout.glyphs and layout.glyphs["BBX"] == spot


def _taut_one_at_a_time(
    points: list[Point], discs: list[tuple[Point, float]], room: Room
) -> list[Point]:
    """The plain reading of pulling a path taut: from each corner, try the farthest point
    first and step back until the straight line is clear."""

    def blocked(a: Point, b: Point) -> bool:
        return crossings([a, b], discs, 1.5) > 0 or not room.allows([a, b])

    taut, i = [points[0]], 0
    while i < len(points) - 1:
        j = len(points) - 1
        while j > i + 1 and blocked(points[i], points[j]):
            j -= 1
        taut.append(points[j])
        i = j
    return taut


@pytest.mark.parametrize("seed", range(6))
def test_pulling_a_path_taut_at_once_agrees_with_one_point_at_a_time(seed: int) -> None:
    rng = random.Random(seed)
    room = Room(Box(0, 0, 300, 200), (Box(200, 150, 300, 200),))
    discs = [((rng.uniform(40, 260), rng.uniform(30, 170)), 8.0) for _ in range(8)]
    walk: list[Point] = [(10.0, 10.0)]
    for _ in range(60):  # a wandering path, as a grid search would give around the discs
        x, y = walk[-1]
        walk.append(
            (min(max(x + rng.uniform(-2, 8), 0), 300), min(max(y + rng.uniform(-4, 6), 0), 200))
        )
    assert _pull_taut(walk, discs, room) == _taut_one_at_a_time(walk, discs, room)


def test_a_path_around_nodes_is_found_alike_when_its_grid_is_reused() -> None:
    room = Room(Box(0, 0, 300, 200))
    wall = [((150.0, y), 10.0) for y in range(10, 181, 20)]
    first = detour((40.0, 100.0), (260.0, 100.0), wall, room)
    again = detour((40.0, 100.0), (260.0, 100.0), list(wall), room)
    assert first is not None and first == again
    line = first.polyline()
    assert crossings(line, wall) == 0 and max(y for _, y in line) > 180  # around the wall's end
