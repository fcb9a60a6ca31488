"""Countries and GDELT's regional codes: name, coarse region, approximate centroid.

The table is ``resources/countries.tsv`` (made by ``scripts/make_countries.py``), read
once on first use. It gives imported actors a real region and a colour, and the
relationship panel a geographic anchor for every country it knows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from timeline_app.domain import Actor
from timeline_app.paths import resources_dir

TABLE_FILE = "countries.tsv"

# One colour per coarse region, for actors that have none of their own (imported ones).
# Distinct hues, none of them the red or green of the edges' score ramp at full strength.
REGION_COLOURS: dict[str, str] = {
    "Europe": "#4e79a7",
    "Eastern Europe": "#7aa6d6",
    "North America": "#8e6bb3",
    "Latin America": "#e17fb0",
    "Middle East": "#e8913a",
    "Africa": "#9c755f",
    "Central Asia": "#3fa9a3",
    "South Asia": "#d4b22c",
    "East Asia": "#c8504f",
    "Southeast Asia": "#6a9f4a",
    "Oceania": "#2f7e8c",
}
UNKNOWN_REGION_COLOUR = "#8d8d8d"
# What imports stored for every imported actor before they stored the table's region and
# colour; read as "region and colour from the table" (databases made by older versions).
LEGACY_BULK_REGION = "GDELT import"


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    kind: str  # "country" or "bloc" (a GDELT regional code)
    name: str
    region: str
    lat: float
    lon: float


@functools.cache
def places() -> dict[str, Place]:
    """Every row of the table by code."""
    table: dict[str, Place] = {}
    text = (resources_dir() / TABLE_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:  # the first is the header
        code, kind, name, region, lat, lon = line.split("\t")
        table[code] = Place(code, kind, name, region, float(lat), float(lon))
    return table


def place_of(code: str) -> Place | None:
    return places().get(code)


# The schematic frame of resources/actors.yaml (x 0-100 east, y 0-64 north) maps onto
# longitude -20..150 and latitude -10..60, the stretch of the world the curated data is
# about; organisations and blocs are placed in it by hand.


def schematic_to_geo(x: float, y: float) -> tuple[float, float]:
    """(east, north) in degrees of a point of the schematic frame."""
    return -20.0 + 1.7 * x, -10.0 + 1.1 * y


def geo_to_schematic(lon: float, lat: float) -> tuple[float, float]:
    """The point of the schematic frame at a longitude and latitude (the inverse)."""
    return (lon + 20.0) / 1.7, (lat + 10.0) / 1.1


def region_colour(region: str) -> str:
    return REGION_COLOURS.get(region, UNKNOWN_REGION_COLOUR)


def actor_region(actor: Actor) -> str:
    """The actor's region; an imported actor of an older database gets the table's."""
    if actor.region and actor.region != LEGACY_BULK_REGION:
        return actor.region
    place = place_of(actor.code)
    return place.region if place else ""


def actor_colour(actor: Actor) -> str:
    """The actor's own colour, or its region's where it has none of its own."""
    if actor.colour and actor.region != LEGACY_BULK_REGION:
        return actor.colour
    return region_colour(actor_region(actor))
