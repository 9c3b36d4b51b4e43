"""Compile a ruleset into fast matchers: aliases become one character trie per family."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs
import regex

from sahelnews._lazy import lazy_re, lazy_regex

if TYPE_CHECKING:
    from sahelnews._dates import DateMatcher
    from sahelnews._rules import Rule, Ruleset

# Characters that spell the same thing in news text: typographic apostrophes
# and the various hyphens. Aliases and matched text are folded the same way
# so that one alias covers every spelling.
_APOSTROPHES = "'’ʼ`´"
_HYPHENS = "-‐‑‒–"
_FOLD = str.maketrans(dict.fromkeys(_APOSTROPHES, "'") | dict.fromkeys(_HYPHENS, "-"))
_ODD_MARKS = frozenset(_APOSTROPHES + _HYPHENS) - {"'", "-"}
_SPACES = lazy_regex(r"\s+")


def _canonical_marks(text: str) -> str:
    """*text* with typographic apostrophes and hyphens made plain (translate is slow: skip it)."""
    if _ODD_MARKS.isdisjoint(text):
        return text
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """Fold whitespace runs, apostrophes and hyphens so equal spellings share a key."""
    return " ".join(_canonical_marks(text).split())


@functools.lru_cache(maxsize=65_536)
def strip_accents(text: str) -> str:
    """Return *text* without combining accents (``Goïta`` -> ``Goita``)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def case_variants(alias: str, case: str) -> set[str]:
    """Return the spellings an alias matches under its case policy (see docs/rules.md)."""
    if case == "exact" or _is_acronym(alias):
        return {alias}
    variants = {alias, alias.upper()}
    if alias[:1].islower():
        variants.add(alias[:1].upper() + alias[1:])
    return variants


