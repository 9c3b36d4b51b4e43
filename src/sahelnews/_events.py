"""Event rules: triggers, role slots, modality, location, date and ACLED/CAMEO codes."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Literal, TypeVar

import attrs
import regex

from sahelnews._compile import AliasMatcher, CompiledRules, Hit, first_fit
from sahelnews._lazy import lazy_regex
from sahelnews._lexicon import lexicon, parse_count
from sahelnews._model import (
    AcledCode,
    Actor,
    ActorType,
    Casualty,
    Country,
    CountryVia,
    DateMention,
    Event,
    EventMention,
    Explanation,
    Fatalities,
    Mention,
    Modality,
    Place,
    PloverCategory,
    RelativeLocation,
    Span,
    TimexType,
    Unit,
)
from sahelnews._rules import Rule, builtin_macros

_S = TypeVar("_S", bound=Span)
_WORD = lazy_regex(r"\w+")
_COORD = lazy_regex(
    r"^\s*(?:,\s*(?:and\s+|et\s+)?|and\s+|et\s+|&\s*|as\s+well\s+as\s+|ainsi\s+que\s+)"
    r"(?:the\s+|les\s+|la\s+|le\s+|l['’]\s*|of\s+(?:the\s+)?|du\s+|des\s+|de\s+la\s+|de\s+l['’]\s*|d['’]\s*|aux?\s+|à\s+la\s+|à\s+l['’]\s*)?$",
    regex.IGNORECASE,
)
_RELATIVE_CLAUSE = lazy_regex(
    # (an apposition may open the clause: "Les Talibans, les islamistes
    # radicaux qui dirigeaient l'Afghanistan, refusent")
    r",\s*(?:(?:les?|la|l['’]|une?|des|the|an?)\s*[^,;:()]{0,60}?\s)?"
    r"(?:which|who|whom|whose|that|qui|que|qu['’]|dont|lequel|laquelle|lesquels|lesquelles|"
    # and asides opened by selon, according to, worried, however...
    r"according\s+to|selon|d['’]après|worried|concerned|fearing|inquiets?|soucieux|notamment|"
    r"however|meanwhile|toutefois|pourtant|quant\s+à|like|comme|also|aussi|"
    # and appositions of membership or role ("La Mauritanie, membre de la
    # Ligue arabe, a reconnu..."): the subject stands before them.
    r"(?:(?:le|la|les|un|une|the|a|an)\s+|l['’])?(?:ancien(?:ne)?\s+|former\s+)?"
    r"(?:membre|member|alliée?|ally|voisin|neighbou?r|fondateur|founder))\b"
    r"[^,;:()]{1,200},\s*(?:(?:\w+ly|also|then|later|aussi|également|ensuite|a|ont|has|have|had)\s+)*$",
    regex.IGNORECASE,
)
# A conjunction between an actor and a verb starts another clause: in "la
# Mauritanie a reconnu Israël mais a rompu les liens", Israel broke nothing.
# A verb coordinated with an earlier trigger and no subject of its own
# ("a reconnu Israël en 1999 mais a rompu les liens", "were arrested and
# convicted"): it shares that trigger's subject.
_SHARED_SUBJECT = lazy_regex(
    r"(?:,\s*|\s)(?:et|mais|puis|and|but|then)\s+(?:(?:ne|n['’]|not|never|also|later|then|aussi|"
    r"ensuite|a|ont|avait|avaient|aurait|auraient|est|sont|était|étaient|été|s['’]|se|has|have|had|"
    r"was|were|is|are|been|did|does|\w+ment|\w+ly)\s*){0,4}$",
    regex.IGNORECASE,
)
# A relative clause without commas, told by its own finite verb before the
# main one: "Nana Akufo Ado qui a participé à la conférence ... a rejeté".
_BARE_RELATIVE = lazy_regex(
    r"\s(?:qui|who)\s+(?:(?:ne|n['’]|not|also|aussi)\s+)?(?:a|ont|avait|avaient|est|sont|has|have|"
    r"had|was|were|is|are)\s+[^,;:()]{1,150}?\s(?:a|ont|avait|avaient|est|sont|has|have|had|was|"
    r"were|is|are)\s+(?:\w+ment\s+|\w+ly\s+)?$",
    regex.IGNORECASE,
)
_PRONOUN_SUBJECT = lazy_regex(
    r"\b(?:he|she|they|it|il|elle|ils|elles)\s+(?:(?:\w+ly|also|then|later|aussi|également|"
    r"ensuite|ne|n['’]|not|pas|s['’]|se|a|ont|avait|avaient|va|vont|will|would|has|have|had|was|"
    r"were|is|are|been|été|est|sont|begin|began|start|started|commencer|commence)\s*){0,4}$",
    regex.IGNORECASE,
)
_SUBJECT_BARRIER = lazy_regex(r"\b(?:mais|but|que|qu['’]|than|whereas|tandis)\b", regex.IGNORECASE)
_LAST_WORD = lazy_regex(r"\w+['’]?$")
_BETWEEN = lazy_regex(r"\b(?:between|entre)\b", regex.IGNORECASE)
_LAST_COORD = lazy_regex(r"\b(?:and|et|as\s+well\s+as|ainsi\s+que)\b|&", regex.IGNORECASE)
_ARTICLES = lazy_regex(
    r"(?:\b(?:the|le|la|les)\s+|\bl['’]\s*)?$",
    regex.IGNORECASE,
)
_PREV_WORD = lazy_regex(r"(\w+)\s*$")
_CLAUSE_BREAK = lazy_regex(r"[;:()\[\]]|—|–")
_SUBJECT_WINDOW = 14
_REACH = 500  # characters: more than any slot's word window in real text
_MAX_COORDINATED = 12
_LOCATION_REACH = 2000  # characters around the trigger searched for its place and date
_OBJECT_WINDOW = 6
_PREP_WINDOW = 6  # words from the trigger to the slot's preposition
_PREP_GAP = 4  # words from the preposition to the actor
# Prepositions after which "des" / "de" / "du" is an article, not "of".
_SLOT_PREPOSITIONS = frozenset(
    [
        "contre",
        "sur",
        "avec",
        "pour",
        "par",
        "entre",
        "chez",
        "vers",
        "envers",
        "parmi",
        "dans",
        "sans",
        "selon",
        "malgré",
        "après",
        "avant",
        "against",
        "with",
        "for",
        "by",
        "between",
        "among",
    ]
)


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


@attrs.frozen
class _CrosswalkEntry:
    category: str
    mode: str
    target: str | None
    location: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None


@functools.cache
def crosswalk() -> tuple[_CrosswalkEntry, ...]:
    """Return the built-in PLOVER -> ACLED -> CAMEO crosswalk (``data/crosswalk.toml``)."""
    raw = (resources.files("sahelnews") / "data" / "crosswalk.toml").read_text(encoding="utf-8")
    data: dict[str, Any] = tomllib.loads(raw)
    return tuple(
        _CrosswalkEntry(
            category=e["category"],
            mode=e.get("mode", "*"),
            target=e.get("target"),
            location=e.get("location"),
            acled_event_type=e.get("acled_event_type"),
            acled_sub_event_type=e.get("acled_sub_event_type"),
            cameo=e.get("cameo"),
        )
        for e in data["map"]
    )


def _actor_type(mention: Mention) -> ActorType | None:
    if isinstance(mention, Actor | Unit):
        return mention.type
    if isinstance(mention, Country):
        return ActorType.GOVERNMENT  # a country acting is its government
    return None


def _actor_country(mention: Mention) -> str | None:
    if isinstance(mention, Actor | Unit):
        return mention.country
    if isinstance(mention, Country):
        return mention.iso3
    return None


_INTER_BY_TYPE = {
    ActorType.MILITARY: 1,
    ActorType.POLICE: 1,
    ActorType.GOVERNMENT: 1,
    ActorType.REBEL: 2,
    ActorType.JIHADIST: 2,
    ActorType.MILITIA: 3,
    ActorType.OTHER: 3,  # gunmen, bandits: ACLED's unidentified armed groups
    ActorType.PROTESTERS: 6,
    ActorType.CIVILIANS: 7,
    ActorType.PMC: 8,
    ActorType.PEACEKEEPING: 8,
    ActorType.INTL_ORG: 8,
}


def acled_inter(mention: Mention, location_country: str | None) -> int | None:
    """Return ACLED's actor-type code for *mention* in an event located in *location_country*.

    State forces acting outside their own country are external forces (8).
    """
    if isinstance(mention, Actor) and mention.acled_inter is not None:
        return mention.acled_inter
    kind = _actor_type(mention)
    if kind is None:
        return None
    code = _INTER_BY_TYPE.get(kind)
    country = _actor_country(mention)
    if code == 1 and country and location_country and country != location_country:
        return 8
    return code


def _location_country(location: Mention | None) -> str | None:
    if isinstance(location, Place):
        return location.country
    if isinstance(location, Country):
        return location.iso3
    return None


def _codes(
    category: str, mode: str | None, target: Sequence[Mention], location: Mention | None
) -> tuple[str | None, str | None, str | None]:
    target_types = {_actor_type(t) for t in target}
    for entry in crosswalk():
        if entry.category != category or entry.mode not in {"*", mode}:
            continue
        if entry.target == "civilians" and not target_types & {
            ActorType.CIVILIANS,
            ActorType.PROTESTERS,
        }:
            continue
        if entry.location and not (
            isinstance(location, Place) and location.type.value == entry.location
        ):
            continue
        return entry.acled_event_type, entry.acled_sub_event_type, entry.cameo
    return None, None, None


@attrs.define
class _Sentence:
    """What one sentence offers the event rules, each list in text order."""

    index: int
    span: Span
    actors: tuple[Mention, ...]  # role candidates
    locatives: tuple[Mention, ...]  # countries after a locative preposition
    places: tuple[Mention, ...]  # location candidates
    dates: tuple[DateMention, ...]
    countries: tuple[Country, ...]  # non-locative countries: a location of last resort
    triggers: tuple[Span, ...] = ()
    reactions: tuple[Span, ...] = ()  # triggers of ACCUSE, REJECT, SUPPORT, PROTEST rules
    _starts: dict[str, list[int]] = attrs.field(factory=dict)
    sentence_cues: dict[str, bool] = attrs.field(factory=dict)  # sentence-scope cue results

    def near(self, field: str, trigger: Span, reach: int = 0) -> list[Any]:
        """Return the mentions of *field* within *reach* characters of *trigger*.

        Role slots look a few words around their trigger; bounding the search
        by characters keeps a pathological sentence with thousands of
        mentions linear instead of quadratic.
        """
        mentions: tuple[Any, ...] = getattr(self, field)
        starts = self._starts.get(field)
        if starts is None:
            starts = self._starts[field] = [m.start for m in mentions]
        reach = reach or _REACH
        lo = bisect.bisect_left(starts, trigger.start - reach)
        hi = bisect.bisect_right(starts, trigger.end + reach)
        return list(mentions[lo:hi])

    def previous_trigger_end(self, trigger: Span) -> int:
        """Return where the sentence's last reaction trigger before *trigger* ends.

        Reactions (condemning, rejecting, backing, protesting) take an event
        as their object, and their subject is not that event's actor. Other
        triggers pass their subject on: in "the junta ordered the expulsion
        of US forces" the junta expels. Without one, the sentence start.
        """
        starts = self._starts.get("reactions")
        if starts is None:
            starts = self._starts["reactions"] = [t.start for t in self.reactions]
        index = bisect.bisect_left(starts, trigger.start) - 1
        return self.reactions[index].end if index >= 0 else self.span.start

    def trigger_starts(self) -> list[int]:
        """The start offsets of the sentence's triggers (cached)."""
        starts = self._starts.get("triggers")
        if starts is None:
            starts = self._starts["triggers"] = [t.start for t in self.triggers]
        return starts

    def next_trigger_start(self, trigger: Span) -> int:
        """Return where the sentence's next trigger after *trigger* starts (else its end)."""
        starts = self._starts.get("triggers")
        if starts is None:
            starts = self._starts["triggers"] = [t.start for t in self.triggers]
        following = bisect.bisect_left(starts, trigger.end)
        return starts[following] if following < len(starts) else self.span.end


