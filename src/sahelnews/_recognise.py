"""Entity recognisers, overlap resolution and actor composition."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import regex

from sahelnews._compile import AliasMatcher, CompiledRules, Hit, first_fit
from sahelnews._coref import resolve_anaphora
from sahelnews._geo import (
    country_name,
    is_metonym,
    place_from_rule,
    resolve_congo,
    resolve_places,
)
from sahelnews._lazy import lazy_regex
from sahelnews._lexicon import lexicon
from sahelnews._model import (
    Actor,
    ActorType,
    Country,
    CountryVia,
    Mention,
    Place,
    PlaceType,
    Unit,
)
from sahelnews._rules import Rule

_PREV_WORD = lazy_regex(r"(\p{L}+['’]?)\s*$")
_ORDINAL = lazy_regex(r"^(\d+)")


def _locative_ok(text: str, start: int) -> bool:
    """Return whether the word before *start* is a locative or article word."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group(1).casefold().replace("’", "'")
    return word in lexicon().locative


def _pick(hit: Hit, text: str) -> Rule | None:
    """Return the first candidate rule of *hit* whose context condition holds."""
    for rule in hit.rules:
        if rule.context == "locative" and not _locative_ok(text, hit.start):
            continue
        return rule
    return None


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "premier": 1, "première": 1, "deuxième": 2,
    "seconde": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6,
}  # fmt: skip


def _unit_number(hit: Hit, rule: Rule) -> int | None:
    if hit.match is not None and "number" in hit.match.groupdict():
        raw = hit.match.group("number")
        if raw:
            m = _ORDINAL.match(raw)
            if m:
                return int(m.group(1))
            return _ORDINAL_WORDS.get(raw.casefold())
    return rule.number


# Which kind wins when two candidates cover exactly the same characters.
_PRIORITY = {"unit": 6, "actor": 5, "country": 4, "place": 3, "capital": 2, "generic": 1}


def _located(rule: Rule, hit: Hit, text: str) -> dict[str, Any]:
    """Return the span and rule fields every mention has."""
    return {"start": hit.start, "end": hit.end, "text": text[hit.start : hit.end], "rule": rule.id}


def _named(rule: Rule, hit: Hit, text: str) -> dict[str, Any]:
    """Return the fields of a mention that names a rule's entity."""
    return {**_located(rule, hit, text), "id": rule.id, "name": rule.canonical_name}


def _country(rule: Rule, hit: Hit, text: str) -> tuple[int, Mention] | None:
    if rule.country is None:
        return None
    via = CountryVia(rule.label)
    mention = Country(
        **_located(rule, hit, text),
        iso3=rule.country,
        name=country_name(rule.country),
        via=via,
    )
    return _PRIORITY["capital" if via is CountryVia.CAPITAL else "country"], mention


def _place(rule: Rule, hit: Hit, text: str) -> tuple[int, Mention] | None:
    return _PRIORITY["place"], place_from_rule(rule, hit.start, hit.end, text, "gazetteer")


def _actor(rule: Rule, hit: Hit, text: str) -> tuple[int, Mention] | None:
    mention = Actor(
        **_named(rule, hit, text),
        type=ActorType(rule.label),
        country=rule.country,
        generic=rule.generic,
        acled_inter=rule.acled_inter,
    )
    return _PRIORITY["generic" if rule.generic else "actor"], mention


def _unit(rule: Rule, hit: Hit, text: str) -> tuple[int, Mention] | None:
    mention = Unit(
        **_named(rule, hit, text),
        type=ActorType(rule.label),
        country=rule.country,
        echelon=rule.echelon,
        number=_unit_number(hit, rule),
        parent=rule.parent,
    )
    return _PRIORITY["unit"], mention


_BUILDERS: tuple[tuple[str, Callable[[Rule, Hit, str], tuple[int, Mention] | None]], ...] = (
    ("countries", _country),
    ("places", _place),
    ("actors", _actor),
    ("units", _unit),
)


