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

    def test_past_perfect_overrides_a_deadline(self) -> None:
        """'had been due to expire Friday' is the Friday before, not the next one."""
        text = "The offer had been due to expire Friday evening."
        assert _dates(text, published="1989-10-30", language="en") == [
            ("Friday evening", "1989-10-27TEV")
        ]

    def test_by_before_a_date_is_a_deadline(self) -> None:
        """'by Jan. 14' in a past-tense sentence is the coming 14 January."""
        text = "The service decided the boy should go home by Jan. 14."
        assert _dates(text, published="2000-01-05", language="en") == [("Jan. 14", "2000-01-14")]

    def test_by_elsewhere_is_not_a_deadline(self) -> None:
        """'a rally Thursday by media workers': 'by' after the date says nothing of tense."""
        text = "Castro attended a rally Thursday by media workers."
        assert _dates(text, published="2000-01-15", language="en") == [("Thursday", "2000-01-13")]

    def test_a_near_day_beats_a_tense_a_year_away(self) -> None:
        """'had been set to expire Nov. 6', on 2 November, is four days ahead."""
        text = "The offer had been set to expire Nov. 6."
        assert _dates(text, published="1989-11-02", language="en") == [("Nov. 6", "1989-11-06")]

    def test_a_month_keeps_its_tense(self) -> None:
        """'seized power in July', published in May, is last July."""
        text = "Soldiers seized power in July."
        assert _dates(text, published="2024-05-03", language="en") == [("July", "2023-07")]

    def test_that_year_is_a_year(self) -> None:
        """'later that year' after 'June 1998' is 1998, not June 1998."""
        text = "He fled in June 1998 and returned later that year."
        assert _dates(text, published="2000-01-28", language="en")[-1] == ("that year", "1998")

    def test_an_interval_after_a_clause_is_a_duration(self) -> None:
        """'a month after the coup' is the length 'a month', not the month after the last date."""
        text = "In March 2023 talks stalled; barely a month after the coup, the junta left ECOWAS."
        assert ("a month", "P1M") in _dates(text, language="en")


class TestClauseTense:
    def test_the_clause_verb_governs_a_far_date(self) -> None:
        """The past verb of the date's clause decides, however far from the month."""
        text = (
            "The funeral home operator changed from a fiscal year to a calendar year in December."
        )
        assert _dates(text, published="1989-10-27", language="en") == [("December", "1988-12")]

    def test_a_future_verb_far_in_the_clause(self) -> None:
        """'will be named commander ... for a mission in December' is next December."""
        text = "Collins will be named commander of the Space Shuttle Columbia for a mission in December."
        assert _dates(text, published="1998-03-04", language="en") == [("December", "1998-12")]

    def test_an_introductory_date_takes_the_main_verb(self) -> None:
        """'On Tuesday, the league plans to ...': the main clause after the comma decides."""
        text = (
            "On Tuesday, the National Abortion and Reproductive Rights Action League "
            "plans to hold a news conference."
        )
        assert _dates(text, published="1998-10-26", language="en") == [("Tuesday", "1998-10-27")]

    def test_a_sentence_verb_past_an_abbreviation(self) -> None:
        """'Roe vs. Wade' does not end the sentence whose verb ('killed') dates 'January'."""
        text = (
            "In January, a week after the anniversary of the Roe vs. Wade decision, "
            "a clinic bombing in Birmingham, Ala., killed a security guard."
        )
        assert _dates(text, published="1998-10-25", language="en")[0] == ("January", "1998-01")

    def test_each_coordinated_clause_keeps_its_verb(self) -> None:
        """'planned ... on Saturday and were planning ... on Monday': both ahead."""
        text = (
            "Protesters planned a large demonstration in Little Havana on Saturday and "
            "were planning to drive around the airport on Monday."
        )
        assert _dates(text, published="2000-01-07", language="en") == [
            ("Saturday", "2000-01-08"),
            ("Monday", "2000-01-10"),
        ]

    def test_a_present_tense_leaves_the_nearer_reading(self) -> None:
        """'when the case is heard in May' is not pulled back by a past verb elsewhere."""
        text = (
            "Gonzalez still had not signed an agreement to hand the child over if the "
            "relatives lose a fight to keep him when the case is heard in May in the court."
        )
        assert _dates(text, published="2000-03-29", language="en") == [("May", "2000-05")]

    def test_a_deadline_noun_after_the_date_is_not_a_cue(self) -> None:
        """'by the Tuesday deadline' after a past verb is the Tuesday gone."""
        text = "Sony completed its tender offer, with 99.3% of shares tendered by the Tuesday deadline."
        assert _dates(text, published="1989-11-02", language="en") == [("Tuesday", "1989-10-31")]

    def test_an_attributive_participle_is_not_a_verb(self) -> None:
        """'a still unspecified date' is an adjective; 'would be paid' decides."""
        text = "The split would be paid on a still unspecified date in January."
        assert _dates(text, published="1989-10-26", language="en") == [("January", "1990-01")]

    def test_succeed_is_not_a_past_tense(self) -> None:
        """'will succeed Davison Feb. 1': '-eed' verbs are not '-ed' past tenses."""
        text = "Mr. Schwarz, 52 years old, will succeed Daniel P. Davison Feb. 1."
        assert _dates(text, published="1989-10-26", language="en") == [("Feb. 1", "1990-02-01")]