def _is_locative(text: str, mention: Mention) -> bool:
    """Return whether a locative preposition stands before *mention* ("in Niger", "au Mali")."""
    start = mention.start
    article = _ARTICLES.search(text, max(0, start - 12), start)
    if article is not None:
        start = article.start()
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).casefold() in lexicon().prepositions


def _can_act(country: Country) -> bool:
    """Return whether a country mention can fill a role on its own.

    A name or a capital can ("Mali signed", "Washington said"); so can a
    capitalised plural demonym ("the Russians", "les Maliens"), but not an
    adjective ("a Russian commander", "l'accord britannique").
    """
    if country.via is not CountryVia.DEMONYM:
        return True
    return country.text[:1].isupper() and country.text.endswith(("s", "x"))


def _sentences(
    text: str, sentences: Sequence[Span], mentions: Sequence[Mention]
) -> list[_Sentence]:
    # Characters covered by an actor or unit phrase: a country inside one
    # ("Niger's junta") acts through it, not on its own.
    covered = bytearray(len(text) + 1)
    for c in mentions:
        if isinstance(c, Actor | Unit):
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = []
    i = 0
    ordered = sorted(mentions, key=lambda m: m.start)
    for index, span in enumerate(sentences):
        actors: list[Mention] = []
        places: list[Mention] = []
        dates: list[DateMention] = []
        countries: list[Country] = []
        locatives: list[Mention] = []
        while i < len(ordered) and ordered[i].start < span.start:
            i += 1
        j = i
        while j < len(ordered) and ordered[j].start < span.end:
            m = ordered[j]
            j += 1
            if isinstance(m, DateMention):
                dates.append(m)
            elif isinstance(m, Place):
                places.append(m)
            elif isinstance(m, Country):
                inside = all(covered[m.start : m.end])
                acts_alone = _can_act(m) and not inside
                if _is_locative(text, m) and not inside:
                    places.append(m)
                    locatives.append(m)
                else:
                    countries.append(m)
                    if acts_alone:
                        actors.append(m)
            elif isinstance(m, Actor | Unit):
                actors.append(m)
        out.append(
            _Sentence(
                index,
                span,
                tuple(actors),
                tuple(locatives),
                tuple(places),
                tuple(dates),
                tuple(countries),
            )
        )
    return out


def _types_ok(mention: Mention, allowed: Sequence[str]) -> bool:
    if not allowed:
        return True
    kind = _actor_type(mention)
    return kind is not None and kind.value in allowed


def _coordinate(
    text: str, chosen: Mention, candidates: Sequence[Mention], *, leftwards: bool
) -> tuple[Mention, ...]:
    """Extend *chosen* over coordinated candidates ("Mali, Burkina Faso and Niger")."""
    group = [chosen]
    index = candidates.index(chosen)
    step = -1 if leftwards else 1
    k = index + step
    while 0 <= k < len(candidates) and len(group) < _MAX_COORDINATED:
        other = candidates[k]
        a, b = (other, group[-1]) if leftwards else (group[-1], other)
        if not _COORD.match(text[a.end : b.start]):
            break
        group.append(other)
        k += step
    if leftwards:
        group.reverse()
    # A list ends with "and" / "et": a last member joined by a bare comma is
    # an apposition or the next clause ("killed 12 soldiers, the army said").
    while len(group) > 1 and not _LAST_COORD.search(text, group[-2].end, group[-1].start):
        if leftwards:
            # "Le président palestinien, Mahmoud Abbas, a déclaré": an
            # apposition, whose last member (the chosen one) is the subject.
            return (chosen,)
        group.pop()
    return tuple(group)


def _slot(
    slot: str, text: str, trigger: Span, sent: _Sentence, allowed: Sequence[str]
) -> tuple[Mention, ...]:
    cands = [c for c in sent.near("actors", trigger) if not c.overlaps(trigger)]
    # An actor after another trigger belongs to that trigger: in "ordered the
    # expulsion of US forces", US forces are expelled, not ordered. Triggers
    # coordinated with this one share its complements ("tué, torturé et
    # violé des civils", "arrêté et inculpé par la police"): look past them.
    chain_end, limit = _coordinated(text, trigger, sent)
    if slot == "subject":
        # Nearest first; the window and any clause break bound the walk back,
        # so a long sentence costs no more than a short one. An actor before
        # another trigger is that trigger's: in "the junta condemned the
        # attack", the junta did not attack.
        floor = sent.previous_trigger_end(trigger)
        # "The army, which had deployed troops to Gao, withdrew": the subject
        # stands before the relative clause, not inside it.
        ceiling = trigger.start
        relative = _RELATIVE_CLAUSE.search(text, max(sent.span.start, trigger.start - 300), ceiling)
        if relative is None:
            relative = _BARE_RELATIVE.search(
                text, max(sent.span.start, trigger.start - 200), ceiling
            )
        if relative is not None:
            ceiling = relative.start()
            floor = min(floor, ceiling)
        if _INCISE.search(text, max(sent.span.start, trigger.start - 4), trigger.start):
            # '"Nous allons ...", promet l'homme': the subject follows the
            # verb of a quote's incise.
            after = [
                c
                for c in cands
                if c.start >= trigger.end and _words(text, trigger.end, c.start) <= 2
            ]
            return (after[0],) if after and _types_ok(after[0], allowed) else ()
        shared = _shared_subject(text, trigger, sent)
        if shared is not None:
            return (
                _slot("subject", text, shared, sent, allowed)
                or (_unresolved_subject(text, shared, sent, allowed)[1])
            )
        before = [c for c in cands if floor <= c.start and c.end <= ceiling]
        if not before:
            return _fronted_subject(text, trigger, sent, cands, allowed)
        # The nearest actor is the subject; one of the wrong type means the
        # rule does not apply, not that an actor further back is meant.
        c = before[-1]
        if (
            len(before) > 1
            and text[before[-2].end : c.start].strip() == "("
            and text[c.end : c.end + 1] == ")"
        ):
            # "Médecins sans Frontières (MSF)": the name, not its acronym.
            c = before[-2]
        # A short parenthesis belongs to the subject: "Médecins sans
        # Frontières (MSF) annonce".
        between = _SHORT_PARENTHESIS.sub(" ", text[c.end : trigger.start])
        if (
            _words(text, c.end, trigger.start) > _SUBJECT_WINDOW
            or _CLAUSE_BREAK.search(between)
            or _SUBJECT_BARRIER.search(text, c.end, ceiling)
            # "Saddam said he will begin withdrawing": a pronoun of its own
            # stands between the actor and the verb.
            or _PRONOUN_SUBJECT.search(text, c.end, trigger.start)
        ):
            return ()
        return _coordinate(text, c, cands, leftwards=True) if _types_ok(c, allowed) else ()
    if slot == "object":
        for c in cands:
            if c.start < chain_end:
                continue
            if c.start >= limit or _words(text, chain_end, c.start) > _OBJECT_WINDOW:
                break
            if _CLAUSE_BREAK.search(text, chain_end, c.start) or "," in text[chain_end : c.start]:
                break
            if _types_ok(c, allowed):
                return _coordinate(text, c, cands, leftwards=False)
        return ()
    pattern = _preposition_regex(slot)
    # After an explicit preposition a country may be an actor even where it
    # would read as a place elsewhere: "a demandé aux États-Unis de...".
    cands = sorted([*cands, *sent.near("locatives", trigger)], key=lambda c: c.start)
    # A trigger ending in the slot's own preposition ("talks between", "fell
    # to") leaves it inside the trigger: look from that last word on.
    search_from = chain_end
    last = _LAST_WORD.search(trigger.text)
    if last is not None and pattern.fullmatch(last.group(0)):
        search_from = trigger.start + last.start()
    m = pattern.search(text, search_from, sent.span.end)
    # "attaques contre des civils": "des" after another preposition is an
    # article, not the "des" (of) the slot looks for.
    while m is not None and _after_preposition(text, m.start()):
        m = pattern.search(text, m.end(), sent.span.end)
    if m is None or m.start() >= limit or _words(text, chain_end, m.start()) > _PREP_WINDOW:
        return ()
    for c in cands:
        if c.start < m.end():
            continue
        if _words(text, m.end(), c.start) > _PREP_GAP or _after_preposition(
            text, c.start, since=m.end()
        ):
            break
        if _types_ok(c, allowed):
            return _coordinate(text, c, cands, leftwards=False)
        break
    return ()


_POSSESSIVE_BEFORE = lazy_regex(
    r"\b(?:son|sa|ses|leur|leurs|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", regex.IGNORECASE
)
_COORDINATED_GAP = lazy_regex(
    r"\s*(?:,\s*(?:(?:et|and|ou|or)\s+)?|(?:et|and|ou|or)\s+)", regex.IGNORECASE
)


def _coordinated(text: str, trigger: Span, sent: _Sentence) -> tuple[int, int]:
    """Where the chain of triggers coordinated after *trigger* ends, and the next trigger starts.

    "tué, torturé et violé des civils": the complement after the last verb
    of the chain is every verb's. Without a chain, *trigger*'s own end and
    the next trigger's start.
    """
    end = trigger.end
    first = bisect.bisect_left(sent.trigger_starts(), trigger.end)
    following = sent.triggers[first:]
    for k, t in enumerate(following):
        m = _COORDINATED_GAP.match(text, end, t.start)
        if m is None or m.end() != t.start or t.start == end:
            return end, t.start
        end = t.end
        if k + 1 == len(following):
            return end, sent.span.end
    return end, sent.span.end


