"""The seed article end to end: everything ../shared/seed/README.md lists."""

from __future__ import annotations

import json

import pytest

import sahelnews
from sahelnews import (
    Actor,
    ActorType,
    CountryVia,
    Event,
    Extraction,
    Modality,
    PlaceType,
    PloverCategory,
    Unit,
)

from .conftest import assert_offsets


def _events(seed: Extraction, category: PloverCategory) -> list[Event]:
    return [e for e in seed.events if e.type is category]


def _countries_of(mentions: tuple[sahelnews.Mention, ...]) -> set[str | None]:
    out: set[str | None] = set()
    for m in mentions:
        if isinstance(m, sahelnews.Country):
            out.add(m.iso3)
        else:
            out.add(getattr(m, "country", None))
    return out


class TestSeedMentions:
    def test_language_is_english(self, seed: Extraction) -> None:
        """The seed article is detected as English."""
        assert seed.language == "en"
        assert seed.warnings == ()

    def test_the_five_countries_and_no_nigeria(self, seed: Extraction) -> None:
        """Niger, the US, Russia, Ukraine and Mali are found; Nigeria never is."""
        codes = seed.country_codes()
        assert {"NER", "USA", "RUS", "UKR", "MLI"} <= codes
        assert "NGA" not in seed.country_codes(include_capitals=True)

    def test_nigerien_is_niger(self, seed: Extraction) -> None:
        """'Nigerien' is Niger's demonym."""
        nigerien = [c for c in seed.countries if c.text == "Nigerien"]
        assert nigerien
        assert all(c.iso3 == "NER" and c.via is CountryVia.DEMONYM for c in nigerien)

    def test_washington_is_a_flagged_capital(self, seed: Extraction) -> None:
        """'Washington' resolves to the USA as a capital metonym, not a plain name."""
        washington = [c for c in seed.countries if c.text == "Washington"]
        assert washington
        assert all(c.iso3 == "USA" and c.via is CountryVia.CAPITAL for c in washington)

    @pytest.mark.parametrize(
        ("text", "place_type", "country"),
        [
            ("Airbase 101", PlaceType.MILITARY_BASE, "NER"),
            ("Niamey", PlaceType.CITY, "NER"),
            ("Diori Hamani International Airport", PlaceType.AIRPORT, "NER"),
            ("Sahel", PlaceType.SUPRANATIONAL, None),
            ("Africa", PlaceType.SUPRANATIONAL, None),
        ],
    )
    def test_places(
        self, seed: Extraction, text: str, place_type: PlaceType, country: str | None
    ) -> None:
        """The seed's places are found with their type, country and coordinates."""
        found = [p for p in seed.places if p.text == text]
        assert found, [p.text for p in seed.places]
        place = found[0]
        assert place.type is place_type
        assert place.country == country
        assert place.lat is not None
        assert place.lon is not None

    def test_wagner_is_a_russian_pmc_unit(self, seed: Extraction) -> None:
        """The Wagner Group is a unit: a Russian private military company."""
        wagner = [u for u in seed.units if "Wagner" in u.text]
        assert wagner
        assert wagner[0].type is ActorType.PMC
        assert wagner[0].country == "RUS"

    @pytest.mark.parametrize(
        ("text", "actor_type", "country"),
        [
            ("Russian military personnel", ActorType.MILITARY, "RUS"),
            ("US troops", ActorType.MILITARY, "USA"),
            ("US forces", ActorType.MILITARY, "USA"),
            ("Russian forces", ActorType.MILITARY, "RUS"),
            ("Niger’s junta", ActorType.GOVERNMENT, "NER"),
            ("military rulers of Niger", ActorType.GOVERNMENT, "NER"),
        ],
    )
    def test_composed_actors(
        self, seed: Extraction, text: str, actor_type: ActorType, country: str
    ) -> None:
        """Generic heads compose with their country into one actor phrase."""
        found = [a for a in seed.actors if text in a.text]
        assert found, [a.text for a in seed.actors]
        assert found[0].type is actor_type
        assert found[0].country == country

    def test_insurgents_are_jihadists_without_country(self, seed: Extraction) -> None:
        """'insurgents' is a jihadist actor with no country."""
        insurgents = [a for a in seed.actors if "insurgents" in a.text]
        assert insurgents
        assert all(a.type is ActorType.JIHADIST and a.country is None for a in insurgents)

    def test_last_year_is_2023(self, seed: Extraction) -> None:
        """'last year', published 2024-05-03, is 2023."""
        last_year = [d for d in seed.dates if d.text == "last year"]
        assert [d.value for d in last_year] == ["2023"]
        assert last_year[0].first_day is not None
        assert last_year[0].first_day.isoformat() == "2023-01-01"

    def test_offsets(self, seed: Extraction) -> None:
        """Every offset indexes the exact input."""
        assert_offsets(seed)


