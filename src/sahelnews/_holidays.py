"""Holiday date specifications: fixed days, nth weekdays, Easter and Hijri dates.

A holiday rule's ``value`` names how its day is computed, so users can add
their own holidays in the same rule files:

* ``"12-25"``: a fixed month and day (Christmas);
* ``"11-4-thu"``: the 4th Thursday of November (US Thanksgiving); ``"05-last-mon"``
  is the last Monday of May;
* ``"easter"``: Western Easter Sunday;
* ``"hijri:12-10"``: a day of the Islamic (Hijri) calendar, here the 10th of
  Dhu al-Hijja (Eid al-Adha, Tabaski).

Every form but the fixed one takes a day offset: ``"easter-2"`` is Good
Friday, ``"11-1-mon+1"`` the Tuesday after the first Monday of November (US
Election Day).

Hijri dates use the arithmetic (tabular) calendar. The observed date depends
on the sighting of the moon and can differ from it by a day or two; it is
the best a text-only tool can do without a table of announcements.
"""

from __future__ import annotations

import calendar
import datetime as dt

import attrs

from sahelnews._lazy import lazy_regex

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_SPEC = lazy_regex(
    r"(?:(?P<month>\d{2})-(?P<day>\d{2})"
    r"|(?P<nmonth>\d{2})-(?P<n>[1-5]|last)-(?P<weekday>mon|tue|wed|thu|fri|sat|sun)"
    r"|(?P<easter>easter)"
    r"|hijri:(?P<hmonth>\d{2})-(?P<hday>\d{2}))"
    r"(?P<offset>[+-]\d{1,3})?"
)
# Julian day numbers: the day before 1 Muharram AH 1 (16 July 622, Julian
# calendar), the tabular calendar's epoch; and 1 January AD 1 (proleptic
# Gregorian), ordinal 1 of Python's dates.
_HIJRI_EPOCH = 1948439
_ORDINAL_EPOCH = 1721426


@attrs.frozen
class HolidaySpec:
    """How a holiday's day is computed; built by :func:`parse_holiday`."""

    kind: str  # "fixed", "nth", "easter" or "hijri"
    month: int = 0
    day: int = 0
    n: int = 0  # 1..5, or -1 for the last such weekday of the month
    weekday: int = 0
    offset: int = 0

    def occurrences(self, around: dt.date) -> list[dt.date]:
        """The holiday's days in the years before, of and after *around*, in order."""
        days: list[dt.date] = []
        if self.kind == "hijri":
            year = _hijri_year(around)
            years = [y for y in (year - 1, year, year + 1) if y >= 1]  # none before AD 622
            candidates = [_from_hijri(y, self.month, self.day) for y in years]
        else:
            candidates = [
                self._gregorian(y) for y in (around.year - 1, around.year, around.year + 1)
            ]
        for day in candidates:
            if day is None:
                continue
            try:
                days.append(day + dt.timedelta(days=self.offset))
            except OverflowError:
                continue
        return days

    def fixed_value(self) -> str | None:
        """The TIMEX3 value without a year ("XXXX-12-25"), for fixed days only."""
        if self.kind == "fixed":
            return f"XXXX-{self.month:02d}-{self.day:02d}"
        return None

    def _gregorian(self, year: int) -> dt.date | None:
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            return None
        if self.kind == "fixed":
            try:
                return dt.date(year, self.month, self.day)
            except ValueError:  # 29 February in a common year
                return None
        if self.kind == "easter":
            return _easter(year)
        first = dt.date(year, self.month, 1)
        if self.n > 0:
            day = first + dt.timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.n - 1))
        else:
            last = dt.date(year, self.month, calendar.monthrange(year, self.month)[1])
            day = last - dt.timedelta(days=(last.weekday() - self.weekday) % 7)
        return day if day.month == self.month else None


def parse_holiday(spec: str) -> HolidaySpec:
    """Parse a holiday rule's ``value``; raise ``ValueError`` saying what is wrong."""
    m = _SPEC.fullmatch(spec.strip().casefold())
    if m is None:
        raise ValueError(
            f"holiday value {spec!r} is not one of 'MM-DD', 'MM-N-weekday' "
            "(e.g. '11-4-thu', '05-last-mon'), 'easter' or 'hijri:MM-DD', "
            "optionally followed by a day offset such as '+1' or '-2'"
        )
    offset = int(m["offset"] or 0)
    if m["month"]:
        if m["offset"]:
            raise ValueError(f"holiday value {spec!r}: a fixed day takes no offset")
        month, day = int(m["month"]), int(m["day"])
        try:
            dt.date(2000, month, day)  # a leap year, so "02-29" is a day
        except ValueError:
            raise ValueError(f"holiday value {spec!r} is not a day of the year") from None
        return HolidaySpec("fixed", month=month, day=day)
    if m["nmonth"]:
        month = int(m["nmonth"])
        if not 1 <= month <= 12:
            raise ValueError(f"holiday value {spec!r}: the month is not 01..12")
        n = -1 if m["n"] == "last" else int(m["n"])
        return HolidaySpec("nth", month=month, n=n, weekday=_WEEKDAYS[m["weekday"]], offset=offset)
    if m["easter"]:
        return HolidaySpec("easter", offset=offset)
    month, day = int(m["hmonth"]), int(m["hday"])
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"holiday value {spec!r}: a Hijri date is month 01..12, day 01..30")
    return HolidaySpec("hijri", month=month, day=day, offset=offset)


def _easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


def _hijri_julian_day(year: int, month: int, day: int) -> int:
    """The Julian day number of a tabular Hijri date (30-year cycle, 11 leap years)."""
    return (
        day
        + (59 * (month - 1) + 1) // 2  # months alternate 30 and 29 days
        + (year - 1) * 354
        + (3 + 11 * year) // 30
        + _HIJRI_EPOCH
    )


def _from_hijri(year: int, month: int, day: int) -> dt.date | None:
    ordinal = _hijri_julian_day(year, month, day) - _ORDINAL_EPOCH + 1
    if not 1 <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def _hijri_year(day: dt.date) -> int:
    """The Hijri year in which *day* falls (tabular calendar)."""
    jd = day.toordinal() + _ORDINAL_EPOCH - 1
    return (30 * (jd - _HIJRI_EPOCH) + 10646) // 10631