_FRONTED_START = lazy_regex(r"^\W*(?:\w+\W+){0,2}$")


def _fronted_subject(
    text: str, trigger: Span, sent: _Sentence, cands: Sequence[Mention], allowed: Sequence[str]
) -> tuple[Mention, ...]:
    """The subject of a phrase fronted before it: "En visite en RDC, Jean-Pierre Lacroix a...".

    A trigger among the first words of its sentence, in a phrase closed by
    a comma, has as subject the actor right after that comma ("Arrivés à
    Bamako, les soldats...", "Interrogé par la BBC, le ministre...").
    """
    if not _FRONTED_START.match(text, sent.span.start, trigger.start):
        return ()
    # "Kuchma assured Yeltsin, ...": a name before the trigger is its
    # subject, not a fronted phrase.
    if any(
        w[:1].isupper() and w.casefold() not in lexicon().name_stopwords
        for w in _WORD.findall(text, sent.span.start, trigger.start)
    ):
        return ()
    comma = text.find(",", trigger.end, min(sent.span.end, trigger.end + 80))
    if comma < 0 or _CLAUSE_BREAK.search(text, trigger.end, comma):
        return ()
    after = [c for c in cands if c.start > comma]
    if not after or _words(text, comma, after[0].start) > 2 or not _types_ok(after[0], allowed):
        return ()
    return (after[0],)


def _shared_subject(text: str, trigger: Span, sent: _Sentence) -> Span | None:
    """The earlier trigger whose subject *trigger* shares, if it is coordinated with it.

    "a reconnu Israël en 1999 mais a rompu les liens": "rompu" follows
    "mais" with no subject of its own, so its subject is that of
    "reconnu". The stretch between the two triggers may hold the first
    one's object, not a clause break or an actor-subject of its own.
    """
    # The few triggers just before this one (a bounded look back keeps a
    # sentence of thousands of triggers linear).
    k = bisect.bisect_left(sent.trigger_starts(), trigger.start)
    before = list(sent.triggers[max(0, k - 8) : k])
    before = [t for t in before if t.end <= trigger.start]
    # An event noun ("condemned the bombing ... and called on") has no
    # subject to share: the verb before it does.
    while len(before) > 1 and _DETERMINER_BEFORE.search(
        text, max(sent.span.start, before[-1].start - 12), before[-1].start
    ):
        before.pop()
    if not before:
        return None
    previous = before[-1]
    if trigger.start - previous.end > 300 or _CLAUSE_BREAK.search(
        text, previous.end, trigger.start
    ):
        return None
    m = _SHARED_SUBJECT.search(text, previous.end, trigger.start)
    if m is None and _PURPOSE.search(text, previous.end, trigger.start):
        # "sont descendus dans les rues de Banjul pour demander": the subject
        # of a purpose infinitive is the main clause's.
        return previous
    if m is None and _participle_clause(text, previous.end, trigger):
        # "Blair pledged to stand with the president, warning Saddam": a
        # participle after a comma has the main clause's subject.
        return previous
    if m is None:
        return None
    return previous


_SHORT_PARENTHESIS = lazy_regex(r"^\s*\)|\([^()]{0,40}\)")
_INCISE = lazy_regex(r"[\"”»]\s*,\s*$")
_PURPOSE = lazy_regex(
    r"(?:,\s*|\s)(?:pour|afin\s+de|afin\s+d['’]|in\s+order\s+to)\s+(?:(?:ne\s+pas|not)\s+)?$",
    regex.IGNORECASE,
)
_PARTICIPLE_CLAUSE = lazy_regex(
    r"(?:,\s*(?:en\s+)?|\ben\s+)(?:(?:les|la|le|l['’]|lui|leur|se|s['’]|them|him|her|it)\s*)?$",
    regex.IGNORECASE,
)
_DETERMINER_BEFORE = lazy_regex(
    r"\b(?:the|a|an|its|their|le|la|les|l['’]|un|une|des|du|son|sa|ses|leur|leurs)\s*$",
    regex.IGNORECASE,
)
_PARTICIPLE = lazy_regex(r"^\w+(?:ing|ant)$", regex.IGNORECASE)


def _participle_clause(text: str, since: int, trigger: Span) -> bool:
    """Whether *trigger* is a present participle opening a clause after a comma."""
    first = trigger.text.split()[0] if trigger.text.split() else ""
    return bool(_PARTICIPLE.match(first)) and bool(
        _PARTICIPLE_CLAUSE.search(text, since, trigger.start)
    )


@functools.cache
def _support_verb(language: str) -> regex.Pattern[str]:
    """A verb whose event-noun object its subject does, right before the noun."""
    words = sorted(lexicon().event_support_verbs.get(language, ()), key=len, reverse=True)
    verbs = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
    det = (
        r"(?:(?:the|a|an|its|their|his|her|new|fresh|further|tougher|sweeping|economic|"
        r"le|la|les|l['’]|une?|des|de|d['’]|du|son|sa|ses|leur|leurs|nouvelles?|"
        r"nouveaux?)\s*)*"
    )
    return regex.compile(
        rf"\b(?P<verb>{verbs})\s+(?:(?:\w+ly|\w+ment|d['’]un\s+an|pour\s+un\s+an)\s+)?{det}"
        r"(?:[\w-]+\s+)?$",
        regex.IGNORECASE,
    )


def _after_preposition(text: str, start: int, since: int | None = None) -> bool:
    """Whether a preposition stands right before *start* (after *since* when given).

    With *since*, any preposition between *since* and *start* counts: in
    "suspension de trois mois en Angleterre", England is behind "en", not "de".
    """
    if since is None:
        m = _PREV_WORD.search(text, max(0, start - 30), start)
        return m is not None and m.group(1).casefold() in _SLOT_PREPOSITIONS
    return any(
        w.group(0).casefold() in lexicon().prepositions for w in _WORD.finditer(text, since, start)
    )


@functools.lru_cache(maxsize=256)
def _preposition_regex(slot: str) -> regex.Pattern[str]:
    """Return the regex finding the preposition of an ``agent`` or ``prep:`` slot."""
    words = ("by", "par") if slot == "agent" else tuple(slot.split(":", 1)[1].split(","))
    return regex.compile(
        r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")(?:\b|(?<=['’]))",
        regex.IGNORECASE,
    )


_DEFAULT_SLOTS = {"source": ("subject",), "target": ("object",)}
# A passive auxiliary right before a verb trigger ("were killed", "has been
# arrested", "ont été tués"): the grammatical subject is then the target.
_PASSIVE_EN = lazy_regex(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got|gotten)\s+"
    r"(?:(?:\w+ly|not|never|also|all|both|later|then|just|since|subsequently)\s+){0,2}"
    # "were reported killed", "are believed to have been abducted"
    r"(?:(?:reported|said|believed|thought|feared|confirmed|known|presumed)\s+"
    r"(?:to\s+have\s+been\s+)?)?$",
    regex.IGNORECASE,
)
_PASSIVE_FR = lazy_regex(
    r"\b(?:été|être)\s+(?:(?:\w+ment|tous|toutes|ensuite|aussi|également|déjà)\s+){0,2}$",
    regex.IGNORECASE,
)
# A form of être before a participle is passive ("sont arrêtés") unless the
# verb is one conjugated with être in the active voice ("sont entrés") or the
# verb is pronominal ("se sont retirés").
_ETRE_FR = lazy_regex(
    r"\b(?:(?P<se>se|s['’]|nous|vous)\s*)?(?:est|sont|était|étaient|fut|furent|sera|seront|soit|soient)\s+"
    r"(?:(?:\w+ment|tous|toutes|ensuite|aussi|également|déjà)\s+){0,2}$",
    regex.IGNORECASE,
)
_AVOIR_FR = lazy_regex(
    r"\b(?:a|ont|avait|avaient|aurait|auraient|aura|auront|ayant|avoir|eu|as|avons|avez)\s+"
    r"(?:(?:\w+ment|pas|plus|jamais|déjà|tous|toutes|notamment|à\s+nouveau|de\s+nouveau|"
    r"encore|aussi|enfin|ensuite|bien|toujours)\s+){0,2}$",
    regex.IGNORECASE,
)
# Past participle endings; not the imperfect or conditional ("attaquerait",
# "rejetait") nor "-que"/"-gue" verbs and nouns ("traque", "attaque").
_FR_PARTICIPLE = lazy_regex(
    r"^(?!\w*(?:ait|que|ques|gue|gues)$)"
    r"\w+(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies|it|ite|its|ites|ert|erte|erts|ertes)$",
    regex.IGNORECASE,
)
_FR_ETRE_VERBS = frozenset(
    [
        "entré",
        "entrée",
        "entrés",
        "entrées",
        "arrivé",
        "arrivée",
        "arrivés",
        "arrivées",
        "parti",
        "partie",
        "partis",
        "parties",
        "venu",
        "venue",
        "venus",
        "venues",
        "revenu",
        "revenus",
        "rentré",
        "rentrés",
        "retourné",
        "retournés",
        "sorti",
        "sortis",
        "tombé",
        "tombés",
        "tombée",
        "tombées",
        "mort",
        "morte",
        "morts",
        "mortes",
        "resté",
        "restés",
        "descendu",
        "descendus",
        "monté",
        "montés",
        "allé",
        "allés",
        "passé",
        "passés",
        "intervenu",
        "intervenus",
        "devenu",
        "devenus",
    ]
)
_EN_PARTICIPLE = lazy_regex(
    r"^(?:\w+(?:ed|en)|shot|hit|held|struck|caught|kept|put|sent|led|left|met|set|thrown|"
    r"brought|fought|sold|told|bought|shut|cut|hurt|beat|burnt|slain|blown|overrun|taken)$",
    regex.IGNORECASE,
)
_AGENT_AFTER = lazy_regex(r"^\s+(?:[\w'’-]+\s+){0,2}?(?:by|par)\s", regex.IGNORECASE)


