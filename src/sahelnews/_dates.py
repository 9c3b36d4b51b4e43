"""Temporal expressions: candidate spans from the date rules, TimeML values from the normalisers.

The recogniser works in three steps:

1. :class:`DateMatcher` finds candidate spans. Aliases run as one character
   trie; a pattern with an ``anchor`` runs only in small windows around the
   anchor's matches (every match of the pattern contains one), which keeps the
   whole family fast however many patterns it has.
2. Candidates are chosen longest first; a candidate whose normaliser rejects
   it does not block a shorter one inside it.
3. The chosen expressions are normalised in text order, so anaphoric ones
   ("a year earlier", "the following month", "the 1988 quarter") can use the
   last date the article mentioned as their reference time.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs
import regex

from sahelnews._compile import AliasMatcher, Hit, distinct_words
from sahelnews._holidays import parse_holiday
from sahelnews._lazy import lazy_re, lazy_regex
from sahelnews._lexicon import lexicon, parse_count
from sahelnews._model import DateMention, Granularity, Span, TimexType
from sahelnews._rules import Rule

#: How far (characters) a pattern's match may reach on either side of its anchor.
ANCHOR_WINDOW = 32

# Tense cues, per language: the nearest cue in an expression's clause (else
# around it in its sentence) decides whether an unanchored month, day or
# weekday is the last or the next one. News reports the past, so without any
# cue weekdays look back.
_FUTURE_EN = (
    r"will|shall|'ll|won't|would|going\s+to|plans?\s+to|planned(?<!\b(?:the|a|an|\w+ly)\s+planned)|"
    r"scheduled|expected|due|"
    r"upcoming|payable|set\s+to|intends?\s+to|(?:is|are)\s+to|as\s+(?:soon|early)\s+as|"
    r"planning"
)
# Deadlines: a date after these is ahead even when the verb is simple past
# ("was extended to Friday"), but not under a past perfect ("had been due to
# expire Friday", "until Thursday they had not called him").
_DEADLINE_EN = (
    r"until|extended\s+(?:\w+\s+){0,3}?to|postponed|delayed|adjourned|deferred|deadline|"
    r"expires?|expiring|effective|record|redeem|redemption"
)
_PERFECT_EN = r"had|hadn't"
# A present tense governs a date as surely as a past or future one does, but
# points neither way ("when the case is heard in May"): it leaves the date
# to the nearer reading rather than to a farther cue.
_PRESENT_EN = r"is|are|am|isn't|aren't"
_PAST_EN = (
    r"was|were|did|been|ago|last|earlier|previous|said|told|announced|reported|"
    # irregular past tenses of the verbs news uses for events
    r"took|fled|came|went|began|fell|held|left|met|saw|struck|shot|fought|won|lost|made|"
    r"gave|ran|rose|sent|broke|brought|built|caught|chose|drove|found|got|grew|hid|kept|"
    r"knew|led|paid|sold|sought|stood|threw|wrote|became|blew|bought|drew|flew|overthrew|"
    r"rode|sank|slew|swore|tore|woke|withdrew|stole|spoke|forbade|undertook|overtook|"
    # "-ed" past tenses, not the "-eed" verbs ("succeed", "proceed"), nor a
    # participle after an article, which is an adjective ("a still unspecified date")
    # (the lookbehinds come after "ed": tried at every word, they are the costly part)
    r"\w{3,}ed(?<!(?:need|expect|schedul|plann|propos|intend|anticipat|slat|succe|proce|exce|inde|spe)ed)"
    r"(?<!\b(?:the|a|an)\s+(?:\w+ly\s+|still\s+)?\w+)"
)
_FUTURE_FR = (
    r"reporté(?:e|s|es)?|repoussé(?:e|s|es)?|prolongé(?:e|s|es)?|date\s+limite|échéance|"
    r"va|vont|allons|allez|sera|seront|aura|auront|devra|devront|devrait|devraient|doit|"
    r"doivent|prochaine?s?|prévue?s?|à\s+venir|jusqu'(?:au|à)|d'ici|"
    # future and conditional endings; "-rait" alone would also take the
    # imperfect ("préparait"), so the conditional needs its stem consonant
    r"\w{2,}(?:era|eront|ira|iront|ra|ront)|\w{2,}(?:erai|irai|drai|trai|vrai|rrai|urai)(?:t|ent)"
)
_PAST_FR = (
    r"a|ont|avait|avaient|était|étaient|eut|fut|furent|dernière?s?|passée?s?|hier|"
    r"\w{3,}(?:èrent|irent|urent|ait|aient)"
)
# A participle after "be" ("will be held", "to be signed") is not a past tense.
_TENSE_RE = {
    "en": lazy_regex(
        rf"(?i)\b(?:(?P<future>{_FUTURE_EN})|(?P<deadline>{_DEADLINE_EN}|(?P<by>by))"
        rf"|(?P<perfect>{_PERFECT_EN})|(?P<present>{_PRESENT_EN})"
        rf"|(?P<past>{_PAST_EN})(?<!\b(?:be|being)\s\w+))\b"
    ),
    "fr": lazy_regex(rf"(?i)\b(?:(?P<future>{_FUTURE_FR})|(?P<past>{_PAST_FR}))\b"),
}
_TENSE_BEFORE = 45  # characters of the sentence read before the expression
_TENSE_AFTER = 50  # and after it, when its clause has no cue
_CLAUSE_REACH = 300  # how far a clause is read on either side
# Where a clause starts or ends: punctuation that sets off a phrase, and the
# conjunctions and relative words that open a new clause (kept in it).
_CLAUSE_RE = {
    "en": lazy_re(
        r"[,;:()\[\]\u2014\"“”]|--|\s_\s|''|``|\b(?:which|who|whom|whose|when|where|while|"
        r"because|although|though|if|unless|whereas|and|but|that)\b"
    ),
    "fr": lazy_re(
        r"[,;:()\[\]\u2014\"«»“”]|\b(?:qui|que|qu|quand|lorsque|lorsqu|où|dont|parce|"
        r"puisque|tandis|alors|si|mais|et)\b"
    ),
}


@attrs.frozen
class _Value:
    value: str | None
    first: dt.date | None = None
    last: dt.date | None = None
    granularity: Granularity | None = None
    timex_type: TimexType | None = None  # overrides the rule's label (a date with a time)


def _day(d: dt.date) -> _Value:
    return _Value(d.isoformat(), d, d, Granularity.DAY)


def _month(year: int, month: int) -> _Value:
    last = calendar.monthrange(year, month)[1]
    return _Value(
        f"{year:04d}-{month:02d}",
        dt.date(year, month, 1),
        dt.date(year, month, last),
        Granularity.MONTH,
    )


def _year(year: int) -> _Value:
    return _Value(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR)


def _quarter(year: int, quarter: int) -> _Value:
    first = dt.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return _Value(f"{year:04d}-Q{quarter}", first, last, Granularity.QUARTER)


def _half(year: int, half: int) -> _Value:
    first = dt.date(year, 1 if half == 1 else 7, 1)
    last = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return _Value(f"{year:04d}-H{half}", first, last, Granularity.HALF)


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _season(year: int, code: str) -> _Value:
    start, end = _SEASON_MONTHS[code]
    first = dt.date(year, start, 1)
    last_year = year + 1 if end < start else year
    last = dt.date(last_year, end, calendar.monthrange(last_year, end)[1])
    return _Value(f"{year:04d}-{code}", first, last, Granularity.SEASON)


def _week(d: dt.date) -> _Value:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return _Value(
        f"{iso.year:04d}-W{iso.week:02d}", monday, monday + dt.timedelta(days=6), Granularity.WEEK
    )


def _decade(start_year: int) -> _Value:
    return _Value(
        f"{start_year // 10:03d}",
        dt.date(start_year, 1, 1),
        dt.date(start_year + 9, 12, 31),
        Granularity.DECADE,
    )


def _century(start_year: int) -> _Value:
    return _Value(
        f"{start_year // 100:02d}",
        dt.date(max(start_year, 1), 1, 1),
        dt.date(start_year + 99, 12, 31),
        Granularity.CENTURY,
    )


def _shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _number(raw: str | None) -> int | None:
    """Read a count in digits or words ("12", "twelve", "twenty-four", "a", "vingt-quatre")."""
    if raw is None:
        return None
    raw = " ".join(raw.split()).casefold()
    if raw.isdigit():
        return int(raw)
    simple = lexicon().numbers.get(raw)
    if simple is not None:
        return simple
    if raw in {"a couple of", "a couple", "couple of", "a pair of"}:
        return 2
    return parse_count(raw)


def _month_number(raw: str) -> int | None:
    raw = raw.strip().rstrip(".").casefold()
    if raw.isdigit():
        value = int(raw)
        return value if 1 <= value <= 12 else None
    return lexicon().months.get(raw)


def _ordinal(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.strip().casefold()
    if raw[:1].isdigit():
        digits = "".join(ch for ch in raw if ch.isdigit())
        return int(digits) if digits else None
    return lexicon().ordinals.get(raw)


def _offset(rule: Rule, hit: Hit) -> int | None:
    """The rule's offset, or the one its ``rel`` group names ("last" -1, "next" +1)."""
    raw = _group(hit, "rel")
    if raw:
        words = raw.casefold().split()
        if words[0] in {"the", "la", "le"} and len(words) > 1:  # "the past year", "la semaine"
            words = words[1:]
        return lexicon().relatives.get(" ".join(words))
    return rule.offset


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _group(hit: Hit, name: str) -> str | None:
    if hit.match is None:
        return None
    try:
        return hit.match.group(name)
    except IndexError:
        return None


