"""Event rules: triggers, role slots, modality, location, date and ACLED/CAMEO codes."""

from __future__ import annotations

import bisect
import functools
import tomllib
from collections.abc import Sequence
from importlib import resources
from typing import Any

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
    Fatalities,
    Mention,
    Modality,
    Place,
    PloverCategory,
    Span,
    TimexType,
    Unit,
)
from sahelnews._rules import Rule

_WORD = lazy_regex(r"\w+")
_COORD = lazy_regex(
    r"^\s*(?:,\s*(?:and\s+|et\s+)?|and\s+|et\s+|&\s*|as\s+well\s+as\s+|ainsi\s+que\s+)"
    r"(?:the\s+|les\s+|la\s+|le\s+|l['’]\s*)?$",
    regex.IGNORECASE,
)
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
_PREP_WINDOW = 4


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
    rule: Rule, mode: str | None, target: Sequence[Mention], location: Mention | None
) -> tuple[str | None, str | None, str | None]:
    target_types = {_actor_type(t) for t in target}
    for entry in crosswalk():
        if entry.category != rule.label or entry.mode not in {"*", mode}:
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
                acts_alone = _can_act(m) and not all(covered[m.start : m.end])
                if _is_locative(text, m):
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
    return tuple(group)


def _slot(
    slot: str, text: str, trigger: Span, sent: _Sentence, allowed: Sequence[str]
) -> tuple[Mention, ...]:
    cands = [c for c in sent.near("actors", trigger) if not c.overlaps(trigger)]
    # An actor after another trigger belongs to that trigger: in "ordered the
    # expulsion of US forces", US forces are expelled, not ordered.
    limit = sent.next_trigger_start(trigger)
    if slot == "subject":
        # Nearest first; the window and any clause break bound the walk back,
        # so a long sentence costs no more than a short one.
        for c in reversed([c for c in cands if c.end <= trigger.start]):
            if _words(text, c.end, trigger.start) > _SUBJECT_WINDOW or _CLAUSE_BREAK.search(
                text, c.end, trigger.start
            ):
                break
            if _types_ok(c, allowed):
                return _coordinate(text, c, cands, leftwards=True)
        return ()
    if slot == "object":
        for c in cands:
            if c.start < trigger.end:
                continue
            if c.start >= limit or _words(text, trigger.end, c.start) > _OBJECT_WINDOW:
                break
            if (
                _CLAUSE_BREAK.search(text, trigger.end, c.start)
                or "," in text[trigger.end : c.start]
            ):
                break
            if _types_ok(c, allowed):
                return _coordinate(text, c, cands, leftwards=False)
        return ()
    pattern = _preposition_regex(slot)
    # After an explicit preposition a country may be an actor even where it
    # would read as a place elsewhere: "a demandé aux États-Unis de...".
    cands = sorted([*cands, *sent.near("locatives", trigger)], key=lambda c: c.start)
    m = pattern.search(text, trigger.end, sent.span.end)
    if m is None or m.start() >= limit or _words(text, trigger.end, m.start()) > _PREP_WINDOW:
        return ()
    for c in cands:
        if c.start < m.end():
            continue
        if _words(text, m.end(), c.start) > 3:
            break
        if _types_ok(c, allowed):
            return _coordinate(text, c, cands, leftwards=False)
        break
    return ()


@functools.lru_cache(maxsize=256)
def _preposition_regex(slot: str) -> regex.Pattern[str]:
    """Return the regex finding the preposition of an ``agent`` or ``prep:`` slot."""
    words = ("by", "par") if slot == "agent" else tuple(slot.split(":", 1)[1].split(","))
    return regex.compile(
        r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")(?:\b|(?<=['’]))",
        regex.IGNORECASE,
    )


def _fill(rule: Rule, role: str, text: str, trigger: Span, sent: _Sentence) -> tuple[Mention, ...]:
    default = {"source": ("subject",), "target": ("object",)}[role]
    allowed = rule.source_types if role == "source" else rule.target_types
    for slot in rule.roles.get(role, default):
        found = _slot(slot, text, trigger, sent, allowed)
        if found:
            return found
    return ()


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
    return end > start and any(True for _ in matcher.finditer(text[start:end]))


def _modality(
    text: str, trigger: Span, sent: _Sentence, compiled: CompiledRules, rule: Rule
) -> Modality:
    # A rule's own modality is a floor the cues can raise: an infinitive rule
    # is future, but "n'a pas l'intention d'attaquer" is still negated.
    best = Modality(rule.modality) if rule.modality else Modality.ASSERTED
    for cue, matcher in compiled.cues:
        if _cue_found(text, trigger, sent, cue, matcher):
            found = Modality(cue.label)
            if _MODALITY_RANK[found] > _MODALITY_RANK.get(best, 0):
                best = found
    return best


def _nearest(mentions: Sequence[Mention], trigger: Span) -> Mention | None:
    if not mentions:
        return None
    return min(
        mentions, key=lambda m: abs((m.start + m.end) / 2 - (trigger.start + trigger.end) / 2)
    )