def _voice(text: str, trigger: Span, sent: _Sentence, rule: Rule) -> str:
    """Return ``passive`` when a verb trigger is in the passive voice, else ``active``.

    A rule without a ``subject`` or ``object`` slot is ``nominal``. Only
    rules without an explicit ``agent`` slot are turned around by
    :func:`_fill`: the others spell their passive frame themselves.
    """
    slots = {slot for role in ("source", "target") for slot in _slots(rule, role)}
    if "subject" not in slots and "object" not in slots:
        return "nominal"
    first = trigger.text.split()[0] if trigger.text.split() else ""
    before = text[max(sent.span.start, trigger.start - 60) : trigger.start]
    languages = set(rule.languages) or {"en", "fr"}
    if "en" in languages and not first.casefold().endswith("ing"):
        if _PASSIVE_EN.search(before):
            return "passive"
        # A reduced relative or headline: "12 soldiers killed by jihadists",
        # "15 soldiers killed in the attack" (a counted subject, no object).
        if _EN_PARTICIPLE.match(first) and (
            _AGENT_AFTER.match(text, trigger.end, sent.span.end)
            or (" " not in trigger.text.strip() and _counted_subject(text, trigger, sent))
        ):
            return "passive"
    if "fr" in languages and _FR_PARTICIPLE.match(first):
        if _PASSIVE_FR.search(before):
            return "passive"
        etre = _ETRE_FR.search(before)
        if etre is not None:
            pronominal = etre.group("se") is not None
            return "active" if pronominal or first.casefold() in _FR_ETRE_VERBS else "passive"
        # A participle in a list shares the list's first auxiliary: "ont
        # admis avoir tué, torturé et violé des civils" is active.
        chain = _PARTICIPLE_LIST.search(before)
        if chain is not None:
            head = max(sent.span.start, trigger.start - len(before) + chain.start() - 60)
            before = text[head : trigger.start - len(before) + chain.start()]
        # A bare participle is adjectival ("12 soldats tués", "des civils
        # enlevés"): what it qualifies underwent the act.
        if not _AVOIR_FR.search(before) and first.casefold() not in _FR_ETRE_VERBS:
            return "passive"
    return "active"


_PARTICIPLE_LIST = lazy_regex(
    r"(?:\b\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites)\s*(?:,\s*|\s+et\s+))+$",
    regex.IGNORECASE,
)


def _counted_subject(text: str, trigger: Span, sent: _Sentence) -> bool:
    """Whether a counted actor stands right before the trigger and no actor follows it."""
    before = [c for c in sent.near("actors", trigger, 80) if c.end <= trigger.start]
    if not before or text[before[-1].end : trigger.start].strip():
        return False
    if getattr(before[-1], "number", None) is None:
        return False
    after = [c for c in sent.near("actors", trigger, 80) if c.start >= trigger.end]
    return not (after and _words(text, trigger.end, after[0].start) <= 2)


_UNRESOLVED = lazy_regex(
    r"(?:\b(?P<pronoun>he|she|they|it|we|il|elle|ils|elles|on|nous|who|qui)|"
    r"(?P<name>[[:upper:]][[:lower:]'’-]+(?:\s+(?:[[:upper:]][\w'’-]+|de|du|da|bin|ben|al|el|van|von))*))"
    r"\s+(?:(?:\w+ly|also|then|later|aussi|également|ensuite|alors|ne|n['’]|not|pas|s['’]|se|a|ont|"
    r"has|have|had|was|were|is|are|been|été|est|sont|will|would|shall|can|could|may|might|must|"
    r"did|does|do|va|vont|doit|doivent|avait|avaient|begin|began|start|started|continue|"
    r"commence|commencer)\s*){0,4}$"
)
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "ce",
        "cette",
        "ces",
        "mais",
        "but",
        "and",
        "et",
        "or",
        "ou",
        "after",
        "before",
        "when",
        "while",
        "in",
        "on",
        "at",
        "en",
        "dans",
        "selon",
        "according",
    ]
)


# A speech verb whose complement clause opens with a pronoun subject: "X
# a déclaré qu'il rejetait", "Saddam said he will begin withdrawing".
_SPEECH_BEFORE_PRONOUN = lazy_regex(
    r"\b(?P<verb>said|says|say|told\s+\w+|stated|states|announced|announces|added|adds|declared|"
    r"claimed|claims|insisted|insists|warned|warns|vowed|vows|indicated|confirmed|confirms|"
    r"(?:a|ont|avait|avaient)\s+(?:déclaré|dit|affirmé|annoncé|indiqué|assuré|précisé|estimé|"
    r"ajouté|confirmé|expliqué|prévenu|averti|souligné)|déclare|déclarent|dit|disent|affirme|"
    r"affirment|annonce|annoncent|indique|indiquent|assure|assurent|précise|estime|ajoute|"
    r"explique|souligne)\s+(?:that\s+|que\s+|qu['’]\s*)?$",
    regex.IGNORECASE,
)
_NOT_A_NAME_ENDING = lazy_regex(r"(?:ing|ed)$")


def _unresolved_subject(
    text: str, trigger: Span, sent: _Sentence, allowed: Sequence[str] = ()
) -> tuple[bool, tuple[Mention, ...]]:
    """Whether a pronoun or an unknown proper name is the subject right before the trigger.

    Returns the answer and, where it can be told, who the subject is: the
    speaker for a pronoun opening a speech verb's clause ("Mahmoud Abbas a
    déclaré qu'il rejetait l'accord"), or a person for a single unknown
    name ("Kuchma assured Yeltsin", "Hernandez was kidnapped").
    """
    floor = max(sent.span.start, sent.previous_trigger_end(trigger), trigger.start - 80)
    m = _UNRESOLVED.search(text, floor, trigger.start)
    if m is None:
        return False, ()
    if m.group("pronoun"):
        speech = _SPEECH_BEFORE_PRONOUN.search(
            text, max(sent.span.start, m.start() - 60), m.start()
        )
        pronoun = m.group("pronoun").casefold()
        if pronoun in {"on", "we", "nous"}:
            return True, ()
        if speech is None or pronoun in {"who", "qui"}:
            # "où elle pourchasse", "qu'elle doit se retirer", "le
            # scientifique, qui a été abattu": the nearest actor before the
            # pronoun in its sentence.
            # "he" / "she" stand for a person, "it" for no person.
            wants_person = {"he": True, "she": True, "it": False}.get(pronoun)
            before = [
                c
                for c in sent.near("actors", trigger, 300)
                if (wants_person is None or (_actor_type(c) is ActorType.PERSON) == wants_person)
                and c.end <= m.start()
                # "qui" stands right after its antecedent
                and _words(text, c.end, m.start()) <= (2 if pronoun in {"who", "qui"} else 12)
            ]
            if before and _types_ok(before[-1], allowed):
                return True, (before[-1],)
            return True, ()
        verb = Span(start=speech.start("verb"), end=speech.end("verb"), text=speech.group("verb"))
        _, speaker = _unresolved_subject(text, verb, sent, allowed)
        return True, speaker or _slot("subject", text, verb, sent, allowed)
    name = m.group("name").split()
    first = name[0].casefold()
    # A capitalised function word or common noun opens the sentence ("The",
    # "L'arbitre", "Flooding"): a single capitalised word there names no one.
    if first in _NOT_NAMES or first[1:2] in {"'", "’"} or first in lexicon().name_stopwords:
        return False, ()
    if any(c.start <= m.start() < c.end for c in sent.near("actors", trigger, 120)):
        return False, ()
    opening = not text[sent.span.start : m.start()].strip()
    if len(name) == 1 and opening and _NOT_A_NAME_ENDING.search(first):
        return False, ()
    if len(name) != 1:
        return True, ()
    # A single name the knowledge base lacks, right before its verb, is a
    # person ("Kuchma assured Yeltsin"): it fills the role.
    end = m.start() + len(name[0])
    person = Actor(
        start=m.start(),
        end=end,
        text=text[m.start() : end],
        rule="name:subject",
        id="person:" + name[0],
        name=name[0],
        type=ActorType.PERSON,
    )
    return True, (person,) if _types_ok(person, allowed) else ()


def _explicit_agent(text: str, *, span: Span, sent: _Sentence) -> bool:
    """Whether "by" / "par" follows the trigger within the slot window."""
    m = _preposition_regex("agent").search(text, span.end, sent.span.end)
    return m is not None and _words(text, span.end, m.start()) <= _PREP_WINDOW


def _turnable(rule: Rule) -> bool:
    """Whether the passive turns the rule's roles around.

    Only a transitive verb frame is turned: a target taken from the direct
    object (or no target at all), no ``agent`` slot and no target taken
    from the subject (rules that spell their own passive frame), so "was
    fired on Friday" is not "fire on X" in the passive.
    """
    target = _slots(rule, "target")
    if any("agent" in _slots(rule, r) for r in ("source", "target")) or "subject" in target:
        return False
    return not target or "object" in target


def _slots(rule: Rule, role: str) -> tuple[str, ...]:
    return rule.roles.get(role, _DEFAULT_SLOTS[role])


def _passive_slots(rule: Rule, role: str) -> tuple[str, ...]:
    """The slots of *role* in the passive: the subject is the target, "by X" the source."""
    target = _slots(rule, "target")
    if role == "target":
        return ("subject", *(s for s in target if s not in {"object", "subject"})) if target else ()
    rest = tuple(s for s in _slots(rule, "source") if s not in {"subject", "object", "agent"})
    # A rule with no target ("troops were deployed"): the subject still acts.
    return ("agent", *rest) if target else ("agent", "subject", *rest)


def _fill(
    rule: Rule, role: str, text: str, trigger: Span, sent: _Sentence, *, voice: str
) -> tuple[tuple[Mention, ...], str | None]:
    allowed = rule.source_types if role == "source" else rule.target_types
    slots = (
        _passive_slots(rule, role) if voice == "passive" and _turnable(rule) else _slots(rule, role)
    )
    for slot in slots:
        found = _slot(slot, text, trigger, sent, allowed)
        if found:
            return found, slot
    return (), None


_PERCEPTION = lazy_regex(
    # ("en vue de", "in view of" state a purpose, not a sight)
    r"(?<!\b(?:en|in)\s)\b(?:vu|vus|vue|voir|voit|voient|entendu|entendre|regardé|observé|filmé|"
    r"saw|seen|see|sees|heard|watched|witnessed|filmed)\s+(?:[\w'’-]+\s+){0,4}$",
    regex.IGNORECASE,
)
# Future and conditional endings; "-trait" nouns ("retrait", "portrait",
# "extrait") are not conditionals ("mettrait" is).
_FR_FUTURE = lazy_regex(
    r"(?<=\w{3})(?<!(?<!t)t)(?:r(?:a|as|ons|ez|ont)|r(?:ait|aient|ions|iez))\b(?!['’-])",
    regex.IGNORECASE,
)
_CUE_BREAK = lazy_regex(r"[;:()\[\]—–]|\s-\s|[\"”»]")
_MODALITY_RANK = {Modality.NEGATED: 3, Modality.FUTURE: 2, Modality.POSSIBLE: 1}