def _names(mentions: tuple[sahelnews.Mention, ...]) -> list[str]:
    return [m.text for m in mentions]


class TestSeedEvents:
    def test_mobilize_russians_enter_airbase(self, seed: Extraction) -> None:
        """Russian personnel entering the air base is MOBILIZE troops, asserted, in Niger."""
        events = [e for e in _events(seed, PloverCategory.MOBILIZE) if e.trigger.text == "entered"]
        assert len(events) == 1
        event = events[0]
        assert event.mode == "troops"
        assert event.modality is Modality.ASSERTED
        assert _countries_of(event.source) == {"RUS"}
        assert event.target == ()
        assert event.location is not None
        assert "Niger" in event.location.text
        assert event.acled is not None
        assert event.acled.sub_event_type == "Headquarters or base established"

    def test_sanction_expel_us_forces(self, seed: Extraction) -> None:
        """The junta ordering the expulsion of US forces is SANCTION expel, NER -> USA."""
        events = [e for e in _events(seed, PloverCategory.SANCTION) if e.mode == "expel"]
        expulsion = [e for e in events if e.trigger.text == "expulsion"]
        assert len(expulsion) == 1
        event = expulsion[0]
        assert event.modality is Modality.ASSERTED
        assert _countries_of(event.source) == {"NER"}
        assert _countries_of(event.target) == {"USA"}
        assert event.cameo == "16"

    def test_request_us_to_withdraw(self, seed: Extraction) -> None:
        """The military rulers instructing the US to withdraw is REQUEST, NER -> USA."""
        events = _events(seed, PloverCategory.REQUEST)
        assert len(events) == 1
        assert _countries_of(events[0].source) == {"NER"}
        assert _countries_of(events[0].target) == {"USA"}
        assert events[0].source[0].text.endswith("military rulers of Niger")

    def test_coerce_coup_last_year(self, seed: Extraction) -> None:
        """The coup is COERCE coup, dated 2023."""
        events = _events(seed, PloverCategory.COERCE)
        assert len(events) == 1
        assert events[0].mode == "coup"
        assert events[0].date is not None
        assert events[0].date.value == "2023"

    def test_retreat_us_withdrawal_is_future(self, seed: Extraction) -> None:
        """The US withdrawal from Niger is RETREAT withdraw with future modality."""
        events = [e for e in _events(seed, PloverCategory.RETREAT) if e.mode == "withdraw"]
        future = [e for e in events if e.modality is Modality.FUTURE]
        assert future
        assert all(_countries_of(e.source) == {"USA"} for e in future)
        plans = [e for e in future if e.trigger.text == "withdrawal"]
        assert plans
        assert plans[0].location is not None
        assert plans[0].location.text == "Niger"

    def test_wagner_deployed_in_mali(self, seed: Extraction) -> None:
        """The Wagner Group's deployment is MOBILIZE with Wagner as source, located in Mali."""
        events = [
            e for e in _events(seed, PloverCategory.MOBILIZE) if e.trigger.text == "deployment"
        ]
        assert len(events) == 1
        assert isinstance(events[0].source[0], Unit)
        assert "Wagner" in events[0].source[0].text
        assert events[0].location is not None
        assert events[0].location.text == "Mali"

    def test_no_event_from_have_yet_to_respond(self, seed: Extraction) -> None:
        """'have yet to respond to requests for comment' yields no event."""
        sentence = next(i for i, s in enumerate(seed.sentences) if "have yet to respond" in s.text)
        assert [e for e in seed.events if e.sentence == sentence] == []

    def test_every_event_explains_itself(self, seed: Extraction) -> None:
        """Every event names its rule and points at a trigger inside its sentence."""
        for event in seed.events:
            assert event.rule
            sentence = seed.sentences[event.sentence]
            assert sentence.start <= event.trigger.start < event.trigger.end <= sentence.end
            for actor in (*event.source, *event.target):
                assert isinstance(actor, Actor | Unit | sahelnews.Country)


class TestSeedJson:
    def test_contract_round_trip(self, seed: Extraction) -> None:
        """The JSON output follows the contract and its offsets index the input."""
        data = json.loads(seed.to_json())
        assert data["sahelnews"] == sahelnews.__version__
        assert data["published"] == "2024-05-03"
        assert data["language"] == "en"
        text = seed.text
        kinds = {m["kind"] for m in data["mentions"]}
        assert kinds == {"country", "place", "actor", "unit", "date"}
        for m in data["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
            assert m["rule"]
        for e in data["events"]:
            assert e["type"] in {c.value for c in PloverCategory}
            assert e["modality"] in {"asserted", "negated", "future", "possible"}
            for ref in (*e["source"], *e["target"], e["location"], e["date"]):
                if ref is not None:
                    assert text[ref["start"] : ref["end"]] == ref["text"]
            assert e["cameo"] is None or len(e["cameo"]) == 2
        assert json.loads(json.dumps(data)) == data
        assert data == seed.to_dict()
