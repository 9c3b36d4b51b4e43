"""The built-in language lexicon (``rules/lexicon.toml``) and the macros built from it."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs


@attrs.frozen
class Lexicon:
    """Month, weekday, number and unit words, locative words and abbreviations."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    units: Mapping[str, str]
    quantities: Mapping[str, int]
    seasons: Mapping[str, str]
    dayparts: Mapping[str, str]
    ordinals: Mapping[str, int]
    relatives: Mapping[str, int]
    decades: Mapping[str, int]
    locative: frozenset[str]
    prepositions: frozenset[str]
    #: Gazetteer names that are also people's names or words (folded).
    ambiguous_place_names: frozenset[str]
    #: Co-reference: definite determiners, anaphor-only heads -> the actor
    #: types they may refer to, and the heads that mean "the country".
    anaphora_determiners: frozenset[str]
    anaphora_heads: Mapping[str, frozenset[str]]
    country_heads: frozenset[str]
    anaphoric_generic_heads: frozenset[str]
    modifiers: frozenset[str]
    #: Words extending a generic actor phrase: before its head (English), after it (French).
    modifiers_before: tuple[str, ...]
    modifiers_after: tuple[str, ...]
    #: Titles and ranks before a person's name; role nouns ("spokesman of ...").
    titles: tuple[str, ...]
    roles: frozenset[str]
    #: Generic army heads, and each country's armed forces in the knowledge base.
    army_heads: frozenset[str]
    national_armies: Mapping[str, str]
    abbreviations: frozenset[str]
    #: Names the knowledge base lacks: words that open a sentence but are no
    #: name, words that make a name an organisation's or a place's, and the
    #: lower-case particles a name holds ("de", "bin").
    name_stopwords: frozenset[str]
    name_organisation_words: frozenset[str]
    name_place_words: frozenset[str]
    name_particles: frozenset[str]
    #: Verbs whose event-noun object is done by their subject, by language.
    event_support_verbs: Mapping[str, tuple[str, ...]]
    #: The words of the per-language tables: ``words["units"]["fr"]``.
    words: Mapping[str, Mapping[str, tuple[str, ...]]]


@functools.cache
def lexicon() -> Lexicon:
    """Return the built-in lexicon, loaded once."""
    raw = (resources.files("sahelnews") / "data" / "lexicon.toml").read_text(encoding="utf-8")
    data: dict[str, Any] = tomllib.loads(raw)
    return Lexicon(
        months=data["months"],
        weekdays=data["weekdays"],
        numbers=data["numbers"],
        units=_merged(data["units"]),
        quantities=data["quantities"],
        seasons=_merged(data["seasons"]),
        dayparts=_merged(data["dayparts"]),
        ordinals=_merged(data["ordinals"]),
        relatives=data["relatives"],
        decades=data["decades"],
        locative=frozenset(data["locative"]["words"]),
        prepositions=frozenset(data["locative"]["prepositions"]),
        ambiguous_place_names=frozenset(
            name.casefold() for name in data["locative"]["ambiguous_place_names"]
        ),
        anaphora_determiners=frozenset(data["anaphora"]["determiners"]),
        anaphora_heads={
            head: frozenset(types) for head, types in data["anaphora"]["heads"].items()
        },
        country_heads=frozenset(data["anaphora"]["country_heads"]),
        anaphoric_generic_heads=frozenset(data["anaphora"]["generic_heads"]),
        modifiers=frozenset(data["modifiers"]["words"]),
        modifiers_before=tuple(data["phrase_modifiers"]["before"]),
        modifiers_after=tuple(data["phrase_modifiers"]["after"]),
        titles=tuple(data["phrase_modifiers"]["titles"]),
        roles=frozenset(data["phrase_modifiers"]["roles"]),
        army_heads=frozenset(data["national_armies"]["heads"]),
        national_armies={k: v for k, v in data["national_armies"].items() if k != "heads"},
        abbreviations=frozenset(data["abbreviations"]["words"]),
        name_stopwords=frozenset(data["names"]["not_names"]),
        name_organisation_words=frozenset(data["names"]["organisation_words"]),
        name_place_words=frozenset(data["names"]["place_words"]),
        name_particles=frozenset(data["names"]["particles"]),
        event_support_verbs={k: tuple(v) for k, v in data["event_support_verbs"].items()},
        words={
            table: {language: tuple(data[table][language]) for language in data[table]}
            for table in _BY_LANGUAGE
        },
    )


# Tables of lexicon.toml split by language ([units.en], [units.fr], ...): the
# normalisers read any language's words, the macros one language's.
_BY_LANGUAGE = ("units", "seasons", "dayparts", "ordinals")