def _window(text: str, trigger: Span, sent: Span, scope: str, words: int) -> tuple[int, int]:
    if scope == "sentence":
        return sent.start, sent.end
    if scope == "after":
        end = trigger.end
        for k, m in enumerate(_WORD.finditer(text, trigger.end, sent.end)):
            if k >= words:
                break
            end = m.end()
        return trigger.end, end
    start = trigger.start
    # Only the last few words matter: look back a bounded stretch, not to the
    # start of a possibly enormous sentence.
    lookback = max(sent.start, trigger.start - 60 * max(words, 1))
    before = list(_WORD.finditer(text, lookback, trigger.start))
    if before and words:
        start = before[-min(words, len(before))].start()
    return start, trigger.start


def _cue_found(text: str, trigger: Span, sent: _Sentence, cue: Rule, matcher: AliasMatcher) -> bool:
    if cue.scope == "sentence":
        # The same answer for every trigger of the sentence: compute it once.
        found = sent.sentence_cues.get(cue.id)
        if found is None:
            found = any(True for _ in matcher.finditer(sent.span.text))
            sent.sentence_cues[cue.id] = found
        return found
    start, end = _window(text, trigger, sent.span, cue.scope, cue.window)
    if end <= start:
        return False
    if cue.scope == "before":
        # A cue inside an aside or a bracket says nothing of the verb after
        # it ("Une coalition de rebelles - qui lui serait alliée - a pris").
        breaks = list(_CUE_BREAK.finditer(text, start, end))
        if breaks:
            start = breaks[-1].end()
    return end > start and any(True for _ in matcher.finditer(text[start:end]))


def _modality(
    text: str,
    trigger: Span,
    sent: _Sentence,
    compiled: CompiledRules,
    rule: Rule,
    *,
    verbal: bool = True,
) -> tuple[Modality, tuple[str, ...], bool]:
    """Return the event's modality, the cues that applied and whether one states an intent.

    A future cue with ``intent`` ("will", "plans to") makes the report its
    actor's own announced intention; an infinitive after an order does not.
    """
    # A rule's own modality is a floor the cues can raise: an infinitive rule
    # is future, but "n'a pas l'intention d'attaquer" is still negated.
    best = Modality(rule.modality) if rule.modality else Modality.ASSERTED
    if best is Modality.FUTURE and _PERCEPTION.search(
        text, max(sent.span.start, trigger.start - 60), trigger.start
    ):
        # "a déclaré avoir vu l'armée attaquer le site": an infinitive after
        # a verb of perception reports what was seen, not a plan.
        best = Modality.ASSERTED
    applied: list[str] = []
    intent = False
    if verbal and "fr" in rule.languages and _FR_FUTURE.search(trigger.text):
        # The verb's own tense: "rencontrera", "se retireront", "demanderait".
        best, intent = Modality.FUTURE, True
        applied.append("tense.fr.future")
    for cue, matcher in compiled.cues:
        if _cue_found(text, trigger, sent, cue, matcher):
            applied.append(cue.id)
            intent = intent or (cue.label == Modality.FUTURE and cue.intent)
            found = Modality(cue.label)
            if _MODALITY_RANK[found] > _MODALITY_RANK.get(best, 0):
                best = found
    return best, tuple(applied), intent


def _nearest(mentions: Sequence[_S], trigger: Span) -> _S | None:
    if not mentions:
        return None
    return min(
        mentions, key=lambda m: abs((m.start + m.end) / 2 - (trigger.start + trigger.end) / 2)
    )


_REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST"})
# What an announced intention is in PLOVER: a promise to cooperate (CAMEO 03)
# or a threat (CAMEO 13). Intentions to request, accuse, reject or agree are
# those acts already; an announced deployment is neither.
_INTENT = {
    "CONSULT": PloverCategory.AGREE,
    "SUPPORT": PloverCategory.AGREE,
    "CONCEDE": PloverCategory.AGREE,
    "COOPERATE": PloverCategory.AGREE,
    "AID": PloverCategory.AGREE,
    "RETREAT": PloverCategory.AGREE,
    "ASSAULT": PloverCategory.THREATEN,
    "COERCE": PloverCategory.THREATEN,
    "SANCTION": PloverCategory.THREATEN,
    "PROTEST": PloverCategory.THREATEN,
}
_DATELINE = lazy_regex(
    # "NIAMEY, Niger (AP) — ", "BAMAKO, 3 mai 2024 (AFP) - ": a capitalised
    # place at the head of a line, then up to two comma-separated parts and an
    # agency, then a dash or colon.
    r"(?m)^[ \t]*(?P<dateline>[[:upper:]][[:upper:]'’. -]{2,40}"
    r"(?:\s*,\s*[^\n,—–:()]{1,40}?){0,2}(?:\s*\([^\n)]{1,30}\))?)\s*(?:—|–|--?|:)\s",
)
_DATELINE_REACH = 400  # characters from the start of the text


def find_dateline(text: str) -> Span | None:
    """Return the article's dateline ("NIAMEY, Niger (AP) —") if it opens the text."""
    m = _DATELINE.search(text, 0, min(len(text), _DATELINE_REACH))
    if m is None or sum(ch.isalpha() for ch in m.group("dateline").split(",")[0]) < 3:
        return None
    return Span(start=m.start("dateline"), end=m.end("dateline"), text=m.group("dateline"))


def find_events(
    text: str,
    sentences: Sequence[Span],
    mentions: Sequence[Mention],
    compiled: CompiledRules,
    *,
    published: dt.date | None = None,
    relative: Sequence[RelativeLocation] = (),
    casualties: Sequence[Casualty] = (),
) -> list[Event]:
    """Apply the event rules to every sentence and return the events found.

    Each event takes its place and date from its sentence, else from context
    (an earlier sentence about the same event, the dateline, the publication
    date); same-event reports are then merged (:func:`merge_events`).
    """
    if not sentences:
        return []
    dateline = find_dateline(text)
    in_dateline = [m for m in mentions if dateline is not None and dateline.contains(m)]
    usable = [m for m in mentions if not any(m is d for d in in_dateline)]
    sents = _sentences(text, sentences, usable)
    blockers = [m for m in mentions if not isinstance(m, DateMention)]
    hits = sorted(compiled.events.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    triggers = [hits[i] for i in first_fit((h.start, h.end) for h in hits)]
    by_start = sorted(hits, key=lambda h: h.start)
    hit_starts = [h.start for h in by_start]
    # A trigger word inside a name ("Operation Retreat") is no trigger.
    named = bytearray(len(text) + 1)
    for m in blockers:
        named[m.start : m.end] = b"\x01" * (m.end - m.start)
    triggers = [h for h in triggers if not all(named[h.start : h.end])]
    triggers.sort(key=lambda h: h.start)
    # Every rule matching a kept trigger's exact span is a candidate, alias or
    # pattern alike, tried in precedence order (docs/events.md).
    same_span: dict[tuple[int, int], list[tuple[Rule, Hit]]] = {}
    for h in hits:
        same_span.setdefault((h.start, h.end), []).extend((r, h) for r in h.rules)
    rank = compiled.events.precedence()
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Span]] = {}
    reactions: dict[int, list[Span]] = {}
    located = [(hit, _trigger_span(text, hit), _bisect(starts, hit.start)) for hit in triggers]
    for hit, span, _ in located:
        by_sentence.setdefault(_bisect(starts, span.start), []).append(span)
        if hit.rules[0].label in _REACTIONS:
            reactions.setdefault(_bisect(starts, span.start), []).append(span)
    for s in sents:
        s.triggers = tuple(by_sentence.get(s.index, ()))
        s.reactions = tuple(reactions.get(s.index, ()))
    relative_by_sentence: dict[int, list[RelativeLocation]] = {}
    for r in relative:
        relative_by_sentence.setdefault(_bisect(starts, r.start), []).append(r)
    used: dict[str, Rule] = {}
    for hit, _, index in located:
        if index < 0 or hit.end > sentences[index].end:
            continue
        sent = sents[index]
        candidates = sorted(same_span[(hit.start, hit.end)], key=lambda rh: rank.get(rh[0].id, 0))
        # A longer hit whose rules all fail does not hide a shorter trigger
        # inside it ("perpétré un coup d'état" needs a subject; "coup d'état"
        # alone does not): those come next, longest first.
        first, last = (
            bisect.bisect_left(hit_starts, hit.start),
            bisect.bisect_left(hit_starts, hit.end),
        )
        inner = sorted(
            (
                h
                for h in by_start[first:last]
                if h.end <= hit.end and (h.start, h.end) != (hit.start, hit.end)
            ),
            key=lambda h: (-(h.end - h.start), h.start),
        )
        for h in inner:
            candidates.extend(
                sorted(same_span[(h.start, h.end)], key=lambda rh: rank.get(rh[0].id, 0))
            )
        for rule, rule_hit in candidates:
            span = _trigger_span(text, rule_hit)
            event = _apply(
                rule,
                text=text,
                trigger=span,
                sent=sent,
                compiled=compiled,
                relative=relative_by_sentence.get(index, ()),
                counted=_counted(span, casualties),
            )
            if event is None:
                continue
            key = (
                event.type,
                event.mode,
                tuple((m.start, m.end) for m in event.source),
                tuple((m.start, m.end) for m in event.target),
                span.start,
            )
            if key not in seen:
                seen.add(key)
                events.append(event)
                used[rule.id] = rule
            break
    context = _Context(
        sents=sents,
        dateline_place=_first(in_dateline, (Place, Country)),
        dateline_date=_first(in_dateline, (DateMention,)),
        published=published,
    )
    events = [_mark_subordinate(text, e, sents[e.sentence].span) for e in _govern(text, events)]
    reports = _by_sentence(events)
    return [_coded(_inherit(e, reports, context), used) for e in events]


def _by_sentence(events: Sequence[Event]) -> dict[int, list[Event]]:
    """Index events by sentence: per-event lookups stay linear in long articles."""
    index: dict[int, list[Event]] = {}
    for e in events:
        index.setdefault(e.sentence, []).append(e)
    return index


# An event trigger a few words after one of these is the act demanded,
# promised, threatened, refused or charged, not one reported as done: its
# modality is raised to this (ACCUSE only with "of" / "d'avoir": "condemned
# the attack" presupposes the attack).
_GOVERNING = {
    "REQUEST": Modality.FUTURE,
    "AGREE": Modality.FUTURE,
    "THREATEN": Modality.FUTURE,
    "REJECT": Modality.NEGATED,
    "ACCUSE": Modality.POSSIBLE,
}
_GOVERN_WINDOW = 10  # words between the governing trigger and the governed one
_GOVERN_BREAK = lazy_regex(
    r"[;:()\[\]—–]|\b(?:and|but|while|whereas|then|after|before|et|mais|puis|alors|tandis|après|avant)\b",
    regex.IGNORECASE,
)
_ACCUSE_OF = lazy_regex(r"\b(?:of|d['’]avoir|de|d['’])\b", regex.IGNORECASE)
# Authority verbs effect a nominal complement: "ordered the expulsion of US
# forces" is the expulsion (an infinitive, "ordered US forces to leave", is
# a future act through the infinitive cue instead).
_EFFECTIVE = lazy_regex(
    r"^(?:ordered|orders|ordering|decreed|decrees|decided|decides|ordonn|décrét|décid|a\s+ordonn|"
    r"ont\s+ordonn|a\s+décrét|ont\s+décrét|a\s+décid|ont\s+décid)",
    regex.IGNORECASE,
)


