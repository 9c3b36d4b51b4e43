"""Actors: composed phrases with numbers, and light co-reference within an article."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import regex

import sahelnews
from sahelnews import Actor, Country, CountryVia, Unit


def _actors(text: str, language: str) -> list[tuple[str, str, str | None, int | None]]:
    result = sahelnews.extract(text, language=language)
    return [(a.text, a.type.value, a.country, a.number) for a in result.actors]


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("1,000 US troops are deployed.", "en", [("1,000 US troops", "military", "USA", 1000)]),
            ("Une centaine de soldats ont été tués.", "fr",
             [("Une centaine de soldats", "military", None, 100)]),
            ("Trois soldats maliens ont été blessés.", "fr",
             [("Trois soldats maliens", "military", "MLI", 3)]),
            ("A dozen gunmen stormed the village.", "en", [("A dozen gunmen", "other", None, 12)]),
            ("Dozens of civilians fled.", "en", [("civilians", "civilians", None, None)]),
            ("Des centaines de manifestants.", "fr", [("manifestants", "protesters", None, None)]),
        ],
    )  # fmt: skip
    def test_number_before_the_phrase(
        self, text: str, language: str, expected: list[tuple[str, str, str | None, int | None]]
    ) -> None:
        """Digits and number words join the phrase; vague plurals ("dozens of") give no number."""
        assert _actors(text, language) == expected


class TestCoreference:
    def test_the_group(self) -> None:
        """'The group' after a named jihadist group is that group, in events too."""
        result = sahelnews.extract(
            "JNIM claimed the attack. The group said it killed 20 soldiers.", language="en"
        )
        group = next(a for a in result.actors if a.text == "group")
        assert (group.id, group.type.value, group.generic) == ("JIH.jnim", "jihadist", False)
        assert isinstance(group.refers_to, Actor)
        assert group.refers_to.text == "JNIM"
        assert group.to_dict()["refers_to"] == {"start": 0, "end": 4, "id": "JIH.jnim"}
        # "The group ... killed" is the attack JNIM claimed: one event, two reports.
        (event,) = result.events
        assert [m.trigger.text for m in event.mentions] == ["attack", "killed"]
        assert all(s.id == "JIH.jnim" for e in result.events for s in e.source)  # type: ignore[union-attr]

    def test_the_junta(self) -> None:
        """'la junte' after 'le CNSP' is the CNSP; 'the junta' after "Niger's junta" is Niger's."""
        fr = sahelnews.extract(
            "Le CNSP a pris le pouvoir à Niamey. La junte a suspendu la Constitution.",
            language="fr",
        )
        junte = next(a for a in fr.actors if a.text == "junte")
        assert junte.id == "NER.cnsp"
        en = sahelnews.extract(
            "Niger's junta expelled the French ambassador. The junta said France must leave.",
            language="en",
        )
        junta = [a for a in en.actors if a.text == "junta"][-1]
        assert (junta.id, junta.country) == ("NER.government", "NER")

    def test_the_country(self) -> None:
        """'le pays' refers back to the last country named, flagged as an anaphor."""
        result = sahelnews.extract(
            "Le Mali a quitté la CEDEAO. Le pays a rejoint l'AES.", language="fr"
        )
        pays = next(c for c in result.countries if c.text == "pays")
        assert (pays.iso3, pays.via) == ("MLI", CountryVia.ANAPHOR)
        assert isinstance(pays.refers_to, Country)
        assert result.country_codes() == {"MLI"}

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("A group of students protested in Niamey.", "en"),
            ("The group met in Bamako.", "en"),
            ("Niger expelled the ambassador.", "en"),
            ("Un groupe de jeunes a manifesté.", "fr"),
        ],
    )
    def test_no_antecedent(self, text: str, language: str) -> None:
        """Without a compatible earlier actor, or without a definite determiner, nothing resolves."""
        result = sahelnews.extract(text, language=language)
        assert all(a.refers_to is None for a in result.actors)
        assert all(c.via is not CountryVia.ANAPHOR for c in result.countries)


class TestNames:
    @pytest.mark.parametrize(
        ("text", "language", "actor_id"),
        [
            ("Les FAN ont repoussé l'attaque.", "fr", "NER.fan"),
            ("Les pays de l'AES ont quitté la CEDEAO.", "fr", "INT.aes"),
            ("Des VDP ont été tués près de Djibo.", "fr", "BFA.vdp"),
        ],
    )
    def test_acronyms_in_capitals(self, text: str, language: str, actor_id: str) -> None:
        """Case-sensitive acronyms fire in capitals..."""
        assert actor_id in [a.id for a in sahelnews.extract(text, language=language).actors]

    @pytest.mark.parametrize(
        "text",
        ["He is a big fan of the team.", "The aes of the region.", "Le vdp est un sigle."],
    )
    def test_acronyms_not_in_lower_case(self, text: str) -> None:
        """...and not as lower-case words ("fan", "aes", "vdp")."""
        ids = [a.id for a in sahelnews.extract(text).actors]
        assert not {"NER.fan", "INT.aes", "BFA.vdp"} & set(ids)

    @pytest.mark.parametrize(
        ("text", "actor_id"),
        [
            ("Assimi Goïta a prêté serment.", "MLI.goita"),
            ("Le colonel Goïta a reçu la délégation.", "MLI.goita"),
            ("Goïta a signé le décret.", "MLI.goita"),
            ("General Tiani addressed the nation.", "NER.tiani"),
            ("Tiani a dénoncé les sanctions.", "NER.tiani"),
            ("Abdourahamane Tiani a reçu l'ambassadeur.", "NER.tiani"),
        ],
    )
    def test_person_partial_forms(self, text: str, actor_id: str) -> None:
        """Leaders match by full name, title and surname, and bare distinctive surname."""
        actors = sahelnews.extract(text).actors
        assert actor_id in [a.id for a in actors], [(a.text, a.id) for a in actors]


