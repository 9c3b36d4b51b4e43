"""The typed data model: mentions, events and the document-level extraction."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any, ClassVar, Literal

import attrs


class MentionKind(StrEnum):
    """What a mention refers to (the ``kind`` field of the JSON contract)."""

    COUNTRY = "country"
    PLACE = "place"
    ACTOR = "actor"
    UNIT = "unit"
    DATE = "date"


class PlaceType(StrEnum):
    """The type of a place."""

    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    REGION = "region"
    MILITARY_BASE = "military_base"
    AIRPORT = "airport"
    BORDER_AREA = "border_area"
    NATURAL = "natural"
    SUPRANATIONAL = "supranational"
    OTHER = "other"


class ActorType(StrEnum):
    """The type of an actor or a unit."""

    MILITARY = "military"
    GOVERNMENT = "government"
    POLICE = "police"
    PMC = "pmc"
    JIHADIST = "jihadist"
    REBEL = "rebel"
    MILITIA = "militia"
    PEACEKEEPING = "peacekeeping"
    INTL_ORG = "intl_org"
    CIVILIANS = "civilians"
    PROTESTERS = "protesters"
    PERSON = "person"
    OTHER = "other"


class CountryVia(StrEnum):
    """How a country mention refers to its country."""

    NAME = "name"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    #: "the country", "le pays": refers back to the last country named.
    ANAPHOR = "anaphor"


class TimexType(StrEnum):
    """The TimeML TIMEX3 type of a temporal expression."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(StrEnum):
    """The calendar granularity of a resolved date."""

    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class PloverCategory(StrEnum):
    """The 16 PLOVER event categories."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Modality(StrEnum):
    """Whether an event is reported as having happened (PLOVER's auxiliary modes)."""

    ASSERTED = "asserted"
    NEGATED = "negated"
    FUTURE = "future"
    POSSIBLE = "possible"


def _check_offsets(instance: Span, _attribute: object, value: int) -> None:
    """Reject spans whose end precedes their start."""
    if value < instance.start:
        msg = f"span end {value} precedes its start {instance.start}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the input text: ``text == document[start:end]``."""

    start: int
    end: int = attrs.field(validator=_check_offsets)
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the span as the JSON contract's ``{"start", "end", "text"}`` object."""
        return {"start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """Return whether *other* lies entirely within this span."""
        return self.start <= other.start and other.end <= self.end


@attrs.frozen(kw_only=True)
class Mention(Span):
    """A span recognised by a rule; the base of every kind of mention."""

    kind: ClassVar[MentionKind]
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object (``kind`` first)."""
        return {"kind": self.kind.value, **super().to_dict(), "rule": self.rule}


def _ref_of(mention: Mention | None) -> dict[str, Any] | None:
    """A pointer to another mention: its offsets and id (or ISO3 code)."""
    if mention is None:
        return None
    ident = getattr(mention, "id", None) or getattr(mention, "iso3", None)
    return {"start": mention.start, "end": mention.end, "id": ident}


@attrs.frozen(kw_only=True)
class Country(Mention):
    """A reference to a country by name, demonym or capital (a flagged metonym)."""

    kind: ClassVar[MentionKind] = MentionKind.COUNTRY
    iso3: str
    name: str
    via: CountryVia = CountryVia.NAME
    #: For ``via == "anaphor"``: the country mention it refers back to.
    refers_to: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object."""
        return {
            **super().to_dict(),
            "iso3": self.iso3,
            "name": self.name,
            "via": self.via.value,
            "refers_to": _ref_of(self.refers_to),
        }


@attrs.frozen(kw_only=True)
class Place(Mention):
    """A place from the gazetteer, with its coordinates."""

    kind: ClassVar[MentionKind] = MentionKind.PLACE
    id: str
    name: str
    type: PlaceType
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    resolution: str = "gazetteer"

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object."""
        return {
            **super().to_dict(),
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "resolution": self.resolution,
        }


@attrs.frozen(kw_only=True)
class Actor(Mention):
    """An actor: a named one from the knowledge base or a composed generic phrase.

    ``generic`` is true for a bare head noun ("insurgents") that found no country;
    ``head`` is the rule id of the head noun a composed phrase was built from.
    """

    kind: ClassVar[MentionKind] = MentionKind.ACTOR
    id: str
    name: str
    type: ActorType
    country: str | None = None
    generic: bool = False
    head: str | None = None
    number: int | None = None
    acled_inter: int | None = None
    #: For an anaphor ("the junta", "le groupe"): the earlier, specific mention
    #: it was resolved to; its id, name, type and country are copied here.
    refers_to: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object."""
        return {
            **super().to_dict(),
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "country": self.country,
            "generic": self.generic,
            "head": self.head,
            "number": self.number,
            "acled_inter": self.acled_inter,
            "refers_to": _ref_of(self.refers_to),
        }


@attrs.frozen(kw_only=True)
class Unit(Mention):
    """A military unit, formation, operation, task force or private military company."""

    kind: ClassVar[MentionKind] = MentionKind.UNIT
    id: str
    name: str
    type: ActorType
    country: str | None = None
    echelon: str | None = None
    number: int | None = None
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object."""
        return {
            **super().to_dict(),
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "country": self.country,
            "echelon": self.echelon,
            "number": self.number,
            "parent": self.parent,
        }


@attrs.frozen(kw_only=True)
class DateMention(Mention):
    """A temporal expression with its TimeML type and value.

    ``first_day``/``last_day`` give the calendar interval the value covers (both
    ``None`` for durations, sets and unresolvable references); ``granularity``
    is the unit of that interval.
    """

    kind: ClassVar[MentionKind] = MentionKind.DATE
    timex_type: TimexType
    value: str | None
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    granularity: Granularity | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-contract object."""
        return {
            **super().to_dict(),
            "timex_type": self.timex_type.value,
            "value": self.value,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "granularity": self.granularity.value if self.granularity else None,
        }


@attrs.frozen(kw_only=True)
class Casualty(Span):
    """A casualty count in the text: "at least 20 soldiers were killed" (killed, 20).

    ``count`` is read conservatively: the lowest figure, and ACLED's
    conventions for vague plurals ("dozens" = 12, "hundreds" = 100).
    """

    rule: str
    label: Literal["killed", "wounded"]
    count: int
    victim: Mention | None = None

    @property
    def victim_type(self) -> str | None:
        """The victims' actor type ("military", "civilians", ...) when the count names them."""
        kind = getattr(self.victim, "type", None)
        if kind is None and isinstance(self.victim, Country):
            return "government"
        return kind.value if isinstance(kind, ActorType) else None

    @property
    def victim_country(self) -> str | None:
        """The victims' country (ISO3) when the count names it ("15 Malian soldiers")."""
        if isinstance(self.victim, Country):
            return self.victim.iso3
        country = getattr(self.victim, "country", None)
        return country if isinstance(country, str) else None

    def to_dict(self) -> dict[str, Any]:
        """Return the count as a JSON object (the victims by offsets, type and country)."""
        return {
            **super().to_dict(),
            "rule": self.rule,
            "label": self.label,
            "count": self.count,
            "victim": _ref_of(self.victim),
            "victim_type": self.victim_type,
            "victim_country": self.victim_country,
        }


@attrs.frozen(kw_only=True)
class Fatalities:
    """Casualty counts attached to an event, with the counts they come from."""

    killed: int | None = None
    wounded: int | None = None
    casualties: tuple[Casualty, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the counts as a JSON object (the source counts by offsets)."""
        return {
            "killed": self.killed,
            "wounded": self.wounded,
            "casualties": [Span.to_dict(c) for c in self.casualties],
        }


@attrs.frozen(kw_only=True)
class AcledCode:
    """The ACLED coding of an event: event type, sub-event type and actor interaction."""

    event_type: str
    sub_event_type: str
    inter1: int | None = None
    inter2: int | None = None

    @property
    def interaction(self) -> int | None:
        """ACLED's two-digit interaction code (lower inter code first), if inter1 is known."""
        if self.inter1 is None:
            return None
        codes = sorted(c for c in (self.inter1, self.inter2) if c is not None)
        return int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10

    def to_dict(self) -> dict[str, Any]:
        """Return the coding as a JSON object."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "inter1": self.inter1,
            "inter2": self.inter2,
            "interaction": self.interaction,
        }


def _ref(mention: Span | None) -> dict[str, Any] | None:
    """Point at a mention by offsets, as the contract requires."""
    return Span.to_dict(mention) if mention is not None else None


@attrs.frozen(kw_only=True)
class EventMention:
    """One report of an event in the text: its trigger, sentence and rule.

    An event mentioned twice in an article (a lead, then a detail) is one
    :class:`Event` with two mentions.
    """

    trigger: Span
    sentence: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON object."""
        return {"trigger": self.trigger.to_dict(), "sentence": self.sentence, "rule": self.rule}


@attrs.frozen(kw_only=True)
class Explanation:
    """Why an event record has the roles, modality, place and date it has.

    ``voice`` is ``active``, ``passive`` (roles swapped: the subject is the
    target, "by X" / "par X" the source) or ``nominal`` (a noun trigger with
    prepositional roles). ``source_slot`` / ``target_slot`` name the role slot
    that filled each role (``subject``, ``object``, ``agent``, ``prep:...``).
    ``cues`` are the ids of the modality cue rules that applied.
    ``governor`` is the trigger of the event this one is the complement of
    (the act demanded, promised, threatened, refused or charged: "demanded
    the release of the hostages"), or None for a main event. ``subordinate``
    is true when the trigger stands in a subordinate clause ("after a coup
    toppled the government", "où 24 personnes ont été tuées"): background
    to the sentence's main event.
    ``location_from`` is ``sentence``, ``relative`` (a relative location of
    the sentence), ``previous_sentence`` (an earlier sentence about the same
    event) or ``dateline``; ``date_from`` is ``sentence``, ``dateline`` or
    ``published``; None when nothing was found.
    """

    voice: str = "active"
    source_slot: str | None = None
    target_slot: str | None = None
    cues: tuple[str, ...] = ()
    location_from: str | None = None
    date_from: str | None = None
    governor: Span | None = None
    subordinate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the explanation as a JSON object."""
        return {
            "voice": self.voice,
            "source_slot": self.source_slot,
            "target_slot": self.target_slot,
            "cues": list(self.cues),
            "location_from": self.location_from,
            "date_from": self.date_from,
            "governor": self.governor.to_dict() if self.governor else None,
            "subordinate": self.subordinate,
        }


@attrs.frozen(kw_only=True)
class Event:
    """One event: who (source) did what (type, mode) to whom (target), where and when.

    ``location_inherited`` / ``date_inherited`` are true when the location or date
    came from outside the event's sentence. ``date_value`` is the TIMEX value
    of the event's date: its date mention's, else the publication date's
    (then ``date`` is None and ``date_inherited`` true). ``relative_location``
    is set when the place is given relative to another ("30 km from Djibo":
    ``location`` is then its anchor). ``mentions`` lists every report of the
    event merged into this record (the first is ``trigger`` / ``rule``), and
    ``explanation`` says how each field was filled. ``intent`` is set when
    the report is its source's announced intention ("will withdraw",
    "promised to release"): PLOVER codes such a statement AGREE when the act
    is cooperative and THREATEN when it is hostile; ``type`` stays the act.
    """

    type: PloverCategory
    mode: str | None
    trigger: Span
    sentence: int
    source: tuple[Mention, ...] = ()
    target: tuple[Mention, ...] = ()
    location: Mention | None = None
    date: DateMention | None = None
    modality: Modality = Modality.ASSERTED
    fatalities: Fatalities | None = None
    acled: AcledCode | None = None
    cameo: str | None = None
    rule: str
    location_inherited: bool = False
    date_inherited: bool = False
    date_value: str | None = None
    relative_location: RelativeLocation | None = None
    mentions: tuple[EventMention, ...] = ()
    explanation: Explanation = attrs.field(factory=Explanation)
    intent: PloverCategory | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the event as a JSON-contract object."""
        return {
            "type": self.type.value,
            "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence,
            "source": [Span.to_dict(m) for m in self.source],
            "target": [Span.to_dict(m) for m in self.target],
            "location": _ref(self.location),
            "date": _ref(self.date),
            "modality": self.modality.value,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "acled": self.acled.to_dict() if self.acled else None,
            "cameo": self.cameo,
            "rule": self.rule,
            "location_inherited": self.location_inherited,
            "date_inherited": self.date_inherited,
            "date_value": self.date_value,
            "relative_location": _ref(self.relative_location),
            "mentions": [m.to_dict() for m in self.mentions],
            "explanation": self.explanation.to_dict(),
            "intent": self.intent.value if self.intent else None,
        }


@attrs.frozen(kw_only=True)
class RelativeLocation(Span):
    """A location given relative to a place: "à 50 km au nord de Gao", "30 km from Djibo".

    The span covers the whole expression; ``anchor`` is the place it is
    relative to. ``distance_km`` is None for "near Gao" / "près de Gao"
    (approximations such as "une trentaine de kilomètres" give 30; miles are
    converted), ``direction`` a compass point from the anchor (``N``, ``NE``,
    ... ``NW``) or None.
    """

    anchor: Place
    distance_km: float | None = None
    direction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the relative location as a JSON-contract object."""
        return {
            **super().to_dict(),
            "anchor": {"start": self.anchor.start, "end": self.anchor.end, "id": self.anchor.id},
            "distance_km": self.distance_km,
            "direction": self.direction,
        }


@attrs.frozen(kw_only=True)
class Extraction:
    """Everything extracted from one document.

    ``mentions`` are sorted by offset; ``casualties`` are the casualty counts
    found (events refer to them through ``Event.fatalities``); ``warnings``
    name problems with the input that did not stop extraction (e.g. text that
    looks like mojibake).
    """

    text: str
    language: str
    published: dt.date | None
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    casualties: tuple[Casualty, ...] = ()
    relative_locations: tuple[RelativeLocation, ...] = ()
    warnings: tuple[str, ...] = ()
    version: str = "0.1.0"

    @property
    def countries(self) -> tuple[Country, ...]:
        """The country mentions, in text order, including capitals used as metonyms.

        A metonym ("Paris a annoncé") has ``via == CountryVia.CAPITAL``; count
        countries with :meth:`country_codes`, which leaves them out.
        """
        return tuple(m for m in self.mentions if isinstance(m, Country))

    @property
    def metonyms(self) -> tuple[Country, ...]:
        """The capitals used for their state ("Washington said"), in text order."""
        return tuple(
            m for m in self.mentions if isinstance(m, Country) and m.via is CountryVia.CAPITAL
        )

    @property
    def places(self) -> tuple[Place, ...]:
        """The place mentions, in text order."""
        return tuple(m for m in self.mentions if isinstance(m, Place))

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The actor mentions, in text order."""
        return tuple(m for m in self.mentions if isinstance(m, Actor))

    @property
    def units(self) -> tuple[Unit, ...]:
        """The unit mentions, in text order."""
        return tuple(m for m in self.mentions if isinstance(m, Unit))

    @property
    def dates(self) -> tuple[DateMention, ...]:
        """The date mentions, in text order."""
        return tuple(m for m in self.mentions if isinstance(m, DateMention))

    def country_codes(self, *, include_capitals: bool = False) -> frozenset[str]:
        """Return the ISO3 codes of the countries mentioned.

        Capitals used as metonyms ("Washington said") count only with
        ``include_capitals=True``.
        """
        return frozenset(
            c.iso3 for c in self.countries if include_capitals or c.via is not CountryVia.CAPITAL
        )

    def explain(self, event: Event) -> str:
        """Return a readable account of why *event* was produced.

        It names the rule and trigger of every report of the event, the
        sentence, which slot filled each role (and the voice), the modality
        cues, where the place and date came from, the casualty counts and the
        codes. ``sahelnews explain FILE`` prints this for every event.
        """

        def quote(span: Span | None) -> str:
            return f'"{span.text}" [{span.start}:{span.end}]' if span is not None else "-"

        def sentence(index: int) -> str:
            if 0 <= index < len(self.sentences):
                return " ".join(self.sentences[index].text.split())
            return "?"

        why = event.explanation
        head = event.type.value + (f" ({event.mode})" if event.mode else "")
        lines = [f"{head}, {event.modality.value}"]
        for k, report in enumerate(
            event.mentions
            or (EventMention(trigger=event.trigger, sentence=event.sentence, rule=event.rule),)
        ):
            label = "reported" if k == 0 else "also reported"
            lines.append(
                f"  {label} by rule {report.rule}: trigger {quote(report.trigger)}"
                f" in sentence {report.sentence}: {sentence(report.sentence)}"
            )
        lines.append(f"  voice: {why.voice}")
        for role, slot in (("source", why.source_slot), ("target", why.target_slot)):
            mentions = getattr(event, role)
            names = ", ".join(quote(m) for m in mentions) or "-"
            lines.append(f"  {role}: {names}" + (f" (slot {slot})" if slot else ""))
        cues = ", ".join(why.cues) if why.cues else "no cue"
        lines.append(f"  modality: {event.modality.value} ({cues})")
        where = quote(event.location)
        if event.relative_location is not None:
            where = f"{quote(event.relative_location)}, anchored on {where}"
        inherited = ", inherited" if event.location_inherited else ""
        lines.append(f"  location: {where} (from {why.location_from or 'nowhere'}{inherited})")
        when = event.date_value or "-"
        source = quote(event.date) if event.date is not None else why.date_from or "nowhere"
        inherited = ", inherited" if event.date_inherited else ""
        lines.append(f"  date: {when} (from {source}{inherited})")
        if event.fatalities is not None:
            counts = "; ".join(
                f"{c.label} {c.count} from {quote(c)}"
                + (
                    f" (victims: {' '.join(filter(None, (c.victim_type, c.victim_country)))})"
                    if c.victim is not None
                    else ""
                )
                for c in event.fatalities.casualties
            )
            lines.append(
                f"  fatalities: killed {event.fatalities.killed}, "
                f"wounded {event.fatalities.wounded} ({counts})"
            )
        if event.acled is not None:
            a = event.acled
            lines.append(
                f"  ACLED: {a.event_type} / {a.sub_event_type}, inter1 {a.inter1}, "
                f"inter2 {a.inter2}, interaction {a.interaction}"
            )
        lines.append(f"  CAMEO root: {event.cameo or '-'}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the extraction as the JSON contract's document object."""
        return {
            "sahelnews": self.version,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "casualties": [c.to_dict() for c in self.casualties],
            "relative_locations": [r.to_dict() for r in self.relative_locations],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """Return :meth:`to_dict` serialised as JSON (UTF-8 characters kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
