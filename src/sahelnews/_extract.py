"""The extraction pipeline: text in, typed :class:`Extraction` out."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator

from sahelnews._dates import find_dates
from sahelnews._errors import InputError
from sahelnews._events import attach_casualties, find_casualties, find_events, merge_events
from sahelnews._geo import find_relative
from sahelnews._model import Country, DateMention, Extraction, Mention, Place
from sahelnews._recognise import find_entities, find_geography
from sahelnews._rules import LANGUAGES, Ruleset
from sahelnews._text import detect_language, looks_like_mojibake, split_sentences

__version__ = "0.1.0"

#: Texts longer than this raise :class:`InputError` unless the limit is raised.
DEFAULT_MAX_CHARS = 5_000_000


def parse_published(value: object) -> dt.date | None:
    """Accept ``None``, a date, a datetime or an ISO ``YYYY-MM-DD`` string.

    Raises:
        InputError: the value is not a date or not a valid ISO date string.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(f"published must be a YYYY-MM-DD date, got {value!r}") from None
    raise InputError(f"published must be a date or a YYYY-MM-DD string, not {type(value).__name__}")


class Extractor:
    """Extracts mentions and events with one ruleset, for many documents.

    Args:
        rules: the ruleset to apply (default: :meth:`Ruleset.default`).
        max_chars: longest text accepted; ``None`` for no limit.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_event_rules", "max_chars", "rules")

    def __init__(
        self, rules: Ruleset | None = None, *, max_chars: int | None = DEFAULT_MAX_CHARS
    ) -> None:
        """Hold *rules* for repeated extraction."""
        if rules is not None and not isinstance(rules, Ruleset):
            raise TypeError(f"rules must be a Ruleset, not {type(rules).__name__}")
        self.rules = rules if rules is not None else Ruleset.default()
        self.max_chars = max_chars
        # Event rules by id: merged events are re-coded with their rule's overrides.
        self._event_rules = {r.id: r for r in self.rules.rules("events")}

    def extract(
        self, text: str, *, published: object = None, language: str | None = None
    ) -> Extraction:
        """Extract everything from one document.

        Args:
            text: the article text (offsets in the result index into it).
            published: publication date (``date``, ``datetime`` or ``YYYY-MM-DD``),
                the anchor of relative dates; without it they stay unresolved.
            language: ``"en"`` or ``"fr"``; detected when None.

        Raises:
            TypeError: *text* is not a string.
            InputError: the date or language is invalid, or the text is too long.
        """
        text, pub, language, warnings = self._prepare(text, published, language)
        compiled = self.rules.compiled(language)
        sentences = split_sentences(text)
        entities = find_entities(text, compiled)
        dates = find_dates(text, compiled.dates, sentences, pub, language)
        dates = _outside_entities(dates, entities)
        mentions: list[Mention] = sorted([*entities, *dates], key=lambda m: (m.start, -m.end))
        relative = find_relative(text, [m for m in entities if isinstance(m, Place)])
        casualties = find_casualties(text, compiled, mentions)
        events = find_events(
            text,
            sentences,
            mentions,
            compiled,
            published=pub,
            relative=relative,
            casualties=casualties,
        )
        events = attach_casualties(events, casualties, sentences, text)
        events = merge_events(events, text, self._event_rules)
        # A subject the recognisers could not see alone ("Kuchma assured
        # Yeltsin") but an event role names is a mention too.
        spans = {(m.start, m.end) for m in mentions}
        named = [
            m
            for e in events
            for m in (*e.source, *e.target)
            if m.rule == "name:subject" and (m.start, m.end) not in spans
        ]
        if named:
            unique = {(m.start, m.end): m for m in named}
            mentions = sorted([*mentions, *unique.values()], key=lambda m: (m.start, -m.end))
        return Extraction(
            text=text,
            language=language,
            published=pub,
            sentences=sentences,
            mentions=tuple(mentions),
            events=tuple(events),
            casualties=tuple(casualties),
            relative_locations=tuple(relative),
            warnings=tuple(warnings),
            version=__version__,
        )

    def _prepare(
        self, text: object, published: object, language: str | None
    ) -> tuple[str, dt.date | None, str, list[str]]:
        """Check the arguments shared by :meth:`extract` and :meth:`dates`."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if self.max_chars is not None and len(text) > self.max_chars:
            raise InputError(
                f"text has {len(text)} characters, more than max_chars={self.max_chars}; "
                "split it or build Extractor(max_chars=None)"
            )
        pub = parse_published(published)
        warnings: list[str] = []
        if language is None:
            language, confidence = detect_language(text)
            if text.strip() and confidence < 0.6:
                warnings.append(f"language detection is unsure; assumed {language!r}")
        elif language not in LANGUAGES:
            raise InputError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        if looks_like_mojibake(text):
            warnings.append(
                "text looks like mojibake (UTF-8 decoded as Latin-1); offsets are into it as given"
            )
        return text, pub, language, warnings

    def dates(
        self, text: str, *, published: object = None, language: str | None = None
    ) -> list[DateMention]:
        """Find and normalise only the temporal expressions of *text*.

        The date recogniser of :meth:`extract` on its own, for users who want
        TIMEX3 tagging without entities and events (and for the date
        benchmark). Arguments and errors are those of :meth:`extract`; dates
        inside longer entities ("Air Base 201") are not filtered here, since
        no entity is looked for.

        .. versionadded:: 0.2.0
        """
        text, pub, language, _warnings = self._prepare(text, published, language)
        compiled = self.rules.compiled(language)
        return find_dates(text, compiled.dates, None, pub, language)

    def places(self, text: str, *, language: str | None = None) -> list[Country | Place]:
        """Find only the countries and places of *text*, resolved as :meth:`extract` does.

        Country mentions (names, demonyms, and capitals standing for their
        state, flagged ``via == "capital"``) and places, ambiguous places
        resolved from the text, in text order. Actors and units are not
        looked for, so a demonym inside a unit name ("la garde nationale
        nigérienne") is a country mention here. Arguments and errors are
        those of :meth:`extract`.

        .. versionadded:: 0.2.0
        """
        text, _pub, language, _warnings = self._prepare(text, None, language)
        compiled = self.rules.compiled(language)
        return [m for m in find_geography(text, compiled) if isinstance(m, Country | Place)]

    def extract_many(
        self,
        texts: Iterable[str],
        *,
        published: object = None,
        language: str | None = None,
    ) -> Iterator[Extraction]:
        """Extract from each text in turn, lazily (a generator: memory stays flat)."""
        for text in texts:
            yield self.extract(text, published=published, language=language)