_SUBORDINATOR = lazy_regex(
    r"\b(?:after|following|since|amid|amidst|despite|as|when|whenever|where|which|who|whom|whose|"
    r"while|because|before|until|during|once|"
    r"après|suite\s+à|depuis|lors\s+d[eu']|lorsqu['’]?|quand|où|qui|dont|lequel|laquelle|lesquels|"
    r"lesquelles|alors\s+qu['’]?|pendant|avant|malgré|parce\s+qu['’]?|puisqu['’]?)(?:\b|(?<=['’]))",
    regex.IGNORECASE,
)
_CLAUSE_END = lazy_regex(r"[,;:()\[\]—–]")


def _mark_subordinate(text: str, event: Event, sentence: Span) -> Event:
    """Mark an event whose trigger stands in a subordinate clause ("after a coup toppled...").

    A subordinator (after, following, which, where, lorsque, qui, ...) before
    the trigger with no comma or other clause end between them puts the
    trigger in background: news states its main event in the main clause.
    """
    start = max(sentence.start, event.trigger.start - 200)
    last = None
    for m in _SUBORDINATOR.finditer(text, start, event.trigger.start):
        last = m
    if last is None or _CLAUSE_END.search(text, last.end(), event.trigger.start):
        return event
    return attrs.evolve(event, explanation=attrs.evolve(event.explanation, subordinate=True))


def _govern(text: str, events: list[Event]) -> list[Event]:
    """Mark events whose trigger is the complement of a demand, promise, threat, refusal or charge.

    The governed event keeps its category, records the governing trigger in
    ``explanation.governor`` and has its modality raised (an asserted act
    demanded is future, refused negated, charged possible).
    """
    # Per sentence, the governing triggers by where they end: each event looks
    # back from the nearest one and stops past the window, so a sentence with
    # thousands of triggers stays linear.
    governing: dict[int, list[Event]] = {}
    for e in events:
        if e.type.value in _GOVERNING:
            governing.setdefault(e.sentence, []).append(e)
    ends: dict[int, list[int]] = {}
    for index, group in governing.items():
        group.sort(key=lambda e: e.trigger.end)
        ends[index] = [e.trigger.end for e in group]
    out = []
    for event in events:
        governor = None
        group = governing.get(event.sentence, [])
        k = bisect.bisect_right(ends.get(event.sentence, []), event.trigger.start)
        if event.explanation.voice == "passive":
            k = 0  # "the demand ... has been refused": a clause of its own
        for j in range(k - 1, -1, -1):
            other = group[j]
            if other is event:
                continue
            if _words(text, other.trigger.end, event.trigger.start) > _GOVERN_WINDOW:
                break  # the others end further back
            if _GOVERN_BREAK.search(
                text, other.trigger.end, event.trigger.start
            ) or _participle_clause(text, other.trigger.end, event.trigger):
                continue
            if event.explanation.voice == "nominal" and _EFFECTIVE.match(other.trigger.text):
                continue
            governor = other
            break
        if governor is None:
            out.append(event)
            continue
        raised = _GOVERNING[governor.type.value]
        if governor.type is PloverCategory.ACCUSE and not _ACCUSE_OF.search(
            text, governor.trigger.end, event.trigger.start
        ):
            raised = Modality.ASSERTED
        modality = event.modality
        if _MODALITY_RANK.get(raised, 0) > _MODALITY_RANK.get(modality, 0):
            modality = raised
        why = attrs.evolve(event.explanation, governor=governor.trigger)
        source = event.source
        if not source:
            # "called on Israel to withdraw", "onze soldats ont été accusés
            # d'avoir perpétré un coup": the one asked or charged would do
            # the act; "refused to withdraw", "promised to leave": the one
            # refusing or promising.
            doer = (
                governor.target
                if governor.type in {PloverCategory.REQUEST, PloverCategory.ACCUSE}
                and raised is not Modality.ASSERTED
                else governor.source
                if governor.type is not PloverCategory.ACCUSE
                else ()
            )
            doer = tuple(d for d in doer if not any(d.overlaps(t) for t in event.target))
            if doer:
                source = doer
                why = attrs.evolve(why, source_slot="governor")
        out.append(
            attrs.evolve(event, modality=modality, intent=None, source=source, explanation=why)
        )
    return _attach_to_event_nouns(text, out)


# "un raid qui a tué 200 personnes", "an attack that killed 12": the verb's
# subject is the event noun before it.
_EVENT_NOUN_LINK = lazy_regex(
    r"^\s*,?\s*(?:qui|that|which)\s+(?:(?:a|ont|avait|avaient|aurait|auraient|has|have|had|"
    r"reportedly|also|aussi|notamment)\s+)*$",
    regex.IGNORECASE,
)


def _attach_to_event_nouns(text: str, events: list[Event]) -> list[Event]:
    """Give a verb whose subject is a relative pronoun after an event noun that noun's reading.

    In "les RSF ont été accusés d'avoir mené un raid qui a tué 200
    personnes" the killing is the raid's: it takes the raid's source and
    modality (alleged, so possible), and the two reports then merge.
    """
    by_end = sorted(
        (e for e in events if e.explanation.voice == "nominal"), key=lambda e: e.trigger.end
    )
    ends = [e.trigger.end for e in by_end]
    out = []
    for event in events:
        k = bisect.bisect_right(ends, event.trigger.start) - 1
        noun = by_end[k] if k >= 0 and event.explanation.voice != "nominal" else None
        if (
            noun is None
            or noun.sentence != event.sentence
            or noun.type is not event.type
            or event.trigger.start - noun.trigger.end > 40
            or not _EVENT_NOUN_LINK.match(text[noun.trigger.end : event.trigger.start])
        ):
            out.append(event)
            continue
        changes: dict[str, Any] = {}
        if not event.source and noun.source:
            changes["source"] = noun.source
        if _MODALITY_RANK.get(noun.modality, 0) > _MODALITY_RANK.get(event.modality, 0):
            changes["modality"] = noun.modality
        out.append(attrs.evolve(event, **changes) if changes else event)
    return out


def _counted(trigger: Span, casualties: Sequence[Casualty]) -> bool:
    """Whether a casualty count overlaps or touches *trigger* ("82 were killed", "killing 15")."""
    return any(c.start <= trigger.end + 2 and trigger.start <= c.end + 2 for c in casualties)


def _first(mentions: Sequence[Mention], kinds: tuple[type, ...]) -> Any:
    return next((m for m in mentions if isinstance(m, kinds)), None)


@attrs.frozen
class _Context:
    """What an event can inherit from outside its sentence."""

    sents: Sequence[_Sentence]
    dateline_place: Mention | None
    dateline_date: DateMention | None
    published: dt.date | None


def _entity_keys(mentions: Sequence[Mention], *, named: bool = False) -> set[str]:
    """Identity keys of role mentions: the same actor or country in two reports.

    A generic phrase ("soldiers", "the army") is keyed by its type and
    country, so two generic phrases of one kind never contradict; with
    *named*, generic phrases give no key (they are no evidence of identity).
    """
    keys: set[str] = set()
    for m in mentions:
        if isinstance(m, Country):
            keys.add(m.iso3)
        elif isinstance(m, Actor | Unit):
            # A resolved anaphor ("the group") is the actor it refers to.
            actor = m.refers_to if isinstance(m, Actor) and m.refers_to is not None else m
            if isinstance(actor, Actor) and actor.id.startswith("generic."):
                if not named:
                    keys.add(f"{actor.type.value}:{actor.country or ''}")
            else:
                keys.add(getattr(actor, "id", "") or actor.text.casefold())
    return keys


def _same_event(a: Event, b: Event) -> bool:
    """Whether two reports of one category can be the same event (nothing contradicts)."""
    if a.type is not b.type or a.modality is not b.modality:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    # Two triggers of one category in one sentence report one event ("a car
    # bombing ... killed 10 people") unless they are placed apart, or are two
    # verbs with subjects of their own ("X accused Russia, and Y accused it").
    if a.sentence == b.sentence and (
        a.source
        and b.source
        and "nominal" not in {a.explanation.voice, b.explanation.voice}
        and not _entity_keys(a.source) & _entity_keys(b.source)
    ):
        return False
    for role in ("source", "target") if a.sentence != b.sentence else ():
        ka, kb = _entity_keys(getattr(a, role)), _entity_keys(getattr(b, role))
        if ka and kb and not ka & kb:
            return False
    # Only what each report says itself can contradict: an inherited place or
    # date is a guess.
    la = None if a.location_inherited else _place_key(a.location)
    lb = None if b.location_inherited else _place_key(b.location)
    if la and lb and la != lb and not (la[1] == lb[1] and (la[0] is None or lb[0] is None)):
        return False
    da = None if a.date_inherited else a.date_value
    db = None if b.date_inherited else b.date_value
    return not (da and db and not _dates_agree(da, db))


def _place_key(location: Mention | None) -> tuple[str | None, str | None] | None:
    if isinstance(location, Place):
        return location.id, location.country
    if isinstance(location, Country):
        return None, location.iso3
    return None


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _inherit(event: Event, by_sentence: Mapping[int, Sequence[Event]], context: _Context) -> Event:
    """Fill the place and date of *event* from context when its sentence has none."""
    location, location_from = event.location, event.explanation.location_from
    inherited = False
    if location is None:
        for earlier in reversed(context.sents[max(0, event.sentence - 3) : event.sentence]):
            about = [
                e
                for e in by_sentence.get(earlier.index, ())
                if e.type is event.type and e.location is not None and not e.location_inherited
            ]
            if about:
                location, location_from, inherited = about[-1].location, "previous_sentence", True
                break
    if location is None and context.dateline_place is not None:
        location, location_from, inherited = context.dateline_place, "dateline", True
    date, date_value, date_from = event.date, event.date_value, event.explanation.date_from
    date_inherited = False
    if date is None:
        if context.dateline_date is not None and context.dateline_date.value:
            date, date_value, date_from = (
                context.dateline_date,
                context.dateline_date.value,
                "dateline",
            )
            date_inherited = True
        elif context.published is not None:
            date_value, date_from, date_inherited = context.published.isoformat(), "published", True
    modality = event.modality
    if (
        modality is Modality.ASSERTED
        and not date_inherited
        and isinstance(date, DateMention)
        and date.first_day is not None
        and context.published is not None
        and date.first_day > context.published
    ):
        # "meet separately Monday" in an article of the Saturday before: an
        # event dated after publication has not happened yet.
        modality = Modality.FUTURE
    return attrs.evolve(
        event,
        modality=modality,
        location=location,
        location_inherited=inherited,
        date=date,
        date_value=date_value,
        date_inherited=date_inherited,
        explanation=attrs.evolve(
            event.explanation, location_from=location_from, date_from=date_from
        ),
    )