class _Context:
    """What a normaliser knows besides its match; the tense is read only when asked for."""

    __slots__ = ("_tense", "_tense_of", "period", "published", "reference")

    def __init__(
        self,
        published: dt.date | None,
        tense_of: Callable[[], str],
        reference: _Value | None = None,
        period: _Value | None = None,
    ) -> None:
        self.published = published
        self.reference = reference  # the last specific date before this one
        self.period = period  # the first recent quarter named: the one a report is about
        self._tense_of = tense_of
        self._tense: str | None = None

    @property
    def tense(self) -> str:
        """The tense of the expression's clause (see ``_tense``): "past", "future" or "none"."""
        if self._tense is None:
            self._tense = self._tense_of()
        return self._tense


Normaliser = Callable[[Rule, Hit, _Context], _Value | None]


# How much nearer the other reading must be to override the tense: a month
# alone ("seized power in July", in May) keeps its tense more firmly than a day.
_FAR_NEARER_DAY = 6
_FAR_NEARER_MONTH = 8


def _pick_year(month: int, day: int | None, ctx: _Context) -> int | None:
    """Pick the year of a month (and day) named without one, from the publication date and tense.

    Past tense: the latest occurrence on or before the publication date;
    future tense: the next one on or after it; no cue: the nearer of the two.
    """
    if ctx.published is None:
        return None
    pub = ctx.published
    if month == pub.month and day in {None, pub.day}:
        return pub.year  # the publication month or day, whatever the tense
    key = (month, day or (1 if ctx.tense == "future" else 31))
    pub_key = (pub.month, pub.day)
    past_year = pub.year if key <= pub_key or (day is None and month == pub.month) else pub.year - 1
    future_year = (
        pub.year if key >= pub_key or (day is None and month == pub.month) else pub.year + 1
    )
    past = dt.date(past_year, month, min(day or 15, 28))
    future = dt.date(future_year, month, min(day or 15, 28))
    before, ahead = pub - past, future - pub
    # A date written without its year is near the publication date: the
    # tense's reading loses only when the other one is far nearer ("had been
    # set to expire Nov. 6" on 2 November is four days ahead, not a year back).
    far = _FAR_NEARER_DAY if day else _FAR_NEARER_MONTH
    if ctx.tense == "past":
        return future_year if ahead * far < before else past_year
    if ctx.tense == "future":
        return past_year if before * far < ahead else future_year
    # News mostly reports what happened: without a cue the future reading
    # needs to be much the nearer ("payable Dec. 15" in late October).
    return future_year if ahead * 5 < before * 2 else past_year


def _with_time(value: _Value, hit: Hit) -> _Value:
    """Add a part of day ("Friday morning") or a clock time ("9 a.m. Tuesday") to a day."""
    if value.granularity is not Granularity.DAY or value.value is None:
        return value
    part = _group(hit, "part")
    hour_raw = _group(hit, "hour")
    if hour_raw:
        hour = int(hour_raw)
        minute = int(_group(hit, "minute") or 0)
        ampm = (_group(hit, "ampm") or "").casefold().replace(".", "")
        daypart = (_group(hit, "daypart") or "").casefold()
        if daypart in {"afternoon", "evening"} or (daypart == "night" and 6 <= hour < 12):
            ampm = "pm"  # "4 in the afternoon", "10 at night"
        elif daypart == "night":
            ampm = "am"  # "12 at night" is midnight, "2 at night" 2 a.m.
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return value
        return attrs.evolve(
            value,
            value=f"{value.value}T{hour:02d}:{minute:02d}",
            granularity=Granularity.TIME,
            timex_type=TimexType.TIME,
        )
    noon = _group(hit, "noon")
    if noon:
        clock = "12:00" if noon.casefold() in {"noon", "midday", "midi"} else "24:00"
        return attrs.evolve(
            value,
            value=f"{value.value}T{clock}",
            granularity=Granularity.TIME,
            timex_type=TimexType.TIME,
        )
    if part:
        code = lexicon().dayparts.get(part.casefold())
        if code:
            return attrs.evolve(
                value,
                value=f"{value.value}T{code}",
                granularity=Granularity.TIME,
                timex_type=TimexType.TIME,
            )
    return value


