"""The pipeline: input checks, sentences, language, composition, events and modality."""

from __future__ import annotations

import datetime as dt

import pytest

import sahelnews
from sahelnews import InputError, Modality, PloverCategory
from sahelnews._text import detect_language, split_sentences

from .conftest import assert_offsets


class TestInput:
    def test_text_must_be_str(self) -> None:
        """A non-string text raises TypeError at the door."""
        with pytest.raises(TypeError, match="text must be a str"):
            sahelnews.extract(b"Niger")  # type: ignore[arg-type]

    def test_empty_text(self) -> None:
        """Empty or blank text gives an empty extraction."""
        for text in ("", "   \n\n  "):
            result = sahelnews.extract(text)
            assert result.mentions == ()
            assert result.events == ()
            assert result.sentences == ()

    @pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "03/05/2024"])
    def test_bad_published(self, bad: str) -> None:
        """A publication date that is not YYYY-MM-DD raises InputError."""
        with pytest.raises(InputError, match="published"):
            sahelnews.extract("Niger", published=bad)

    def test_published_types(self) -> None:
        """published accepts a date, a datetime or an ISO string, all alike."""
        values = [
            sahelnews.extract("last year", published=p, language="en").dates[0].value
            for p in (dt.date(2024, 5, 3), dt.datetime(2024, 5, 3, 12, tzinfo=dt.UTC), "2024-05-03")
        ]
        assert values == ["2023", "2023", "2023"]

    def test_no_published_leaves_relative_dates_unresolved(self) -> None:
        """Without a publication date, 'yesterday' is found but has no value."""
        result = sahelnews.extract("The army attacked yesterday.", language="en")
        assert [(d.text, d.value) for d in result.dates] == [("yesterday", None)]

    def test_unknown_language(self) -> None:
        """A language other than en/fr raises InputError."""
        with pytest.raises(InputError, match="language"):
            sahelnews.extract("Hola", language="es")

    def test_too_long(self) -> None:
        """Text over max_chars raises InputError; max_chars=None lifts the limit."""
        with pytest.raises(InputError, match="max_chars"):
            sahelnews.Extractor(max_chars=10).extract("Niger " * 10)
        assert sahelnews.Extractor(max_chars=None).extract("Niger " * 10).countries

    def test_mojibake_warning(self) -> None:
        """Text that looks like mis-decoded UTF-8 gets a warning, not a crash."""
        text = "Les soldats maliens ont Ã©tÃ© dÃ©ployÃ©s Ã  Gao."
        result = sahelnews.extract(text)
        assert any("mojibake" in w for w in result.warnings)
        assert_offsets(result)

    def test_extractor_rejects_non_ruleset(self) -> None:
        """Extractor(rules=...) needs a Ruleset."""
        with pytest.raises(TypeError):
            sahelnews.Extractor(rules="rules.toml")  # type: ignore[arg-type]


def test_date_inside_a_name_is_dropped() -> None:
    """A year inside a longer name is part of the name, not a date."""
    rule = sahelnews.Rule(
        family="units", id="XXX.brigade-2020", label="militia", aliases=["Brigade 2020"]
    )
    rules = sahelnews.Ruleset.default().extend(rule)
    result = sahelnews.extract(
        "Brigade 2020 attacked in 2021.", published="2024-05-03", language="en", rules=rules
    )
    assert [u.text for u in result.units] == ["Brigade 2020"]
    assert [d.text for d in result.dates] == ["2021"]


class TestSentences:
    def test_abbreviations_do_not_split(self) -> None:
        """'U.S.', 'Gen.' and 'M.' do not end sentences."""
        text = "The U.S. Army met Gen. Tiani in Niamey. M. Bazoum remains detained. Next."
        spans = split_sentences(text)
        assert [s.text for s in spans] == [
            "The U.S. Army met Gen. Tiani in Niamey.",
            "M. Bazoum remains detained.",
            "Next.",
        ]

    def test_paragraphs_split(self) -> None:
        """A blank line ends a sentence even without punctuation."""
        spans = split_sentences("Headline here\n\nBody text. More")
        assert [s.text for s in spans] == ["Headline here", "Body text.", "More"]

    def test_offsets(self) -> None:
        """Sentence spans index the input."""
        text = "  Une phrase.  Une autre ?  Oui !  "
        for span in split_sentences(text):
            assert text[span.start : span.end] == span.text


class TestLanguage:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Les soldats maliens ont été déployés dans le nord du pays.", "fr"),
            ("Malian soldiers were deployed in the north of the country.", "en"),
        ],
    )
    def test_detect(self, text: str, language: str) -> None:
        """English and French are told apart by function words."""
        assert detect_language(text)[0] == language
        assert sahelnews.extract(text).language == language


