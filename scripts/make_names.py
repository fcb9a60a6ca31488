"""Build or check resources/names.tsv: the names an article may use for each actor.

    python -m venv /tmp/geo && /tmp/geo/bin/pip install countryinfo
    PYTHONPATH=. /tmp/geo/bin/python scripts/make_names.py > resources/names.tsv
    PYTHONPATH=. python scripts/make_names.py --check     # no countryinfo needed

One row per ISO 3166-1 country of resources/countries.tsv (its name, capital, demonym
and common alternative names: "Viet Nam", "Hanoi", "Vietnamese") and per common
grouping (ASEAN, EU, NATO, ...; codes as in resources/actors.yaml where it has one).
The app reads only the generated file (``timeline_app/names_file.py``), for the
editor's actor suggestions and for the codebook lint (with resources/actor_names.yaml
for the office-holders and other names this table lacks). A name that
would stand for two actors ("Congo", "Dominican") is left out of both, so a suggestion
is never a guess between two countries; the analyst picks the code by hand there.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ROOT / "resources" / "countries.tsv"
ACTORS = ROOT / "resources" / "actors.yaml"
NAMES = ROOT / "resources" / "names.tsv"

# Names news text uses that countryinfo lacks, or spells otherwise.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "USA": (
        "United States",
        "US",
        "U.S.",
        "America",
        "American",
        "Americans",
        "Washington",
        "United States of America",
    ),
    "GBR": ("UK", "U.K.", "Britain", "British", "Great Britain", "London", "United Kingdom"),
    "RUS": ("Russia", "Russian", "Russians", "Moscow", "Kremlin", "Russian Federation"),
    "CHN": ("China", "Chinese", "Beijing", "People's Republic of China", "PRC"),
    "IND": ("India", "Indian", "Indians", "New Delhi", "Delhi"),
    "VNM": ("Vietnam", "Viet Nam", "Vietnamese", "Hanoi"),
    "KOR": ("South Korea", "South Korean", "Seoul", "Republic of Korea"),
    "PRK": ("North Korea", "North Korean", "Pyongyang", "DPRK"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "PSE": ("Palestine", "Palestinian", "Palestinians", "Ramallah"),
    "ISR": ("Israel", "Israeli", "Israelis", "Tel Aviv"),
    "XKX": ("Kosovo", "Kosovar", "Pristina"),
    "SDN": ("Sudan", "Sudanese", "Khartoum"),
    "SSD": ("South Sudan", "South Sudanese", "Juba"),
    "SYR": ("Syria", "Syrian", "Damascus"),
    "TUR": ("Turkey", "Türkiye", "Turkish", "Ankara"),
    "ARE": ("UAE", "United Arab Emirates", "Emirati", "Abu Dhabi"),
    "SAU": ("Saudi Arabia", "Saudi", "Saudis", "Riyadh"),
    "COD": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Kinshasa"),
    "COG": ("Republic of the Congo", "Congo-Brazzaville", "Brazzaville"),
    "CIV": ("Ivory Coast", "Côte d'Ivoire", "Ivorian"),
    "MMR": ("Myanmar", "Burma", "Burmese", "Naypyidaw"),
    "LAO": ("Laos", "Lao", "Laotian", "Vientiane"),
    "TWN": ("Taiwan", "Taiwanese", "Taipei"),
    "CZE": ("Czech Republic", "Czechia", "Czech", "Prague"),
    "NLD": ("Netherlands", "Dutch", "The Hague", "Amsterdam"),
    "SUN": ("USSR", "Soviet Union", "Soviet"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv", "Kiev"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"),
    "AFG": ("Afghanistan", "Afghan", "Kabul"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "AUS": ("Australia", "Australian", "Canberra"),
    "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Berlin"),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
}
# Words that are names of places but mostly something else in English prose.
# "Congo" names two countries; "Jerusalem" is claimed by two.
NOT_NAMES = frozenset({"Male", "Victoria", "Kingston", "Georgetown", "Congo", "Jerusalem"})
# GDELT's older codes for countries the table also lists under their ISO code: the ISO
# row holds the names.
LEGACY_CODES = {"ROM": "ROU", "MTN": "MNE", "TMP": "TLS"}

# Groupings: code, kind, names. Codes of resources/actors.yaml where it has one.
GROUPINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ASEAN", "organisation", ("ASEAN", "Association of Southeast Asian Nations")),
    ("EU", "organisation", ("EU", "European Union", "E.U.")),
    (
        "NATO",
        "organisation",
        (
            "NATO",
            "North Atlantic Treaty Organization",
            "North Atlantic Treaty Organisation",
            "Nato",
        ),
    ),
    (
        "SCO",
        "organisation",
        ("SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"),
    ),
    ("BRICS", "bloc", ("BRICS",)),
    ("QUAD", "bloc", ("Quad", "Quadrilateral Security Dialogue")),
    ("AU", "organisation", ("African Union", "AU")),
    ("GCC", "organisation", ("Gulf Cooperation Council", "GCC")),
    ("CASIA", "bloc", ("Central Asia", "Central Asian", "Central Asian republics")),
    (
        "CSTO",
        "organisation",
        (
            "CSTO",
            "Collective Security Treaty Organisation",
            "Collective Security Treaty Organization",
        ),
    ),
    ("NSG", "organisation", ("Nuclear Suppliers Group", "NSG")),
    ("UN", "organisation", ("United Nations", "UN", "U.N.", "UN Security Council")),
    ("ARAB", "organisation", ("Arab League", "League of Arab States")),
    ("G7", "bloc", ("G7", "G-7", "Group of Seven")),
    ("G20", "bloc", ("G20", "G-20", "Group of Twenty")),
    ("OPEC", "organisation", ("OPEC",)),
    ("ECOWAS", "organisation", ("ECOWAS", "Economic Community of West African States")),
    ("IGAD", "organisation", ("IGAD", "Intergovernmental Authority on Development")),
    ("SAARC", "organisation", ("SAARC", "South Asian Association for Regional Cooperation")),
    ("BIMSTEC", "organisation", ("BIMSTEC",)),
    ("EAEU", "organisation", ("Eurasian Economic Union", "EAEU")),
    ("CIS", "organisation", ("Commonwealth of Independent States", "CIS")),
    ("OSCE", "organisation", ("OSCE", "Organization for Security and Co-operation in Europe")),
    (
        "OIC",
        "organisation",
        ("Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "OIC"),
    ),
)
HEADER = "code\tkind\tnames"


def country_rows() -> list[tuple[str, str]]:
    """(code, name) of every country row of countries.tsv."""
    rows = []
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines()[2:]:
        code, kind, name, *_ = line.split("\t")
        if kind == "country":
            rows.append((code, name))
    return rows


def _usable(name: str) -> bool:
    # Codes ("VN") and one-word native spellings in other scripts are not article text.
    return len(name) >= 2 and name not in NOT_NAMES and not (len(name) <= 3 and name.isupper())


def build() -> list[tuple[str, str, list[str]]]:
    import countryinfo  # type: ignore[import-not-found]  # build time only

    table: list[tuple[str, str, list[str]]] = []
    for code, name in country_rows():
        if code in LEGACY_CODES:
            continue
        names = [name]
        try:
            info = countryinfo.CountryInfo(code).info()
        except Exception:
            info = {}
        names += [str(info.get("name", "")), str(info.get("capital", "")),
                  str(info.get("demonym", ""))]  # fmt: skip
        names += [str(n) for n in info.get("altSpellings", []) if str(n).isascii()]
        names += EXTRA_NAMES.get(code, ())
        kept = [n for n in dict.fromkeys(n.strip() for n in names) if n and _usable(n)]
        kept += [n for n in EXTRA_NAMES.get(code, ()) if n not in kept]  # codes like "US"
        table.append((code, "country", kept))
    for code, kind, names in GROUPINGS:
        table.append((code, kind, list(names)))
    # A name two actors share suggests neither, unless EXTRA_NAMES gives it to one.
    owner = {n: code for code, names in EXTRA_NAMES.items() for n in names}
    counts = Counter(n for _c, _k, names in table for n in set(names))
    return [
        (c, k, [n for n in names if owner.get(n, c) == c and (counts[n] == 1 or n in owner)])
        for c, k, names in table
    ]


def read_names(path: Path = NAMES) -> dict[str, tuple[str, list[str]]]:
    rows: dict[str, tuple[str, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == HEADER:
            continue
        code, kind, names = line.split("\t")
        rows[code] = (kind, names.split("|"))
    return rows


def check() -> list[str]:
    """Every country and actors.yaml grouping has a row with its own name; no name twice."""
    rows = read_names()
    problems = []
    for code, name in country_rows():
        if code not in rows and code not in LEGACY_CODES:
            problems.append(f"{code} ({name}) has no row")
    actors = yaml.safe_load(ACTORS.read_text(encoding="utf-8"))
    for actor in actors:
        if actor["kind"] != "country" and actor["code"] not in rows:
            problems.append(f"grouping {actor['code']} of actors.yaml has no row")
    seen: dict[str, str] = {}
    for code, (_kind, names) in rows.items():
        if not [n for n in names if n]:
            problems.append(f"{code} has no names")
        for n in names:
            if n in seen:
                problems.append(f"{n!r} names both {seen[n]} and {code}")
            seen[n] = code
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the file, do not build")
    if parser.parse_args().check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{NAMES.name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        return 1 if problems else 0
    print("# Generated by scripts/make_names.py: do not edit by hand.")
    print(HEADER)
    for code, kind, names in build():
        print(f"{code}\t{kind}\t{'|'.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