def _candidates(
    text: str,
    compiled: CompiledRules,
    alternatives: dict[tuple[int, int], list[Rule]],
    families: frozenset[str],
) -> list[tuple[int, Mention]]:
    out: list[tuple[int, Mention]] = []
    place_spans: set[tuple[int, int]] = set()
    capitals: list[tuple[int, Mention]] = []
    for family, build in _BUILDERS:
        if family not in families:
            continue
        matcher: AliasMatcher = getattr(compiled, family)
        for hit in matcher.finditer(text):
            if family == "places":
                if _in_person_name(text, hit.start, hit.end) or _in_title(text, hit.start, hit.end):
                    continue
                options = [r for r in hit.rules if _context_ok(r, hit, text)]
                if any(not r.id.startswith("geonames:") for r in hit.rules if r not in options):
                    # A name that a curated rule reads only in a place context
                    # (a first name, a word) needs that context for every place.
                    options = []
                if not options:
                    continue
                alternatives[(hit.start, hit.end)] = options
                place_spans.add((hit.start, hit.end))
                rule: Rule | None = options[0]
            else:
                rule = _pick(hit, text)
            candidate = build(rule, hit, text) if rule is not None else None
            if candidate is None:
                continue
            mention = candidate[1]
            if isinstance(mention, Country) and mention.via is CountryVia.CAPITAL:
                capitals.append(candidate)
            else:
                out.append(candidate)
    # A capital is also a city: which one the text means depends on context
    # ("Bamako a rappelé son ambassadeur" is the government, "à Bamako" the city).
    for priority, mention in capitals:
        span = (mention.start, mention.end)
        if _in_title(text, *span):
            continue  # "Protocole de Maputo", "accords d'Alger": a name, not the state
        if span not in place_spans:
            out.append((priority, mention))
        elif is_metonym(text, *span):
            out = [c for c in out if (c[1].start, c[1].end) != span or not isinstance(c[1], Place)]
            alternatives.pop(span, None)
            out.append((priority, mention))
    return out


_NAME_AFTER = lazy_regex(r"[ \t]+(\p{Lu}\p{Ll}+)\b")
_NAME_BEFORE = lazy_regex(r"(?:^\s*|[^.!?\n«\"“\s:;]\s+)(\p{Lu}\p{Ll}+)[ \t]+$")
_NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "airport", "province", "region",
        "state", "city", "district", "town", "village", "camp", "base",
    }
)  # fmt: skip


def _in_person_name(text: str, start: int, end: int) -> bool:
    """Whether a place name is part of a person's or a club's name ("Gao Hucheng", "Sadio Mané").

    A capitalised word right after the name (not a weekday, month or place
    word), or a capitalised word right before it inside a sentence, makes it
    part of a longer proper name.
    """
    after = _NAME_AFTER.match(text, end)
    if after is not None and after.group(1).casefold() not in _NOT_NAMES:
        return True
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        word = before.group(1).casefold()
        return word not in lexicon().locative and word not in _NOT_NAMES
    return False


_TITLE_BEFORE = lazy_regex(
    r"(?i)\b(?:coupe|championnat|ligue|protocole|traité|accord|accords|convention|charte|"
    r"rallye|jeux|prix|cup|championship|protocol|treaty|charter)\s+(?:de\s+la\s+|de\s+l['’]|"
    r"du\s+|des\s+|de\s+|d['’]|of\s+(?:the\s+)?)$"
)
_TITLE_AFTER = lazy_regex(
    r"(?i)^(?:\s+(?:Cup|Nations\s+Cup|Cup\s+of\s+Nations)\b|\s+des\s+[Nn]ations\b)"
)


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether a place name is part of the name of a competition or a treaty.

    "Coupe d'Afrique des Nations", "Africa Cup of Nations", "Protocole de
    Maputo" name no place.
    """
    return (
        _TITLE_BEFORE.search(text, max(0, start - 25), start) is not None
        or _TITLE_AFTER.match(text[end : end + 30]) is not None
    )


def _context_ok(rule: Rule, hit: Hit, text: str) -> bool:
    if rule.context != "locative":
        return True
    if rule.canonical_name.casefold() in lexicon().ambiguous_place_names:
        # A person's name after "de" or "the" is still a person ("l'héritage
        # de Mandela"): these names need a true preposition of place.
        return _preposition_before(text, hit.start)
    return _locative_ok(text, hit.start)


def _preposition_before(text: str, start: int) -> bool:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).casefold().replace("’", "'") in lexicon().prepositions


def resolve_overlaps(candidates: Iterable[tuple[int, Mention]]) -> list[Mention]:
    """Keep the longest of overlapping candidates (ties: by kind priority, then leftmost)."""
    ordered = sorted(candidates, key=lambda c: (-(c[1].end - c[1].start), -c[0], c[1].start))
    kept = [ordered[i][1] for i in first_fit((m.start, m.end) for _, m in ordered)]
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


_ALL = frozenset({"countries", "places", "actors", "units"})
_GEOGRAPHY = frozenset({"countries", "places"})


def find_entities(text: str, compiled: CompiledRules) -> list[Mention]:
    """Find country, place, actor and unit mentions, overlaps resolved, generic actors composed.

    Ambiguous places are resolved from the whole article and region phrases
    trimmed to the region's name ("la région de Mopti" -> "Mopti").
    """
    mentions = compose_actors(
        text, find_geography(text, compiled, _ALL), compiled.language, compiled.actors
    )
    mentions = find_titled_persons(text, mentions)
    mentions = find_unlisted_places(text, mentions)
    mentions = find_named_persons(text, mentions)
    mentions = extend_phrases(text, mentions, compiled.language)
    return resolve_anaphora(text, mentions)


@functools.cache
def _titled_name_re() -> regex.Pattern[str]:
    """A title followed by a capitalised name: "President Dawda Jawara"."""
    words = sorted(lexicon().titles, key=len, reverse=True)
    titles = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    particle = r"(?:de|da|dos|del|di|bin|ben|bint|al|el|van|von|ould|ag|ibn|le|la)"
    name = r"\p{Lu}[\p{L}'’.-]*[\p{L}.]"
    return regex.compile(
        rf"(?i:(?<![\w-])(?:{titles}))\s+(?P<name>{name}(?:\s+(?:{particle}\s+)?{name}){{0,3}})"
        r"(?![\w'’-])"
    )


# "Gambian President X", "British Foreign Secretary X": the demonym just before the title.
_DEMONYM_GAP = lazy_regex(r"^\s+(?:\p{Lu}[\p{L}-]+\s+){0,2}$")


def find_titled_persons(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Add a person actor for each titled name the knowledge base lacks.

    "President Dawda Jawara", "Secretary-General Kofi Annan", "le colonel
    Abdoulaye Maïga": the name after a title (``[phrase_modifiers] titles``
    in the lexicon) is a person, with the country of a demonym right before
    the title ("Gambian President Dawda Jawara" is Gambian). Names already
    recognised are left alone.
    """
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    demonyms = [m for m in mentions if isinstance(m, Country)]
    found: list[Mention] = []
    for hit in _titled_name_re().finditer(text):
        start, end = hit.span("name")
        if any(taken[start:end]):
            continue
        country = None
        for c in demonyms:
            if c.end <= hit.start() and _DEMONYM_GAP.match(text[c.end : hit.start()]):
                country = c.iso3
        name = " ".join(hit.group("name").split())
        found.append(
            Actor(
                start=start,
                end=end,
                text=text[start:end],
                rule="person:titled",
                id="person:" + name,
                name=name,
                type=ActorType.PERSON,
                country=country,
            )
        )
    if not found:
        return list(mentions)
    return sorted([*mentions, *found], key=lambda x: (x.start, -x.end))


