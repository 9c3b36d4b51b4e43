"""The embedded gazetteer: GeoNames populated places and ISO 3166-2 regions as place rules.

Two tab-separated files ship in ``sahelnews/data``:

* ``gazetteer.tsv``: populated places (GeoNames, CC BY 4.0), one per row:
  ``geonameid, name, country_iso3, admin1, lat, lon, population, feature,
  alternate_names`` (``|``-separated Latin-script spellings);
* ``admin1.tsv``: first-level subdivisions (pycountry's ISO 3166-2 data):
  ``code, country_iso3, type, name, alternate_names``.

Users extend the gazetteer with their own file in the schema of
``gazetteer.tsv`` (see :func:`load_gazetteer_file`). Rows become ordinary
``places`` rules, so they go through the same matcher, disambiguation and
precedence as the hand-written rules.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import attrs
import pycountry

from sahelnews._compile import fold_alias
from sahelnews._errors import RuleError
from sahelnews._lexicon import lexicon
from sahelnews._model import PlaceType
from sahelnews._rules import Rule

#: The columns of a gazetteer file, in order (a header row names them).
GAZETTEER_COLUMNS = (
    "geonameid", "name", "country_iso3", "admin1", "lat", "lon", "population", "feature",
    "alternate_names",
)  # fmt: skip
_REQUIRED = ("geonameid", "name", "country_iso3", "lat", "lon")
_ADMIN1_COLUMNS = ("code", "country_iso3", "type", "name", "alternate_names")

# The words in front of a region's name, by subdivision type, in French and
# English: "la région de Mopti", "Borno State", "la wilaya d'Adrar".
_FR_WORDS = {
    "Region": "région", "Administrative region": "région", "Province": "province",
    "State": "État", "Prefecture": "préfecture", "Economic prefecture": "préfecture",
    "Department": "département", "District": "district", "Autonomous district": "district",
    "Governorate": "gouvernorat", "Popularate": "district", "Commune": "commune",
    "Capital territory": "territoire",
}  # fmt: skip
_EN_WORDS = {
    "Region": "Region", "Administrative region": "Region", "Province": "Province",
    "State": "State", "Prefecture": "Prefecture", "Economic prefecture": "Prefecture",
    "Department": "Department", "District": "District", "Autonomous district": "District",
    "Governorate": "Governorate", "Popularate": "District", "Commune": "Commune",
    "Capital territory": "Territory",
}  # fmt: skip
_WILAYA = {"DZA", "MRT"}  # countries whose regions French calls "wilaya"

# Region names that are ordinary words, compass points or country names: they
# count as a region only with a region word ("la région de l'Est", "Niger State").
_NEEDS_CUE = frozenset(
    fold_alias(w)
    for w in (
        "Centre", "Center", "Central", "Centrale", "Est", "East", "Nord", "North", "Sud",
        "South", "Ouest", "West", "Sahel", "Lac", "Lake", "Plateau", "Littoral", "Maritime",
        "Savanes", "Cascades", "Northern", "Southern", "Eastern", "Western", "Upper East",
        "Upper West", "Volta", "Oti", "Kara", "Mono", "Ouémé", "Alibori", "Atlantique",
        "Capital", "Adrar", "Batha", "Salamat", "Mandoul", "Logone", "Ennedi",
    )
)  # fmt: skip


def _vowel(name: str) -> bool:
    return fold_alias(name[:1]) in set("aeiouyh")


def _region_aliases(names: Iterable[str], kind: str, country: str) -> list[str]:
    """Every way the press writes a region with its region word, in French and English."""
    fr_words = {_FR_WORDS.get(kind, "région"), "région"}
    if country in _WILAYA:
        fr_words.add("wilaya")
    en_words = {_EN_WORDS.get(kind, "Region"), "Region"}
    out: list[str] = []
    for name in names:
        if fold_alias(name) in _country_names():
            # "Niger State" only: "l'État du Niger" and "Niger state
            # television" are the country's state.
            out += [f"{name} {word}" for word in en_words if word == "State"]
            continue
        for word in fr_words:
            if _vowel(name):
                out += [f"{word} d'{name}", f"{word} de l'{name}"]
            else:
                out += [f"{word} de {name}", f"{word} du {name}", f"{word} des {name}"]
                out += [f"{word} de la {name}"]
        for word in en_words:
            out += [f"{name} {word}", f"{name} {word.lower()}", f"{word.lower()} of {name}"]
    return out


@functools.cache
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for record in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                names.add(fold_alias(value))
    return frozenset(names)


def _rows(
    path: str | os.PathLike[str], columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a TSV file whose first non-comment line is a header."""
    origin = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleError(f"cannot read gazetteer file: {exc.strerror or exc}", path=origin) from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"gazetteer file is not UTF-8: {exc}", path=origin) from None
    header: list[str] | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in columns if c not in header]
            if missing:
                raise RuleError(
                    f"line {number}: the header lacks the columns {', '.join(missing)} "
                    f"(expected {', '.join(columns)}, tab-separated)",
                    path=origin,
                )
            continue
        if len(cells) > len(header):
            raise RuleError(
                f"line {number}: {len(cells)} cells for {len(header)} columns", path=origin
            )
        yield number, dict(zip(header, (c.strip() for c in cells), strict=False))
    if header is None:
        raise RuleError("the gazetteer file is empty (no header row)", path=origin)


