"""GDELT's CAMEO codes in this app's terms: event codes to a category and modality,
country and region codes to actors.

The CAMEO -> category/modality table is documented in docs/data-model.md
("GDELT import"); keep the two in step.
"""

from __future__ import annotations

import hashlib
import math
import re

from timeline_app.countries import (
    UNKNOWN_REGION_COLOUR,
    geo_to_schematic,
    place_of,
    region_colour,
)
from timeline_app.domain import Actor, ActorKind, Category, Modality

# --- CAMEO event codes -> our vocabulary (docs/data-model.md, "GDELT import") ----------
# The longest matching prefix of EventCode wins, so a root sets the default for its
# family and a few base or leaf codes override it.
_C = Category
CAMEO_CATEGORY: dict[str, Category] = {
    "01": _C.DIALOGUE,  # make public statement
    "02": _C.DIALOGUE, "0254": _C.SANCTIONS,  # appeal; ... for easing of sanctions
    "03": _C.PARTNERSHIP, "0332": _C.ARMS_TRANSFER, "034": _C.DIALOGUE,  # intent to cooperate
    "035": _C.AGREEMENT, "0354": _C.SANCTIONS, "036": _C.DIALOGUE, "037": _C.DIALOGUE,
    "038": _C.DIALOGUE, "039": _C.DIALOGUE,
    "04": _C.DIALOGUE, "042": _C.VISIT, "043": _C.VISIT,  # consult; make / host a visit
    "05": _C.PARTNERSHIP, "055": _C.DIALOGUE, "056": _C.DIALOGUE, "057": _C.AGREEMENT,
    "06": _C.PARTNERSHIP, "062": _C.EXERCISE,  # material cooperation; cooperate militarily
    "07": _C.PARTNERSHIP, "072": _C.ARMS_TRANSFER,  # provide aid; military aid
    "08": _C.AGREEMENT, "085": _C.SANCTIONS, "087": _C.DISPUTE, "0871": _C.AGREEMENT,  # yield
    "09": _C.DISPUTE, "10": _C.DISPUTE, "1054": _C.SANCTIONS, "11": _C.DISPUTE,
    "12": _C.DISPUTE, "1244": _C.SANCTIONS,
    "13": _C.DISPUTE, "1311": _C.SANCTIONS, "1312": _C.SANCTIONS,  # threaten
    "14": _C.DISPUTE, "15": _C.DISPUTE,
    "16": _C.DISPUTE, "162": _C.SANCTIONS, "163": _C.SANCTIONS,  # reduce relations
    "17": _C.DISPUTE, "18": _C.DISPUTE, "19": _C.DISPUTE, "20": _C.DISPUTE,
}  # fmt: skip
# GDELT reports every event as having happened, except declared intentions and threats.
CAMEO_MODALITY: dict[str, Modality] = {"03": Modality.PLANNED, "13": Modality.THREATENED}

CAMEO_ROOTS = (
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
    "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid",
    "Yield", "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest",
    "Exhibit military posture", "Reduce relations", "Coerce", "Assault", "Fight",
    "Use unconventional mass violence",
)  # fmt: skip


_ROOTS = {f"{n:02d}" for n in range(1, 21)}


def classify(event_code: str) -> tuple[Category, Modality]:
    """Category and modality of a CAMEO event code (``"042"``, ``"1312"``)."""
    if not (event_code.isdigit() and 2 <= len(event_code) <= 4 and event_code[:2] in _ROOTS):
        raise ValueError(f"EventCode {event_code!r} is not a CAMEO event code")
    prefix = next(event_code[:n] for n in (4, 3, 2) if event_code[:n] in CAMEO_CATEGORY)
    return CAMEO_CATEGORY[prefix], CAMEO_MODALITY.get(event_code[:2], Modality.HAPPENED)