# A word of a name: capitalised with a lower-case letter ("Amini", "McCain",
# "Jean-Pierre", "al-Islam"), or an initial ("W."). Elisions and possessives
# are cut off ("L'inspecteur" is no name, "Saddam's" is "Saddam").
_NAME_WORD = lazy_regex(r"[\p{L}][\p{L}\p{M}'’.-]*")
_ELISION = lazy_regex(r"^(?i:[ldjnms]|qu)['’]")
_POSSESSIVE = lazy_regex(r"['’]s?$")
_CAPITALISED = lazy_regex(
    r"^(?:\p{Lu}[\p{L}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*|\p{Lu}\.|(?:al|el)-\p{Lu}\p{L}+)$"
)
_NAME_GAP = lazy_regex(r"^[ \t\u00a0]+$")


@attrs.frozen
class _NameWord:
    start: int
    end: int
    text: str


@functools.cache
def _capital_runs() -> regex.Pattern[str]:
    """Stretches of capitalised words and the particles between them.

    Only these can hold a name: cutting the text down to them first spares
    building a word object for every lower-case word of an article.
    """
    word = (
        r"(?:(?<![\p{L}\p{M}'’.-])(?:\p{L}{1,2}['’])?\p{Lu}[\p{L}\p{M}'’.-]*"
        r"|(?:al|el)-\p{Lu}[\p{L}\p{M}'’.-]*)"
    )
    particles = "|".join(sorted(lexicon().name_particles, key=len, reverse=True))
    return regex.compile(rf"{word}(?:[ \t\u00a0]+(?:(?:{particles})[ \t\u00a0]+)?{word})*")


def _name_words(text: str) -> list[_NameWord]:
    out = []
    for run in _capital_runs().finditer(text):
        out.extend(_run_words(run.group(0), run.start()))
    return out


