"""Temporal expressions: candidate spans from the date rules, TimeML values from the normalisers."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Callable, Sequence

import attrs
import regex

from sahelnews._compile import AliasMatcher, Hit
from sahelnews._lexicon import lexicon
from sahelnews._model import DateMention, Granularity, Span, TimexType
from sahelnews._rules import Rule

# Sentence-level cues that the sentence speaks of the future: an unanchored
# month or weekday then means its next occurrence rather than its last one.
_FUTURE = regex.compile(
    r"(?i)\b(?:will|shall|'ll|going to|plans? to|expected to|scheduled|due to|next|upcoming|"
    r"va|vont|sera|seront|aura|auront|devra|devront|devrait|doit|se\s+tiendra|"
    r"prochaine?s?|prévue?s?|à venir)\b"
)


@attrs.frozen
class _Value:
    value: str | None
    first: dt.date | None = None
    last: dt.date | None = None
    granularity: Granularity | None = None


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


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return lexicon().numbers.get(raw.casefold())


def _month_number(raw: str) -> int | None:
    raw = raw.strip().rstrip(".").casefold()
    if raw.isdigit():
        value = int(raw)
        return value if 1 <= value <= 12 else None
    return lexicon().months.get(raw)


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


@attrs.frozen
class _Context:
    published: dt.date | None
    future: bool


Normaliser = Callable[[Rule, Hit, _Context], _Value | None]


def _infer_year(month: int, ctx: _Context) -> int | None:
    """Pick the year of a month named without one, from the publication date and tense."""
    if ctx.published is None:
        return None
    pub = ctx.published
    if ctx.future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _absolute(_rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    month_raw = _group(hit, "month")
    month = _month_number(month_raw) if month_raw else None
    if month is None:
        return None
    year_raw = _group(hit, "year")
    year = int(year_raw) if year_raw else _infer_year(month, ctx)
    day_raw = _group(hit, "day")
    if day_raw:
        day = int(day_raw)
        if year is None:
            return _Value(f"XXXX-{month:02d}-{day:02d}")
        date = _safe_date(year, month, day)
        return _day(date) if date else None
    if year is None:
        return _Value(f"XXXX-{month:02d}")
    return _month(year, month)


def _year_norm(_rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    raw = _group(hit, "year")
    return _year(int(raw)) if raw else None


def _relative(rule: Rule, _hit: Hit, ctx: _Context) -> _Value | None:
    if ctx.published is None:
        return _Value(None)  # found, but nothing to resolve it against
    pub, offset = ctx.published, rule.offset or 0
    match rule.unit:
        case "day":
            return _day(pub + dt.timedelta(days=offset))
        case "week":
            return _week(pub + dt.timedelta(weeks=offset))
        case "weekend":
            saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 + 7 * offset)
            if offset < 0 or (offset == 0 and not ctx.future and pub.weekday() < 5):
                saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)
                saturday += dt.timedelta(weeks=offset + 1 if offset < 0 else 0)
            iso = saturday.isocalendar()
            return _Value(
                f"{iso.year:04d}-W{iso.week:02d}-WE",
                saturday,
                saturday + dt.timedelta(days=1),
                Granularity.DAY,
            )
        case "month":
            return _month(*_shift_months(pub, offset))
        case "year":
            return _year(pub.year + offset)
        case "decade":
            return _decade((pub.year // 10 + offset) * 10)
        case _:
            return None


def _ago(_rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    n = _number(_group(hit, "n"))
    unit = lexicon().units.get((_group(hit, "unit") or "").casefold())
    if n is None or unit is None:
        return None
    if ctx.published is None:
        return _Value(None)
    pub = ctx.published
    match unit:
        case "day":
            return _day(pub - dt.timedelta(days=n))
        case "week":
            return _week(pub - dt.timedelta(weeks=n))
        case "month":
            return _month(*_shift_months(pub, -n))
        case "year":
            return _year(pub.year - n)
        case "decade":
            return _decade((pub.year // 10 - n) * 10)
        case _:
            return None


def _weekday(rule: Rule, hit: Hit, ctx: _Context) -> _Value | None:
    raw = _group(hit, "weekday")
    weekday = lexicon().weekdays.get(raw.casefold()) if raw else None
    if weekday is None:
        return None
    if ctx.published is None:
        return _Value(None)
    pub = ctx.published
    offset = rule.offset or 0
    if offset < 0 or (offset == 0 and not ctx.future):
        delta = (pub.weekday() - weekday) % 7
        if offset < 0 and delta == 0:
            delta = 7
        return _day(pub - dt.timedelta(days=delta))
    delta = (weekday - pub.weekday()) % 7
    if offset > 0 and delta == 0:
        delta = 7
    return _day(pub + dt.timedelta(days=delta))


def _literal(rule: Rule, _hit: Hit, _ctx: _Context) -> _Value | None:
    return _Value(rule.value)


_DURATION_UNITS = {
    "day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip


def _duration(rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    # An alias ("the past decade") means one unit; a pattern without a number
    # ("in recent weeks") means an unspecified number of units (PXW).
    n = 1 if hit.match is None else _number(_group(hit, "n"))
    unit = lexicon().units.get((_group(hit, "unit") or "").casefold()) or rule.unit
    if unit is None or unit not in _DURATION_UNITS:
        return None
    if n is None:
        return _Value(f"PX{_DURATION_UNITS[unit]}")
    return _Value(f"P{n}{_DURATION_UNITS[unit]}")


def _decade_norm(_rule: Rule, hit: Hit, _ctx: _Context) -> _Value | None:
    raw = _group(hit, "decade")
    if not raw:
        return None
    year = int(raw)
    if year < 100:  # "the '90s", "the 90s"
        year += 1900
    return _decade(year - year % 10)


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
    "weekday": _weekday,
    "literal": _literal,
    "duration": _duration,
    "decade": _decade_norm,
}


def find_dates(
    text: str,
    matcher: AliasMatcher,
    sentences: Sequence[Span],
    published: dt.date | None,
    language: str,
) -> list[DateMention]:
    """Find and normalise the temporal expressions of *text* (longest match wins)."""
    hits = sorted(matcher.finditer(text), key=lambda h: (-(h.end - h.start), h.start))
    taken = bytearray(len(text) + 1)
    out: list[DateMention] = []
    future_cache: dict[int, bool] = {}
    for hit in hits:
        # Not first_fit(): a candidate whose normaliser rejects it must not
        # block a shorter candidate inside it.
        if any(taken[hit.start : hit.end]):
            continue
        rule = hit.rules[0]
        sentence = _sentence_of(sentences, hit.start)
        if sentence not in future_cache:
            future_cache[sentence] = sentence >= 0 and bool(
                _FUTURE.search(sentences[sentence].text)
            )
        ctx = _Context(published, future_cache[sentence])
        value = _normalise(rule, hit, ctx, text, language)
        if value is None:
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        out.append(
            DateMention(
                start=hit.start,
                end=hit.end,
                text=text[hit.start : hit.end],
                rule=rule.id,
                timex_type=TimexType(rule.label),
                value=value.value,
                first_day=value.first,
                last_day=value.last,
                granularity=value.granularity,
            )
        )
    out.sort(key=lambda m: m.start)
    return out


def _normalise(rule: Rule, hit: Hit, ctx: _Context, text: str, language: str) -> _Value | None:
    if rule.normalize == "dateparser":
        parsed = _dateparser_parse(text[hit.start : hit.end], language, ctx.published)
        return _day(parsed) if parsed else None
    normaliser = _NORMALISERS.get(rule.normalize or "")
    if normaliser is None:
        return None
    try:
        return normaliser(rule, hit, ctx)
    except (OverflowError, ValueError):
        # Arithmetic past year 1 or 9999: the expression is real, its value is not.
        return _Value(None)


def _sentence_of(sentences: Sequence[Span], offset: int) -> int:
    """Return the index of the sentence holding *offset*, or -1."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset:
        return lo
    return -1
