"""The GDELT 2.0 reader: formats, mapping, skips and malformed rows (no database)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from timeline_app.countries import REGION_COLOURS, UNKNOWN_REGION_COLOUR, schematic_to_geo
from timeline_app.dates import to_day
from timeline_app.domain import SCORE_MAX, SCORE_MIN, ActorKind, Category, Modality
from timeline_app.ingest.cameo import bulk_actor, classify
from timeline_app.ingest.gdelt import (
    COLUMNS,
    RECORD_FIELDS,
    GdeltError,
    GdeltReader,
    MalformedRow,
    Record,
    open_source,
)
from timeline_app.ingest.problems import display_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
HEADER = FIXTURES / "20211206000000.export.with-header.csv"
ZIP = FIXTURES / "20220608000000.export.CSV.zip"
MALFORMED = FIXTURES / "malformed.export.CSV"


def read_all(path: Path, reader: GdeltReader | None = None) -> tuple[list[Record], GdeltReader]:
    reader = reader or GdeltReader()
    records = [r for chunk, _pos in reader.read(open_source(path)) for r in chunk]
    return records, reader


def by_id(records: list[Record]) -> dict[int, dict[str, object]]:
    return {r[0]: dict(zip(RECORD_FIELDS, r, strict=True)) for r in records}


def test_the_codebook_has_61_columns() -> None:
    assert len(COLUMNS) == 61
    assert (COLUMNS[0], COLUMNS[1], COLUMNS[26], COLUMNS[30], COLUMNS[60]) == (
        "GLOBALEVENTID", "SQLDATE", "EventCode", "GoldsteinScale", "SOURCEURL",
    )  # fmt: skip
    assert all(len(line.rstrip("\n").split("\t")) == 61 for line in TAB.open(encoding="utf-8"))


def test_tab_export_is_read_and_mapped() -> None:
    records, reader = read_all(TAB)
    stats = reader.stats
    assert (stats.rows, stats.kept, stats.domestic, stats.no_country, stats.malformed) == (
        13, 11, 1, 1, 0,
    )  # fmt: skip
    events = by_id(records)
    talks = events[1016873291]  # India and Russia, 2+2 dialogue, 6 December 2021
    assert talks["day"] == to_day(date(2021, 12, 6))
    assert (talks["actor1"], talks["actor2"], talks["pair_a"], talks["pair_b"]) == (
        "IND", "RUS", "IND", "RUS",
    )  # fmt: skip
    assert (talks["category"], talks["modality"], talks["score"]) == ("dialogue", "happened", 7.0)
    assert (talks["num_sources"], talks["num_articles"], talks["quad_class"]) == (4, 20, 1)
    assert talks["source_url"] == (
        "https://news.example.com/2021/12/06/india-russia-2-plus-2-dialogue.html"
    )
    # Initiator and recipient keep their order; the pair is always sorted.
    agreement = events[1016873292]
    assert (agreement["actor1"], agreement["actor2"], agreement["pair_a"]) == ("RUS", "IND", "IND")
    assert agreement["category"] == "agreement"
    assert events[1037731001]["category"] == "visit"  # 042 make a visit: India -> Vietnam
    assert events[1037731002]["category"] == "visit"  # 043 host a visit

    def kind(global_id: int) -> tuple[object, object]:
        return events[global_id]["category"], events[global_id]["modality"]

    assert kind(1037731004) == ("arms_transfer", "planned")  # 0332 intent to give military aid
    assert kind(1016873310) == ("sanctions", "threatened")  # 1312 threaten to sanction
    assert kind(936412003) == ("dispute", "threatened")  # 138 threaten military force
    assert events[936412001]["score"] == -10.0  # Galwan clash, 190
    assert reader.countries_seen == {"IND", "RUS", "VNM", "CHN", "USA", "GBR"}


def test_header_csv_and_zip_read_the_same_rows() -> None:
    tab, _ = read_all(TAB)
    header, reader = read_all(HEADER)
    assert header == tab
    assert reader.stats.rows == 13
    zipped, _ = read_all(ZIP)
    assert zipped == [r for r in tab if r[0] in {1037731001, 1037731002, 1037731003, 1037731004}]


@pytest.mark.parametrize(
    ("code", "category", "modality"),
    [
        ("010", Category.DIALOGUE, Modality.HAPPENED),
        ("0254", Category.SANCTIONS, Modality.HAPPENED),
        ("030", Category.PARTNERSHIP, Modality.PLANNED),
        ("036", Category.DIALOGUE, Modality.PLANNED),
        ("0354", Category.SANCTIONS, Modality.PLANNED),
        ("041", Category.DIALOGUE, Modality.HAPPENED),
        ("042", Category.VISIT, Modality.HAPPENED),
        ("051", Category.PARTNERSHIP, Modality.HAPPENED),
        ("057", Category.AGREEMENT, Modality.HAPPENED),
        ("062", Category.EXERCISE, Modality.HAPPENED),
        ("072", Category.ARMS_TRANSFER, Modality.HAPPENED),
        ("073", Category.PARTNERSHIP, Modality.HAPPENED),
        ("085", Category.SANCTIONS, Modality.HAPPENED),
        ("0871", Category.AGREEMENT, Modality.HAPPENED),
        ("0874", Category.DISPUTE, Modality.HAPPENED),
        ("111", Category.DISPUTE, Modality.HAPPENED),
        ("1244", Category.SANCTIONS, Modality.HAPPENED),
        ("1311", Category.SANCTIONS, Modality.THREATENED),
        ("1313", Category.DISPUTE, Modality.THREATENED),
        ("152", Category.DISPUTE, Modality.HAPPENED),
        ("161", Category.DISPUTE, Modality.HAPPENED),
        ("1622", Category.SANCTIONS, Modality.HAPPENED),
        ("163", Category.SANCTIONS, Modality.HAPPENED),
        ("195", Category.DISPUTE, Modality.HAPPENED),
        ("2042", Category.DISPUTE, Modality.HAPPENED),
    ],
)
def test_cameo_codes_map_to_our_vocabulary(
    code: str, category: Category, modality: Modality
) -> None:
    assert classify(code) == (category, modality)


@pytest.mark.parametrize("code", ["", "21", "00", "0x1", "04567", "4"])
def test_unknown_cameo_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError, match="not a CAMEO event code"):
        classify(code)


def _row(**values: str) -> str:
    fields = TAB.read_text(encoding="utf-8").splitlines()[0].split("\t")
    for name, value in values.items():
        fields[COLUMNS.index(name)] = value
    return "\t".join(fields) + "\n"


def test_goldstein_is_clipped_and_codes_are_upper_case_alpha3(tmp_path: Path) -> None:
    path = tmp_path / "clip.export.CSV"
    path.write_text(
        _row(GLOBALEVENTID="1", GoldsteinScale="12.5")
        + _row(GLOBALEVENTID="2", GoldsteinScale="-10.01")
        + _row(GLOBALEVENTID="3", GoldsteinScale="nan")
        + _row(GLOBALEVENTID="4", Actor2CountryCode="rus"),
        encoding="utf-8",
    )
    records, reader = read_all(path)
    assert [(r[0], r[11]) for r in records] == [(1, SCORE_MAX), (2, SCORE_MIN)]
    assert [str(p) for p in reader.stats.problems] == [
        f"{path}:3: GoldsteinScale 'nan' is not a number",
        f"{path}:4: Actor2CountryCode 'rus' is not a CAMEO country code",
    ]


def test_countries_keeps_events_between_two_listed_countries() -> None:
    records, reader = read_all(TAB, GdeltReader(frozenset({"IND", "VNM", "RUS"})))
    assert {(r[4], r[5]) for r in records} == {("IND", "RUS"), ("IND", "VNM")}
    # China-India, US-India and India-UK are outside; domestic and country-less as before.
    assert (reader.stats.kept, reader.stats.outside, reader.stats.domestic) == (6, 5, 1)
    assert reader.countries_seen == {"IND", "VNM", "RUS"}


def test_malformed_rows_are_reported_with_file_and_line_and_skipped() -> None:
    records, reader = read_all(MALFORMED)
    assert [r[0] for r in records] == [1037731001, 936412002]
    assert reader.stats.malformed == 4
    where = display_name(MALFORMED)  # relative to the working folder, as in every message
    assert [str(p) for p in reader.stats.problems] == [
        f"{where}:2: expected 61 tab-separated columns, found 60",
        f"{where}:3: SQLDATE '20221331' is not a date (YYYYMMDD)",
        f"{where}:4: NumSources 'two' is not a whole number",
        f"{where}:5: EventCode '999' is not a CAMEO event code",
    ]


def test_strict_stops_at_the_first_malformed_row() -> None:
    with pytest.raises(MalformedRow) as caught:
        read_all(MALFORMED, GdeltReader(strict=True))
    assert (caught.value.problem.line, caught.value.problem.file) == (2, display_name(MALFORMED))


def test_header_csv_problems_name_the_physical_line(tmp_path: Path) -> None:
    lines = HEADER.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "bad.csv"
    path.write_text(lines[0] + lines[1] + lines[2].replace(",20211206,", ",2021-12-06,"))
    _records, reader = read_all(path)
    assert [str(p) for p in reader.stats.problems] == [
        f"{path}:3: SQLDATE '2021-12-06' is not a date (YYYYMMDD)"
    ]


def test_files_that_are_not_exports_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GdeltError, match="no such file"):
        open_source(tmp_path / "missing.export.CSV")
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.export.CSV", "")
        archive.writestr("b.export.CSV", "")
    with pytest.raises(GdeltError, match="exactly one export, found 2"):
        open_source(two)
    prose = tmp_path / "notes.txt"
    prose.write_text("minutes of the meeting, in prose\n")
    with pytest.raises(GdeltError, match="neither a tab-separated GDELT export"):
        read_all(prose)
    header = tmp_path / "partial.csv"
    header.write_text("GLOBALEVENTID,SQLDATE\n1,20211206\n")
    with pytest.raises(GdeltError, match="header lacks column"):
        read_all(header)


def test_empty_file_and_blank_lines_are_no_rows(tmp_path: Path) -> None:
    empty = tmp_path / "empty.export.CSV"
    empty.write_text("")
    assert read_all(empty)[1].stats.rows == 0
    blank = tmp_path / "blank.export.CSV"
    blank.write_text(_row() + "\n\n")
    records, reader = read_all(blank)
    assert (len(records), reader.stats.rows, reader.stats.malformed) == (1, 1, 0)


def test_progress_positions_grow_to_the_size() -> None:
    reader = GdeltReader(chunk_rows=4)
    source = open_source(TAB)
    positions = [pos for _chunk, pos in reader.read(source)]
    assert positions == sorted(positions) and positions[-1] == source.size
    assert len(positions) == 4  # 13 rows in chunks of 4, then the rest


def test_bulk_actors_keep_known_names_and_a_stable_place() -> None:
    uk = bulk_actor("GBR")
    assert (uk.name, uk.kind) == ("United Kingdom", ActorKind.COUNTRY)
    assert bulk_actor("GBR") == uk
    assert (bulk_actor("EUR").kind, bulk_actor("EUR").name) == (ActorKind.BLOC, "Europe")
    assert bulk_actor("QQQ").name == "QQQ"
    # A known code is stored at its centroid in the schematic frame (x 0-100 east,
    # y 0-64 north), with its region and that region's colour.
    assert (uk.region, uk.colour) == ("Europe", REGION_COLOURS["Europe"])
    assert schematic_to_geo(uk.x, uk.y) == pytest.approx((-2.0, 54.0), abs=0.05)
    zimbabwe, europe = bulk_actor("ZWE"), bulk_actor("EUR")
    assert (zimbabwe.region, zimbabwe.colour) == ("Africa", REGION_COLOURS["Africa"])
    assert zimbabwe.y < 0 < uk.x < zimbabwe.x  # south of the frame, east of the UK
    assert europe.region == "Europe" and europe.colour == REGION_COLOURS["Europe"]
    # An unknown code: no region, the unknown colour, on a ring around the frame.
    unknown = bulk_actor("QQQ")
    assert (unknown.region, unknown.colour) == ("", UNKNOWN_REGION_COLOUR)
    assert ((unknown.x - 50) / 62) ** 2 + ((unknown.y - 32) / 44) ** 2 == pytest.approx(1, 1e-3)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 20])
def test_lines_split_as_the_text_wrapper_splits_them(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of line ending, a BOM, bytes that are not UTF-8, a character of
    several bytes and a \\r\\n cut in two by the end of a block: the same lines (and
    so the same line numbers) as ``io.TextIOWrapper(newline="")`` gives."""
    import io
    import itertools

    from timeline_app.ingest import gdelt_lines

    data = (
        "\ufeffa\tb\r\nc\rd\ne\r\r\nf\n\nnaïve ünïcödé\t€\r\n\r\rlast".encode()
        + b"\xff\xfe bad \xc3\n\rend\r"
    )
    monkeypatch.setattr(gdelt_lines, "BLOCK", block)
    wrapper = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace", newline="")
    expected = [line.rstrip("\r\n") for line in wrapper]
    got = list(itertools.chain.from_iterable(gdelt_lines.line_blocks(io.BytesIO(data))))
    assert got == expected
    assert "naïve ünïcödé\t€" in got and "\ufffd" in got[-3]
    assert list(itertools.chain.from_iterable(gdelt_lines.line_blocks(io.BytesIO(b"")))) == []