def _run_words(text: str, offset: int) -> list[_NameWord]:
    out = []
    for m in _NAME_WORD.finditer(text):
        start, word = offset + m.start(), m.group(0)
        elided = _ELISION.match(word)
        if elided:
            start, word = start + elided.end(), word[elided.end() :]
        word = word.rstrip(".") if len(word) > 2 else word
        cut = _POSSESSIVE.search(word)
        if cut is not None and len(word) > 3:
            word = word[: cut.start()]
        if word:
            out.append(_NameWord(start, start + len(word), word))
    return out


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headlines): their capitals say nothing."""
    out = []
    offset = 0
    for line in text.split("\n"):
        # Short words ("of", "in", "the") stay lower case in many headlines.
        words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((offset, offset + len(line)))
        offset += len(line) + 1
    return out


# A place the gazetteer lacks, told by its context: a preposition of place
# or a place noun before a capitalised name ("in downtown Istanbul", "la
# région de Kherson", "l'usine de Zaporizhzhia", "the town of Trujillo Alto").
_UNLISTED_PLACE = lazy_regex(
    r"(?:\b(?P<prep>in|at|near|outside|into|à|dans|près\s+de|aux\s+environs\s+de)\s+"
    r"(?:(?<=\b(?:in|at|near|outside|into)\s+)the\s+)?"
    r"(?:(?:downtown|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|the\s+(?:northern|southern|eastern|western|central)\s+"
    r"(?:town|city|village)\s+of)\s+)?"
    r"|\b(?P<noun>town|city|village|district|region|province|county|commune|municipality|"
    r"ville|localité|région|province|commune|département|cercle|quartier|préfecture|arrondissement|"
    r"usine|factory|plant|camp|base|mine|oblast)\s+(?:[\p{Ll}-]+\s+)?(?:of|de|du|d['’])\s*)"
    r"(?P<name>\p{Lu}[\p{L}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*"
    r"(?:[ \t\u00a0-]\p{Lu}[\p{L}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*){0,3})(?![\w'’-])",
)
_UNLISTED_TYPE = {
    "town": PlaceType.TOWN,
    "city": PlaceType.CITY,
    "ville": PlaceType.TOWN,
    "localité": PlaceType.TOWN,
    "municipality": PlaceType.TOWN,
    "village": PlaceType.VILLAGE,
    "camp": PlaceType.MILITARY_BASE,
    "base": PlaceType.MILITARY_BASE,
}


def find_unlisted_places(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Add a place for each capitalised name in a place's context that the gazetteer lacks.

    "in downtown Istanbul", "dans la région de Kherson", "la ville
    nigérienne de Maïné Soroa": the name after a preposition of place or a
    place noun is a place with ``resolution == "unlisted"``, an id
    ``unlisted:<name>``, and no country or coordinates. Names that are
    words of the ``[names]`` lexicon (months, days, "Dieu") or organisations
    ("at Harvard University") are left alone, and so are names already
    recognised.
    """
    lex = lexicon()
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    found: list[Mention] = []
    for hit in _UNLISTED_PLACE.finditer(text):
        start, end = hit.span("name")
        if any(taken[start:end]):
            continue
        words = hit.group("name").replace("-", " ").split()
        lower = {w.casefold() for w in words}
        if lower & (lex.name_stopwords | lex.name_organisation_words) or words[0].casefold() in {
            "english",
            "french",
            "arabic",
            "anglais",
            "français",
            "arabe",
        }:
            continue
        noun = (hit.group("noun") or "").casefold()
        if noun in {"région", "region", "province", "district", "département", "cercle", "oblast"}:
            kind = PlaceType.REGION
        else:
            kind = _UNLISTED_TYPE.get(noun, PlaceType.OTHER)
        name = " ".join(hit.group("name").split())
        found.append(
            Place(
                start=start,
                end=end,
                text=text[start:end],
                rule="place:unlisted",
                id="unlisted:" + name,
                name=name,
                type=kind,
                resolution="unlisted",
            )
        )
    if not found:
        return list(mentions)
    return sorted([*mentions, *found], key=lambda x: (x.start, -x.end))


# "the town of Trujillo Alto", "la ville de Maïné Soroa": a place's name.
_PLACE_OF = lazy_regex(
    r"\b(?:town|city|village|district|region|province|county|state|area|commune|ville|localité|"
    r"village|région|province|commune|département|cercle|quartier|préfecture)\s+"
    r"(?:[\p{L}-]+\s+)?(?:of|de|d['’])\s*$",
    regex.IGNORECASE,
)
_OF_COUNTRY_AFTER = lazy_regex(r"\s+of\s+(?:the\s+)?")
_OF_COUNTRY = lazy_regex(r"\s+(?:of|du|de\s+la|de\s+l['’]|de|des)\s*$")


def _name_country(text: str, start: int, end: int, countries: Sequence[Country]) -> str | None:
    """The country of a name: a demonym right before it, or "of <country>" right after.

    "Iraqi leader Saddam Hussein", "Leonid Kuchma of Ukraine".
    """
    k = bisect.bisect_left(countries, start, key=lambda c: c.start)
    if (
        k > 0
        and countries[k - 1].via is CountryVia.DEMONYM
        and _DEMONYM_GAP.match(text[countries[k - 1].end : start])
    ):
        return countries[k - 1].iso3
    for c in countries[k : k + 1]:
        if c.start - end < 12 and _OF_COUNTRY.match(text[end : c.start]):
            return c.iso3
    return None


