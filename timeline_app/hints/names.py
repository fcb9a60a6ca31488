"""The names table (``resources/names.tsv``, built by ``scripts/make_names.py``):
every ISO 3166-1 country and the common groupings, with the names articles use."""

from __future__ import annotations

from timeline_app.names_file import TABLE_FILE, NamedActor, names_table

__all__ = ["PLACE_NAMES", "TABLE_FILE", "NamedActor", "names_table"]

# Places whose names hold an actor's name but are no actor: "the South China Sea" is
# not China, "the Indian Ocean" not India. Matched like names (longest first) and then
# dropped, so the shorter name inside never matches there.
PLACE_NAMES = (
    "South China Sea", "East China Sea", "Indian Ocean", "Indian Ocean Region",
    "Sea of Japan", "Gulf of Guinea", "New Guinea", "Gulf of Mexico", "New Mexico",
    "Jordan River", "Jordan Valley", "Korean Peninsula", "Philippine Sea",
    "Gulf of Oman", "Arabian Sea", "Sea of Azov", "Gulf of Aden", "Strait of Malacca",
    "Irish Sea", "Malay Peninsula", "Sinai Peninsula",
)  # fmt: skip