def _place_label(feature: str, population: int) -> str:
    if feature in set(PlaceType) - {"city", "town", "village"}:
        return feature
    if feature in {"capital", "world_capital"} or population >= 100_000:
        return "city"
    if feature == "admin1_capital" or population >= 10_000 or population == 0:
        return "town"
    return "village"


def load_gazetteer_file(
    path: str | os.PathLike[str],
    *,
    skip: frozenset[str] = frozenset(),
    capital_names: dict[str, list[str]] | None = None,
) -> tuple[Rule, ...]:
    """Load a gazetteer TSV file (the schema of ``gazetteer.tsv``) as place rules.

    The header row names the columns; ``geonameid`` (any unique id),
    ``name``, ``country_iso3``, ``lat`` and ``lon`` are required, ``admin1``,
    ``population``, ``feature`` (``capital``, ``admin1_capital``, ``city``,
    ``world_capital`` for capitals far from the Sahel, which count as places
    only after a locative word, or a place type such as ``military_base``) and ``alternate_names``
    (``|``-separated) are optional. Lines starting with ``#`` are comments.
    Rows whose ``geonames:<id>`` is in *skip* are left out (a curated rule
    stands for them). Names of four letters or fewer match only as written
    (not in capitals: "GAT" is an acronym, not Ghat); those of three letters
    or fewer, and villages of fewer than 10,000 people, only after a locative
    word ("à Wa", "le village de Mané").

    Raises:
        RuleError: the file cannot be read, lacks a required column, or a row
            is invalid (the message names the line).
    """
    origin = str(path)
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, row in _rows(path, _REQUIRED):
        ident = row.get("geonameid", "")
        if not ident or not row.get("name"):
            raise RuleError(f"line {number}: geonameid and name are required", path=origin)
        rule_id = ident if ":" in ident else f"geonames:{ident}"
        if rule_id in skip:
            continue
        if rule_id in seen:
            raise RuleError(f"line {number}: duplicate id {ident!r}", path=origin)
        seen.add(rule_id)
        ambiguous = lexicon().ambiguous_place_names
        names = [
            row["name"],
            *(
                n
                for n in row.get("alternate_names", "").split("|")
                if n and n.casefold() not in ambiguous
            ),
        ]
        feature = row.get("feature", "")
        if feature == "world_capital" and capital_names is not None:
            # GeoNames' alternate names of world capitals run to slang and
            # other scripts' transliterations ("Paname", "Bahliz"); the
            # curated capital names of the countries rules are the ones the
            # press writes ("Pékin", "Beijing").
            names = [row["name"], *capital_names.get(row.get("country_iso3", ""), ())]
        try:
            population = int(row.get("population") or 0)
            shortest = min(len(fold_alias(n)) for n in names)
            rule = Rule(
                family="places",
                id=rule_id,
                label=_place_label(feature, population),
                name=row["name"],
                aliases=list(dict.fromkeys(names)),
                country=row["country_iso3"],
                admin1=row.get("admin1") or None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=population,
                source=rule_id if rule_id.startswith("geonames:") else "user",
                # Short names are often acronyms or words: "GAT" is not Ghat.
                # Capitals far from the Sahel are places only after a locative
                # word ("à Paris"); alone they are usually their government.
                # Villages under 10,000 people are named in news after "à",
                # "village de", "near"; alone their names are more often
                # surnames or words ("Mané", "Igbo").
                context="locative"
                if shortest <= 3
                or feature == "world_capital"
                or 0 < population < 10_000
                or row["name"].casefold() in ambiguous
                else "any",
                case="exact" if shortest <= 4 else "smart",
                origin=origin,
            )
        except RuleError as exc:
            raise RuleError(f"line {number}: {exc.problem}", path=origin, rule_id=rule_id) from None
        except ValueError as exc:
            raise RuleError(f"line {number}: {exc}", path=origin, rule_id=rule_id) from None
        rules.append(rule)
    return tuple(rules)