def _coded(event: Event, rules: Mapping[str, Rule]) -> Event:
    """Give *event* its ACLED and CAMEO codes (they depend on its place and actors)."""
    acled_type, acled_sub, cameo = _codes(
        event.type.value, event.mode, event.target, event.location
    )
    rule = rules.get(event.rule)
    if rule is not None:
        acled_type = rule.acled_event_type or acled_type
        acled_sub = rule.acled_sub_event_type or acled_sub
        cameo = rule.cameo or cameo
    acled = None
    if acled_type and acled_sub:
        acled_type, acled_sub = _battle_or_civilians(event, acled_type, acled_sub)
        where = _location_country(event.location)
        acled = AcledCode(
            event_type=acled_type,
            sub_event_type=acled_sub,
            inter1=acled_inter(event.source[0], where) if event.source else None,
            inter2=acled_inter(event.target[0], where) if event.target else None,
        )
    return attrs.evolve(event, acled=acled, cameo=cameo)


_ARMED = {
    ActorType.MILITARY,
    ActorType.POLICE,
    ActorType.PMC,
    ActorType.JIHADIST,
    ActorType.REBEL,
    ActorType.MILITIA,
    ActorType.PEACEKEEPING,
}


def _battle_or_civilians(event: Event, acled_type: str, acled_sub: str) -> tuple[str, str]:
    """Separate ACLED's Battles from Violence against civilians by the actors' types.

    An armed clash whose target is unarmed (civilians, protesters, a person)
    is violence against civilians; violence against civilians whose target
    is an armed actor is a battle.
    """
    targets = {_actor_type(t) for t in event.target}
    if (
        acled_type == "Battles"
        and targets
        and targets
        <= {
            ActorType.CIVILIANS,
            ActorType.PROTESTERS,
            ActorType.PERSON,
        }
    ):
        return "Violence against civilians", "Attack"
    if (
        acled_type == "Violence against civilians"
        and acled_sub == "Attack"
        and targets
        and targets <= _ARMED
        and event.source
    ):
        return "Battles", "Armed clash"
    return acled_type, acled_sub


def _trigger_span(text: str, hit: Hit) -> Span:
    """Return the trigger: the pattern's ``trigger`` group if it has one, else the match."""
    m = hit.match
    if m is not None and "trigger" in m.groupdict() and m.group("trigger"):
        return Span(start=m.start("trigger"), end=m.end("trigger"), text=m.group("trigger"))
    return Span(start=hit.start, end=hit.end, text=text[hit.start : hit.end])