# --- gold tables ----------------------------------------------------------------

_DATA = Path(__file__).parent / "data"
_DETERMINER = regex.compile(
    r"(?i)^(?:(?:the|an|a|le|la|les|un|une|des|du|de la|ce|cette|ces)\s+|l['’]\s*|de l['’]\s*)"
)


def _load(name: str, table: str) -> list[dict[str, Any]]:
    with (_DATA / name).open("rb") as handle:
        rows: list[dict[str, Any]] = tomllib.load(handle)[table]
    return rows


def _params(rows: list[dict[str, Any]], ident: Callable[[int, dict[str, Any]], str]) -> list[Any]:
    return [
        pytest.param(
            row,
            id=ident(i, row),
            marks=[pytest.mark.xfail(strict=True, reason=row["known_gap"])]
            if "known_gap" in row
            else [],
        )
        for i, row in enumerate(rows)
    ]


PHRASES = _load("actor_phrases.toml", "phrase")
SENTENCES = _load("actor_sentences_fr.toml", "sentence")


def test_tables_are_large_enough() -> None:
    """The issue asks for 300 actor phrases in both languages and 40 real French sentences."""
    assert len(PHRASES) >= 300
    assert {p["lang"] for p in PHRASES} == {"en", "fr"}
    assert {p["named"] for p in PHRASES} == {True, False}
    passing = [s for s in SENTENCES if "known_gap" not in s]
    assert len(passing) >= 40


def _phrase_problem(case: dict[str, Any]) -> str | None:
    result = sahelnews.extract(case["text"], language=case["lang"])
    found = [
        (_DETERMINER.sub("", m.text, count=1), m.type.value, m.country or "")
        for m in result.mentions
        if isinstance(m, Actor | Unit)
    ]
    expected = (case["phrase"], case["type"], case["country"])
    return None if expected in found else f"expected {expected}, found {found}"


@pytest.mark.parametrize(
    "case", _params(PHRASES, lambda i, p: f"{i}:{p['lang']}:{p['phrase'][:30]}")
)
def test_actor_phrase(case: dict[str, Any]) -> None:
    """Each actor phrase is one maximal mention (leading determiner aside) with its type and country."""
    assert _phrase_problem(case) is None


def _sentence_problem(case: dict[str, Any]) -> str | None:
    text = case["text"]
    result = sahelnews.extract(text, language="fr")
    found = [
        (m.start, m.end, m.type.value, m.country or "")
        for m in result.mentions
        if isinstance(m, Actor | Unit)
    ]
    missing, cursor = [], 0
    for actor in case["actors"]:
        start = text.index(actor["phrase"], cursor)
        end, cursor = start + len(actor["phrase"]), start + 1
        hit = [
            f
            for f in found
            if f[0] < end and start < f[1] and f[2:] == (actor["type"], actor["country"])
        ]
        if hit:
            found.remove(hit[0])
        else:
            missing.append((actor["phrase"], actor["type"], actor["country"]))
    extra = [(text[f[0] : f[1]], f[2], f[3]) for f in found]
    if missing or extra:
        return f"missing {missing}; extra {extra}"
    return None


@pytest.mark.parametrize("case", _params(SENTENCES, lambda i, s: f"{i}:{s['source'][:14]}"))
def test_french_sentence(case: dict[str, Any]) -> None:
    """Real BBC Afrique sentences: every actor a careful analyst codes, with its type and country."""
    assert _sentence_problem(case) is None


_SECTORS = {
    "GOV", "MIL", "POL", "REB", "SEP", "INS", "UAF", "CRM", "IGO", "NGO", "CVL", "OPP", "JUD",
    "SPY", "BUS", "MED", "EDU", "REL", "LAB", "AGR", "HLH", "ENV", "REF", "MOD", "RAD",
}  # fmt: skip


def test_every_actor_maps_to_acled_and_plover() -> None:
    """No actor without an ACLED actor type code (1-8) and a PLOVER sector."""
    actors = list(sahelnews.Ruleset.default().rules("actors"))
    named = [r for r in actors if not r.generic]
    assert len(named) >= 250
    missing = [r.id for r in actors if r.acled_inter is None or r.sector is None]
    assert missing == []
    assert {r.acled_inter for r in actors} <= set(range(1, 9))
    assert {r.sector for r in actors} <= _SECTORS
    states = {r.country for r in named if r.label in {"military", "police", "government"}}
    assert {"MLI", "NER", "BFA", "TCD", "MRT"} <= states


