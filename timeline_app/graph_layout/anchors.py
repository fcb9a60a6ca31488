"""Where each actor would like to be: a geographic anchor, spread over the panel."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from timeline_app.countries import place_of
from timeline_app.domain import Actor
from timeline_app.graph_layout.geometry import Box, FloatArray, Point


def geo_anchor(actor: Actor) -> Point:
    """(east, north) in degrees: the table's centroid, else the actor's schematic x, y.

    The schematic frame of resources/actors.yaml (x 0-100 east, y 0-64 north) maps onto
    longitude -20..150 and latitude -10..60, the stretch of the world the curated data
    is about; organisations and blocs are placed there by hand.
    """
    place = place_of(actor.code)
    if place is not None:
        return place.lon, place.lat
    return schematic_to_geo(actor.x, actor.y)


def schematic_to_geo(x: float, y: float) -> Point:
    return -20.0 + 1.7 * x, -10.0 + 1.1 * y


def geo_to_schematic(lon: float, lat: float) -> Point:
    """The inverse of ``schematic_to_geo``: a centroid in the actor table's frame."""
    return (lon + 20.0) / 1.7, (lat + 10.0) / 1.1


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