class TestComposition:
    @pytest.mark.parametrize(
        ("text", "phrase", "country", "actor_type"),
        [
            ("Malian soldiers patrolled.", "Malian soldiers", "MLI", "military"),
            ("Les soldats maliens patrouillent.", "soldats maliens", "MLI", "military"),
            ("L'armée burkinabè a riposté.", "armée burkinabè", "BFA", "military"),
            ("Les autorités nigériennes ont réagi.", "autorités nigériennes", "NER", "government"),
            ("French forces left.", "French forces", "FRA", "military"),
            ("Chad's army responded.", "Chad's army", "TCD", "military"),
        ],
    )
    def test_generic_phrase(self, text: str, phrase: str, country: str, actor_type: str) -> None:
        """A head noun composes with an adjacent country adjective, possessive or complement."""
        result = sahelnews.extract(text)
        found = [a for a in result.actors if a.text == phrase]
        assert found, [(a.text, a.rule) for a in result.actors]
        assert found[0].country == country
        assert found[0].type.value == actor_type
        assert found[0].rule.startswith("compose:")

    def test_year_is_not_a_number(self) -> None:
        """A year before a head noun is not the actors' number ('In 2023 troops...')."""
        result = sahelnews.extract("In 2023 troops entered the base.", language="en")
        assert [a.number for a in result.actors] == [None]

    def test_number(self) -> None:
        """A number before the phrase is kept ('1,000 US troops')."""
        result = sahelnews.extract("Some 1,000 US troops are based there.", language="en")
        troops = [a for a in result.actors if "troops" in a.text]
        assert troops[0].number == 1000
        assert troops[0].country == "USA"


class TestEvents:
    def test_passive_with_agent(self) -> None:
        """'were killed by jihadists': jihadists are the source, soldiers the target."""
        result = sahelnews.extract(
            "Twenty Malian soldiers were killed by jihadists near Gao.", language="en"
        )
        event = next(e for e in result.events if e.type is PloverCategory.ASSAULT)
        assert [m.text for m in event.source] == ["jihadists"]
        assert event.target[0].text.endswith("Malian soldiers")
        assert event.location is not None
        assert event.location.text == "Gao"

    def test_french_passive_negated(self) -> None:
        """'n'ont pas été tués' is negated."""
        result = sahelnews.extract(
            "Les soldats maliens n'ont pas été tués par les djihadistes.", language="fr"
        )
        event = next(e for e in result.events if e.type is PloverCategory.ASSAULT)
        assert event.modality is Modality.NEGATED

    def test_coordination(self) -> None:
        """'Mali, Burkina Faso and Niger signed' gives a compound source."""
        result = sahelnews.extract(
            "Mali, Burkina Faso and Niger signed a defence pact.", language="en"
        )
        event = next(e for e in result.events if e.type is PloverCategory.AGREE)
        assert [m.text for m in event.source] == ["Mali", "Burkina Faso", "Niger"]

    def test_french_infinitive_is_future_unless_negated(self) -> None:
        """An infinitive rule is future; a negation cue still makes it negated."""
        planned = sahelnews.extract(
            "La junte a décidé d'expulser les forces françaises.", language="fr"
        )
        refused = sahelnews.extract(
            "Les soldats maliens n'ont pas l'intention d'attaquer les civils.", language="fr"
        )
        assert [e.modality for e in planned.events] == [Modality.FUTURE]
        assert [e.modality for e in refused.events] == [Modality.NEGATED]

    def test_possible(self) -> None:
        """A hedge makes the event possible."""
        result = sahelnews.extract(
            "Jihadists may have attacked the Malian soldiers.", language="en"
        )
        assert [e.modality for e in result.events] == [Modality.POSSIBLE]

    def test_battle_vs_violence_against_civilians(self) -> None:
        """ACLED type depends on the target: civilians make it violence against civilians."""
        civ = sahelnews.extract("Gunmen killed villagers in Djibo.", language="en").events[0]
        mil = sahelnews.extract(
            "Jihadists attacked Burkinabe soldiers in Djibo.", language="en"
        ).events[0]
        assert civ.acled is not None
        assert mil.acled is not None
        assert civ.acled.event_type == "Violence against civilians"
        assert mil.acled.event_type == "Battles"
        assert mil.acled.inter1 == 2
        assert mil.acled.inter2 == 1
        assert mil.acled.interaction == 12


class TestFatalities:
    @pytest.mark.parametrize(
        ("text", "language", "killed", "wounded"),
        [
            (
                "Jihadists attacked a post near Djibo, killing 15 soldiers and wounding 7.",
                "en",
                15,
                7,
            ),
            ("At least 20 Malian soldiers were killed by jihadists near Gao.", "en", 20, None),
            (
                "Des djihadistes ont attaqué le camp, faisant une vingtaine de morts.",
                "fr",
                20,
                None,
            ),
            (
                "Des hommes armés ont attaqué Djibo : des dizaines de morts et 30 blessés.",
                "fr",
                12,
                30,
            ),
        ],
    )
    def test_counts(
        self, text: str, language: str, killed: int | None, wounded: int | None
    ) -> None:
        """Killed and wounded are read conservatively and kept apart on the ASSAULT event."""
        result = sahelnews.extract(text, language=language)
        event = next(e for e in result.events if e.type is PloverCategory.ASSAULT)
        assert event.fatalities is not None
        assert (event.fatalities.killed, event.fatalities.wounded) == (killed, wounded)
        for casualty in event.fatalities.casualties:
            assert text[casualty.start : casualty.end] == casualty.text

    def test_no_event_no_fatalities(self) -> None:
        """Counts without an ASSAULT event in their sentence stay on the document only."""
        result = sahelnews.extract("The death toll rose to 31.", language="en")
        assert [c.count for c in result.casualties] == [31]
        assert result.events == ()


class TestExtractMany:
    def test_streams(self) -> None:
        """extract_many() yields one extraction per text, lazily."""
        texts = iter(["Le Mali.", "Niger.", ""])
        results = sahelnews.extract_many(texts)
        first = next(results)
        assert first.country_codes() == {"MLI"}
        assert [r.country_codes() for r in results] == [{"NER"}, frozenset()]