def find_named_persons(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Add an actor for each run of capitalised words the knowledge base lacks.

    "Mahsa Amini", "Nana Akufo Ado", "Saif al-Islam Kadhafi" are persons;
    a run holding an organisation word ("Mines Advisory Group", "Wall Street
    Journal") is an organisation (type ``other``); one holding a place word
    ("Black Sea", "Port of Miami") or standing after a preposition of place
    ("à Maïné Soroa") is no actor. A single word is a person only as the
    surname or given name of a person named earlier in full ("Saddam" after
    "Saddam Hussein", "Amini" after "Mahsa Amini"). Sentence-opening words,
    titles and title-case headlines are left out (``[names]`` in the lexicon).
    """
    lex = lexicon()
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    headlines = _title_case_lines(text)
    countries = [m for m in mentions if isinstance(m, Country)]
    titles = {t for t in lex.titles if " " not in t}
    # Persons named in full earlier in the text, by each of their words: a
    # single word refers back to one, never forward.
    known: dict[str, Mention] = {}
    persons = sorted(
        (m for m in mentions if isinstance(m, Actor) and m.type is ActorType.PERSON),
        key=lambda m: m.end,
    )
    next_person = 0

    def stop(word: str) -> bool:
        low = word.casefold()
        return (
            low in lex.name_stopwords
            or low in titles
            or low + "." in titles
            or low.rstrip("s") in titles
        )

    found: list[Mention] = []
    words = _name_words(text)
    k = 0
    while k < len(words):
        run: list[_NameWord] = []
        while k < len(words):
            w = words[k]
            capital = _CAPITALISED.match(w.text) is not None and not any(taken[w.start : w.end])
            if capital:
                if run and not _NAME_GAP.match(text[run[-1].end : w.start]):
                    break
                run.append(w)
                k += 1
                continue
            if (
                run
                and w.text in lex.name_particles
                and k + 1 < len(words)
                and _NAME_GAP.match(text[run[-1].end : w.start])
                and _CAPITALISED.match(words[k + 1].text)
            ):
                run.append(w)
                k += 1
                continue
            break
        if not run:
            k += 1
            continue
        while run and (stop(run[0].text) or run[0].text in lex.name_particles):
            run.pop(0)
        while run and (stop(run[-1].text) or run[-1].text in lex.name_particles):
            run.pop()
        if not run:
            continue
        start, end = run[0].start, run[-1].end
        while next_person < len(persons) and persons[next_person].end <= start:
            for word in persons[next_person].text.split()[-3:]:
                known.setdefault(word, persons[next_person])
            next_person += 1
        if any(a <= start < b for a, b in headlines):
            continue
        lower = {w.text.casefold() for w in run}
        organisation = bool(lower & lex.name_organisation_words)
        if (
            (not organisation and lower & lex.name_place_words)
            or _preposition_before(text, start)
            or _PLACE_OF.search(text, max(0, start - 40), start)
        ):
            continue
        name = " ".join(w.text for w in run)
        refers: Mention | None = None
        if len(run) == 1:
            refers = known.get(run[0].text)
            if refers is None:
                continue
        actor = Actor(
            start=start,
            end=end,
            text=text[start:end],
            rule="name:unknown",
            id=("org:" if organisation else "person:") + name,
            name=name,
            type=ActorType.OTHER if organisation else ActorType.PERSON,
            country=_name_country(text, start, end, countries),
        )
        of_country = _OF_COUNTRY_AFTER.match(text, end)
        if of_country is not None and actor.country is not None and not organisation:
            # "Leonid Kuchma of Ukraine" is one mention: the country says whose.
            at = bisect.bisect_left(countries, of_country.end(), key=lambda c: c.start)
            follow = countries[at : at + 1]
            if follow and follow[0].start == of_country.end() and follow[0].iso3 == actor.country:
                end = follow[0].end
                actor = attrs.evolve(actor, end=end, text=text[start:end])
        if refers is not None and isinstance(refers, Actor):
            actor = attrs.evolve(
                actor, id=refers.id, name=refers.name, country=refers.country, refers_to=refers
            )
        elif not organisation:
            for w in run[-3:]:
                known.setdefault(w.text, actor)
        found.append(actor)
    if not found:
        return list(mentions)
    return sorted([*mentions, *found], key=lambda x: (x.start, -x.end))


def find_geography(
    text: str, compiled: CompiledRules, families: frozenset[str] = _GEOGRAPHY
) -> list[Mention]:
    """Find the mentions of *families* (countries and places by default), places resolved."""
    alternatives: dict[tuple[int, int], list[Rule]] = {}
    mentions = resolve_overlaps(_candidates(text, compiled, alternatives, families))

    def fallback(start: int, end: int) -> list[Rule]:
        return [
            rule
            for hit in compiled.places.finditer(text[start:end])
            if (hit.start, hit.end) == (0, end - start)
            for rule in hit.rules
        ]

    mentions = resolve_places(text, mentions, alternatives, fallback)
    return resolve_congo(text, mentions, compiled.language)


_NUMBER_BEFORE = lazy_regex(
    r"(?<!\b(?:in|since|by|until|of|from|en|depuis|fin|début)\s+)"
    r"(?<!(?<!\b(?:plus|moins|près|environ|dont|sur|sauf))\s+de\s+)"
    # (not the tail of a spaced thousand: "de 1 000 hommes" is no "000 hommes")
    # (nor the digits of a name: "the M23 rebels")
    r"(?<![\p{L}\d.,-])(?<!\d[\u202f\u00a0 ])(\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+|\d+)\s+$",
    regex.IGNORECASE,
)
_OF_RIGHT = lazy_regex(
    r"^\s+(?:of|from|de|du|des|d['’])\s*(?:the\s+|la\s+|l['’]\s*)?$",
    regex.IGNORECASE,
)


# Vague plurals give no number: "dozens of soldiers", "des centaines de civils".
_VAGUE = frozenset({"dozens", "hundreds", "thousands", "scores", "dizaines", "centaines"})


@functools.cache
def _number_words_before() -> regex.Pattern[str]:
    """A number in words before an actor: "une centaine de soldats", "three soldiers"."""
    lex = lexicon()
    counts = [q for q in lex.quantities if not set(q.split()) & _VAGUE]
    # "un", "une", "a" are articles before a head far more often than counts
    counts += [n for n in lex.numbers if not n.isdigit() and n not in {"un", "une", "a", "an"}]
    alternation = "|".join(regex.escape(c) for c in sorted(counts, key=len, reverse=True))
    return regex.compile(rf"(?i)(?<![\w-])(?P<count>{alternation})\s+(?:(?:de|d['’]|of)\s*)?$")


def _number_value(words: str) -> int | None:
    lex = lexicon()
    folded = words.casefold()
    return lex.quantities.get(folded) or lex.numbers.get(folded)


def _gap_is_modifiers(gap: str) -> bool:
    """Return whether *gap* holds only whitespace and actor modifiers ("military", "armed")."""
    if gap and not gap[0].isspace():
        return False
    words = gap.split()
    if len(words) > 2:
        return False
    modifiers = lexicon().modifiers
    return all(w.casefold() in modifiers for w in words)


def _national_army(head_rule: str, iso3: str | None, actors: AliasMatcher | None) -> Rule | None:
    """The knowledge base's armed forces of *iso3*, for a generic army head ("l'armée malienne")."""
    lex = lexicon()
    if iso3 is None or actors is None or head_rule not in lex.army_heads:
        return None
    wanted = lex.national_armies.get(iso3)
    return actors.rule_by_id(wanted) if wanted else None


def compose_actors(
    text: str,
    mentions: Sequence[Mention],
    language: str,
    compiled_actors: AliasMatcher | None = None,
) -> list[Mention]:
    """Merge generic actor heads with an adjacent country into one actor phrase.

    "Russian military personnel", "US troops", "Niger's junta", "the military
    rulers of Niger", "les soldats maliens": the head noun gives the actor type,
    the country mention its state. The country mention itself is kept.
    """
    out = list(mentions)
    for i, head in enumerate(mentions):
        if not (isinstance(head, Actor) and head.generic):
            continue
        country: Country | None = None
        start, end = head.start, head.end
        left = mentions[i - 1] if i > 0 else None
        right = mentions[i + 1] if i + 1 < len(mentions) else None
        if isinstance(left, Country) and left.via is not CountryVia.CAPITAL:
            gap = text[left.end : head.start]
            if gap[:2] in {"'s", "’s"}:
                gap = gap[2:]
            elif gap[:1] in {"'", "’"} and left.text.endswith("s"):
                gap = gap[1:]
            if _gap_is_modifiers(gap):
                country, start = left, left.start
        if country is None and isinstance(right, Country) and right.via is not CountryVia.CAPITAL:
            gap = text[head.end : right.start]
            if (right.via is CountryVia.NAME and _OF_RIGHT.match(gap)) or (
                right.via is CountryVia.DEMONYM
                and not gap.strip()
                and (language == "fr" or right.text[:1].islower())
            ):
                country, end = right, right.end
        number = None
        m = _NUMBER_BEFORE.search(text, max(0, start - 20), start)
        if m is not None:
            digits = regex.sub(r"\D", "", m.group(1))
            number = int(digits) if digits else None
            start = m.start(1)
        else:
            words = _number_words_before().search(text, max(0, start - 40), start)
            if words is not None:
                number = _number_value(words.group("count"))
                if number is not None:
                    start = words.start("count")
        if country is None and number is None:
            continue
        army = _national_army(head.rule, country.iso3 if country else None, compiled_actors)
        out[i] = Actor(
            start=start,
            end=end,
            text=text[start:end],
            rule=f"compose:{head.rule}",
            id=army.id if army else (f"{country.iso3}.{head.type.value}" if country else head.id),
            name=army.canonical_name
            if army
            else (f"{country.name} ({head.type.value})" if country else head.name),
            type=head.type,
            country=country.iso3 if country else None,
            generic=country is None,
            head=head.rule,
            number=number,
            acled_inter=army.acled_inter if army else head.acled_inter,
        )
    return out


@functools.cache
def _modifier_res() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    lex = lexicon()

    def alternation(words: Sequence[str]) -> str:
        ordered = sorted(words, key=len, reverse=True)
        return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered)

    before = regex.compile(rf"(?i)(?<![\w-])(?:(?:{alternation(lex.modifiers_before)})\s+)+$")
    after = regex.compile(rf"(?i)^(?:\s+(?:{alternation(lex.modifiers_after)})(?![\w-]))+")
    return before, after


@functools.cache
def _title_re() -> regex.Pattern[str]:
    words = sorted(lexicon().titles, key=len, reverse=True)
    alternation = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    return regex.compile(rf"(?i)(?<![\w-])(?:{alternation})\s+$")


# "soldiers of the Chadian army", "combattants du JNIM", "habitants de Djibo"
_OF_GAP = lazy_regex(r"(?i)^\s+(?:of|from|de|du|des|d['’])\s*(?:the\s+|la\s+|l['’]\s*|le\s+)?$")
# "Police in Niger", "militaires au pouvoir au Niger": for authorities only
_IN_GAP = lazy_regex(r"(?i)^\s+(?:in|au|en|aux)\s+$")
# "la junte au pouvoir à Conakry", "the junta in Niamey": authorities at their seat
_AT_GAP = lazy_regex(r"(?i)^\s+(?:à|in|at)\s+$")
_IN_TYPES = frozenset({ActorType.GOVERNMENT, ActorType.POLICE})
# A title between a head and a person: "ministre de la Défense Sadio Camara"
_TITLE_GAP = lazy_regex(
    r"^(?:\s+(?:déchu|sortant|intérimaire|par\s+intérim)"
    r"|\s+(?:de|du|des|of)\s+(?:la\s+|l['’]|the\s+)?\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)?)?\s+$"
)


def _span_actor(text: str, start: int, end: int, base: Actor | Unit, **changes: Any) -> Actor:
    """An Actor over [start, end) with the identity of *base* (an actor or a unit)."""
    fields: dict[str, Any] = {
        "id": base.id,
        "name": base.name,
        "type": base.type,
        "country": base.country,
        "generic": getattr(base, "generic", False),
        "head": getattr(base, "head", None),
        "number": getattr(base, "number", None),
        "acled_inter": getattr(base, "acled_inter", None),
        "rule": base.rule,
    }
    fields.update(changes)
    return Actor(start=start, end=end, text=text[start:end], **fields)


def extend_phrases(text: str, mentions: Sequence[Mention], language: str) -> list[Mention]:
    """Grow actor phrases to their maximal extent.

    - modifiers: "armed men", "Tuareg rebels", "hommes armés non identifiés";
    - a generic head with a named actor: "JNIM fighters", "FAMa units",
      "combattants du JNIM", "soldiers of the Chadian army", "Guinea's CNRD";
    - a title with a person: "President Mohamed Bazoum", "ministre de la
      Défense Sadio Camara";
    - a complement naming a place or a capital: "habitants de Djibo",
      "junte de Bamako"; "in"/"au" + country for authorities ("Police in
      Niger").
    The merged phrase takes the identity of its most specific part.
    """
    before_re, after_re = _modifier_res()
    grown: list[Mention] = []
    for mention in mentions:
        if isinstance(mention, Actor) and mention.type is ActorType.PERSON:
            title = _title_re().search(text, max(0, mention.start - 40), mention.start)
            if title is not None:
                mention = _grow(text, mention, title.start(), mention.end)  # noqa: PLW2901
        if isinstance(mention, Actor) and (mention.head is not None or mention.generic):
            start, end = mention.start, mention.end
            if language == "en" or not mention.text[:1].isupper():
                b = before_re.search(text, max(0, start - 60), start)
                if b is not None:
                    start = b.start()
            a = after_re.match(text[end : end + 80])
            if a is not None:
                end += a.end()
            if (start, end) != (mention.start, mention.end):
                mention = attrs.evolve(mention, start=start, end=end, text=text[start:end])  # noqa: PLW2901
        grown.append(mention)
    # Join neighbours among the top-level mentions only: a country inside a
    # composed phrase ("Chadian" in "Chadian army") stands between nothing.
    grown.sort(key=lambda m: (m.start, -m.end))
    top: list[Mention] = []
    inner: list[Mention] = []
    reach = -1
    for mention in grown:
        (inner if mention.end <= reach else top).append(mention)
        reach = max(reach, mention.end)
    merged = True
    while merged:
        merged = False
        for i in range(len(top) - 1):
            joined = _join(text, top[i], top[i + 1], language)
            if joined is not None:
                phrase, kept = joined
                top[i : i + 2] = [phrase]
                inner.extend(kept)
                merged = True
                break
    # A generic head inside a grown phrase ("président" in "président Alpha
    # Condé") is part of it, not an actor of its own.
    inner = [m for m in inner if not (isinstance(m, Actor) and m.generic)]
    return sorted([*top, *inner], key=lambda m: (m.start, m.end))


def _specific_actor(m: Mention) -> bool:
    return isinstance(m, Unit) or (isinstance(m, Actor) and not m.generic)


def _unit_with_country(text: str, unit: Unit, start: int, end: int, iso3: str) -> Unit:
    """A generic unit given a country by its adjective ("forces spéciales guinéennes")."""
    return attrs.evolve(unit, start=start, end=end, text=text[start:end], country=iso3)


def _grow(text: str, mention: Mention, start: int, end: int) -> Mention:
    """*mention* (an actor or unit, same identity) over the wider span [start, end)."""
    return attrs.evolve(mention, start=start, end=end, text=text[start:end])


def _join(
    text: str, left: Mention, right: Mention, language: str
) -> tuple[Mention, list[Mention]] | None:
    """The phrase two neighbours make, and the parts kept as mentions of their own.

    A generic head is absorbed by the phrase; a country, place or capital
    inside it stays a mention of its own.
    """
    gap = text[left.end : right.start]
    # named actor + generic head, side by side: "JNIM fighters", "FAMa units"
    if (
        _specific_actor(left)
        and isinstance(right, Actor)
        and right.generic
        and gap.isspace()
        and language == "en"
        and isinstance(left, Actor | Unit)
    ):
        return _grow(text, left, left.start, right.end), []
    # generic head + of/de + specific actor: "combattants du JNIM", "soldiers of the Chadian army"
    if (
        isinstance(left, Actor)
        and left.generic
        and _specific_actor(right)
        and isinstance(right, Actor | Unit)
        and _OF_GAP.match(gap)
        and right.type is not ActorType.PERSON
        and left.text.casefold() not in lexicon().roles
        # a formation stays a unit of its own ("soldiers of the 3rd battalion");
        # a private military company does not ("mercenaires du groupe Wagner")
        and (not isinstance(right, Unit) or right.type is ActorType.PMC)
    ):
        grown = _grow(text, right, left.start, right.end)
        if left.number is not None and isinstance(grown, Actor):
            grown = attrs.evolve(grown, number=left.number)
        return grown, []
    # possessive country + named actor: "Guinea's CNRD"
    if (
        isinstance(left, Country)
        and left.via is not CountryVia.CAPITAL
        and isinstance(right, Actor)
        and not right.generic
        and gap in {"'s ", "’s "}
        and right.country in {None, left.iso3}
    ):
        return _grow(text, right, left.start, right.end), [left]
    # title + person: "President Mohamed Bazoum", "ministre de la Défense Sadio Camara"
    if (
        isinstance(left, Actor)
        and left.generic
        and left.type is ActorType.GOVERNMENT
        and isinstance(right, Actor)
        and right.type is ActorType.PERSON
        and _TITLE_GAP.match(gap)
    ):
        return _grow(text, right, left.start, right.end), []
    # generic head + of/de + place or capital: "habitants de Djibo", "junte de Bamako";
    # authorities + à/in + place or capital: "le pouvoir militaire en place à Conakry"
    if (
        isinstance(left, Actor)
        and left.generic
        and isinstance(right, Place | Country)
        and (isinstance(right, Place) or right.via is CountryVia.CAPITAL)
        and (_OF_GAP.match(gap) or (left.type in _IN_TYPES and _AT_GAP.match(gap)))
    ):
        iso3 = right.iso3 if isinstance(right, Country) else right.country
        if iso3:
            return _compose_country(text, left, right.end, iso3), [right]
    # generic unit + demonym: "forces spéciales guinéennes", "Guinean special forces"
    if (
        isinstance(left, Unit)
        and left.country is None
        and isinstance(right, Country)
        and right.via is CountryVia.DEMONYM
        and gap.isspace()
        and language == "fr"
    ):
        return _unit_with_country(text, left, left.start, right.end, right.iso3), [right]
    if (
        isinstance(left, Country)
        and left.via is CountryVia.DEMONYM
        and isinstance(right, Unit)
        and right.country is None
        and gap.isspace()
        and language == "en"
    ):
        return _unit_with_country(text, right, left.start, right.end, left.iso3), [left]
    # authorities + in/au + country: "Police in Niger"
    if (
        isinstance(left, Actor)
        and left.generic
        and left.type in _IN_TYPES
        and isinstance(right, Country)
        and right.via is CountryVia.NAME
        and _IN_GAP.match(gap)
    ):
        return _compose_country(text, left, right.end, right.iso3), [right]
    return None


def _compose_country(text: str, head: Actor, end: int, iso3: str) -> Actor:
    name = country_name(iso3)
    return _span_actor(
        text,
        head.start,
        end,
        head,
        id=f"{iso3}.{head.type.value}",
        name=f"{name} ({head.type.value})",
        country=iso3,
        generic=False,
        rule=f"compose:{head.rule.removeprefix('compose:')}",
        head=head.head or head.rule,
    )