# --- Country codes that are not in resources/actors.yaml ----------------------------
# CAMEO country codes are ISO 3166-1 alpha-3 with a few exceptions (ROM, TMP, ...) and
# regional codes (kind "bloc" here). Unknown codes still import, named by their code.
_REGIONS = (
    "AFR Africa;ASA Asia;BLK Balkans;CRB Caribbean;CAU Caucasus;CFR Central Africa;"
    "CAS Central Asia;CEU Central Europe;EIN East Indies;EAF Eastern Africa;"
    "EEU Eastern Europe;EUR Europe;LAM Latin America;MEA Middle East;MDT Mediterranean;"
    "NAF North Africa;NMR North America;PGS Persian Gulf;SCN Scandinavia;"
    "SAM South America;SAS South Asia;SEA Southeast Asia;SAF Southern Africa;"
    "WAF West Africa;WST The West"
)
_COUNTRIES = (
    "AFG Afghanistan;AUS Australia;CHN China;FRA France;IND India;ITA Italy;JPN Japan;"
    "KAZ Kazakhstan;KGZ Kyrgyzstan;PAK Pakistan;RUS Russia;TJK Tajikistan;"
    "TKM Turkmenistan;USA United States;UZB Uzbekistan;VNM Vietnam;"
    "AGO Angola;ALB Albania;ARE United Arab Emirates;ARG Argentina;ARM Armenia;"
    "AUT Austria;AZE Azerbaijan;BEL Belgium;BGD Bangladesh;BGR Bulgaria;BHR Bahrain;"
    "BIH Bosnia and Herzegovina;BLR Belarus;BOL Bolivia;BRA Brazil;BRN Brunei;BTN Bhutan;"
    "CAN Canada;CHE Switzerland;CHL Chile;CIV Ivory Coast;CMR Cameroon;COD DR Congo;"
    "COL Colombia;CUB Cuba;CYP Cyprus;CZE Czech Republic;DEU Germany;DNK Denmark;"
    "DZA Algeria;ECU Ecuador;EGY Egypt;ERI Eritrea;ESP Spain;EST Estonia;ETH Ethiopia;"
    "FIN Finland;GBR United Kingdom;GEO Georgia;GHA Ghana;GRC Greece;GZS Gaza Strip;"
    "HRV Croatia;HUN Hungary;IDN Indonesia;IRL Ireland;IRN Iran;IRQ Iraq;ISL Iceland;"
    "ISR Israel;JOR Jordan;KEN Kenya;KHM Cambodia;KOR South Korea;KWT Kuwait;LAO Laos;"
    "LBN Lebanon;LBY Libya;LKA Sri Lanka;LTU Lithuania;LVA Latvia;MAR Morocco;"
    "MDA Moldova;MDV Maldives;MEX Mexico;MLI Mali;MMR Myanmar;MNG Mongolia;"
    "MTN Montenegro;MUS Mauritius;MYS Malaysia;NGA Nigeria;NLD Netherlands;NOR Norway;"
    "NPL Nepal;NZL New Zealand;OMN Oman;PER Peru;PHL Philippines;POL Poland;"
    "PRK North Korea;PRT Portugal;PSE Palestine;QAT Qatar;ROM Romania;RWA Rwanda;"
    "SAU Saudi Arabia;SDN Sudan;SEN Senegal;SGP Singapore;SOM Somalia;SRB Serbia;"
    "SSD South Sudan;SVK Slovakia;SVN Slovenia;SWE Sweden;SYC Seychelles;SYR Syria;"
    "THA Thailand;TMP East Timor;TUN Tunisia;TUR Turkey;TWN Taiwan;TZA Tanzania;"
    "UGA Uganda;UKR Ukraine;VEN Venezuela;WSB West Bank;YEM Yemen;ZAF South Africa;"
    "ZWE Zimbabwe"
)
REGION_NAMES = dict(item.split(" ", 1) for item in _REGIONS.split(";"))
COUNTRY_NAMES = dict(item.split(" ", 1) for item in _COUNTRIES.split(";"))

COUNTRY_CODE_RE = re.compile(r"[A-Z]{3}")  # used with fullmatch


def bulk_actor(code: str) -> Actor:
    """The actor row for a country code that the curated actor table lacks.

    Named from the CAMEO table, else the country table (resources/countries.tsv), which
    also gives its region, that region's colour and its place: x, y are the centroid in
    the schematic frame of resources/actors.yaml (x 0-100 east, y 0-64 north, reaching
    beyond it for the Americas or the far south). A code the table lacks gets no region,
    the colour of unknown regions and a place on a ring around that frame, at an angle
    taken from a hash of the code: stable across imports and machines.
    """
    place = place_of(code)
    if code in REGION_NAMES:
        kind, name = ActorKind.BLOC, REGION_NAMES[code]
    else:
        kind = ActorKind.COUNTRY
        name = COUNTRY_NAMES.get(code) or (place.name if place else code)
    if place is None:
        turn = int.from_bytes(hashlib.sha256(code.encode()).digest()[:4], "big") / 2**32
        angle = 2 * math.pi * turn
        x, y = 50 + 62 * math.cos(angle), 32 + 44 * math.sin(angle)
        return Actor(code, name, kind, "", UNKNOWN_REGION_COLOUR, round(x, 2), round(y, 2))
    x, y = geo_to_schematic(place.lon, place.lat)
    colour = region_colour(place.region)
    return Actor(code, name, kind, place.region, colour, round(x, 2), round(y, 2))