def find_events(
    text: str,
    sentences: Sequence[Span],
    mentions: Sequence[Mention],
    compiled: CompiledRules,
) -> list[Event]:
    """Apply the event rules to every sentence and return the events found."""
    if not sentences:
        return []
    sents = _sentences(text, sentences, mentions)
    blockers = [m for m in mentions if not isinstance(m, DateMention)]
    hits = sorted(compiled.events.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    triggers = [hits[i] for i in first_fit((h.start, h.end) for h in hits)]
    # A trigger word inside a name ("Operation Retreat") is no trigger.
    named = bytearray(len(text) + 1)
    for m in blockers:
        named[m.start : m.end] = b"\x01" * (m.end - m.start)
    triggers = [h for h in triggers if not all(named[h.start : h.end])]
    triggers.sort(key=lambda h: h.start)
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Span]] = {}
    located = [(hit, _trigger_span(text, hit), _bisect(starts, hit.start)) for hit in triggers]
    for _, span, _ in located:
        by_sentence.setdefault(_bisect(starts, span.start), []).append(span)
    for s in sents:
        s.triggers = tuple(by_sentence.get(s.index, ()))
    for hit, trigger, index in located:
        if index < 0 or hit.end > sentences[index].end:
            continue
        sent = sents[index]
        for rule in hit.rules:
            event = _apply(
                rule, text=text, trigger=trigger, sent=sent, sents=sents, compiled=compiled
            )
            if event is None:
                continue
            key = (
                event.type,
                event.mode,
                tuple((m.start, m.end) for m in event.source),
                tuple((m.start, m.end) for m in event.target),
                trigger.start,
            )
            if key not in seen:
                seen.add(key)
                events.append(event)
            break
    return events


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
    sents: Sequence[_Sentence],
    compiled: CompiledRules,
) -> Event | None:
    source = _fill(rule, "source", text, trigger, sent)
    target = _fill(rule, "target", text, trigger, sent)
    target = tuple(t for t in target if all(not t.overlaps(s) for s in source))
    for need in rule.requires:
        if need == "any" and not (source or target):
            return None
        if need == "source" and not source:
            return None
        if need == "target" and not target:
            return None
    if rule.source_types and not source and "source" in rule.requires:
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
    location_inherited = False
    if location is None:
        # A country named in the sentence but playing no role, other than the
        # source's own ("Mali ... with the deployment of the Wagner Group").
        own = {_actor_country(m) for m in source}
        location = _nearest(
            [
                c
                for c in sent.near("countries", trigger, _LOCATION_REACH)
                if c.iso3 not in own and not any(r.contains(c) for r in (*source, *target))
            ],
            trigger,
        )
    if location is None:
        for previous in reversed(sents[max(0, sent.index - 3) : sent.index]):
            if previous.places:
                location, location_inherited = previous.places[-1], True
                break
    dates = [
        d
        for d in sent.near("dates", trigger, _LOCATION_REACH)
        if d.timex_type in {TimexType.DATE, TimexType.TIME}
    ]
    date = _nearest(dates, trigger)
    modality = _modality(text, trigger, sent, compiled, rule)
    acled_type, acled_sub, cameo = _codes(rule, rule.mode, target, location)
    acled = None
    acled_type = rule.acled_event_type or acled_type
    acled_sub = rule.acled_sub_event_type or acled_sub
    if acled_type and acled_sub:
        where = _location_country(location)
        acled = AcledCode(
            event_type=acled_type,
            sub_event_type=acled_sub,
            inter1=acled_inter(source[0], where) if source else None,
            inter2=acled_inter(target[0], where) if target else None,
        )
    return Event(
        type=PloverCategory(rule.label),
        mode=rule.mode,
        trigger=trigger,
        sentence=sent.index,
        source=source,
        target=target,
        location=location,
        date=date if isinstance(date, DateMention) else None,
        modality=modality,
        acled=acled,
        cameo=rule.cameo or cameo,
        rule=rule.id,
        location_inherited=location_inherited,
    )


def find_casualties(text: str, compiled: CompiledRules) -> list[Casualty]:
    """Find casualty counts ("at least 20 soldiers were killed"), longest match first."""
    hits = sorted(compiled.casualties.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    out: list[Casualty] = []
    for label in ("killed", "wounded"):  # a killed and a wounded count may overlap
        of_label = [h for h in hits if h.rules[0].label == label]
        for index in first_fit((h.start, h.end) for h in of_label):
            hit = of_label[index]
            count = parse_count(hit.match.group("n")) if hit.match is not None else None
            if count is None:
                continue
            start = min(hit.start, hit.match.start("n")) if hit.match is not None else hit.start
            out.append(
                Casualty(
                    start=start,
                    end=hit.end,
                    text=text[start : hit.end],
                    rule=hit.rules[0].id,
                    label="killed" if label == "killed" else "wounded",
                    count=count,
                )
            )
    out.sort(key=lambda c: c.start)
    return out


def attach_casualties(
    events: Sequence[Event], casualties: Sequence[Casualty], sentences: Sequence[Span]
) -> list[Event]:
    """Give each casualty count to the nearest ASSAULT event of its sentence."""
    starts = [s.start for s in sentences]
    assaults: dict[int, list[int]] = {}
    for i, e in enumerate(events):
        if e.type is PloverCategory.ASSAULT:
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
    for index, found in assigned.items():
        killed = [c.count for c in found if c.label == "killed"]
        wounded = [c.count for c in found if c.label == "wounded"]
        out[index] = attrs.evolve(
            out[index],
            fatalities=Fatalities(
                killed=killed[0] if killed else None,
                wounded=wounded[0] if wounded else None,
                casualties=tuple(found),
            ),
        )
    return out
