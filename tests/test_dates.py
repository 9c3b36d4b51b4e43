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


class TestReferenceTime:
    def test_anaphora_follow_the_last_date(self) -> None:
        """'two months later' counts from the last date the article gave, not from publication."""
        text = "The coup came in July 2023. Two months later, the AES was formed."
        assert _dates(text, language="en")[-1] == ("Two months later", "2023-09")

    def test_anaphora_do_not_drift(self) -> None:
        """A chain of 'a year earlier' stays anchored to the last explicit date."""
        text = (
            "Profit rose in the third quarter. It was $3 million a year earlier. "
            "Sales were also higher than a year earlier."
        )
        values = [v for _, v in _dates(text, published="1989-10-26", language="en")]
        assert values == ["1989-Q3", "1988-Q3", "1988-Q3"]

    def test_clock_time_takes_the_last_day(self) -> None:
        """'vers 19 heures' after 'le 10 juin' is on 10 June."""
        text = "L'incident s'est déroulé le 10 juin, vers 19 heures."
        assert _dates(text, published="2022-06-20", language="fr")[-1] == (
            "19 heures",
            "2022-06-10T19:00",
        )

    def test_deadline_words_look_ahead(self) -> None:
        """A date after 'extended to' is ahead even though the verb is past."""
        text = "The company extended its offer to Nov. 20."
        assert _dates(text, published="1989-11-02", language="en") == [("Nov. 20", "1989-11-20")]


class TestAnchors:
    def test_pattern_without_anchor_scans_everything(self) -> None:
        """A user rule without an anchor still finds its matches anywhere."""
        rule = sahelnews.Rule(
            family="dates",
            id="user.date.harvest",
            label="DATE",
            normalize="literal",
            value="XXXX-10",
            patterns=[r"la\s+saison\s+des\s+récoltes"],
        )
        rules = sahelnews.Ruleset.default().extend(rule)
        found = sahelnews.extract_dates(
            "Les attaques reprennent pendant la saison des récoltes.", language="fr", rules=rules
        )
        assert [(d.text, d.value) for d in found] == [("la saison des récoltes", "XXXX-10")]

    def test_bad_anchor_is_a_rule_error(self) -> None:
        """A broken anchor, or an anchor without patterns, is reported with the rule id."""
        with pytest.raises(sahelnews.RuleError, match="bad anchor"):
            sahelnews.Rule(
                family="dates", id="x", label="DATE", normalize="literal", value="X",
                patterns=["abc"], anchor="(",
            )  # fmt: skip
        with pytest.raises(sahelnews.RuleError, match="only applies to patterns"):
            sahelnews.Rule(
                family="dates", id="x", label="DATE", normalize="literal", value="X",
                aliases=["abc"], anchor="abc",
            )  # fmt: skip

    def test_word_cache_is_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The per-word anchor cache never grows past its limit on an endless stream."""
        from sahelnews._dates import DateMatcher  # noqa: PLC0415 - internal detail under test

        matcher = DateMatcher(sahelnews.Ruleset.default().rules("dates"))
        monkeypatch.setattr(DateMatcher, "_CACHE_LIMIT", 50)
        text = " ".join(f"word{i}" for i in range(400)) + " in July 2023"
        assert [hit.start for hit in matcher.finditer(text) if hit.match is not None]
        assert len(matcher._word_anchors) <= 50