def _char_regex(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’ʼ`´]"
    if ch == "-":
        return "[-‐‑‒–]"
    return re.escape(ch)


def trie_regex(keys: Iterable[str]) -> str:
    """Return a regex matching exactly *keys*, built as a character trie.

    A trie alternation scans far faster than a flat ``a|b|c`` alternation, and
    its greedy optional branches prefer the longest key at each position.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    end = ""  # the end-of-key marker: the empty string never occurs as a character
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[end] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        is_end = end in node
        alts = [_char_regex(ch) + emit(child) for ch, child in sorted(node.items()) if ch != end]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if is_end:
            return f"(?:{body})?"
        return body

    return emit(root)


def first_fit(spans: Iterable[tuple[int, int]]) -> list[int]:
    """Return the indices of the spans that overlap no earlier-listed kept span.

    Callers list their candidates best first (usually longest first), so this
    keeps the best non-overlapping ones. Runs in time linear in the covered
    characters, not quadratic in the number of candidates.
    """
    items = list(spans)
    if not items:
        return []
    taken = bytearray(max(end for _, end in items) + 1)
    kept = []
    for index, (start, end) in enumerate(items):
        if end <= start or any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(index)
    return kept


@attrs.frozen
class Hit:
    """One match of a family matcher: the span and the candidate rules, best first."""

    start: int
    end: int
    rules: tuple[Rule, ...]
    match: regex.Match[str] | None = None


# Compass words end names that go on with a hyphen: "Nord-Kivu", "Centre-Est".
_COMPASS = frozenset(
    {"nord", "sud", "est", "ouest", "north", "south", "east", "west", "centre", "center"}
)

# Words are runs of \w, as the std-lib engine sees them; the matcher splits a
# text into its distinct words once (C speed) and looks only those up.
_WORD_RE = lazy_re(r"\w+")
# A separator (a run of spaces, or other non-word characters) and the word after it.
_HEAD_RE = lazy_re(r"(\s+|[^\w\s]*)(\w*)")
_WORD_CACHE_LIMIT = 200_000  # distinct words remembered across documents


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@functools.cache
def _fold_char(ch: str) -> str:
    """One character folded as alias keys are: lower case, no accent, one apostrophe and hyphen."""
    folded = strip_accents(ch.translate(_FOLD)).lower()
    return folded if len(folded) == 1 else ch


def _fold_word(word: str) -> str:
    """*word* folded character by character (see :func:`_fold_char`), offsets kept."""
    # The usual case, Latin letters with or without accents: decompose, drop
    # the accents, lower-case, all in C. It is exact when every character
    # became one ASCII character; otherwise fold character by character.
    ascii_form = unicodedata.normalize("NFD", _canonical_marks(word)).encode("ascii", "ignore")
    if len(ascii_form) == len(word):
        return ascii_form.decode("ascii").lower()
    return "".join(_fold_char(ch) for ch in word)


def fold_alias(text: str) -> str:
    """The matching key of an alias: spacing, apostrophes, hyphens, case and accents folded."""
    return _fold_word(fold_key(text))


_MIN_PREFIX = 3
_ZERO_WIDTH = ("(?<=", "(?<!", "(?=", "(?!")
_ESCAPED_LITERAL = frozenset(".-'’/,:;&#%@!\"()[]{}*+?|^$ ")


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Yield ``(index, char, depth)`` for the pattern's unescaped brackets and bars.

    Escapes and the inside of character classes are skipped; *depth* is the
    group depth after the character (an opening bracket counts itself).
    """
    depth, k, in_class = 0, start, False
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield k, c, depth
        k += 1


def _closing(pattern: str, start: int) -> int:
    """Index of the bracket closing the group opened at *start*."""
    return next((k for k, c, depth in _structure(pattern, start) if c == ")" and not depth), -1)


def _alternatives(pattern: str) -> list[str]:
    """Split *pattern* at its top-level ``|``."""
    bars = [k for k, c, depth in _structure(pattern) if c == "|" and not depth]
    return [pattern[a + 1 : b] for a, b in zip([-1, *bars], [*bars, len(pattern)], strict=True)]


def _optional_after(pattern: str, k: int) -> bool:
    """Whether a quantifier at *k* lets the item before it be absent."""
    return pattern[k : k + 1] in {"?", "*"} or pattern.startswith(("{0,", "{0}"), k)


def _prefixes(pattern: str) -> set[str] | None:
    """The literal starts (casefolded) one of which every match of *pattern* begins with.

    None when that cannot be told safely (a class, a wildcard or an optional
    item comes first): the caller then runs the pattern unconditionally.
    """
    out: set[str] = set()
    for alt in _alternatives(pattern):
        start = _alternative_prefixes(alt)
        if start is None:
            return None
        out |= start
    return out


def _alternative_prefixes(alt: str) -> set[str] | None:
    k, literal = 0, ""
    while k < len(alt):
        if alt.startswith(_ZERO_WIDTH, k) and not literal:
            end = _closing(alt, k)
            if end < 0:
                return None
            k = end + 1
            continue
        if alt.startswith("(?i)", k) and not literal:
            k += 4
            continue
        c = alt[k]
        if c == "\\":
            nxt = alt[k + 1 : k + 2]
            if nxt == "b" and not literal:
                k += 2
                continue
            if nxt in _ESCAPED_LITERAL and nxt and not _optional_after(alt, k + 2):
                literal += nxt
                k += 2
                continue
            break
        if c == "(" and not literal:
            end = _closing(alt, k)
            if end < 0 or _optional_after(alt, end + 1):
                return None
            inner = alt[k + 1 : end]
            for opener in ("?:", "?i:", "?-i:"):
                if inner.startswith(opener):
                    inner = inner[len(opener) :]
                    break
            else:
                if inner.startswith("?P<"):
                    inner = inner[inner.index(">") + 1 :]
                elif inner.startswith("?"):
                    return None
            return _prefixes(inner)
        if c == "[":
            end = alt.find("]", k + 1)
            chars = alt[k + 1 : end]
            if end < 0 or len(chars) != 2 or chars[0].casefold() != chars[1].casefold():
                break
            if _optional_after(alt, end + 1):
                break
            literal += chars[0]
            k = end + 1
            continue
        if c.isalnum() or c in " '’-,":
            if _optional_after(alt, k + 1):
                break
            literal += c
            k += 1
            continue
        break
    literal = literal.casefold()
    if len(literal) < _MIN_PREFIX or not literal.strip():
        return None
    return {literal}


def literal_prefixes(pattern: str) -> frozenset[str]:
    """The literal starts of *pattern*'s matches, casefolded; empty if unknown.

    Every match of the pattern begins with one of them (in any letter
    case), so a text that contains none of them need not be scanned.
    """
    found = _prefixes(pattern)
    return frozenset(found) if found else frozenset()


@functools.cache
def compiled_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile a rule pattern once per process (validation and matchers share it)."""
    return regex.compile(pattern)


class _Distinct:
    """The distinct words of the last text seen, shared by every matcher run on it."""

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: tuple[str, frozenset[str]] = ("", frozenset())

    def __call__(self, text: str) -> frozenset[str]:
        """The set of the words of *text* (one C-speed pass, cached for the same text)."""
        last = self._last  # one read: safe if another thread replaces it
        if last[0] is text:
            return last[1]
        words = frozenset(_WORD_RE.findall(text))
        self._last = (text, words)
        return words


distinct_words = _Distinct()


class AliasMatcher:
    """Finds the aliases and patterns of a set of rules in text.

    Aliases are indexed by their folded first word. Matching splits the text
    into its distinct words, looks each one up once (through a cache shared by
    all documents), and checks the full alias only where a first word occurs:
    building the index is a few dictionary insertions per alias, so compiling
    a ruleset with a large gazetteer takes milliseconds, and scanning costs
    little more than one pass of the word regex.
    """

    def __init__(self, rules: Iterable[Rule], *, patterns: bool = True) -> None:
        """Index the aliases of *rules*; their patterns are compiled on first use.

        With ``patterns=False`` only the aliases are matched (the date family
        runs its patterns itself, gated by anchors).
        """
        # key -> [(rule, the rule's aliases with that key, or None: any case)]
        table: dict[str, list[tuple[Rule, tuple[str, ...] | None]]] = {}
        # the key's index word as written in an alias, for the surface index below
        written: dict[str, set[str]] = {}
        self._pattern_rules: list[Rule] = []
        self._precedence: dict[str, int] | None = None
        # Later rules take precedence (user extensions come last), so iterate in
        # reverse and append: the first rule listed for a key is the preferred one.
        rules = list(rules)
        self._by_id = {rule.id: rule for rule in rules}
        for rule in reversed(rules):
            for alias in rule.aliases:
                plain = fold_key(alias)
                key = _fold_word(plain)
                if not key or not any(_is_word_char(ch) for ch in key):
                    continue
                # The case policy is checked where a key matches (see _case_ok):
                # far fewer checks than spellings would be built here.
                spellings = None if rule.case == "ignore" else (plain,)
                written.setdefault(key, set()).add(plain)
                bucket = table.setdefault(key, [])
                for i, (known, allowed) in enumerate(bucket):
                    if known is rule:  # two aliases of one rule folding alike
                        if allowed is not None and spellings is not None:
                            bucket[i] = (rule, allowed + spellings)
                        else:
                            bucket[i] = (rule, None)
                        break
                else:
                    bucket.append((rule, spellings))
            if patterns and rule.patterns:
                self._pattern_rules.append(rule)
        self._pattern_rules.reverse()
        self._table = {k: tuple(v) for k, v in table.items()}
        # Each key is indexed by its longest word, not its first: "la région
        # de Mopti" is found through "region", a far rarer word than "la".
        # index word -> [(key, the key before the word, the key after it, the
        # rest up to the end of its first word)], longest key first
        first: dict[str, list[tuple[str, str, str, str]]] = {}
        # surface form of an index word -> the folded index word. Text words
        # are looked up as written (a C-speed set intersection), so a text
        # costs no per-word folding: every spelling that folds to an index
        # word (as written, lower case, capitalised, all capitals, with or
        # without accents) is listed here.
        surface: dict[str, str] = {}
        for key in self._table:
            word = max(_WORD_RE.finditer(key), key=lambda m: len(m.group()))
            rest = key[word.end() :]
            head = _HEAD_RE.match(rest)
            first.setdefault(word.group(), []).append(
                (key, key[: word.start()], rest, head.group() if head else "")
            )
            for alias in written.get(key, ()) or (word.group(),):
                token = alias[word.start() : word.end()]
                if _fold_word(token) != word.group():  # the offsets drifted
                    token = word.group()
                for form in _spellings(token):
                    surface.setdefault(form, word.group())
        for keys in first.values():
            keys.sort(key=lambda item: -len(item[0]))
        self._first = first
        self._surface = surface
        self._surface_keys = frozenset(surface)
        self._patterns: list[tuple[Rule, regex.Pattern[str], frozenset[str]]] | None = None

    def rule_by_id(self, rule_id: str) -> Rule | None:
        """The rule of this matcher with *rule_id*, or None."""
        return self._by_id.get(rule_id)

    def precedence(self) -> dict[str, int]:
        """Rank the rules for a shared match: the rule listed last first.

        Aliases and patterns alike: a user's file, loaded after the built-in
        ones, overrides them, and within a file a later rule is tried before
        an earlier one (write the specific rule after the general one).
        """
        if self._precedence is None:
            ids = list(self._by_id)
            self._precedence = {rule_id: len(ids) - i for i, rule_id in enumerate(ids)}
        return self._precedence

    def _compiled_patterns(self) -> list[tuple[Rule, regex.Pattern[str], frozenset[str]]]:
        if self._patterns is None:
            self._patterns = [
                (rule, compiled_pattern(p), literal_prefixes(p))
                for rule in self._pattern_rules
                for p in rule.patterns
            ]
        return self._patterns

    def finditer(self, text: str) -> Iterator[Hit]:
        """Yield every alias and pattern match, in text order (overlapping hits are possible).

        At one position every alias that matches is yielded, longest first,
        so a caller that rejects the longest can still take a shorter one.
        """
        hits: list[Hit] = []
        if self._first:
            n = len(text)
            for word in self._surface_keys.intersection(distinct_words(text)):
                candidates = self._first[self._surface[word]]
                pos = text.find(word)
                while pos != -1:
                    after = pos + len(word)
                    if (pos == 0 or not _is_word_char(text[pos - 1])) and (
                        after == n or not _is_word_char(text[after])
                    ):
                        hits.extend(self._hits_at(text, pos, after, candidates))
                    pos = text.find(word, after)
        folded: str | None = None
        for rule, pattern, prefixes in self._compiled_patterns():
            if prefixes:
                # A match must start with one of these: a substring test
                # skips most patterns at a fraction of a regex scan.
                if folded is None:
                    folded = text.casefold()
                if not any(p in folded for p in prefixes):
                    continue
            hits.extend(
                Hit(pm.start(), pm.end(), (rule,), pm)
                for pm in pattern.finditer(text)
                if pm.end() > pm.start()
            )
        hits.sort(key=lambda h: (h.start, -h.end))
        return iter(hits)

    def _hits_at(
        self, text: str, pos: int, after: int, candidates: list[tuple[str, str, str, str]]
    ) -> Iterator[Hit]:
        """The keys of *candidates* matching where their index word is text[pos:after]."""
        # The index word itself is known to match: compare what follows it,
        # up to the end of the next word, first; most candidates fail there.
        following = ""
        head = _HEAD_RE.match(text, after)
        if head is not None:
            sep, word = head.group(1), head.group(2)
            following = (" " if sep[:1].isspace() else _fold_word(sep)) + _fold_word(word)
        for key, prefix, rest, rest_head in candidates:
            if rest_head and rest_head != following:
                continue
            end = _match_key(text, after, rest) if rest else after
            if end < 0:
                continue
            if prefix:
                start = _match_back(text, pos, prefix)
                if start < 0:
                    continue
            else:
                start = pos
            if (
                end + 1 < len(text)
                and text[end] in _HYPHENS
                and _is_word_char(text[end + 1])
                and key.rsplit(" ", 1)[-1] in _COMPASS
            ):
                continue  # "région du Nord" is not the start of "région du Nord-Kivu"
            surface: str | None = None
            rules = []
            for rule, allowed in self._table[key]:
                if allowed is not None:
                    if surface is None:
                        surface = strip_accents(fold_key(text[start:end]))
                    if not any(_case_ok(surface, alias, rule.case) for alias in allowed):
                        continue
                rules.append(rule)
            if rules:
                yield Hit(start, end, tuple(rules))

    def __bool__(self) -> bool:
        """Return whether the matcher has anything to match."""
        return bool(self._table or self._pattern_rules)


def _spellings(token: str) -> set[str]:
    """The ways a word is written in news: as is, lower case, capitalised, in capitals."""
    forms = {token, token.lower(), token.upper(), token[:1].upper() + token[1:].lower()}
    if not token.isascii():
        forms |= {strip_accents(form) for form in forms}
    return forms


def _case_ok(surface: str, alias: str, case: str) -> bool:
    """Whether *surface* (accents stripped) spells *alias* under its case policy.

    Accents never matter. *exact* and all-capitals aliases match only as
    written; otherwise the alias matches as written, in all capitals, and (if
    it starts in lower case) with a capital first letter. See docs/rules.md.
    """
    plain = strip_accents(alias)
    if surface == plain:
        return True
    if case == "exact" or _is_acronym(alias):
        return False
    return surface == plain.upper() or (
        plain[:1].islower() and surface == plain[:1].upper() + plain[1:]
    )


def _match_back(text: str, end: int, prefix: str) -> int:
    """Return where *prefix* (the start of a folded key) starts if it ends at *end*, else -1."""
    i = end - 1
    for ch in reversed(prefix):
        if i < 0:
            return -1
        if ch == " ":
            if not text[i].isspace():
                return -1
            i -= 1
            while i >= 0 and text[i].isspace():
                i -= 1
            continue
        c = text[i]
        if c != ch and _fold_char(c) != ch:
            return -1
        i -= 1
    if i >= 0 and _is_word_char(text[i]):
        return -1
    return i + 1


def _match_key(text: str, start: int, key: str) -> int:
    """Return where *key* (a folded alias) ends if it matches *text* at *start*, else -1.

    A space in the key matches any run of whitespace; every other character
    matches itself folded (case, accents, apostrophe and hyphen variants).
    """
    n = len(text)
    i = start
    for ch in key:
        if i >= n:
            return -1
        if ch == " ":
            if not text[i].isspace():
                return -1
            i += 1
            while i < n and text[i].isspace():
                i += 1
            continue
        c = text[i]
        if c != ch and _fold_char(c) != ch:
            return -1
        i += 1
    if i < n and _is_word_char(text[i]):
        return -1
    return i


class CompiledRules:
    """The matchers of every family of a ruleset, for one language.

    Each family's matcher is built the first time it is used, so a caller
    that only needs countries and places never pays for the date patterns.
    Two threads racing on a first use may both build it; they build the same
    thing and one of them is kept.
    """

    def __init__(self, ruleset: Ruleset, language: str) -> None:
        """Prepare the matchers of the rules of *ruleset* that apply to *language*."""
        self.language = language
        self.ruleset = ruleset

    def _applicable(self, family: str) -> list[Rule]:
        return [r for r in self.ruleset.rules(family) if self.language in r.languages]

    @functools.cached_property
    def countries(self) -> AliasMatcher:
        """Country names, demonyms and capitals."""
        return AliasMatcher(self._applicable("countries"))

    @functools.cached_property
    def places(self) -> AliasMatcher:
        """Places: the curated supplement and the gazetteer."""
        return AliasMatcher(self._applicable("places"))

    @functools.cached_property
    def actors(self) -> AliasMatcher:
        """Named and generic actors."""
        return AliasMatcher(self._applicable("actors"))

    @functools.cached_property
    def units(self) -> AliasMatcher:
        """Military units, operations and task forces."""
        return AliasMatcher(self._applicable("units"))

    @functools.cached_property
    def dates(self) -> DateMatcher:
        """Temporal expressions."""
        from sahelnews._dates import DateMatcher  # noqa: PLC0415 - _dates imports this module

        return DateMatcher(self._applicable("dates"))

    @functools.cached_property
    def events(self) -> AliasMatcher:
        """Event triggers."""
        return AliasMatcher(self._applicable("events"))

    @functools.cached_property
    def cues(self) -> list[tuple[Rule, AliasMatcher]]:
        """Modality cues, one matcher per cue rule."""
        return [(rule, AliasMatcher([rule])) for rule in self._applicable("cues")]

    @functools.cached_property
    def casualties(self) -> AliasMatcher:
        """Casualty count patterns."""
        return AliasMatcher(self._applicable("casualties"))