class TestReportedQuarter:
    def test_the_latest_period_is_the_reported_quarter(self) -> None:
        """'the latest period' of a fourth-quarter report is that fourth quarter."""
        text = (
            "Ralston reported a 47% decline in fourth-quarter earnings. "
            "Sales in the latest period were $1.76 billion."
        )
        assert _dates(text, published="1989-11-02", language="en") == [
            ("fourth-quarter", "1989-Q4"),
            ("the latest period", "1989-Q4"),
        ]

    def test_a_passing_quarter_does_not_replace_the_report_quarter(self) -> None:
        """After 'a flat second quarter', the year-ago period is still the third quarter's."""
        text = (
            "Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat "
            "second quarter, the gain came from consumer businesses. The comparison was "
            "enhanced by charges taken in the year-earlier period. In the 1989 period, "
            "interest expense was lower."
        )
        values = [v for _, v in _dates(text, published="1989-11-01", language="en")]
        assert values == ["1989-Q3", "1989-Q2", "1988-Q3", "1989-Q3"]

    def test_a_quarter_named_by_its_last_day(self) -> None:
        """'the quarter ended July 31' is the calendar quarter holding most of it."""
        text = "In the quarter ended July 31, Jayark had 5.6 million shares outstanding."
        assert _dates(text, published="1989-10-30", language="en")[0] == ("the quarter", "1989-Q2")

    def test_the_quarter_a_year_ago(self) -> None:
        """'the quarter a year ago' and 'last year's quarter' are the year-ago quarter."""
        text = (
            "Columbia announced a third-quarter loss. For the quarter a year ago it earned "
            "$16 million; last year's quarter included a gain."
        )
        assert _dates(text, published="1989-10-26", language="en") == [
            ("third-quarter", "1989-Q3"),
            ("the quarter a year ago", "1988-Q3"),
            ("last year's quarter", "1988-Q3"),
        ]

    def test_a_longer_reporting_span_compares_with_the_year(self) -> None:
        """After 'for the nine months', 'a year earlier' is the year before, not the quarter."""
        text = (
            "Third-quarter profit rose. For the nine months, net was $48.7 million, "
            "compared with $21 million a year earlier."
        )
        assert _dates(text, published="1989-10-26", language="en")[-1] == (
            "a year earlier",
            "1988",
        )

    def test_a_year_period_without_a_quarter_is_the_year(self) -> None:
        """'the 1988 period' after 'the first nine months' is 1988."""
        text = "In the first nine months, net was $306 million, against a loss in the 1988 period."
        assert _dates(text, published="1989-11-02", language="en")[-1] == (
            "the 1988 period",
            "1988",
        )


class TestTimesOfDay:
    def test_hour_in_the_morning(self) -> None:
        """'at 4 in the morning' after 'Thursday' is 4 a.m. that Thursday."""
        text = "The father will travel Thursday. He will leave at 4 in the morning."
        assert _dates(text, published="2000-04-05", language="en")[-1] == (
            "4 in the morning",
            "2000-04-06T04:00",
        )

    def test_hour_at_night(self) -> None:
        """'at 10 o'clock at night' is 22:00."""
        text = "The blast came at 10 o'clock at night."
        assert _dates(text, published="2000-04-05", language="en") == [
            ("10 o'clock at night", "2000-04-05T22:00")
        ]

    def test_the_day_before_a_clause_is_not_a_date(self) -> None:
        """'the day before authorities issued a warrant' names another event's day."""
        text = "He was last seen Nov. 3, the day before authorities issued a warrant."
        assert _dates(text, published="1999-05-07", language="en") == [("Nov. 3", "1998-11-03")]

    def test_last_month_and_day(self) -> None:
        """'last Oct. 23' is a day, not the month of October."""
        text = "Slepian was shot to death last Oct. 23 at his home."
        assert _dates(text, published="1999-04-19", language="en") == [("Oct. 23", "1998-10-23")]