def test_generic_army_is_the_national_army() -> None:
    """'l'armée malienne', 'the Malian army', "Niger's armed forces" are the KB's armed forces."""
    cases = [
        ("L'armée malienne a repris Kidal.", "fr", "MLI.fama"),
        ("The Malian army said it had retaken Kidal.", "en", "MLI.fama"),
        ("Niger's armed forces deployed.", "en", "NER.fan"),
        ("Les forces armées burkinabè ont riposté.", "fr", "BFA.army"),
    ]
    for text, language, actor_id in cases:
        actors = sahelnews.extract(text, language=language).actors
        assert actor_id in [a.id for a in actors], (text, [(a.text, a.id) for a in actors])
    from sahelnews._lexicon import lexicon  # noqa: PLC0415 - internal table under test

    rules = sahelnews.Ruleset.default()
    for iso3, actor_id in lexicon().national_armies.items():
        rule = rules.get("actors", actor_id)
        assert rule is not None, actor_id
        assert rule.country == iso3


class TestTitledPersons:
    @pytest.mark.parametrize(
        ("text", "language", "name", "country"),
        [
            ("Gambian President Dawda Jawara will visit Dakar.", "en", "Dawda Jawara", "GMB"),
            ("British Defence Secretary Tom King arrived.", "en", "Tom King", "GBR"),
            ("Le président Adama Barrow a rencontré les manifestants.", "fr", "Adama Barrow", None),
        ],
    )
    def test_unknown_titled_name_is_a_person(
        self, text: str, language: str, name: str, country: str | None
    ) -> None:
        """A name after a title, unknown to the knowledge base, is a person actor."""
        result = sahelnews.extract(text, language=language)
        person = next(a for a in result.actors if a.type.value == "person")
        assert (person.id, person.name, person.country) == (f"person:{name}", name, country)

    def test_known_person_keeps_its_identity(self) -> None:
        """A known person after a title stays the knowledge base's person."""
        result = sahelnews.extract("President Mohamed Bazoum was ousted.", language="en")
        (person,) = result.actors
        assert not person.id.startswith("person:")
        assert person.country == "NER"

    def test_lower_case_word_is_no_name(self) -> None:
        """A title before a lower-case word is no person."""
        result = sahelnews.extract("The president said the talks failed.", language="en")
        assert not [a for a in result.actors if a.id.startswith("person:")]


class TestUnknownNames:
    @pytest.mark.parametrize(
        ("text", "language", "expected"),
        [
            ("Mahsa Amini, 22 ans, a été arrêtée à Téhéran.", "fr",
             [("Mahsa Amini", "person", None)]),
            ("La commission a rejeté plusieurs candidats, dont Saif al-Islam Kadhafi.", "fr",
             [("Saif al-Islam Kadhafi", "person", None)]),
            ("Howes worked for the Mines Advisory Group with Houn Hourth.", "en",
             [("Mines Advisory Group", "other", None), ("Houn Hourth", "person", None)]),
            ("Presidents Leonid Kuchma of Ukraine and Boris Yeltsin of Russia signed a plan.", "en",
             [("Leonid Kuchma of Ukraine", "person", "UKR"),
              ("Boris Yeltsin of Russia", "person", "RUS")]),
        ],
    )  # fmt: skip
    def test_runs_of_capitalised_words(
        self, text: str, language: str, expected: list[tuple[str, str, str | None]]
    ) -> None:
        """Names the knowledge base lacks: persons, or organisations by their words."""
        result = sahelnews.extract(text, language=language)
        found = [
            (a.text, a.type.value, a.country) for a in result.actors if a.rule == "name:unknown"
        ]
        assert found == expected

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Protesters gathered near the Black Sea coast on Friday.", "en"),
            ("Il a été enlevé dans la ville de Trujillo Alto.", "fr"),
            ("Le Premier Ministre a parlé.", "fr"),
            ("MALI: Jihadists Attack Army Post Near Gao In Overnight Raid", "en"),
        ],
    )
    def test_no_name_where_there_is_none(self, text: str, language: str) -> None:
        """Places, sentence-opening words, titles and title-case headlines are no names."""
        result = sahelnews.extract(text, language=language)
        assert [a.text for a in result.actors if a.rule == "name:unknown"] == []

    def test_surname_refers_to_the_full_name(self) -> None:
        """'Saddam' after 'Saddam Hussein' is the same person."""
        result = sahelnews.extract(
            "Saddam Hussein spoke on Friday. Later, Saddam left Baghdad.", language="en"
        )
        short = next(a for a in result.actors if a.text == "Saddam")
        assert short.id == "person:Saddam Hussein"
        assert isinstance(short.refers_to, Actor)
        assert short.refers_to.text == "Saddam Hussein"


def test_digits_of_a_name_are_no_number() -> None:
    """'the M23 rebels' are not 23 rebels."""
    actors = sahelnews.extract("The M23 rebels seized Goma.", language="en").actors
    assert [a.number for a in actors] == [None]
