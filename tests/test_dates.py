"""Dates: values, intervals, tense and the words that must not become dates."""

from __future__ import annotations

import datetime as dt

import pytest

import sahelnews
from sahelnews import Granularity, TimexType


def _dates(
    text: str, published: str = "2024-05-03", language: str | None = None
) -> list[tuple[str, str | None]]:
    result = sahelnews.extract(text, published=published, language=language)
    return [(d.text, d.value) for d in result.dates]


class TestValues:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("The attack took place on 12 March 2024.", "en", [("12 March 2024", "2024-03-12")]),
            ("Soldiers seized power on July 26, 2023.", "en", [("July 26, 2023", "2023-07-26")]),
            ("Le coup d'État du 26 juillet 2023.", "fr", [("26 juillet 2023", "2023-07-26")]),
            (
                "Il y a deux semaines, l'armée a riposté.",
                "fr",
                [("Il y a deux semaines", "2024-W16")],
            ),
            (
                "La semaine dernière, la junte a annoncé.",
                "fr",
                [("La semaine dernière", "2024-W17")],
            ),
            (
                "Mardi dernier, des hommes armés ont attaqué.",
                "fr",
                [("Mardi dernier", "2024-04-30")],
            ),
            ("The siege lasted for three days.", "en", [("three days", "P3D")]),
            ("Attacks have multiplied in recent weeks.", "en", [("recent weeks", "PXW")]),
            ("Tuareg revolts of the 1990s.", "en", [("1990s", "199")]),
        ],
    )
    def test_value(self, text: str, language: str, expected: list[tuple[str, str]]) -> None:
        """Absolute, relative and duration expressions get TimeML values."""
        assert _dates(text, language=language) == expected

    def test_interval(self) -> None:
        """A date exposes the calendar interval its value covers."""
        result = sahelnews.extract("last month", published="2024-03-15", language="en")
        date = result.dates[0]
        assert date.value == "2024-02"
        assert date.first_day == dt.date(2024, 2, 1)
        assert date.last_day == dt.date(2024, 2, 29)
        assert date.granularity is Granularity.MONTH
        assert date.timex_type is TimexType.DATE

    def test_tense_picks_the_year(self) -> None:
        """A month without a year is the last one in a past sentence, the next in a future one."""
        assert _dates("Soldiers seized power in August.", language="en") == [("August", "2023-08")]
        assert _dates("Elections will take place in August.", language="en") == [
            ("August", "2024-08")
        ]

    def test_weekday_in_past_sentence(self) -> None:
        """'on Friday' in a past-tense article published on a Friday is that Friday."""
        assert _dates("Gunmen attacked the camp on Friday.", language="en") == [
            ("Friday", "2024-05-03")
        ]


NOT_DATES = [
    "Officials may resign.",
    "Protesters vowed to march on the capital.",
    "We will see.",
    "It cost $27 and 1/2 of the budget.",
    "The app reached 100M users in version 2.0.1.",
    "Call +227 20 72 25 33.",
    "Le budget est de 2 021 milliards.",
    "Il mange des marrons.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    """Words and numbers that only look like dates yield none."""
    assert _dates(text) == []