class TestHolidays:
    @pytest.mark.parametrize(
        ("spec", "around", "expected"),
        [
            ("12-25", "2024-05-03", ["2023-12-25", "2024-12-25", "2025-12-25"]),
            ("easter", "2000-01-01", ["1999-04-04", "2000-04-23", "2001-04-15"]),
            ("easter", "2019-06-01", ["2018-04-01", "2019-04-21", "2020-04-12"]),
            ("easter-2", "2025-01-01", ["2024-03-29", "2025-04-18", "2026-04-03"]),
            ("11-4-thu", "1999-06-01", ["1998-11-26", "1999-11-25", "2000-11-23"]),
            ("11-1-mon+1", "2024-01-01", ["2023-11-07", "2024-11-05", "2025-11-04"]),
            ("05-last-mon", "2024-01-01", ["2023-05-29", "2024-05-27", "2025-05-26"]),
            # Tabular Hijri dates; the observed Tabaski in Mali was 17 June 2024
            # and the Korité 10 April 2024.
            ("hijri:12-10", "2024-06-01", ["2023-06-29", "2024-06-17", "2025-06-07"]),
            ("hijri:10-01", "2024-04-01", ["2023-04-22", "2024-04-10", "2025-03-31"]),
            ("hijri:01-01", "2023-08-01", ["2022-07-30", "2023-07-19", "2024-07-08"]),
        ],
    )
    def test_occurrences(self, spec: str, around: str, expected: list[str]) -> None:
        from sahelnews._holidays import parse_holiday  # noqa: PLC0415 - internal detail

        days = parse_holiday(spec).occurrences(dt.date.fromisoformat(around))
        assert [d.isoformat() for d in days] == expected

    @pytest.mark.parametrize(
        "spec",
        ["13-01", "02-30", "easter+x", "11-6-thu", "11-4-thursday", "hijri:13-01", "12-25+1", ""],
    )
    def test_bad_value_is_a_rule_error(self, spec: str) -> None:
        """A holiday value that cannot be computed is reported when the rule is built."""
        with pytest.raises(sahelnews.RuleError, match="holiday value"):
            sahelnews.Rule(
                family="dates", id="user.holiday", label="DATE", normalize="holiday",
                value=spec, aliases=["Fête"],
            )  # fmt: skip

    def test_holiday_without_value_is_a_rule_error(self) -> None:
        with pytest.raises(sahelnews.RuleError, match="needs a value"):
            sahelnews.Rule(
                family="dates", id="user.holiday", label="DATE", normalize="holiday",
                aliases=["Fête"],
            )  # fmt: skip

    def test_tense_picks_the_occurrence(self) -> None:
        """Past tense takes the last Tabaski, future the next one."""
        past = "Deux attaques ont eu lieu pendant la Tabaski."
        future = "Les marchés seront fermés pour la Tabaski."
        assert _dates(past, published="2024-09-01", language="fr") == [("la Tabaski", "2024-06-17")]
        assert _dates(future, published="2024-09-01", language="fr") == [
            ("la Tabaski", "2025-06-07")
        ]

    def test_user_holiday(self) -> None:
        """A user adds a national day computed from the calendar, in their own rule."""
        rule = sahelnews.Rule(
            family="dates", id="user.holiday.armed-forces-day", label="DATE",
            normalize="holiday", value="01-20", aliases=["la fête de l'Armée"],
            languages=["fr"],
        )  # fmt: skip
        rules = sahelnews.Ruleset.default().extend(rule)
        found = sahelnews.extract_dates(
            "Le défilé a eu lieu pour la fête de l'Armée.", published="2024-05-03",
            language="fr", rules=rules,
        )  # fmt: skip
        assert [(d.text, d.value) for d in found] == [("la fête de l'Armée", "2024-01-20")]

    def test_no_publication_date(self) -> None:
        """Without a publication date a fixed day keeps an unknown year; a moving one has no value."""
        found = sahelnews.extract_dates("Christmas and Easter", language="en")
        assert [(d.text, d.value) for d in found] == [
            ("Christmas", "XXXX-12-25"),
            ("Easter", None),
        ]


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