def _outside_entities(dates: list[DateMention], entities: list[Mention]) -> list[DateMention]:
    """Drop dates that lie within a longer entity ("Operation Barkhane 2014", "Air Base 201")."""
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    out = []
    for d in dates:
        index = bisect.bisect_right(starts, d.start)
        # Entities barely nest (a composed actor holds its country), so the
        # few entities starting last before the date are the only candidates.
        if not any(
            e.end >= d.end and e.end - e.start > d.end - d.start
            for e in ordered[max(0, index - 4) : index]
        ):
            out.append(d)
    return out


def extract(
    text: str,
    *,
    published: object = None,
    language: str | None = None,
    rules: Ruleset | None = None,
) -> Extraction:
    """Extract countries, places, actors, units, dates and events from one article.

    A shortcut for ``Extractor(rules).extract(text, ...)``; see :class:`Extractor`.

    .. versionadded:: 0.1.0
    """
    return Extractor(rules).extract(text, published=published, language=language)


def extract_many(
    texts: Iterable[str],
    *,
    published: object = None,
    language: str | None = None,
    rules: Ruleset | None = None,
) -> Iterator[Extraction]:
    """Extract from many texts lazily with one ruleset; see :meth:`Extractor.extract_many`."""
    return Extractor(rules).extract_many(texts, published=published, language=language)


def extract_places(
    text: str, *, language: str | None = None, rules: Ruleset | None = None
) -> list[Country | Place]:
    """Find the countries and places of one text; see :meth:`Extractor.places`.

    .. versionadded:: 0.2.0
    """
    return Extractor(rules).places(text, language=language)


def extract_dates(
    text: str,
    *,
    published: object = None,
    language: str | None = None,
    rules: Ruleset | None = None,
) -> list[DateMention]:
    """Find and normalise the temporal expressions of one text; see :meth:`Extractor.dates`.

    .. versionadded:: 0.2.0
    """
    return Extractor(rules).dates(text, published=published, language=language)