def _absolute(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    month_raw = _group(hit, "month")
    month = _month_number(month_raw) if month_raw else None
    if month is None:
        return None
    if rule.label == "SET":  # "each July"
        return _Value(f"XXXX-{month:02d}")
    day_raw = _group(hit, "day") or _group(hit, "dayword")
    day = _ordinal(day_raw) if day_raw and not day_raw.isdigit() else None
    if day_raw and day is None:
        day = int(day_raw) if day_raw.isdigit() else None
    year = _year_of(hit)
    offset = _offset(rule, hit)
    yearrel = _group(hit, "yearrel")
    if year is None and yearrel and ctx.published is not None:
        # "July last year", "January this year", "juin de l'année dernière"
        shift = lexicon().relatives.get(" ".join(yearrel.casefold().split()))
        year = None if shift is None else ctx.published.year + shift
    elif year is None and offset is not None and day is not None and ctx.published is not None:
        # "le 26 avril dernier", "1er août prochain"
        year = _pick_year(
            month, day, _Context(ctx.published, lambda: "past" if offset < 0 else "future")
        )
    elif year is None and offset is not None and ctx.published is not None:
        # "last April", "this September", "next May"
        pub = ctx.published
        if offset < 0:
            year = pub.year if month < pub.month else pub.year - 1
        elif offset > 0:
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
    weekday_raw = _group(hit, "weekday")
    if year is None and day is not None and weekday_raw and ctx.published is not None:
        # "dimanche 19 décembre": the nearest year in which that day is that weekday
        weekday = lexicon().weekdays.get(weekday_raw.casefold().rstrip("."))
        pub_year = ctx.published.year
        for candidate in (pub_year, pub_year - 1, pub_year + 1):
            date = _safe_date(candidate, month, day)
            if date is not None and date.weekday() == weekday:
                year = candidate
                break
    if year is None:
        year = _pick_year(month, day, ctx)
    if day is not None:
        if year is None:
            return _Value(f"XXXX-{month:02d}-{day:02d}")
        date = _safe_date(year, month, day)
        if date is not None and _group(hit, "weekof"):  # "the week of March 6"
            return _week(date)
        return _with_time(_day(date), hit) if date else None
    if year is None:
        return _Value(f"XXXX-{month:02d}")
    return _month(year, month)


def _year_of(hit: Hit) -> int | None:
    raw = _group(hit, "year")
    if raw:
        digits = raw.lstrip("'’")
        value = int(digits)
        if len(digits) == 2:  # "'89", "fiscal '90"
            value += 1900 if value >= 30 else 2000
        return value
    words = _group(hit, "yearwords")
    return _spoken_year(words) if words else None


def _spoken_year(words: str) -> int | None:
    """Read a year said in words: "nineteen ninety-six", "two thousand", "deux mille douze"."""
    folded = " ".join(words.casefold().replace("-", " ").split())
    for sep in (" thousand and ", " thousand ", " mille "):
        if sep in folded:
            head, tail = folded.split(sep, 1)
            thousands, rest = _number(head), _number(tail)
            return thousands * 1000 + rest if thousands and rest is not None else None
    if folded.endswith((" thousand", " mille")):
        thousands = _number(folded.rsplit(" ", 1)[0])
        return thousands * 1000 if thousands else None
    parts = folded.split(" ", 1)
    if len(parts) != 2:
        return None
    century, rest = _number(parts[0]), _number(parts[1])
    if century is None or rest is None or not 10 <= century <= 20 or rest > 99:
        return None
    return century * 100 + rest


def _year_norm(_rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    year = _year_of(hit)
    if year is None:
        return None
    half_raw, quarter_raw = _group(hit, "half"), _group(hit, "q")
    # "the last half/quarter of 1989" is the second half, the fourth quarter.
    half = 2 if (half_raw or "").casefold() == "last" else _ordinal(half_raw)
    quarter = 4 if (quarter_raw or "").casefold() == "last" else _ordinal(quarter_raw)
    season = _group(hit, "season")
    if quarter is not None:
        return _quarter(year, quarter) if 1 <= quarter <= 4 else None
    if half is not None:
        return _half(year, half) if half in {1, 2} else None
    if season:
        code = lexicon().seasons.get(season.casefold())
        return _season(year, code) if code else None
    return _year(year)


def _relative(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """A calendar unit counted from the publication date: "last week", "cette année"."""
    offset = _offset(rule, hit)
    raw_unit = _group(hit, "unit")
    unit = rule.unit
    if raw_unit:
        folded = raw_unit.casefold()
        unit = "season" if folded in lexicon().seasons else lexicon().units.get(folded)
    if offset is None or unit is None:
        return None
    if ctx.published is None:
        return _Value(None)  # found, but nothing to resolve it against
    return _shifted(ctx.published, unit, offset, hit, ctx, rule)


def _shifted(  # noqa: PLR0917 - one call site, all arguments needed
    base: dt.date, unit: str | None, offset: int, hit: Hit, ctx: _Context, rule: Rule
) -> _Value | None:
    """The calendar unit containing *base*, moved by *offset* units."""
    match unit:
        case "day":
            value = _day(base + dt.timedelta(days=offset))
            if rule.value:  # "tonight" -> the day's night
                return attrs.evolve(
                    value,
                    value=f"{value.value}{rule.value}",
                    granularity=Granularity.TIME,
                    timex_type=TimexType.TIME,
                )
            return _with_time(value, hit)
        case "week":
            return _week(base + dt.timedelta(weeks=offset))
        case "weekend":
            return _weekend(base, offset, ctx)
        case "month":
            return _month(*_shift_months(base.year, base.month, offset))
        case "quarter":
            index = base.year * 4 + _quarter_of(base) - 1 + offset
            return _quarter(index // 4, index % 4 + 1)
        case "half":
            index = base.year * 2 + (base.month > 6) + offset
            return _half(index // 2, index % 2 + 1)
        case "year":
            return _year(base.year + offset)
        case "decade":
            return _decade((base.year // 10 + offset) * 10)
        case "century":
            return _century((base.year // 100 + offset) * 100)
        case "season":
            return _season_rel(base, offset, hit, _group(hit, "unit"))
        case _:
            return None


def _weekend(pub: dt.date, offset: int, ctx: _Context) -> _Value:
    """The weekend of the publication week, the one before or the one after.

    "ce week-end" in a past-tense sentence published on a weekday is the
    weekend just gone; otherwise the weekend of the publication week.
    """
    saturday = pub + dt.timedelta(days=5 - pub.weekday())  # this ISO week's Saturday
    if offset < 0 or (offset == 0 and pub.weekday() < 5 and ctx.tense == "past"):
        saturday -= dt.timedelta(weeks=1)
    elif offset > 0 and pub.weekday() >= 5:
        saturday += dt.timedelta(weeks=1)
    iso = saturday.isocalendar()
    return _Value(
        f"{iso.year:04d}-W{iso.week:02d}-WE",
        saturday,
        saturday + dt.timedelta(days=1),
        Granularity.DAY,
    )


def _season_of(d: dt.date) -> tuple[int, str]:
    """The season holding *d*, with its TimeML year (winter belongs to its December)."""
    for code, (start, end) in _SEASON_MONTHS.items():
        if start <= d.month <= end:
            return d.year, code
    return (d.year if d.month == 12 else d.year - 1), "WI"


def _season_rel(pub: dt.date, offset: int, hit: Hit, word: str | None = None) -> _Value | None:
    code = lexicon().seasons.get((word or _group(hit, "season") or "").casefold())
    if code is None:
        return None
    order = ["SP", "SU", "FA", "WI"]  # a winter belongs to the year of its December
    cur_year, cur_code = _season_of(pub)
    # Seasons counted from winter: index = year * 4 + position.
    current = cur_year * 4 + order.index(cur_code)
    target = cur_year * 4 + order.index(code)
    if offset < 0 and target >= current:
        target -= 4
    elif offset > 0 and target <= current:
        target += 4
    return _season(target // 4, order[target % 4])


def _season_norm(_rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """A season without a year ("in the summer", "cet été"): tense picks its year."""
    code = lexicon().seasons.get((_group(hit, "season") or "").casefold())
    if code is None or ctx.published is None:
        return None if code is None else _Value(None)
    offset = {"past": -1, "future": 1}.get(ctx.tense, 0)
    cur_year, cur_code = _season_of(ctx.published)
    if code == cur_code:
        return _season(cur_year, code)
    return _season_rel(ctx.published, offset or -1, hit)


def _quarter_norm(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """A numbered quarter or half without a year ("the third quarter", "H1")."""
    quarter = _ordinal(_group(hit, "q"))
    half = _ordinal(_group(hit, "half"))
    if ctx.published is None:
        return _Value(None)
    pub = ctx.published
    yearrel = _group(hit, "yearrel")
    if yearrel:
        shift = lexicon().relatives.get(" ".join(yearrel.casefold().split()), 0)
        if quarter is not None and 1 <= quarter <= 4:
            return _quarter(pub.year + shift, quarter)
        if half in {1, 2}:
            return _half(pub.year + shift, half or 1)
    if quarter is not None and 1 <= quarter <= 4:
        current = _quarter_of(pub)
        year = pub.year if quarter <= current or ctx.tense == "future" else pub.year - 1
        if rule.offset:
            year += rule.offset
        return _quarter(year, quarter)
    if half is not None and half in {1, 2}:
        current = 1 if pub.month <= 6 else 2
        year = pub.year if half <= current or ctx.tense == "future" else pub.year - 1
        if rule.offset:
            year += rule.offset
        return _half(year, half)
    return None


def _ago(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """N units before (or after) the publication date: "two weeks ago", "il y a trois ans"."""
    n = _number(_group(hit, "n")) if _group(hit, "n") else 1
    if _group(hit, "vague"):
        n = None
    unit = lexicon().units.get((_group(hit, "unit") or "").casefold()) or rule.unit
    if unit is None:
        return None
    if n is None:
        return _Value("PAST_REF")  # "several years ago", "il y a quelques mois"
    if ctx.published is None:
        return _Value(None)
    direction = 1 if (rule.offset or -1) > 0 else -1
    if unit == "year" and n == 1:
        # "a year ago" in an article about a quarter means that quarter a year before.
        ref = ctx.reference
        # "the year-ago quarter" is a quarter even after "this year" was named
        names_quarter = hit.match is not None and "quarter" in hit.match.group().casefold()
        if ctx.period is not None and (
            ref is None
            or ref.granularity in {Granularity.DAY, Granularity.QUARTER}
            or names_quarter
        ):
            ref = ctx.period
        if ref is not None and ref.granularity is Granularity.QUARTER and ref.first is not None:
            return _quarter(ref.first.year + direction, _quarter_of(ref.first))
    return _move(ctx.published, unit, direction * n)


def _move(base: dt.date, unit: str, n: int) -> _Value | None:
    """The *unit* holding the date *n* units from *base*."""
    match unit:
        case "day":
            return _day(base + dt.timedelta(days=n))
        case "week":
            return _week(base + dt.timedelta(weeks=n))
        case "month":
            return _month(*_shift_months(base.year, base.month, n))
        case "quarter":
            return _month(*_shift_months(base.year, base.month, 3 * n))
        case "year":
            return _year(base.year + n)
        case "decade":
            return _year(base.year + 10 * n)
        case "century":
            return _year(base.year + 100 * n)
        case "hour" | "minute" | "second":
            return _day(base)
        case _:
            return None


def _anaphoric(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """Relative to the article's last date: "a year earlier", "the following month", "that year".

    The reference is the last specific date mentioned before the expression,
    else the publication date. The result keeps the reference's granularity
    when it is finer than the unit ("the third quarter ... a year earlier" is
    the third quarter of the year before).
    """
    if rule.value == "reported":
        return _reported_quarter(hit, ctx)
    ref = ctx.reference
    base_value = ref if ref is not None and ref.first is not None else None
    if base_value is None:
        if ctx.published is None:
            return _Value(None)
        base_value = _day(ctx.published)
    base = base_value.first
    assert base is not None  # checked above
    n = _number(_group(hit, "n")) if _group(hit, "n") else 1
    unit = lexicon().units.get((_group(hit, "unit") or "").casefold()) or rule.unit
    if n is None or unit is None:
        return None
    shift = n * (rule.offset if rule.offset is not None else -1)
    year_override = _year_of(hit)
    # "that year" names the year itself; only a shift ("a year earlier")
    # keeps the reference's finer granularity.
    gran = base_value.granularity if shift else Granularity.DAY
    if unit == "quarter" or (gran is Granularity.QUARTER and unit == "year"):
        quarter = _quarter_of(base)
        if year_override and ctx.period is not None and ctx.period.first is not None:
            # "the 1988 quarter" in a report on the third quarter: its third quarter
            quarter = _quarter_of(ctx.period.first)
        elif year_override and base_value.granularity is not Granularity.QUARTER:
            # "the 1988 period" with no quarter in sight: a longer span of that year
            return _year(year_override)
        year = year_override or base.year
        index = year * 4 + quarter - 1 + (shift if unit == "quarter" else 4 * shift)
        return _quarter(index // 4, index % 4 + 1)
    if gran is Granularity.HALF and unit == "year":
        return _half((year_override or base.year) + shift, 1 if base.month <= 6 else 2)
    if gran is Granularity.MONTH and unit == "year":
        return _month(base.year + shift, base.month)
    if unit == "year" and year_override:
        return _year(year_override)
    return _move(base, unit, shift)


def _reported_quarter(hit: Hit, ctx: _Context) -> _Value | None:
    """The quarter a results report is about: "the quarter", "the latest period".

    A report names its quarter first ("third-quarter profit", "its fiscal
    fourth quarter") and then calls it "the quarter": so the first recent
    quarter the text named (not a year-ago one, nor one of a forecast), else
    the last quarter completed before publication. A quarter named by its
    last day ("the quarter ended July 31") is the one holding most of it.
    """
    if ctx.published is None:
        return _Value(None)
    pub = ctx.published
    month, day = _month_number(_group(hit, "month") or ""), _ordinal(_group(hit, "day"))
    if month is not None and day is not None:
        # "the quarter ended July 31": the quarter holding most of its three months
        end = _safe_date(pub.year, month, day)
        if end is not None and end > pub:
            end = _safe_date(pub.year - 1, month, day)
        if end is not None:
            middle = end - dt.timedelta(days=45)
            return _quarter(middle.year, _quarter_of(middle))
    if ctx.period is not None:
        return ctx.period
    index = pub.year * 4 + _quarter_of(pub) - 2
    return _quarter(index // 4, index % 4 + 1)


# How long after its end a quarter is still one a report can be about.
_RECENT_QUARTER_DAYS = 200


def _is_recent_quarter(value: _Value, published: dt.date | None) -> bool:
    """Whether *value* is a quarter a report published on *published* can be about."""
    return (
        published is not None
        and value.granularity is Granularity.QUARTER
        and value.first is not None
        and value.last is not None
        and published - dt.timedelta(days=_RECENT_QUARTER_DAYS) <= value.last
        and value.first <= published
    )


def _weekday(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    raw = _group(hit, "weekday")
    weekday = lexicon().weekdays.get(raw.casefold().rstrip(".")) if raw else None
    if weekday is None:
        return None
    if rule.label == "SET":
        return _Value(f"XXXX-WXX-{weekday + 1}")
    if ctx.published is None:
        return _Value(None)
    pub = ctx.published
    rel = (_group(hit, "rel") or "").casefold()
    if rel in {"ce", "this"} and ctx.tense == "none":
        # "ce samedi", "this Saturday": that day of the publication week
        return _with_time(_day(pub + dt.timedelta(days=weekday - pub.weekday())), hit)
    offset = _offset(rule, hit) or 0
    if offset == 0 and weekday == pub.weekday():
        return _with_time(_day(pub), hit)  # the publication day, whatever the tense
    if offset < 0 or (offset == 0 and ctx.tense != "future"):
        delta = (pub.weekday() - weekday) % 7
        if offset < 0 and delta == 0:
            delta = 7
        return _with_time(_day(pub - dt.timedelta(days=delta)), hit)
    delta = (weekday - pub.weekday()) % 7
    if offset > 0 and delta == 0:
        delta = 7
    return _with_time(_day(pub + dt.timedelta(days=delta)), hit)


def _reference_day(ctx: _Context) -> dt.date | None:
    """The day a time of day belongs to: the last dated day mentioned, else the publication day."""
    ref = ctx.reference
    if ref is not None and ref.granularity in {Granularity.DAY, Granularity.TIME}:
        return ref.first
    return ctx.published


def _clock(_rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    """A clock time or part of the day alone ("at 9 a.m.", "dans la soirée"): of the last day."""
    day = _reference_day(ctx)
    if day is None:
        return _Value(None)
    value = _with_time(_day(day), hit)
    return value if value.granularity is Granularity.TIME else None


def _holiday(rule: Rule, _hit: Hit, ctx: _Context) -> _Value | None:
    """A holiday ("Christmas", "Tabaski", "Easter"): its occurrence by publication date and tense.

    The rule's ``value`` says how the day is computed (see ``_holidays``).
    Past tense takes the latest occurrence on or before the publication date,
    future tense the next one; without a cue the past one, unless the next is
    much nearer.
    """
    if not rule.value:
        return None
    spec = parse_holiday(rule.value)
    if ctx.published is None:
        return _Value(spec.fixed_value())
    pub = ctx.published
    days = spec.occurrences(pub)
    past = [d for d in days if d <= pub]
    future = [d for d in days if d >= pub]
    chosen: dt.date | None
    if not past or not future:  # at the ends of the calendar
        chosen = past[-1] if past else future[0] if future else None
    elif ctx.tense == "past":
        chosen = past[-1]
    elif ctx.tense == "future":
        chosen = future[0]
    else:
        chosen = future[0] if (future[0] - pub) * 5 < (pub - past[-1]) * 2 else past[-1]
    return _day(chosen) if chosen else None


def _literal(rule: Rule, _hit: Hit, _ctx: _Context) -> _Value | None:
    return _Value(rule.value)


_DURATION_UNITS = {
    "day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q", "weekend": "WE",
    "hour": "TH", "minute": "TM", "second": "TS",
}  # fmt: skip


def _duration(rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    """A length of time: "three days" (P3D), "24 hours" (PT24H), "recent weeks" (PXW)."""
    raw_n = _group(hit, "n")
    n: int | None = 1 if hit.match is None or raw_n is None else _number(raw_n)
    if _group(hit, "vague"):  # "several years", "recent weeks": an unspecified count
        n = None
    unit = lexicon().units.get((_group(hit, "unit") or "").casefold()) or rule.unit
    if unit is None:
        return None
    if unit == "decade":
        unit, n = "year", (None if n is None else 10 * n)
    elif unit == "century":
        unit, n = "year", (None if n is None else 100 * n)
    elif unit == "half":
        unit, n = "month", (None if n is None else 6 * n)
    code = _DURATION_UNITS.get(unit)
    if code is None:
        return None
    if rule.value == "X":
        n = None
    amount = "X" if n is None else str(n)
    half = _group(hit, "fraction")
    if half and n is not None and code in {"Y", "D", "M"}:
        # "two and a half years" -> P2Y6M; other fractions are kept whole.
        extra = {"Y": "6M", "M": "15D", "D": "T12H"}[code]
        return _Value(f"P{amount}{code}{extra}")
    if code.startswith("T"):
        return _Value(f"PT{amount}{code[1:]}")
    return _Value(f"P{amount}{code}")


def _decade_norm(_rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    raw = _group(hit, "decade")
    if not raw:
        words = _group(hit, "decadewords")
        number = lexicon().decades.get(words.casefold()) if words else None
        return None if number is None else _decade(1900 + number)
    digits = raw.lstrip("'’")
    year = int(digits)
    if year < 100:  # "the '90s", "the 90s", "les années 80"
        year += 1900 if year >= 30 else 2000
    return _decade(year - year % 10)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _century_norm(_rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    """Read a century: "the 20th century", "le XXe siècle" -> 19."""
    raw = (_group(hit, "century") or "").casefold()
    number: int | None
    if raw.isdigit():
        number = int(raw)
    elif raw and set(raw) <= set(_ROMAN):
        total, previous = 0, 0
        for ch in reversed(raw):
            value = _ROMAN[ch]
            total = total - value if value < previous else total + value
            previous = max(previous, value)
        number = total
    else:
        number = _ordinal(raw) or _CENTURY_WORDS.get(raw)
    if number is None or not 1 <= number <= 22:
        return None
    return _century((number - 1) * 100)


_CENTURY_WORDS = {
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "eighteenth": 18, "seventeenth": 17, "sixteenth": 16, "fifteenth": 15,
    "quinzième": 15, "seizième": 16, "dix-septième": 17, "dix-huitième": 18,
    "dix-neuvième": 19, "vingtième": 20, "vingt et unième": 21, "vingt-et-unième": 21,
}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _dateparser_parse(text: str, language: str, published: dt.date | None) -> dt.date | None:
    """Parse one already-found date string with dateparser, languages pinned, cached."""
    import dateparser  # noqa: PLC0415 - slow to import; only loaded when a rule asks for it

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "PARSERS": ["absolute-time"],
        "DATE_ORDER": "MDY" if language == "en" else "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(text, languages=[language], settings=settings)
    return parsed.date() if parsed is not None else None


_NORMALISERS: dict[str, Normaliser] = {
    "absolute": _absolute,
    "year": _year_norm,
    "relative": _relative,
    "ago": _ago,
    "anaphoric": _anaphoric,
    "weekday": _weekday,
    "season": _season_norm,
    "quarter": _quarter_norm,
    "clock": _clock,
    "holiday": _holiday,
    "literal": _literal,
    "duration": _duration,
    "decade": _decade_norm,
    "century": _century_norm,
}


# Normalisers that read the reference time, so run again in text order.
_USES_REFERENCE = frozenset({"anaphoric", "ago", "clock"})


class DateMatcher:
    """The candidate finder of the date family: a trie for aliases, anchored patterns.

    A rule's ``anchor`` is a regex that matches a whole word (a run of letters
    or digits) of every match of the rule's patterns: "{MONTH_EN}" for dates
    with a month name, ``(?i:ago)`` for "two weeks ago". The text is cut into
    words once; each distinct word is tested against the anchors once per
    matcher (a bounded cache), and each pattern runs only in the windows of
    :data:`ANCHOR_WINDOW` characters around its anchor's words. A pattern
    without an anchor scans the whole text. Date patterns never start inside
    a word.
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, rules: Iterable[Rule]) -> None:
        """Split *rules* into alias rules (one trie) and anchored pattern rules."""
        rules = list(rules)
        self._aliases = AliasMatcher(rules, patterns=False)
        anchors: list[str] = []
        self._patterns: list[tuple[Rule, regex.Pattern[str], int]] = []
        for rule in rules:
            index = -1
            if rule.anchor is not None:
                if rule.anchor not in anchors:
                    anchors.append(rule.anchor)
                index = anchors.index(rule.anchor)
            self._patterns.extend(
                (rule, regex.compile(r"(?<!\w)(?:" + p + ")"), index) for p in rule.patterns
            )
        self._anchors = [_compile_anchor(a) for a in anchors]
        self._word_anchors: dict[str, tuple[int, ...]] = {}

    def _anchors_of(self, word: str) -> tuple[int, ...]:
        found = self._word_anchors.get(word)
        if found is None:
            if len(self._word_anchors) >= self._CACHE_LIMIT:
                self._word_anchors.clear()  # bounded memory on endless streams
            found = tuple(i for i, a in enumerate(self._anchors) if a.fullmatch(word))
            self._word_anchors[word] = found
        return found

    def _windows(self, text: str) -> list[list[tuple[int, int]]]:
        """For each anchor, the merged windows around the words it matches."""
        windows: list[list[tuple[int, int]]] = [[] for _ in self._anchors]
        if not self._anchors:
            return windows
        length = len(text)
        cache = self._word_anchors
        spans: list[list[tuple[int, int]]] = [[] for _ in self._anchors]
        # Distinct words first (C speed), then only the anchor words are
        # located: far fewer Python steps than walking every word.
        # The distinct words are shared with the alias matchers run on the text.
        for word in distinct_words(text):
            found = cache.get(word)
            if found is None:
                found = self._anchors_of(word)
            if not found:
                continue
            size = len(word)
            pos = text.find(word)
            while pos >= 0:
                end = pos + size
                if (pos == 0 or not _is_word(text[pos - 1])) and (
                    end == length or not _is_word(text[end])
                ):
                    for index in found:
                        spans[index].append((pos, end))
                pos = text.find(word, end)
        for index, found_spans in enumerate(spans):
            merged = windows[index]
            for word_start, word_end in sorted(found_spans):
                start = max(0, word_start - ANCHOR_WINDOW)
                end = min(length, word_end + ANCHOR_WINDOW)
                if merged and start <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
                else:
                    merged.append((start, end))
        return windows

    def finditer(self, text: str) -> Iterator[Hit]:
        """Yield every alias and pattern match (overlapping hits are possible)."""
        yield from self._aliases.finditer(text)
        windows = self._windows(text)
        whole = [(0, len(text))]
        for rule, pattern, index in self._patterns:
            for start, end in windows[index] if index >= 0 else whole:
                for pm in pattern.finditer(text, start, end):
                    if pm.end() > pm.start():
                        yield Hit(pm.start(), pm.end(), (rule,), pm)

    def __bool__(self) -> bool:
        """Return whether the matcher has anything to match."""
        return bool(self._aliases) or bool(self._patterns)


def _is_word(char: str) -> bool:
    return char.isalnum()


def _compile_anchor(anchor: str) -> re.Pattern[str] | regex.Pattern[str]:
    # The standard engine is faster; anchors that need the regex module's
    # syntax still work.
    try:
        return re.compile(anchor)
    except re.error:
        return regex.compile(anchor)


def find_dates(
    text: str,
    matcher: DateMatcher,
    sentences: Sequence[Span] | None,
    published: dt.date | None,
    language: str,
) -> list[DateMention]:
    """Find and normalise the temporal expressions of *text* (longest match wins).

    *sentences* bound the tense cues of each expression; without them the
    cues are read up to the nearest sentence-ending punctuation.
    """
    hits = sorted(matcher.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    taken = bytearray(len(text) + 1)
    chosen: list[tuple[Hit, _Value]] = []
    starts = [s.start for s in sentences] if sentences is not None else None

    cues = _TENSE_RE.get(language, _TENSE_RE["en"])
    clauses = _CLAUSE_RE.get(language, _CLAUSE_RE["en"])

    found_cues: dict[tuple[int, int, int], list[_Cue]] = {}

    def tense_of(hit: Hit) -> Callable[[], str]:
        return functools.partial(_tense, text, sentences, starts, cues, clauses, found_cues, hit)

    for hit in hits:
        # Not first_fit(): a candidate whose normaliser rejects it must not
        # block a shorter candidate inside it.
        if any(taken[hit.start : hit.end]):
            continue
        value = _normalise(hit.rules[0], hit, _Context(published, tense_of(hit)), language)
        if value is None:
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        chosen.append((hit, value))
    chosen.sort(key=lambda c: c[0].start)
    out: list[DateMention] = []
    reference: _Value | None = None
    period: _Value | None = None
    in_period = True  # whether the text still speaks of that quarter
    for hit, first_value in chosen:
        rule = hit.rules[0]
        value = first_value
        if rule.normalize in _USES_REFERENCE:
            ctx = _Context(published, tense_of(hit), reference, period if in_period else None)
            again = _normalise(rule, hit, ctx, language)
            value = again if again is not None else first_value
        if _is_recent_quarter(value, published):
            period = period or value
            in_period = True
        elif (
            published is not None
            and _REPORTING_SPAN.fullmatch(value.value or "")
            and text[hit.start : hit.start + 4].casefold() == "the "
        ):
            # "For the nine months, net was ... a year earlier": the comparison
            # is now with the year before, not with the quarter.
            reference, in_period = _year(published.year), False
        # Only dates fixed by the text or the publication date move the
        # reference time: "a year earlier" after "a year earlier" must not drift.
        # "The quarter" of a report is the quarter itself, so it may.
        if (
            value.first is not None
            and value.granularity is not None
            and (rule.normalize not in _USES_REFERENCE or rule.value == "reported")
        ):
            reference = value
        out.append(
            DateMention(
                start=hit.start,
                end=hit.end,
                text=text[hit.start : hit.end],
                rule=rule.id,
                timex_type=value.timex_type or TimexType(rule.label),
                value=value.value,
                first_day=value.first,
                last_day=value.last,
                granularity=value.granularity,
            )
        )
    return out


# The reporting spans of a results report longer than a quarter: "the first
# nine months", "the six months ended Aug. 12".
_REPORTING_SPAN = lazy_re(r"P(?:6|9)M")

_SENTENCE_END = lazy_re(r"[.!?]\s+(?=[A-Z\u00c0-\u00dd\"«“(])|\n\s*\n")


# A tense cue found in a sentence: start, end, and what it says ("past",
# "future", "deadline", "by", "none" for a present tense), and whether it is
# a past perfect.
_Cue = tuple[int, int, str, bool]


def _tense(  # noqa: PLR0917 - one call site, all arguments needed
    text: str,
    sentences: Sequence[Span] | None,
    starts: list[int] | None,
    cues: regex.Pattern[str],
    clauses: re.Pattern[str],
    found_cues: dict[tuple[int, int, int], list[_Cue]],
    hit: Hit,
) -> str:
    """The tense of *hit*'s clause, else of the nearest cue around it in its sentence.

    The verb that governs a date is in the date's own clause ("the company
    changed its fiscal year in December", "when the case is heard in May"),
    so cues are first read there, however far; a clause without one falls
    back to the nearest cue in a short window of the sentence, then in the
    whole sentence ("In January, a week after the anniversary, a bombing
    killed ..."). *found_cues* keeps each sentence's cues for its other dates.
    """
    lo = max(0, hit.start - _CLAUSE_REACH)
    hi = min(len(text), hit.end + _CLAUSE_REACH)
    if sentences is not None and starts is not None:
        index = bisect.bisect_right(starts, hit.start) - 1
        if index >= 0 and sentences[index].end >= hit.start:
            lo = max(lo, sentences[index].start)
            hi = min(hi, sentences[index].end)
    else:
        stop = _last_before(_SENTENCE_END, text, lo, hit.start, _ends_sentence)
        if stop is not None:
            lo = stop.end()
        for after in _SENTENCE_END.finditer(text, hit.end, hi):
            if _ends_sentence(text, after):
                hi = after.start() + 1
                break
    clause_lo, clause_hi = lo, hi
    boundary = _last_before(clauses, text, lo, hit.start)
    if boundary is not None:
        clause_lo = boundary.start() if boundary.group().isalpha() else boundary.end()
    after_clause = clauses.search(text, hit.end, hi)
    if after_clause is not None:
        clause_hi = after_clause.start()
    near_lo = _word_start(text, max(lo, hit.start - _TENSE_BEFORE), lo)
    near_hi = _word_end(text, min(hi, hit.end + _TENSE_AFTER), hi)
    # Cue matching is the costly part: the part of the clause near the date
    # is read first, and is enough when its best cue is nearer than any cue
    # of the clause outside it could be; each stretch is read once.
    inner_lo, inner_hi = max(clause_lo, near_lo), min(clause_hi, near_hi)
    inner = _cues_in(text, cues, inner_lo, inner_hi, found_cues)
    bound = min(
        hit.start - inner_lo if clause_lo < inner_lo else len(text),
        3 * (inner_hi - hit.end) if clause_hi > inner_hi else len(text),
    )
    best = _nearest_cue(text, inner, hit, inner_lo, inner_hi)
    if best is not None and best[0] <= bound and best[1] != "deadline":
        return best[1]
    local_lo, local_hi = min(clause_lo, near_lo), max(clause_hi, near_hi)
    local = _cues_around(text, cues, (local_lo, local_hi), (inner_lo, inner_hi), inner, found_cues)
    # A deadline under a past perfect looks back wherever the perfect is
    # ("Until Thursday, they had not called him a suspect").
    perfect = any(c[3] for c in local)
    for scope_lo, scope_hi in ((clause_lo, clause_hi), (near_lo, near_hi)):
        best = _nearest_cue(text, local, hit, scope_lo, scope_hi)
        if best is not None:
            return _resolved(best[1], perfect)
    if (local_lo, local_hi) != (lo, hi):
        whole = _cues_around(text, cues, (lo, hi), (local_lo, local_hi), local, found_cues)
        best = _nearest_cue(text, whole, hit, lo, hi)
        if best is not None:
            return _resolved(best[1], perfect)
    return "none"


def _resolved(kind: str, perfect: bool) -> str:
    """A cue's tense: a deadline looks ahead, unless under a past perfect."""
    if kind == "deadline":
        return "past" if perfect else "future"
    return kind


def _cues_in(
    text: str,
    cues: regex.Pattern[str],
    lo: int,
    hi: int,
    cache: dict[tuple[int, int, int], list[_Cue]],
    *,
    until: int | None = None,
) -> list[_Cue]:
    """The tense cues between *lo* and *hi* that start before *until* (kept in *cache*)."""
    if lo >= hi:
        return []
    key = (lo, hi, hi if until is None else until)
    cached = cache.get(key)
    if cached is not None:
        return cached
    found: list[_Cue] = cache.setdefault(key, [])
    for m in cues.finditer(text, lo, hi):
        if m.start() >= key[2]:
            break
        groups = m.groupdict()
        if groups.get("by"):
            kind = "by"
        elif groups.get("deadline"):
            kind = "deadline"
        elif groups.get("future"):
            kind = "future"
        elif groups.get("present"):
            kind = "none"
        else:
            kind = "past"
        found.append((m.start(), m.end(), kind, bool(groups.get("perfect"))))
    return found


def _cues_around(  # noqa: PLR0917 - internal helper
    text: str,
    cues: regex.Pattern[str],
    outer: tuple[int, int],
    inner: tuple[int, int],
    inner_cues: list[_Cue],
    cache: dict[tuple[int, int, int], list[_Cue]],
) -> list[_Cue]:
    """The cues of *outer*, given those of the *inner* stretch inside it.

    Only the text around *inner* is read, and a cue of several words across
    its edges is found too ("has extended Control Data up to ... January").
    """
    (lo, hi), (inner_lo, inner_hi) = outer, inner
    found = list(inner_cues)
    if lo < inner_lo:
        found.extend(_cues_in(text, cues, lo, inner_hi, cache, until=inner_lo))
    if hi > inner_hi:
        start = _word_start(text, max(inner_lo, inner_hi - _CUE_OVERLAP), inner_lo)
        found.extend(c for c in _cues_in(text, cues, start, hi, cache) if c[1] > inner_hi)
    return found


_CUE_OVERLAP = 12  # how far back a cue of several words may start before a stretch ends


def _word_start(text: str, pos: int, lo: int) -> int:
    """*pos*, moved back to the start of the word it falls in (not before *lo*)."""
    while pos > lo and (text[pos - 1].isalnum() or text[pos - 1] == "'"):
        pos -= 1
    return pos


def _word_end(text: str, pos: int, hi: int) -> int:
    """*pos*, moved on to the end of the word it falls in (not after *hi*)."""
    while pos < hi and (text[pos].isalnum() or text[pos] == "'"):
        pos += 1
    return pos


def _last_before(
    pattern: re.Pattern[str],
    text: str,
    lo: int,
    pos: int,
    accept: Callable[[str, re.Match[str]], bool] | None = None,
) -> re.Match[str] | None:
    """The last (accepted) match of *pattern* between *lo* and *pos*.

    The text just before *pos* is read first: the match is usually there,
    and reading the whole stretch for every date costs more than the rest.
    """
    for start, end in ((max(lo, pos - _NEAR_FIRST), pos), (lo, max(lo, pos - _NEAR_FIRST))):
        if start >= end:
            continue
        # one character more: a lookahead may need to see the word at *pos*
        for m in reversed(list(pattern.finditer(text, start, min(len(text), end + 1)))):
            if accept is None or accept(text, m):
                return m
    return None


_NEAR_FIRST = 80  # characters read first when looking back for a boundary


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether a sentence-end match ends one, not an abbreviation ("vs.", "Gen.", "U.S.")."""
    stop = match.start()
    if text[stop] != ".":
        return True
    word_start = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
    word = text[word_start:stop].lstrip("(\"“«'")
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    return word.casefold() not in lexicon().abbreviations and not _INITIALS.fullmatch(word + ".")


_INITIALS = lazy_re(r"(?:[^\W\d_]\.)+[^\W\d_]?")


def _nearest_cue(
    text: str, found: list[_Cue], hit: Hit, lo: int, hi: int
) -> tuple[int, str] | None:
    """The weighted distance and kind of the nearest cue to *hit* between *lo* and *hi*."""
    best: tuple[int, str] | None = None
    for start, end, kind, _ in found:
        if start < lo or end > hi or hit.start <= start < hit.end:
            continue  # out of scope, or the expression's own words ("last week")
        before = end <= hit.start
        if kind == "by" and (not before or text[end : hit.start].strip()):
            continue  # "by" is a deadline only right before its date ("by Oct. 31")
        if kind == "deadline" and not before:
            continue  # a deadline word takes the date after it, not before ("the Tuesday deadline")
        distance = hit.start - end if before else start - hit.end
        # A cue before the expression is its verb more often than one after it.
        weighted = distance if before else distance * 3
        if best is None or weighted < best[0]:
            best = (weighted, "deadline" if kind == "by" else kind)
    return best


def _normalise(rule: Rule, hit: Hit, ctx: _Context, language: str) -> _Value | None:
    if rule.normalize == "dateparser":
        raw = hit.match.group() if hit.match is not None else ""
        parsed = _dateparser_parse(raw, language, ctx.published)
        return _day(parsed) if parsed else None
    normaliser = _NORMALISERS.get(rule.normalize or "")
    if normaliser is None:
        return None
    try:
        return normaliser(rule, hit, ctx)
    except (OverflowError, ValueError):
        # Arithmetic past year 1 or 9999: the expression is real, its value is not.
        return _Value(None)