def test_a_crlf_export_reads_as_the_plain_one(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.export.CSV"
    crlf.write_bytes(TAB.read_bytes().replace(b"\n", b"\r\n"))
    assert read_all(crlf)[0] == read_all(TAB)[0]


def test_batches_decode_to_the_records_with_the_same_counts(tmp_path: Path) -> None:
    """``batches`` is what crosses to another process: picklable, compact, and the
    decoder on the other side gets the records and counts the reader has."""
    import pickle

    from timeline_app.ingest.gdelt import Batch, BatchDecoder

    no_url = tmp_path / "no-url.export.CSV"
    no_url.write_text(_row(GLOBALEVENTID="7", SOURCEURL=""), encoding="utf-8")
    paths = (MALFORMED, TAB, no_url)
    reader = GdeltReader()
    records = [r for path in paths for r in read_all(path, reader)[0]]
    batcher = GdeltReader(chunk_rows=2)
    decoder = BatchDecoder()
    decoded: list[Record] = []
    sizes = []
    for path in paths:
        for batch in batcher.batches(open_source(path)):
            batch = pickle.loads(pickle.dumps(batch))
            assert isinstance(batch, Batch)
            sizes.append(batch.count)
            decoded += decoder.rows(batch)
    assert decoded == records and len(sizes) > len(paths)
    assert decoded[-1][0] == 7 and decoded[-1][14] is None  # an empty URL is None
    assert decoder.stats == reader.stats == batcher.stats
    assert decoder.countries_seen == reader.countries_seen


def test_malformed_row_survives_pickling_with_its_problem() -> None:
    import pickle

    with pytest.raises(MalformedRow) as caught:
        read_all(MALFORMED, GdeltReader(strict=True))
    again = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(again, MalformedRow)
    assert again.problem == caught.value.problem and str(again) == str(caught.value)


def test_a_zipped_csv_with_a_header_reads_as_the_plain_one(tmp_path: Path) -> None:
    zipped = tmp_path / "header.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(HEADER, HEADER.name)  # read from the top again for the csv module
    records, reader = read_all(zipped)
    plain, plain_reader = read_all(HEADER)
    assert records == plain and len(records) == 11
    assert reader.stats == plain_reader.stats
