"""Geography a careful reader resolves: ambiguous places, capitals as metonyms, relative locations.

The recognisers propose, for each place name, every rule that could be
meant ("Gao" the Malian town, "Gao" in Burkina Faso; "région du Sahel" the
Burkina region or the zone). This module picks one from the whole article:
the countries it names, the places that are not ambiguous and how far they
are, and the population; each :class:`~sahelnews.Place` says how it was
resolved. It also tells a capital used for its government ("Paris a
annoncé", "Washington said") from the city as a place ("à Paris").
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import attrs
import pycountry
import regex

from sahelnews._lazy import lazy_regex
from sahelnews._model import Country, CountryVia, Mention, Place, PlaceType, RelativeLocation
from sahelnews._rules import Rule

# A region word in front of a region's name, or after it: the mention keeps
# only the name ("la région de Mopti" -> "Mopti").
_REGION_BEFORE = lazy_regex(
    r"(?i)^(?:(?:la|le|l['’])\s*)?(?:région|region|province|préfecture|prefecture|wilaya|"
    r"[ée]tat|state|département|department|district|gouvernorat|governorate|commune|territoire)"
    r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*|of\s+(?:the\s+)?)"
)
_REGION_AFTER = lazy_regex(
    r"(?i)\s+(?:region|province|state|prefecture|department|district|governorate|commune|"
    r"territory)$"
)

# After a capital, words that make it the government acting or speaking
# ("Bamako a rappelé", "Washington said", "Moscow's support", "Paris et Niamey").
_METONYM_AFTER = lazy_regex(
    r"""(?ix)^(?:['’]s\b|\s*,?\s*(?:
        a|ont|avait|aurait|va|veut|voulait|doit|peut|estime|accuse|dénonce|annonce|affirme|
        semble|paraît|reste|tente|cherche|craint|prévient|appelle|attend|dit|insiste|
        maintient|réclame|juge|salue|regrette|promet|réagit|riposte|envisage|compte|
        exige|refuse|rejette|demande|souhaite|assure|répond|rappelle|soutient|reproche|
        condamne|menace|nie|dément|juge|considère|entend|n['’]|ne\b|s['’]|se\b|y\b|
        said|says|say|has|have|had|is|was|will|would|wants|wanted|accused|accuses|denied|
        denies|rejected|rejects|announced|announces|insists|insisted|warned|warns|urged|
        urges|demanded|demands|condemned|condemns|claims|claimed|refused|refuses|hopes|
        hoped|sees|saw|believes|believed|considers|responded|responds|blamed|blames|
        backed|backs|supports|supported|threatened|threatens|does|did|cannot|can|could|
        should|may|might|must|seems|appears|sent|sends|recalled|recalls|expelled|expels
    )\b)"""
)
# Before a capital, words that make it a place: a locative preposition.
_PLACE_BEFORE = lazy_regex(
    r"(?i)(?:\b(?:in|at|near|from|to|into|outside|around|toward|towards|across|through|of|"
    r"à|a|dans|vers|près\s+de|depuis|hors\s+de|autour\s+de|au\s+départ\s+de|de|du|"
    r"en\s+provenance\s+de|aéroport\s+de|airport|ville\s+de|city\s+of|capitale|capital)\s+"
    r"|\bd['’]\s*)$"
)
# Before a capital, words that make it a party to relations or an object of
# support or blame: "entre Paris et Niamey", "soutenait Moscou", "ties with Beijing".
_METONYM_BEFORE = lazy_regex(
    r"""(?ix)\b(?:entre|avec|contre|vis-à-vis\s+de|soutien\s+(?:de|à)|soutient|soutenait|
    soutenu\s+par|accuse|accusé|accusait|critique|condamne|appelle|exhorte|rejoint|
    between|with|against|supports|supported|backs|backed|accused|accuses|urged|urges|
    criticised|criticized|blamed|blames|ties\s+to|pressure\s+from)\s+$"""
)

# "à 50 km au nord de Gao", "30 km from Djibo", "near Gao", "à une
# trentaine de kilomètres de Djibo", "40 miles north-east of Timbuktu".
_DIRECTIONS = {
    "nord": "N", "north": "N", "sud": "S", "south": "S", "est": "E", "east": "E",
    "ouest": "W", "west": "W", "nord-est": "NE", "north-east": "NE", "northeast": "NE",
    "nord-ouest": "NW", "north-west": "NW", "northwest": "NW", "sud-est": "SE",
    "south-east": "SE", "southeast": "SE", "sud-ouest": "SW", "south-west": "SW",
    "southwest": "SW",
}  # fmt: skip
_APPROX_FR = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "dix": 10, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100,
}  # fmt: skip
_DIR = (
    r"(?:nord|sud|north|south)(?:[\s-]?(?:est|ouest|east|west))?|est|ouest|east|west|"
    r"northeast|northwest|southeast|southwest"
)
_RELATIVE = lazy_regex(
    rf"""(?ix)
    (?:(?:à|a|at|some|about|around|environ|quelque|quelques|près\s+de|nearly|almost|
          plus\s+de|moins\s+de|more\s+than|less\s+than|over|under)\s+)*
    (?:
      (?:(?P<num>\d+(?:[.,]\d+)?)|(?P<word>[a-z]+)|une?\s+(?P<approx>\w+aine))
      \s*(?:de\s+)?(?P<unit>km|kms|kilomètres?|kilometres?|kilometers?|miles?|mi)\b\.?
      \s*(?:(?:au|à\s+l['’]|à\s+l|to\s+the|en)\s*)?(?P<dir>{_DIR})?
      \s*(?:de\s+la\s+ville\s+de\s+|de\s+la\s+localité\s+de\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|from\s+(?:the\s+)?(?:town\s+of\s+)?|of\s+(?:the\s+)?(?:town\s+of\s+)?|outside\s+(?:of\s+)?)
    |
      (?P<near>près\s+de\s+|non\s+loin\s+de\s+|aux\s+environs\s+de\s+|dans\s+les\s+environs\s+de\s+|
         near\s+(?:the\s+town\s+of\s+)?|close\s+to\s+|just\s+outside\s+|outside\s+|on\s+the\s+outskirts\s+of\s+|
         aux\s+abords\s+de\s+|à\s+la\s+périphérie\s+de\s+|dans\s+la\s+périphérie\s+de\s+|
         (?:juste\s+)?à\s+l['’]extérieur\s+de\s+|aux\s+portes\s+d(?:e|u|es)\s+)
    |
      (?:au|dans\s+le|in\s+the)\s+(?P<dir2>{_DIR})\s+(?:de\s+|d['’]|du\s+|of\s+)
    )
    (?:la\s+capitale\s+|the\s+capital\s+|la\s+ville\s+de\s+|the\s+town\s+of\s+|
       (?:du\s+)?centre\s+(?:de\s+|d['’])|the\s+centre\s+of\s+)?$"""
)
_LOOKBACK = 80  # characters read before a place for a relative expression


_POPULATED = frozenset({PlaceType.CITY, PlaceType.TOWN, PlaceType.VILLAGE})
# What a region phrase falls back to when its country is not in the article.
_ZONES = frozenset({PlaceType.SUPRANATIONAL, PlaceType.BORDER_AREA})


@functools.cache
def country_name(iso3: str) -> str:
    """Return the common English name of a country (pycountry), or the code itself."""
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return iso3
    return str(getattr(record, "common_name", None) or record.name)


def region_name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a region phrase: "région de Mopti" -> "Mopti"."""
    phrase = text[start:end]
    before = _REGION_BEFORE.match(phrase)
    if before is not None and before.end() < len(phrase):
        start += before.end()
        phrase = text[start:end]
    after = _REGION_AFTER.search(phrase)
    if after is not None and after.start() > 0:
        end = start + after.start()
    return start, end


def is_metonym(text: str, start: int, end: int) -> bool:
    """Whether a capital's name at [start, end) stands for its government."""
    if _METONYM_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _PLACE_BEFORE.search(text, max(0, start - 30), start):
        return False
    return _METONYM_AFTER.match(text[end : end + 40]) is not None


def _distance_km(a: Rule | Place, b: Rule | Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def place_from_rule(rule: Rule, start: int, end: int, text: str, resolution: str) -> Place:
    """Build the Place mention of *rule* at [start, end)."""
    return Place(
        start=start,
        end=end,
        text=text[start:end],
        rule=rule.id,
        id=rule.id,
        name=rule.canonical_name,
        type=PlaceType(rule.label),
        country=rule.country,
        admin1=rule.admin1,
        lat=rule.lat,
        lon=rule.lon,
        resolution=resolution,
    )


def _same_place(a: Rule, b: Rule) -> bool:
    """Two rules for one place (a curated rule and a gazetteer row it does not link)."""
    if a.country != b.country or (a.label != b.label and PlaceType.REGION in (a.label, b.label)):
        return False
    distance = _distance_km(a, b)
    return distance is not None and distance < 25


def _distinct(options: Sequence[Rule]) -> list[Rule]:
    """The candidates with duplicates of one place dropped (the first listed is kept)."""
    out: list[Rule] = []
    for rule in options:
        if not any(_same_place(rule, kept) for kept in out):
            out.append(rule)
    return out


def resolve_places(
    text: str,
    mentions: Sequence[Mention],
    alternatives: Mapping[tuple[int, int], Sequence[Rule]],
    fallback: Callable[[int, int], Sequence[Rule]] | None = None,
) -> list[Mention]:
    """Pick one rule for each ambiguous place from the article, and trim region phrases.

    *alternatives* maps a place mention's span to its candidate rules (best
    first). A region named with its region word whose country the article
    does not otherwise name falls back to another place of the same name if
    there is one (*fallback* finds them): "the Sahel region" in an article
    about Niger is the zone, not Burkina Faso's region. Candidates are
    scored by the countries the article names (and those of its unambiguous
    populated places), their distance to the nearest unambiguous place, a
    preference for curated rules, and their population; the Place's
    ``resolution`` says which of these decided ("country", "nearby",
    "curated", "population"; "gazetteer" when there was no choice to make,
    "region-word" for the zone fallback).
    """
    countries: Counter[str] = Counter()
    for m in mentions:
        if isinstance(m, Country) and m.via is not CountryVia.CAPITAL:
            countries[m.iso3] += 1
    settled: list[Place] = []  # unambiguous populated places: anchors for distances
    distinct = {span: _distinct(rules) for span, rules in alternatives.items()}
    for m in mentions:
        if isinstance(m, Place):
            options = distinct.get((m.start, m.end), [])
            # Only unambiguous populated places vouch for their country: a
            # region phrase must not confirm its own reading.
            if len(options) <= 1 and m.type in _POPULATED:
                settled.append(m)
                if m.country:
                    countries[m.country] += 1
    out: list[Mention] = []
    for m in mentions:
        if not isinstance(m, Place):
            out.append(m)
            continue
        options = distinct.get((m.start, m.end), [])
        rule, resolution = _choose(options, countries, settled) if len(options) > 1 else (None, "")
        place = m
        if rule is not None:
            place = place_from_rule(rule, m.start, m.end, text, resolution)
        if place.type is PlaceType.REGION:
            start, end = region_name_span(text, place.start, place.end)
            if (start, end) != (place.start, place.end):
                place = attrs.evolve(place, start=start, end=end, text=text[start:end])
                # Only "région"/"region": "province du Tibesti" is the province whatever
                # the article says, "the Sahel region" is usually the zone.
                regionish = regex.search(r"(?i)r[ée]gion", text[m.start : m.end]) is not None
                if (
                    fallback is not None
                    and regionish
                    and place.country
                    and not countries.get(place.country)
                ):
                    others = [r for r in fallback(start, end) if r.label in _ZONES]
                    if others:
                        place = place_from_rule(others[0], start, end, text, "region-word")
        out.append(place)
    return out


def _choose(options: list[Rule], countries: Counter[str], settled: list[Place]) -> tuple[Rule, str]:
    best: tuple[float, int, Rule, str] | None = None
    total = sum(countries.values()) or 1
    for order, rule in enumerate(options):
        country_score = countries.get(rule.country or "", 0) / total if rule.country else 0.0
        near = [d for p in settled if (d := _distance_km(rule, p)) is not None]
        near_score = 1.0 / (1.0 + min(near) / 100.0) if near else 0.0
        population = math.log10((rule.population or 0) + 1) / 7.0
        # A curated rule is the place the press means unless the article says otherwise.
        curated = 0.0 if rule.id.startswith("geonames:") else 0.4
        score = 2.0 * country_score + 1.5 * near_score + 0.3 * population + curated
        reasons = {"country": 2.0 * country_score, "nearby": 1.5 * near_score}
        reason = max(reasons, key=lambda k: reasons[k])
        if reasons[reason] == 0:
            reason = "curated" if curated else "population" if population else "order"
        if best is None or score > best[0] + 1e-9:
            best = (score, order, rule, reason)
    assert best is not None
    return best[2], best[3]


def find_relative(text: str, places: Sequence[Place]) -> list[RelativeLocation]:
    """Relative locations: "à 50 km au nord de Gao", "30 km from Djibo", "near Gao"."""
    out: list[RelativeLocation] = []
    for place in places:
        lo = max(0, place.start - _LOOKBACK)
        m = _RELATIVE.search(text, lo, place.start)
        if m is None:
            continue
        km: float | None = None
        if m.group("num"):
            km = float(m.group("num").replace(",", "."))
        elif m.group("word"):
            km = _NUMBER_WORDS.get(m.group("word").casefold())
            if km is None:
                continue
        elif m.group("approx"):
            km = _APPROX_FR.get(m.group("approx").casefold())
            if km is None:
                continue
        if km is not None and (m.group("unit") or "").casefold().startswith("mi"):
            km = round(km * 1.609344, 1)
        raw_dir = (m.group("dir") or m.group("dir2") or "").casefold()
        direction = _DIRECTIONS.get(regex.sub(r"\s+", "-", raw_dir)) if raw_dir else None
        start = m.start()
        # the words before a number are part of the expression only if they
        # are approximators; a leading locative preposition is kept too
        out.append(
            RelativeLocation(
                start=start,
                end=place.end,
                text=text[start : place.end],
                anchor=place,
                distance_km=km,
                direction=direction,
            )
        )
    return out


# "Congo" and "Congolese" alone name either country. The article decides
# (Kinshasa, Tshisekedi... or Brazzaville, Sassou...; beside "RDC" or "DR
# Congo", bare "Congo" is the Republic of the Congo); without a clue,
# English press means the larger DR Congo and French press, which writes
# "RDC" for it, the Republic of the Congo.
_CONGO_RULES = frozenset({"COG.congo", "COG.demonym"})
_DRC_CLUES = lazy_regex(
    r"(?i)\b(?:Kinshasa|Goma|Bukavu|Lubumbashi|Kisangani|Kivu|Ituri|Katanga|Kasa[iï]|"
    r"Tshisekedi|Kabila|Mobutu|Lumumba|M23|FARDC|MONUSCO|Zaïre|Zaire)\b"
)
_ROC_CLUES = lazy_regex(r"(?i)\b(?:Brazzaville|Pointe-Noire|Sassou|Nguesso|Pool|Dolisie)\b")


def resolve_congo(text: str, mentions: Sequence[Mention], language: str) -> list[Mention]:
    """Resolve bare "Congo" / "Congolese" to COD or COG from the article (see above)."""
    if not any(isinstance(m, Country) and m.rule in _CONGO_RULES for m in mentions):
        return list(mentions)
    named = {m.iso3 for m in mentions if isinstance(m, Country) and m.rule not in _CONGO_RULES}
    if "COD" in named:
        # The text names DR Congo by its own name ("RDC", "DR Congo"), so a
        # bare "Congo" beside it is the other one.
        drc, roc = False, True
    else:
        drc = _DRC_CLUES.search(text) is not None
        roc = "COG" in named or _ROC_CLUES.search(text) is not None
    drc = drc if drc != roc else language == "en"
    iso3 = "COD" if drc else "COG"
    return [
        attrs.evolve(m, iso3=iso3, name=country_name(iso3))
        if isinstance(m, Country) and m.rule in _CONGO_RULES and m.iso3 != iso3
        else m
        for m in mentions
    ]