def load_admin1_file(
    path: str | os.PathLike[str],
    *,
    skip: frozenset[str] = frozenset(),
    town_names: frozenset[tuple[str, str]] = frozenset(),
    phrases: dict[str, list[str]] | None = None,
) -> tuple[Rule, ...]:
    """Load ``admin1.tsv`` (ISO 3166-2 subdivisions) as region rules.

    Each region matches with its region word in French and English ("la
    région de Mopti", "Borno State", "la wilaya d'Adrar"); its bare name
    matches too unless the name is an ordinary word, a compass point, a
    country name, or the name of a town of the same country (*town_names*,
    folded): "à Mopti" is the town, "la région de Mopti" the region.
    """
    origin = str(path)
    countries = _country_names()
    rules: list[Rule] = []
    taken: set[tuple[str, str]] = set()
    for number, row in _rows(path, _ADMIN1_COLUMNS):
        code, country, kind, name = row["code"], row["country_iso3"], row["type"], row["name"]
        rule_id = f"iso3166-2:{code}"
        names = [name, *filter(None, row.get("alternate_names", "").split("|"))]
        if rule_id in skip:
            if phrases is not None:  # a curated rule stands for it: give it the phrases
                phrases[rule_id] = _region_aliases(names, kind, country)
            continue
        # Guinea lists some regions twice (region and prefecture): keep the first.
        if (country, fold_alias(name)) in taken:
            continue
        taken.add((country, fold_alias(name)))
        aliases = _region_aliases(names, kind, country)
        for alias in names:
            folded = fold_alias(alias)
            if (
                folded not in _NEEDS_CUE
                and alias.casefold() not in lexicon().ambiguous_place_names
                and folded not in countries
                and (country, folded) not in town_names
                and len(folded) > 3
            ):
                aliases.append(alias)
        if not aliases:  # Guinea's Mali prefecture: no safe way to name it
            continue
        try:
            rule = Rule(
                family="places",
                id=rule_id,
                label="region",
                name=name,
                aliases=list(dict.fromkeys(aliases)),
                country=country,
                admin1=name,
                source=rule_id,
                origin=origin,
            )
        except RuleError as exc:
            raise RuleError(f"line {number}: {exc.problem}", path=origin, rule_id=rule_id) from None
        rules.append(rule)
    return tuple(rules)


def builtin_gazetteer(curated: Iterable[Rule]) -> tuple[Rule, ...]:
    """The shipped regions and populated places, without those a curated rule stands for.

    Curated region rules linked to a subdivision (``source =
    "iso3166-2:..."``) are returned too, with the region phrases of that
    subdivision added to their aliases; the caller replaces them.
    """
    curated = list(curated)
    skip = frozenset(r.source for r in curated if r.family == "places" and r.source)
    capital_names: dict[str, list[str]] = {}
    for rule in curated:
        if rule.family == "countries" and rule.label == "capital" and rule.country:
            capital_names.setdefault(rule.country, []).extend(rule.aliases)
    base = resources.files("sahelnews") / "data"
    places = load_gazetteer_file(
        Path(str(base / "gazetteer.tsv")), skip=skip, capital_names=capital_names
    )
    towns = frozenset(
        (r.country or "", fold_alias(alias))
        for r in (*places, *curated)
        if r.family == "places" and r.label in {"city", "town", "village"} and r.context == "any"
        for alias in r.aliases
    )
    phrases: dict[str, list[str]] = {}
    regions = load_admin1_file(
        Path(str(base / "admin1.tsv")), skip=skip, town_names=towns, phrases=phrases
    )
    enriched = tuple(
        attrs.evolve(rule, aliases=list(dict.fromkeys([*rule.aliases, *phrases[rule.source]])))
        for rule in curated
        if rule.family == "places" and rule.source in phrases
    )
    return regions + places + enriched
