"""Write synthetic GDELT 2.0 event exports (61 tab-separated columns, no header).

The rows look like real ones: country actors with names and types, CAMEO event codes
drawn with realistic weights and their Goldstein values, mention counts, tone,
geography (FIPS country codes and centroids), DATEADDED and a source URL on the
reserved ``example.com`` domain (nothing is ever fetched). Pair popularity follows a
Zipf-like law (``--skew``), so a few dyads dominate as they do in GDELT.

    .venv/bin/python benchmarks/generate_gdelt.py --count 1000000 -o benchmarks/data/1m.export.CSV

Speed matters (the import benchmark needs a million rows): every block of columns
that depends on one choice (a date, a country, an event code) is formatted once and
reused, so a row is one f-string.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from itertools import accumulate, combinations
from pathlib import Path

# CAMEO code, name, FIPS 10-4 code (GDELT's geo columns use FIPS), centroid lat, long.
COUNTRIES: tuple[tuple[str, str, str, float, float], ...] = (
    ("IND", "India", "IN", 20.0, 77.0),
    ("RUS", "Russia", "RS", 60.0, 100.0),
    ("CHN", "China", "CH", 35.0, 105.0),
    ("VNM", "Vietnam", "VM", 16.1667, 107.8333),
    ("USA", "United States", "US", 39.828175, -98.5795),
    ("PAK", "Pakistan", "PK", 30.0, 70.0),
    ("JPN", "Japan", "JA", 36.0, 138.0),
    ("AUS", "Australia", "AS", -27.0, 133.0),
    ("FRA", "France", "FR", 46.0, 2.0),
    ("GBR", "United Kingdom", "UK", 54.0, -2.0),
    ("DEU", "Germany", "GM", 51.0, 9.0),
    ("ISR", "Israel", "IS", 31.5, 34.75),
    ("IRN", "Iran", "IR", 32.0, 53.0),
    ("AFG", "Afghanistan", "AF", 33.0, 65.0),
    ("BGD", "Bangladesh", "BG", 24.0, 90.0),
    ("LKA", "Sri Lanka", "CE", 7.0, 81.0),
    ("NPL", "Nepal", "NP", 28.0, 84.0),
    ("KOR", "South Korea", "KS", 37.0, 127.5),
    ("PRK", "North Korea", "KN", 40.0, 127.0),
    ("IDN", "Indonesia", "ID", -5.0, 120.0),
    ("PHL", "Philippines", "RP", 13.0, 122.0),
    ("SGP", "Singapore", "SN", 1.3667, 103.8),
    ("MYS", "Malaysia", "MY", 2.5, 112.5),
    ("THA", "Thailand", "TH", 15.0, 100.0),
    ("MMR", "Myanmar", "BM", 22.0, 98.0),
    ("SAU", "Saudi Arabia", "SA", 25.0, 45.0),
    ("ARE", "United Arab Emirates", "AE", 24.0, 54.0),
    ("TUR", "Turkey", "TU", 39.0, 35.0),
    ("UKR", "Ukraine", "UP", 49.0, 32.0),
    ("KAZ", "Kazakhstan", "KZ", 48.0, 68.0),
    ("BRA", "Brazil", "BR", -10.0, -55.0),
    ("ZAF", "South Africa", "SF", -29.0, 24.0),
    ("EGY", "Egypt", "EG", 27.0, 30.0),
    ("ITA", "Italy", "IT", 42.8333, 12.8333),
    ("CAN", "Canada", "CA", 60.0, -95.0),
    ("TWN", "Taiwan", "TW", 23.5, 121.0),
    ("MNG", "Mongolia", "MG", 46.0, 105.0),
    ("UZB", "Uzbekistan", "UZ", 41.0, 64.0),
    ("TJK", "Tajikistan", "TI", 39.0, 71.0),
    ("KGZ", "Kyrgyzstan", "KG", 41.0, 75.0),
)

# CAMEO event code, GoldsteinScale, relative frequency (roughly GDELT's mix: many
# statements and consultations, fewer material events, a tail of conflict).
EVENT_CODES: tuple[tuple[str, float, float], ...] = (
    ("010", 0.0, 12.0), ("013", 0.4, 3.0), ("020", 3.0, 4.0), ("0231", 3.4, 1.0),
    ("030", 4.0, 3.0), ("0312", 5.2, 1.0), ("036", 4.0, 6.0), ("040", 1.0, 10.0),
    ("041", 1.0, 2.0), ("042", 1.9, 7.0), ("043", 2.8, 7.0), ("046", 7.0, 5.0),
    ("051", 3.4, 6.0), ("054", 7.0, 0.5), ("057", 8.0, 2.0), ("061", 6.4, 2.0),
    ("062", 7.4, 1.0), ("071", 7.4, 1.0), ("072", 8.3, 0.5), ("0871", 9.0, 0.3),
    ("090", -2.0, 0.5), ("100", -5.0, 1.0), ("111", -2.0, 5.0), ("112", -2.0, 4.0),
    ("120", -4.0, 2.0), ("130", -4.4, 1.0), ("1312", -5.8, 0.4), ("138", -7.0, 0.5),
    ("141", -6.5, 1.0), ("152", -7.2, 0.3), ("161", -4.0, 0.3), ("163", -8.0, 0.5),
    ("173", -5.0, 2.0), ("190", -10.0, 1.0), ("193", -10.0, 0.5), ("195", -10.0, 0.3),
)  # fmt: skip

ACTOR_TYPES = ("", "GOV", "MIL")


def _quad(root: int) -> int:
    # CAMEO QuadClass: 1 verbal cooperation, 2 material cooperation,
    # 3 verbal conflict, 4 material conflict.
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _actor_block(code: str, name: str, kind: str) -> str:
    # Actor{n}Code, Name, CountryCode, KnownGroup, Ethnic, Religion1, Religion2, Type1-3
    return "\t".join((code + kind, name.upper(), code, "", "", "", "", kind, "", ""))


def _geo_block(name: str, fips: str, lat: float, lon: float) -> str:
    # Geo_Type (1 = country), FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID
    return "\t".join(("1", name, fips, fips, "", f"{lat:g}", f"{lon:g}", fips))


def _pairs(n_pairs: int, rng: random.Random) -> list[tuple[int, int]]:
    everything = list(combinations(range(len(COUNTRIES)), 2))
    first = everything[: len(COUNTRIES) - 1]  # India with everyone first: the usual focus
    rest = everything[len(COUNTRIES) - 1 :]
    rng.shuffle(rest)
    chosen = (first + rest)[: max(1, n_pairs)]
    return chosen


class Generator:
    def __init__(self, args: argparse.Namespace) -> None:
        self.rng = random.Random(args.seed)
        self.count: int = args.count
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
        if end < start:
            raise SystemExit("--end is before --start")
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        self.dates = [
            (
                f"{d:%Y%m%d}\t{d:%Y%m}\t{d.year}\t{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}",
                f"{d:%Y%m%d}",
                f"{d:%Y/%m/%d}",
            )
            for d in days
        ]
        self.pairs = _pairs(args.pairs, self.rng)
        if args.pairs > len(self.pairs):
            print(f"note: only {len(self.pairs)} distinct pairs available", file=sys.stderr)
        self.pair_cum = list(accumulate(1.0 / (r + 1) ** args.skew for r in range(len(self.pairs))))
        self.codes = [
            (f"{code}\t{code[:3]}\t{code[:2]}\t{_quad(int(code[:2]))}\t{g}", code)
            for code, g, _w in EVENT_CODES
        ]
        self.code_cum = list(accumulate(w for _c, _g, w in EVENT_CODES))
        self.actors = [
            [_actor_block(c, n, k) for k in ACTOR_TYPES] for c, n, _f, _la, _lo in COUNTRIES
        ]
        self.geos = [_geo_block(n, f, la, lo) for _c, n, f, la, lo in COUNTRIES]
        self.slugs = [c.lower() for c, *_ in COUNTRIES]
        self.no_country: float = args.no_country
        self.domestic: float = args.domestic

    def rows(self, first_id: int, n: int) -> list[str]:
        rng = self.rng
        pair_idx = rng.choices(range(len(self.pairs)), cum_weights=self.pair_cum, k=n)
        code_idx = rng.choices(range(len(self.codes)), cum_weights=self.code_cum, k=n)
        n_dates = len(self.dates)
        out: list[str] = []
        append = out.append
        rand, randrange = rng.random, rng.randrange
        for i in range(n):
            a, b = self.pairs[pair_idx[i]]
            if rand() < 0.5:
                a, b = b, a
            date_cols, sqldate, path = self.dates[randrange(n_dates)]
            code_cols, code = self.codes[code_idx[i]]
            actor1 = self.actors[a][i % 3]
            actor2 = self.actors[b][(i // 3) % 3]
            if self.no_country and rand() < self.no_country:
                actor2 = "\t" * 9  # an actor GDELT could not place in a country
            elif self.domestic and rand() < self.domestic:
                actor2 = self.actors[a][0]
            sources = 1 + int(rand() * rand() * 6)
            articles = sources + int(rand() * 8)
            gid = first_id + i
            append(
                f"{gid}\t{date_cols}\t{actor1}\t{actor2}\t{i & 1}\t{code_cols}\t"
                f"{articles + 2}\t{sources}\t{articles}\t{rand() * 12 - 6:.4f}\t"
                f"{self.geos[a]}\t{self.geos[b]}\t{self.geos[b]}\t"
                f"{sqldate}{(i % 24):02d}{(i % 4) * 15:02d}00\t"
                f"https://news.example.com/{path}/{self.slugs[a]}-{self.slugs[b]}-{code}-{gid}.html\n"
            )
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="rows in all (1000000)")
    parser.add_argument("--pairs", type=int, default=300, help="distinct country pairs (300)")
    parser.add_argument("--start", default="2015-02-19", help="first SQLDATE (2015-02-19)")
    parser.add_argument("--end", default="2024-12-31", help="last SQLDATE (2024-12-31)")
    parser.add_argument("--skew", type=float, default=1.1, help="Zipf exponent; 0 = uniform")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=1, help="split into this many files")
    parser.add_argument("--first-id", type=int, default=410_000_000, help="first GLOBALEVENTID")
    parser.add_argument(
        "--no-country", type=float, default=0.0, help="share without Actor2 country"
    )
    parser.add_argument("--domestic", type=float, default=0.0, help="share of domestic events")
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.export.CSV")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    gen = Generator(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    per_file = -(-args.count // max(1, args.files))
    written, next_id, names = 0, args.first_id, []
    for index in range(max(1, args.files)):
        name = args.output
        if args.files > 1:
            stem = args.output.name.split(".")[0]
            suffix = args.output.name[len(stem) :]
            name = args.output.with_name(f"{stem}-{index + 1:03d}{suffix}")
        n_file = min(per_file, args.count - written)
        with name.open("w", encoding="utf-8", newline="") as out:
            done = 0
            while done < n_file:
                n = min(100_000, n_file - done)
                out.write("".join(gen.rows(next_id, n)))
                done, next_id = done + n, next_id + n
        written += n_file
        names.append(name)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in names)
    print(
        f"wrote {written} rows ({size / 1e6:.0f} MB) to {len(names)} file(s) "
        f"in {seconds:.1f} s: {', '.join(str(p) for p in names[:3])}"
        + (" ..." if len(names) > 3 else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
