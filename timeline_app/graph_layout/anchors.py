"""Where each actor would like to be: a geographic anchor, spread over the panel."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from timeline_app.countries import place_of, schematic_to_geo
from timeline_app.domain import Actor
from timeline_app.graph_layout.geometry import Box, FloatArray, Point


def geo_anchor(actor: Actor) -> Point:
    """(east, north) in degrees: the table's centroid, else the actor's schematic x, y
    (``countries.schematic_to_geo``: organisations and blocs are placed there by hand)."""
    place = place_of(actor.code)
    if place is not None:
        return place.lon, place.lat
    return schematic_to_geo(actor.x, actor.y)


def _stretch(values: FloatArray, spread: float) -> FloatArray:
    """0..1, blending the linear position with the rank: order kept, clusters opened."""
    if len(values) == 1:
        return np.array([0.5])
    lo, hi = float(values.min()), float(values.max())
    linear = (values - lo) / (hi - lo) if hi > lo else np.full(len(values), 0.5)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    # Equal values share their mean rank, so two codes at one centroid stay together.
    for value in np.unique(values):
        same = values == value
        ranks[same] = ranks[same].mean()
    return (1 - spread) * linear + spread * ranks / (len(values) - 1)


def spread_targets(
    anchors: Mapping[str, Point], area: Box, spread: float = 0.8
) -> dict[str, Point]:
    """Each anchor's target point in ``area`` (y grows downward, north at the top)."""
    if not anchors:
        return {}
    codes = list(anchors)
    east = _stretch(np.array([anchors[c][0] for c in codes], dtype=np.float64), spread)
    north = _stretch(np.array([anchors[c][1] for c in codes], dtype=np.float64), spread)
    return {
        code: (area.left + e * area.width, area.bottom - n * area.height)
        for code, e, n in zip(codes, east, north, strict=True)
    }