def _bisect(starts: Sequence[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _apply(
    rule: Rule,
    *,
    text: str,
    trigger: Span,
    sent: _Sentence,
    compiled: CompiledRules,
    relative: Sequence[RelativeLocation] = (),
    counted: bool = False,
) -> Event | None:
    voice = _voice(text, trigger, sent, rule)
    source, source_slot = _fill(rule, "source", text, trigger, sent, voice=voice)
    target, target_slot = _fill(rule, "target", text, trigger, sent, voice=voice)
    if not source and voice == "nominal":
        support = _support_verb(compiled.language).search(
            text, max(sent.span.start, trigger.start - 60), trigger.start
        )
        if support is not None:
            # "le gouvernement a annoncé la suspension des soldats": the
            # subject of the supporting verb does the act.
            verb = Span(start=support.start("verb"), end=support.end("verb"), text=support["verb"])
            source = _slot("subject", text, verb, sent, rule.source_types)
            if not source:
                source = _unresolved_subject(text, verb, sent, rule.source_types)[1]
            source_slot = "support-verb" if source else None
            target = tuple(t for t in target if all(not t.overlaps(s) for s in source))
    if (
        not source
        and voice == "nominal"
        and _POSSESSIVE_BEFORE.search(text, max(sent.span.start, trigger.start - 30), trigger.start)
    ):
        # "depuis son déploiement au Mozambique", "announced its withdrawal":
        # the possessor is the clause's subject.
        source = _slot("subject", text, trigger, sent, rule.source_types)
        source_slot = "possessor" if source else None
    target = tuple(t for t in target if all(not t.overlaps(s) for s in source))
    if (
        not target
        and len(source) >= 2
        and source_slot not in {None, "subject"}
        and source[0].start > trigger.end
        and _BETWEEN.search(text, trigger.end, source[0].start)
    ):
        # "clashes between the army and JNIM": the two sides, first and second.
        source, target, target_slot = source[:1], source[1:], source_slot
    if not target:
        target_slot = None
    requires = rule.requires
    if (
        voice == "passive"
        and _turnable(rule)
        and _slots(rule, "target")
        and not _explicit_agent(text, span=trigger, sent=sent)
    ):
        # "12 soldiers were killed": the passive need not name its agent (but
        # "barred ... by the storm" names one that is no actor).
        requires = tuple("any" if need == "source" else need for need in requires)
    if counted and rule.label == PloverCategory.ASSAULT:
        # "At least 82 were killed": the count is the victims, named or not.
        requires = ()
    if not (source if voice != "passive" or not _turnable(rule) else target) and (
        voice != "nominal"
    ):
        turned = voice == "passive" and _turnable(rule)
        subject_role = "target" if turned or "subject" in _slots(rule, "target") else "source"
        allowed = rule.target_types if subject_role == "target" else rule.source_types
        unresolved, who = _unresolved_subject(text, trigger, sent, allowed)
        if unresolved:
            # "Il a appelé à...", "Hernandez was kidnapped": a pronoun or a
            # name the knowledge base lacks is the subject; the event is
            # real, its role filled when the subject can be told.
            # It satisfies a requirement on the subject's role, nothing more:
            # "ils ont tué le temps" still needs an actor somewhere. In the
            # passive the subject is the one who underwent the act ("il a
            # été tué"): the event stands with no actor named.
            dropped = {subject_role, "any"} if subject_role == "target" else {subject_role}
            requires = tuple(need for need in requires if need not in dropped)
            if (
                who
                and subject_role == "target"
                and not any(w.overlaps(x) for w in who for x in source)
            ):
                target, target_slot = who, "subject"
            elif (
                who
                and subject_role == "source"
                and not any(w.overlaps(x) for w in who for x in target)
            ):
                source, source_slot = who, "subject"
    for need in requires:
        if need == "any" and not (source or target):
            return None
        if need == "source" and not source:
            return None
        if need == "target" and not target:
            return None
    if rule.source_types and not source and "source" in requires:
        return None
    role_spans = {(m.start, m.end) for m in (*source, *target)}
    location: Mention | None = _nearest(
        [
            p
            for p in sent.near("places", trigger, _LOCATION_REACH)
            if (p.start, p.end) not in role_spans
        ],
        trigger,
    )
    location_from = "sentence" if location is not None else None
    near_relative = _nearest(list(relative), trigger)
    relative_location = None
    if isinstance(near_relative, RelativeLocation) and (
        location is None or near_relative.contains(location)
    ):
        relative_location, location, location_from = near_relative, near_relative.anchor, "relative"
    if location is None:
        # A country named in the sentence but playing no role, other than the
        # source's own ("Mali ... with the deployment of the Wagner Group").
        own = {_actor_country(m) for m in source}
        location = _nearest(
            [
                c
                for c in sent.near("countries", trigger, _LOCATION_REACH)
                # A nationality adjective ("Serbian flags", "responsables
                # ukrainiens") says whose, not where.
                if c.iso3 not in own
                and c.via is not CountryVia.DEMONYM
                and not any(r.contains(c) for r in (*source, *target))
            ],
            trigger,
        )
        location_from = "sentence" if location is not None else None
    dates = [
        d
        for d in sent.near("dates", trigger, _LOCATION_REACH)
        if d.timex_type in {TimexType.DATE, TimexType.TIME}
    ]
    date = _nearest(dates, trigger)
    modality, cues, intent = _modality(
        text, trigger, sent, compiled, rule, verbal=voice != "nominal"
    )
    return Event(
        type=PloverCategory(rule.label),
        mode=rule.mode,
        trigger=trigger,
        sentence=sent.index,
        source=source,
        target=target,
        location=location,
        relative_location=relative_location,
        date=date if isinstance(date, DateMention) else None,
        date_value=date.value if isinstance(date, DateMention) else None,
        modality=modality,
        rule=rule.id,
        intent=_INTENT.get(rule.label) if intent and modality is Modality.FUTURE else None,
        mentions=(EventMention(trigger=trigger, sentence=sent.index, rule=rule.id),),
        explanation=Explanation(
            voice=voice,
            source_slot=source_slot,
            target_slot=target_slot,
            cues=cues,
            location_from=location_from,
            date_from="sentence" if isinstance(date, DateMention) else None,
        ),
    )


def merge_events(
    events: Sequence[Event], text: str, rules: Mapping[str, Rule] | None = None
) -> list[Event]:
    """Merge reports of one event within an article into one record.

    Two reports merge when they share the category and modality, nothing
    contradicts (actors, mode, place, date) and something links them: a
    common actor, the same place or date, or a definite nominal trigger
    ("the attack", "l'attaque") pointing back. The first report leads; the
    merged record keeps every report in ``mentions`` and takes the roles,
    place, date and casualty counts the first lacks from the others
    (casualties: the lowest figure, as ACLED does).
    """
    merged: list[Event] = []
    for event in events:
        for k, kept in enumerate(merged):
            if _same_event(kept, event) and _linked(kept, event, text):
                merged[k] = _combine(kept, event, rules or {})
                break
        else:
            merged.append(event)
    return merged


_DEFINITE = lazy_regex(
    r"\b(?:the|this|that|these|those|le|la|les|ce|cet|cette|ces)\s+(?:[\w-]+\s+)?$|\bl['’]\s*$",
    regex.IGNORECASE,
)


def _linked(a: Event, b: Event, text: str) -> bool:
    """Whether something positively ties report *b* to the earlier report *a*."""
    if a.sentence == b.sentence:
        return True  # "attacked the post, killing 12 soldiers"
    for role in ("source", "target"):
        if _entity_keys(getattr(a, role), named=True) & _entity_keys(getattr(b, role), named=True):
            return True
    la, lb = _place_key(a.location), _place_key(b.location)
    if la and la == lb and not (a.location_inherited and b.location_inherited):
        return True
    if a.date is not None and b.date is not None and a.date_value == b.date_value:
        return True
    # "the attack" / "l'attaque" in a later sentence points back to the event.
    return (
        b.explanation.voice == "nominal"
        and b.sentence > a.sentence
        and _DEFINITE.search(text, max(0, b.trigger.start - 30), b.trigger.start) is not None
    )


def _combine(a: Event, b: Event, rules: Mapping[str, Rule]) -> Event:
    """Merge report *b* into record *a*: *a* leads, *b* fills what *a* lacks."""
    changes: dict[str, Any] = {"mentions": (*a.mentions, *b.mentions)}
    if a.mode is None and b.mode is not None:
        # The record takes the more specific reading: "tué, torturé" is a
        # torture, which a rape in the same sentence then is not.
        changes["mode"] = b.mode
    why = a.explanation
    if not a.source and b.source:
        changes["source"] = b.source
        why = attrs.evolve(why, source_slot=b.explanation.source_slot)
    if not a.target and b.target:
        changes["target"] = b.target
        why = attrs.evolve(why, target_slot=b.explanation.target_slot)
    elif b.target and a.sentence == b.sentence and len(a.target) < _MAX_COORDINATED:
        # "A car bombing outside the embassy killed 10 people": both
        # reports' targets are the event's (a few: a pathological sentence
        # of thousands of reports must not pool thousands).
        extra = tuple(t for t in b.target if not any(t.overlaps(x) for x in (*a.target, *a.source)))
        if extra:
            changes["target"] = (*a.target, *extra)[:_MAX_COORDINATED]
    if b.location is not None and (
        a.location is None or (a.location_inherited and not b.location_inherited)
    ):
        changes.update(
            location=b.location,
            relative_location=b.relative_location,
            location_inherited=b.location_inherited,
        )
        why = attrs.evolve(why, location_from=b.explanation.location_from)
    if b.date_value is not None and (
        a.date_value is None or (a.date_inherited and not b.date_inherited)
    ):
        changes.update(date=b.date, date_value=b.date_value, date_inherited=b.date_inherited)
        why = attrs.evolve(why, date_from=b.explanation.date_from)
    if b.fatalities is not None:
        changes["fatalities"] = _lowest(a.fatalities, b.fatalities)
    # A record is background or governed only if every report of it is.
    why = attrs.evolve(
        why,
        subordinate=why.subordinate and b.explanation.subordinate,
        governor=why.governor if b.explanation.governor is not None else None,
    )
    changes["explanation"] = why
    return _coded(attrs.evolve(a, **changes), rules)


def _lowest(a: Fatalities | None, b: Fatalities) -> Fatalities:
    """Combine two reports' counts: per label the lowest figure (ACLED's conservative reading)."""
    if a is None:
        return b

    def low(x: int | None, y: int | None) -> int | None:
        return y if x is None else x if y is None else min(x, y)

    return Fatalities(
        killed=low(a.killed, b.killed),
        wounded=low(a.wounded, b.wounded),
        casualties=(*a.casualties, *b.casualties),
    )


_INCLUDING = lazy_regex(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom|dont|parmi\s+(?:eux|elles|lesquels|"
    r"lesquelles)|notamment)\s+(?:[\w'’-]+\s+){0,2}$",
    regex.IGNORECASE,
)


@functools.cache
def _coordinated_count() -> regex.Pattern[str]:
    """A count coordinated before another one: "15 soldiers and [7 civilians were killed]"."""
    count = builtin_macros()["COUNT"]
    return regex.compile(rf"(?i)\b(?P<n>{count})(?:\s+[\w'’-]+){{0,3}}?\s*(?:,|\s+and|\s+et)\s*$")


def _victim(
    text: str, count_start: int, end: int, actors: Sequence[Mention], ends: Sequence[int]
) -> Mention | None:
    """The actor phrase a count is about: "15 [Malian soldiers] were killed"."""
    lo = bisect.bisect_left(ends, count_start + 1)
    found: list[Mention] = []
    for actor in actors[lo:]:
        if actor.start > max(end, count_start) + 40:
            break
        if actor.end > count_start and _words(text, count_start, actor.start) <= 4:
            found.append(actor)
    # The actor phrase, not the demonym inside it ("Malian" in "Malian soldiers").
    found.sort(key=lambda a: (isinstance(a, Country), a.start, -a.end))
    return found[0] if found else None


def find_casualties(
    text: str, compiled: CompiledRules, mentions: Sequence[Mention] = ()
) -> list[Casualty]:
    """Find casualty counts ("at least 20 soldiers were killed"), longest match first.

    A count coordinated before a matched one ("15 soldiers and 7 civilians
    were killed") is a count of its own; each count records the actor phrase
    it is about (its victims) when there is one among *mentions*.
    """
    actors = sorted(
        (m for m in mentions if isinstance(m, Actor | Unit | Country)), key=lambda m: m.end
    )
    ends = [a.end for a in actors]
    dates = [m for m in mentions if isinstance(m, DateMention)]
    hits = sorted(compiled.casualties.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    out: list[Casualty] = []
    for label in ("killed", "wounded"):  # a killed and a wounded count may overlap
        of_label = [h for h in hits if h.rules[0].label == label]
        for index in first_fit((h.start, h.end) for h in of_label):
            hit = of_label[index]
            count = parse_count(hit.match.group("n")) if hit.match is not None else None
            if count is None or hit.match is None:
                continue
            if any(d.start < hit.match.end("n") and hit.match.start("n") < d.end for d in dates):
                continue  # a year, not a count: "In 2019 jihadists killed..."
            start = min(hit.start, hit.match.start("n"))
            kind: Literal["killed", "wounded"] = "killed" if label == "killed" else "wounded"
            found = [(start, hit.end, count)]
            # Walk back over coordinated counts: "15 soldiers, 3 gendarmes and 7
            # civilians were killed" (only where the count precedes its keyword,
            # and never into another count: "des dizaines de morts et 30 blessés").
            left = start if hit.match is not None and start < hit.start else -1
            while (
                left > 0
                and (m := _coordinated_count().search(text, max(0, left - 80), left)) is not None
                and (n := parse_count(m.group("n"))) is not None
                and not any(h.start < m.end() and m.start() < h.end for h in hits)
            ):
                found.append((m.start("n"), m.end(), n))
                left = m.start("n")
            for begin, end, number in found:
                stop = end if (begin, end, number) != found[0] else hit.end
                out.append(
                    Casualty(
                        start=begin,
                        end=stop,
                        text=text[begin:stop],
                        rule=hit.rules[0].id,
                        label=kind,
                        count=number,
                        victim=_victim(text, begin, stop, actors, ends),
                    )
                )
    out.sort(key=lambda c: c.start)
    return out


# "L'inspecteur a été tué", "the scientist was shot dead": one person killed.
_SINGULAR_PASSIVE = lazy_regex(
    r"\b(?:a|avait|aurait|vient\s+d['’]être|was|has\s+been|had\s+been)\s+(?:été\s+)?"
    r"(?:\w+(?:ment|ly)\s+)?$",
    regex.IGNORECASE,
)
_KILLING_WORD = lazy_regex(
    r"^(?:tuée?|abattue?|assassinée?|exécutée?|killed|shot\s+dead|murdered|assassinated|executed)$",
    regex.IGNORECASE,
)


def _single_killed(text: str, event: Event) -> Casualty | None:
    """One killed for a killing verb in the singular passive ("a été tué", "was killed").

    ACLED counts a named or singular victim as one fatality; a plural or
    counted victim is read by the casualty rules instead.
    """
    if (
        event.type is not PloverCategory.ASSAULT
        or event.modality is not Modality.ASSERTED
        or event.explanation.voice != "passive"
        or event.fatalities is not None
        or not _KILLING_WORD.match(event.trigger.text)
        or not _SINGULAR_PASSIVE.search(text, max(0, event.trigger.start - 40), event.trigger.start)
    ):
        return None
    victim = event.target[0] if len(event.target) == 1 else None
    if victim is not None and getattr(victim, "number", None) not in {None, 1}:
        return None
    return Casualty(
        start=event.trigger.start,
        end=event.trigger.end,
        text=event.trigger.text,
        rule="killed.single-victim",
        label="killed",
        count=1,
        victim=victim,
    )


def attach_casualties(
    events: Sequence[Event],
    casualties: Sequence[Casualty],
    sentences: Sequence[Span],
    text: str = "",
) -> list[Event]:
    """Give each casualty count to the nearest ASSAULT event of its sentence.

    An event's killed (wounded) figure is the sum of its distinct counts
    ("15 soldiers and 7 civilians were killed" = 22); a count that is part of
    another ("20 dead, including 15 soldiers") is kept in ``casualties`` but
    not added.
    """
    starts = [s.start for s in sentences]
    assaults: dict[int, list[int]] = {}
    for i, e in enumerate(events):
        if e.type is PloverCategory.ASSAULT and e.modality is not Modality.NEGATED:
            assaults.setdefault(e.sentence, []).append(i)
    assigned: dict[int, list[Casualty]] = {}
    for casualty in casualties:
        candidates = assaults.get(_bisect(starts, casualty.start))
        if not candidates:
            continue
        centre = (casualty.start + casualty.end) / 2
        best = min(candidates, key=lambda i: abs(events[i].trigger.start - centre))
        assigned.setdefault(best, []).append(casualty)
    out = list(events)
    if text:
        for i, e in enumerate(out):
            if i not in assigned and (single := _single_killed(text, e)) is not None:
                out[i] = attrs.evolve(e, fatalities=Fatalities(killed=1, casualties=(single,)))
    for index, found in assigned.items():

        def total(label: str, found: list[Casualty] = found) -> int | None:
            counts = [
                c.count
                for c in found
                if c.label == label
                and not (text and _INCLUDING.search(text, max(0, c.start - 60), c.start))
            ]
            return sum(counts) if counts else None

        changes: dict[str, Any] = {
            "fatalities": Fatalities(
                killed=total("killed"), wounded=total("wounded"), casualties=tuple(found)
            )
        }
        if not out[index].target:
            # "10 personnes sont mortes dans les violences": the victims of
            # the counts are the event's targets when it names none.
            victims = [
                c.victim
                for c in found
                if c.victim is not None and not any(c.victim.overlaps(s) for s in out[index].source)
            ]
            if victims:
                changes["target"] = tuple(dict.fromkeys(victims))[:_MAX_COORDINATED]
        out[index] = attrs.evolve(out[index], **changes)
    return out