def _merged(table: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Merge the language subtables of a lexicon table into one mapping."""
    return {word: value for words in table.values() for word, value in words.items()}


def _alternation(words: list[str], *, capitalise: bool) -> str:
    """Return a non-capturing alternation of *words*, with optional capitals.

    Built as a character trie: the regex engine then rejects a non-matching
    position on its first character instead of trying every word.
    """
    from sahelnews._compile import trie_regex  # noqa: PLC0415 - avoids an import cycle

    forms: set[str] = set()
    for word in words:
        forms.add(word)
        if capitalise:
            forms.add(word[:1].upper() + word[1:])
    return "(?:" + trie_regex(forms) + ")"


_EN_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]  # fmt: skip
_EN_MONTH_ABBR = [
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]


# Words before a count that leave its lowest figure unchanged ("at least 20" = 20).
_QUALIFIERS = (
    "at least", "more than", "over", "some", "about", "around", "nearly", "almost",
    "roughly", "au moins", "plus de", "près de", "environ", "quelque",
)  # fmt: skip


def _count_macro(lex: Lexicon) -> str:
    """Return a regex for a casualty count: digits, number words or a vague quantity."""
    words = _alternation([w for w in lex.numbers if len(w) > 2], capitalise=True)
    vague = _alternation(list(lex.quantities), capitalise=True)
    qualifier = rf"(?:{_alternation(list(_QUALIFIERS), capitalise=True)}\s+)?"
    digits = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?!\d)|\d+"
    compound = rf"{words}(?:[- ](?:et[- ])?{words})*"
    return rf"(?:{qualifier}(?:{vague}|{digits}|{compound}))"


def parse_count(text: str) -> int | None:
    """Read a casualty count conservatively ("at least 20" -> 20, "dozens" -> 12).

    Returns None when *text* holds no number.
    """
    lex = lexicon()
    folded = " ".join(text.casefold().split())
    for qualifier in _QUALIFIERS:
        rest = folded.removeprefix(qualifier + " ")
        if rest != folded and rest not in lex.quantities:  # "more than a dozen" is listed whole
            folded = rest
            break
    if folded in lex.quantities:
        return lex.quantities[folded]
    digits = "".join(ch for ch in folded if ch.isdigit())
    if digits and all(ch.isdigit() or ch in ",. \u202f\u00a0" for ch in folded):
        return int(digits)
    current = 0
    found = False
    for word in folded.replace("-", " ").split():
        if word == "et":
            continue
        value = lex.numbers.get(word)
        if value is None:
            return None
        found = True
        if value == 100:
            current = max(current, 1) * 100
        elif value == 20 and current == 4:  # quatre-vingt(s)
            current = 80
        else:
            current += value
    return current if found else None


@functools.cache
def macros() -> Mapping[str, str]:
    """Return the built-in regex macros (``{MONTH_EN}``, ``{NUM}``, ...)."""
    lex = lexicon()
    fr_months = [m for m in lex.months if m not in _EN_MONTHS and m not in _EN_MONTH_ABBR]
    en_days = [d for d, i in lex.weekdays.items() if d.endswith("day")]
    fr_days = [d for d in lex.weekdays if d not in en_days]
    # English month and weekday names are proper nouns: only the capitalised
    # form counts, so "may" and "march" (verbs) never start a date.
    en_month = _alternation(
        [m.capitalize() for m in _EN_MONTHS]
        + [a.capitalize() + dot for a in _EN_MONTH_ABBR for dot in ("", ".")],
        capitalise=False,
    )
    numword = _alternation([w for w in lex.numbers if len(w) > 2], capitalise=True)
    return {
        "MONTH_EN": en_month,
        "MONTH_FR": _alternation(fr_months, capitalise=True),
        "WEEKDAY_EN": _alternation([d.capitalize() for d in en_days], capitalise=False),
        "WEEKDAY_FR": _alternation(fr_days, capitalise=True),
        "NUMWORD": numword,
        "UNIT_EN": _alternation(list(lex.words["units"]["en"]), capitalise=False),
        "UNIT_FR": _alternation(list(lex.words["units"]["fr"]), capitalise=False),
        "DAYPART_EN": _alternation(list(lex.words["dayparts"]["en"]), capitalise=True),
        "DAYPART_FR": _alternation(list(lex.words["dayparts"]["fr"]), capitalise=True),
        "ORD_EN": _alternation(list(lex.words["ordinals"]["en"]), capitalise=True),
        "ORD_FR": _alternation(list(lex.words["ordinals"]["fr"]), capitalise=True),
        "SEASON_EN": _alternation(list(lex.words["seasons"]["en"]), capitalise=True),
        "SEASON_FR": _alternation(list(lex.words["seasons"]["fr"]), capitalise=True),
        # Compound number words: "twenty four", "twenty-four", "vingt-quatre", "dix-huit".
        "NUMWORDS": rf"(?:{numword}(?:[- ](?:et[- ])?{numword})*)",
        "COUNT": _count_macro(lex),
        "YEAR": r"(?:1[6-9]\d\d|20\d\d|2100)",
        "DAYNUM": r"(?:3[01]|[12]\d|0?[1-9])",
    }
