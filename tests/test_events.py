"""The event engine: voice, modality, casualties, place and date, merging, codes, explanations."""

from __future__ import annotations

import json

import pytest

import sahelnews
from sahelnews import ActorType, Event, Modality, PloverCategory
from sahelnews.cli import main

from .conftest import assert_offsets


def _events(text: str, language: str, published: str | None = "2024-05-03") -> list[Event]:
    result = sahelnews.extract(text, published=published, language=language)
    assert_offsets(result)
    return list(result.events)


def _one(text: str, language: str, category: str, **kw: str | None) -> Event:
    found = [e for e in _events(text, language, **kw) if e.type.value == category]
    assert len(found) == 1, [(e.type.value, e.rule, e.trigger.text) for e in found]
    return found[0]


def _texts(mentions: tuple[sahelnews.Mention, ...]) -> list[str]:
    return [m.text for m in mentions]


class TestVoice:
    @pytest.mark.parametrize(
        ("text", "language", "source", "target"),
        [
            ("Twelve soldiers were killed by jihadists near Djibo.", "en", ["jihadists"],
             ["Twelve soldiers"]),
            ("Three aid workers were kidnapped by gunmen in Menaka.", "en", ["gunmen"],
             ["aid workers"]),
            ("Trois soldats ont été tués par des hommes armés.", "fr", ["hommes armés"],
             ["Trois soldats"]),
            ("Des jihadistes ont été arrêtés par les gendarmes.", "fr", ["gendarmes"],
             ["jihadistes"]),
        ],
    )  # fmt: skip
    def test_passive_with_agent(
        self, text: str, language: str, source: list[str], target: list[str]
    ) -> None:
        """The subject of a passive is the target, "by X" / "par X" the source."""
        event = next(e for e in _events(text, language) if e.explanation.voice == "passive")
        assert [s for s in _texts(event.source) if any(x in s for x in source)]
        assert [t for t in _texts(event.target) if any(x in t for x in target)]
        assert event.explanation.source_slot == "agent"
        assert event.explanation.target_slot == "subject"

    def test_passive_without_agent(self) -> None:
        """A passive need not name its agent: the subject is still the target."""
        event = _one("Twelve soldiers were killed on Sunday.", "en", "ASSAULT")
        assert event.source == ()
        assert _texts(event.target) == ["Twelve soldiers"]

    def test_french_bare_participle_is_passive(self) -> None:
        """A French participle with no auxiliary qualifies what underwent the act."""
        event = next(e for e in _events("Douze soldats tués près de Djibo.", "fr") if e.target)
        assert _texts(event.target) == ["Douze soldats"]
        assert event.explanation.voice == "passive"

    def test_french_etre_verb_stays_active(self) -> None:
        """ "sont entrés" is an active compound tense, not a passive."""
        event = _one("Des militaires russes sont entrés dans la base.", "fr", "MOBILIZE")
        assert _texts(event.source) == ["militaires russes"]
        assert event.explanation.voice == "active"

    def test_progressive_is_active(self) -> None:
        """ "were attacking" is active: -ing forms are never passive."""
        event = _one("Jihadists were attacking the Malian army near Gao.", "en", "ASSAULT")
        assert _texts(event.source) == ["Jihadists"]


class TestModality:
    @pytest.mark.parametrize(
        ("text", "language", "category", "modality"),
        [
            ("The army did not attack the village.", "en", "ASSAULT", "negated"),
            ("The junta denied that its troops killed civilians.", "en", "ASSAULT", "negated"),
            ("Les soldats n'ont pas été tués.", "fr", "ASSAULT", "negated"),
            ("France will withdraw its troops from Niger.", "en", "RETREAT", "future"),
            ("La France va se retirer du Mali.", "fr", "RETREAT", "future"),
            ("The junta ordered US troops to withdraw.", "en", "RETREAT", "future"),
            ("Washington said its troops would withdraw from Niger.", "en", "RETREAT", "future"),
            ("Jihadists may have attacked the convoy.", "en", "ASSAULT", "possible"),
            ("Soldiers allegedly killed 20 civilians.", "en", "ASSAULT", "possible"),
            ("Des civils auraient été tués par l'armée.", "fr", "ASSAULT", "possible"),
            ("Des hommes armés ont attaqué le convoi, selon des sources non confirmées.", "fr",
             "ASSAULT", "possible"),
            ("The UN said jihadists attacked the convoy.", "en", "ASSAULT", "asserted"),
        ],
    )  # fmt: skip
    def test_modality(self, text: str, language: str, category: str, modality: str) -> None:
        """Negation, plans, hedges; reported speech keeps the event asserted."""
        events = [e for e in _events(text, language) if e.type.value == category]
        assert events, text
        assert events[0].modality is Modality(modality)

    def test_cues_are_explained(self) -> None:
        """The ids of the cues that set the modality are in the explanation."""
        event = _one("The army did not attack the village.", "en", "ASSAULT")
        assert "cue.en.negation" in event.explanation.cues


class TestCasualties:
    def test_coordinated_counts_add_up(self) -> None:
        """ "15 soldiers, 3 gendarmes and 7 civilians were killed" is 25 dead, victims kept."""
        result = sahelnews.extract(
            "15 soldiers, 3 gendarmes and 7 civilians were killed by jihadists in Djibo.",
            language="en",
        )
        (event,) = result.events
        assert event.fatalities is not None
        assert event.fatalities.killed == 25
        kinds = [c.victim_type for c in event.fatalities.casualties]
        assert kinds == ["military", "police", "civilians"]

    def test_victim_country(self) -> None:
        """A count's victims keep their country when the text gives it."""
        result = sahelnews.extract("Twelve Malian soldiers killed in ambush.", language="en")
        (casualty,) = result.casualties
        assert (casualty.count, casualty.victim_type, casualty.victim_country) == (
            12,
            "military",
            "MLI",
        )
        assert casualty.to_dict()["victim_country"] == "MLI"

    def test_killed_and_wounded_apart(self) -> None:
        """Killed and wounded stay apart, even when coordinated."""
        event = _one(
            "Des hommes armés ont attaqué Djibo : des dizaines de morts et 30 blessés.",
            "fr",
            "ASSAULT",
        )
        assert event.fatalities is not None
        assert (event.fatalities.killed, event.fatalities.wounded) == (12, 30)

    def test_included_count_is_not_added(self) -> None:
        """ "20 dead, including 15 soldiers" is 20, not 35."""
        event = _one(
            "Jihadists attacked Djibo, leaving 20 dead, including 15 soldiers killed.",
            "en",
            "ASSAULT",
        )
        assert event.fatalities is not None
        assert event.fatalities.killed == 20

    def test_a_year_is_not_a_count(self) -> None:
        """ "In 2019 jihadists killed..." has no casualty count of 2019."""
        result = sahelnews.extract("In 2019 jihadists killed the mayor of Djibo.", language="en")
        assert all(c.count != 2019 for c in result.casualties)

    def test_negated_event_gets_no_count(self) -> None:
        """A denied attack does not carry the dead of the sentence."""
        result = sahelnews.extract(
            "The army denied it attacked the village where 12 civilians were killed.",
            language="en",
        )
        denied = [e for e in result.events if e.modality is Modality.NEGATED]
        assert denied
        assert all(e.fatalities is None for e in denied)


class TestPlaceAndDate:
    def test_place_from_previous_sentence_about_the_event(self) -> None:
        """A later report without a place takes the place of the earlier one."""
        result = sahelnews.extract(
            "Jihadists attacked an army post in Djibo on Sunday. "
            "Officials said the gunmen also attacked a convoy.",
            published="2024-05-03",
            language="en",
        )
        later = [e for e in result.events if e.sentence == 1]
        assert later
        assert later[0].location is not None
        assert later[0].location.text == "Djibo"
        assert later[0].location_inherited
        assert later[0].explanation.location_from == "previous_sentence"

    def test_dateline(self) -> None:
        """Without a place in its sentence, an event takes the dateline's."""
        text = "NIAMEY, Niger (AP) — The junta ordered the expulsion of French diplomats."
        result = sahelnews.extract(text, published="2024-05-03", language="en")
        event = next(e for e in result.events if e.type is PloverCategory.SANCTION)
        assert event.location is not None
        assert event.location.text == "NIAMEY"
        assert event.location_inherited
        assert event.explanation.location_from == "dateline"

    def test_date_from_publication(self) -> None:
        """Without a date in its sentence, the event's date is the publication date, flagged."""
        event = _one("Jihadists attacked the Malian army near Gao.", "en", "ASSAULT")
        assert event.date is None
        assert event.date_value == "2024-05-03"
        assert event.date_inherited
        assert event.explanation.date_from == "published"

    def test_date_from_sentence(self) -> None:
        """A date in the event's sentence is its date, not inherited."""
        event = _one("Jihadists attacked the Malian army near Gao on Sunday.", "en", "ASSAULT")
        assert event.date is not None
        assert event.date_value == "2024-04-28"
        assert not event.date_inherited

    def test_no_publication_date(self) -> None:
        """Without a publication date nor a date in the text, the date stays unknown."""
        event = _one(
            "Jihadists attacked the Malian army near Gao.", "en", "ASSAULT", published=None
        )
        assert (event.date_value, event.date_inherited) == (None, False)

    def test_relative_location(self) -> None:
        """A place given relative to another is the event's relative location."""
        event = _one(
            "Des jihadistes ont attaqué un convoi à 30 km au nord de Gao.", "fr", "ASSAULT"
        )
        assert event.relative_location is not None
        assert event.relative_location.distance_km == 30
        assert event.location is not None
        assert event.location.text == "Gao"
        assert event.explanation.location_from == "relative"


class TestMerging:
    def test_lead_and_detail_are_one_event(self) -> None:
        """A lead and a later detail of the same attack are one record with two reports."""
        result = sahelnews.extract(
            "JNIM attacked an army post in Djibo on Sunday. "
            "The attack killed 12 soldiers, the army said.",
            published="2024-05-03",
            language="en",
        )
        assaults = [e for e in result.events if e.type is PloverCategory.ASSAULT]
        assert len(assaults) == 1
        (event,) = assaults
        assert sorted({m.sentence for m in event.mentions}) == [0, 1]
        assert event.fatalities is not None
        assert event.fatalities.killed == 12
        assert event.location is not None
        assert event.location.text == "Djibo"

    def test_different_places_are_different_events(self) -> None:
        """Two attacks in two towns stay apart."""
        result = sahelnews.extract(
            "Jihadists attacked Djibo on Sunday. Other jihadists attacked Gao on Monday.",
            published="2024-05-03",
            language="en",
        )
        assert len([e for e in result.events if e.type is PloverCategory.ASSAULT]) == 2

    def test_different_modality_is_not_merged(self) -> None:
        """A withdrawal announced and one carried out are not merged."""
        result = sahelnews.extract(
            "France withdrew its troops from Mali. France will withdraw its troops from Niger.",
            language="en",
        )
        retreats = [e for e in result.events if e.type is PloverCategory.RETREAT]
        assert {e.modality for e in retreats} == {Modality.ASSERTED, Modality.FUTURE}


class TestCodes:
    def test_battle_between_armed_actors(self) -> None:
        """Jihadists attacking soldiers is a battle; ACLED interaction 12."""
        event = _one("Jihadists attacked Malian soldiers near Gao.", "en", "ASSAULT")
        assert event.acled is not None
        assert (event.acled.event_type, event.acled.sub_event_type) == ("Battles", "Armed clash")
        assert event.acled.interaction == 12

    def test_violence_against_civilians(self) -> None:
        """Gunmen attacking villagers is violence against civilians."""
        event = _one("Gunmen attacked villagers near Djibo.", "en", "ASSAULT")
        assert event.acled is not None
        assert event.acled.event_type == "Violence against civilians"
        assert event.acled.inter2 == 7

    def test_abduction(self) -> None:
        """A kidnapping is ACLED's abduction, CAMEO 18."""
        event = _one("Gunmen kidnapped three aid workers in Menaka.", "en", "ASSAULT")
        assert event.acled is not None
        assert event.acled.sub_event_type == "Abduction/forced disappearance"
        assert event.cameo is not None


class TestExplain:
    TEXT = (
        "NIAMEY (AP) — Twelve soldiers were killed by jihadists on Sunday. "
        "The junta condemned the attack."
    )

    def test_explain_names_everything(self) -> None:
        """The explanation names the rule, trigger, sentence, slots, cues, place and date."""
        result = sahelnews.extract(self.TEXT, published="2024-05-03", language="en")
        event = next(e for e in result.events if e.type is PloverCategory.ASSAULT)
        text = result.explain(event)
        assert event.rule in text
        assert '"killed"' in text
        assert "Twelve soldiers were killed by jihadists on Sunday." in text
        assert "voice: passive" in text
        assert "slot agent" in text
        assert "2024-04-28" in text
        assert "dateline" in text
        assert "killed 12" in text

    def test_json_carries_the_explanation(self) -> None:
        """The JSON event has its reports and explanation."""
        result = sahelnews.extract(self.TEXT, published="2024-05-03", language="en")
        data = result.to_dict()["events"][0]
        assert data["mentions"][0]["rule"] == data["rule"]
        assert data["explanation"]["voice"] in {"active", "passive", "nominal"}
        assert "date_value" in data

    def test_cli_explain(self, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
        """``sahelnews explain FILE`` prints an explanation per event."""
        path = tmp_path / "a.txt"
        path.write_text(self.TEXT, encoding="utf-8")
        assert main(["explain", str(path), "--published", "2024-05-03", "--lang", "en"]) == 0
        out = capsys.readouterr().out
        assert "ASSAULT" in out
        assert "reported by rule" in out

    def test_cli_explain_no_event(self, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
        """An article without events says so."""
        path = tmp_path / "a.txt"
        path.write_text("The weather was fine.", encoding="utf-8")
        assert main(["explain", str(path), "--lang", "en"]) == 0
        assert "no event found" in capsys.readouterr().out

    def test_extract_json_still_parses(self, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
        """``extract`` output stays valid JSON with the new event fields."""
        path = tmp_path / "a.txt"
        path.write_text(self.TEXT, encoding="utf-8")
        assert main(["extract", str(path), "--lang", "en"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["events"]


def test_victims_type_enum() -> None:
    """Victim types are actor-type values."""
    values = {t.value for t in ActorType}
    result = sahelnews.extract("Five soldiers were killed near Gao.", language="en")
    assert all(c.victim_type in values for c in result.casualties if c.victim is not None)


class TestGovernedAndBackground:
    def test_rejected_act_is_governed(self) -> None:
        """The act rejected did not happen, and points at the rejection."""
        result = sahelnews.extract(
            "The junta rejected the deployment of ECOWAS troops.", language="en"
        )
        deployment = next(e for e in result.events if e.type is PloverCategory.MOBILIZE)
        assert deployment.modality is Modality.NEGATED
        assert deployment.explanation.governor is not None
        assert deployment.explanation.governor.text == "rejected"

    def test_refused_act_is_negated(self) -> None:
        """The act refused did not happen."""
        result = sahelnews.extract(
            "The junta refused the withdrawal of French troops.", language="en"
        )
        retreat = [e for e in result.events if e.type is PloverCategory.RETREAT]
        assert retreat
        assert retreat[0].modality is Modality.NEGATED

    def test_ordered_expulsion_is_the_expulsion(self) -> None:
        """An authority's order effects a nominal complement: the expulsion is asserted."""
        result = sahelnews.extract(
            "Niger's junta ordered the expulsion of US forces.", language="en"
        )
        expel = next(e for e in result.events if e.type is PloverCategory.SANCTION)
        assert expel.modality is Modality.ASSERTED
        assert expel.explanation.governor is None

    def test_condemned_attack_stays_asserted(self) -> None:
        """Condemning an attack presupposes it: it is not 'possible'."""
        result = sahelnews.extract(
            "The UN condemned the attack on the Malian army in Gao.", language="en"
        )
        attack = [e for e in result.events if e.type is PloverCategory.ASSAULT]
        assert all(e.modality is Modality.ASSERTED for e in attack)

    def test_subordinate_clause(self) -> None:
        """A trigger after 'after' with no comma between is background."""
        result = sahelnews.extract(
            "Rebels surrendered last week after a government offensive near Gao.", language="en"
        )
        by_type = {e.type: e for e in result.events}
        assert not by_type[PloverCategory.RETREAT].explanation.subordinate
        assert by_type[PloverCategory.ASSAULT].explanation.subordinate


class TestIntent:
    def test_announced_withdrawal_is_agree(self) -> None:
        """'will withdraw' is a RETREAT in the future, which PLOVER codes AGREE."""
        event = _one("France said it will withdraw its troops from Mali.", "en", "RETREAT")
        assert event.modality is Modality.FUTURE
        assert event.intent is PloverCategory.AGREE

    def test_announced_attack_is_threaten(self) -> None:
        """An announced attack is a threat."""
        event = _one("JNIM said it will attack the Malian army.", "en", "ASSAULT")
        assert event.intent is PloverCategory.THREATEN

    def test_ordered_withdrawal_is_no_intent(self) -> None:
        """An infinitive after someone else's order is no statement of intent."""
        event = _one("The junta instructed the US to withdraw.", "en", "RETREAT")
        assert event.modality is Modality.FUTURE
        assert event.intent is None


class TestRoleRequirements:
    def test_counted_victims_need_no_actor(self) -> None:
        """'At least 82 were killed' is an attack even with no actor named."""
        event = _one("At least 82 were killed and 1,700 injured.", "en", "ASSAULT")
        assert event.fatalities is not None
        assert (event.fatalities.killed, event.fatalities.wounded) == (82, 1700)

    def test_pronoun_subject(self) -> None:
        """A pronoun subject satisfies the rule; the source stays empty."""
        event = _one("He resigned on Tuesday.", "en", "RETREAT")
        assert (event.source, event.target) == ((), ())

    def test_pronoun_alone_is_not_enough(self) -> None:
        """'Ils ont tué le temps': no actor anywhere, no event."""
        assert not _events("Ils ont tué le temps en jouant aux cartes.", "fr")


class TestPrecedence:
    def test_user_rule_is_tried_first(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """A user's rule sharing a trigger with a built-in one is tried first."""
        path = tmp_path / "mine.toml"
        path.write_text(
            """
[[events]]
id = "mine.en.stormed"
label = "PROTEST"
mode = "obstruct"
languages = ["en"]
aliases = ["ambushed"]
roles = { source = ["subject"], target = [] }
requires = ["source"]
examples = ["Protesters ambushed the convoy near Gao."]
""",
            encoding="utf-8",
        )
        text = "Protesters ambushed the convoy near Gao."
        assert [e.rule for e in sahelnews.extract(text, language="en").events] != [
            "mine.en.stormed"
        ]
        rules = sahelnews.Ruleset.default().extend(path)
        result = sahelnews.extract(text, language="en", rules=rules)
        assert [e.rule for e in result.events] == ["mine.en.stormed"]


def test_trigger_coverage() -> None:
    """All 16 PLOVER categories in both languages, at least 400 trigger forms in all."""
    rules = sahelnews.Ruleset.default().rules("events")
    for language in ("en", "fr"):
        mine = [r for r in rules if language in r.languages]
        assert {r.label for r in mine} == {c.value for c in PloverCategory}, language
    aliases = {(r.languages[0], a.casefold()) for r in rules for a in r.aliases}
    assert len(aliases) >= 400


class TestFrames:
    def test_relative_clause_is_skipped_for_the_subject(self) -> None:
        """The subject stands before a relative clause, not inside it."""
        event = _one(
            "The army, which had deployed troops to Gao, withdrew on Monday.", "en", "RETREAT"
        )
        assert _texts(event.source) == ["army"]

    def test_relative_clause_subject_and_merge(self) -> None:
        """'JNIM, which claimed the attack, killed...': one event, a main one, JNIM its source."""
        event = _one(
            "JNIM, which claimed the attack, killed 12 soldiers near Djibo.", "en", "ASSAULT"
        )
        assert _texts(event.source) == ["JNIM"]
        assert not event.explanation.subordinate
        assert event.fatalities is not None
        assert event.fatalities.killed == 12

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Mali, Burkina Faso and Niger signed a mutual defence pact.", "en"),
            ("Le Mali, le Burkina Faso et le Niger ont signé un accord de défense.", "fr"),
        ],
    )
    def test_coordinated_source(self, text: str, language: str) -> None:
        """Coordinated actors are a compound source."""
        event = _one(text, language, "AGREE")
        assert [getattr(m, "iso3", None) for m in event.source] == ["MLI", "BFA", "NER"]


class TestSidesAndAsides:
    @pytest.mark.parametrize(
        ("text", "language", "first", "second"),
        [
            ("Clashes between the Malian army and JNIM fighters left 12 dead.", "en",
             "Malian army", "JNIM fighters"),
            ("Des affrontements entre le MFDC et l'armée sénégalaise ont fait trois morts.", "fr",
             "MFDC", "armée sénégalaise"),
        ],
    )  # fmt: skip
    def test_clash_between_two_sides(
        self, text: str, language: str, first: str, second: str
    ) -> None:
        """'between A and B': A is the source, B the target (ACLED's actor 1 and 2)."""
        event = _one(text, language, "ASSAULT")
        assert (_texts(event.source), _texts(event.target)) == ([first], [second])

    def test_aside_between_subject_and_verb(self) -> None:
        """'X, selon la police, sont descendus': the subject stands before the aside."""
        event = _one(
            "Plus de 5 000 Gambiens, selon les estimations de la police, sont descendus "
            "dans les rues de Banjul.",
            "fr",
            "PROTEST",
        )
        assert [getattr(m, "iso3", None) for m in event.source] == ["GMB"]


class TestModalityFromContext:
    def test_perception_verb_infinitive_is_asserted(self) -> None:
        """'avoir vu l'armée attaquer' reports what was seen."""
        event = _one(
            "Un habitant a déclaré avoir vu l'armée russe attaquer le site.", "fr", "ASSAULT"
        )
        assert event.modality is Modality.ASSERTED

    def test_date_after_publication_is_future(self) -> None:
        """An event dated after the publication date has not happened yet."""
        event = _one("Jihadists attacked the Malian army near Gao on 12 May 2024.", "en", "ASSAULT")
        assert event.modality is Modality.FUTURE

    def test_french_noun_in_rait_is_not_conditional(self) -> None:
        """'le retrait' is a noun, not a conditional verb."""
        event = _one("Les généraux ont annoncé le retrait des forces russes.", "fr", "RETREAT")
        assert "tense.fr.future" not in event.explanation.cues

    def test_french_future_verb(self) -> None:
        """'attaquera' is future by its own ending."""
        events = _events("Le JNIM attaquera les convois de l'armée malienne.", "fr")
        assert any(
            e.modality is Modality.FUTURE and "tense.fr.future" in e.explanation.cues
            for e in events
        )


class TestSubjectsAcrossClauses:
    def test_coordinated_verb_shares_the_subject(self) -> None:
        """'X a reconnu Israël ... mais a rompu les liens': 'rompu' has X's subject."""
        event = _one(
            "La Mauritanie, membre de la Ligue arabe, a reconnu Israël en 1999 mais a rompu "
            "les liens dix ans plus tard.",
            "fr",
            "SANCTION",
        )
        assert [getattr(m, "iso3", None) for m in event.source] == ["MRT"]

    def test_coordinated_triggers_share_the_agent(self) -> None:
        """'arrêté et inculpé par la police': the agent is both verbs'."""
        events = _events(
            "Un Sierra-Léonais de 29 ans est arrêté et inculpé par la police libérienne.", "fr"
        )
        assert {e.type.value for e in events} == {"COERCE", "ACCUSE"}
        assert all(_texts(e.source) == ["police libérienne"] for e in events)

    def test_participle_clause_has_the_main_subject(self) -> None:
        """'X addressed the nation, warning ECOWAS': X warns, and the warning is asserted."""
        event = _one(
            "The junta addressed the nation on Sunday, warning ECOWAS that an attack would "
            "be resisted.",
            "en",
            "THREATEN",
        )
        assert (_texts(event.source), _texts(event.target)) == (["junta"], ["ECOWAS"])
        assert event.modality is Modality.ASSERTED

    def test_pronoun_after_a_speech_verb_is_the_speaker(self) -> None:
        """'Mahmoud Abbas a déclaré qu'il rejetait': il = Mahmoud Abbas."""
        event = _one(
            "Le président palestinien, Mahmoud Abbas, a déclaré qu'il rejetait le nouvel accord.",
            "fr",
            "REJECT",
        )
        assert _texts(event.source) == ["Mahmoud Abbas"]

    def test_pronoun_blocks_an_earlier_actor(self) -> None:
        """'over Baghdad radio, Saddam said he will begin withdrawing': not Baghdad."""
        event = _one(
            "In a letter read over Baghdad radio, Saddam said he will begin withdrawing troops.",
            "en",
            "RETREAT",
        )
        assert _texts(event.source) == ["Saddam"]
        assert event.modality is Modality.FUTURE

    def test_single_unknown_name_as_subject(self) -> None:
        """'Kuchma assured Yeltsin': an unknown name before its verb is a person, in mentions too."""
        result = sahelnews.extract(
            "Kuchma assured Yeltsin that Ukraine would not join NATO, Yeltsin's spokesman "
            "Sergei Yastrzhembsky said.",
            language="en",
        )
        (event,) = [e for e in result.events if e.type is PloverCategory.AGREE]
        (person,) = event.source
        assert (person.text, person.type) == ("Kuchma", ActorType.PERSON)  # type: ignore[attr-defined]
        assert person in result.mentions

    def test_relative_clause_without_commas(self) -> None:
        """'X qui a participé à ... a rejeté': the subject is before 'qui'."""
        event = _one(
            "Nana Akufo Ado qui a participé à la conférence du barreau du Ghana a rejeté les "
            "allégations.",
            "fr",
            "REJECT",
        )
        assert _texts(event.source) == ["Nana Akufo Ado"]

    def test_unnamed_passive_subject_stands(self) -> None:
        """'qu'elle a été tuée': the event stands with no actor named."""
        event = _one("Selon ses proches, elle a été tuée lors de sa garde à vue.", "fr", "ASSAULT")
        assert event.source == ()
        assert event.target == ()


class TestNominalSources:
    def test_support_verb_subject(self) -> None:
        """'le gouvernement a annoncé la suspension des soldats': the government suspends."""
        event = _one(
            "Le gouvernement malien a annoncé la suspension des soldats impliqués.",
            "fr",
            "SANCTION",
        )
        assert event.explanation.source_slot == "support-verb"
        assert [getattr(m, "country", None) for m in event.source] == ["MLI"]

    def test_support_verb_with_a_duration(self) -> None:
        """'ont prolongé d'un an les sanctions visant le Zimbabwe'."""
        event = _one(
            "En mars, les Etats-Unis ont prolongé d'un an les sanctions économiques visant le "
            "Zimbabwe.",
            "fr",
            "SANCTION",
        )
        assert [getattr(m, "iso3", None) for m in event.source] == ["USA"]

    def test_reaction_is_no_support_verb(self) -> None:
        """'The junta condemned the attack': the junta did not attack."""
        event = _one("The junta condemned the attack on the convoy.", "en", "ASSAULT")
        assert event.source == ()

    def test_possessive_noun(self) -> None:
        """'France completed its withdrawal': the possessor withdraws."""
        event = _one("France completed its withdrawal from Mali in August.", "en", "RETREAT")
        assert [getattr(m, "iso3", None) for m in event.source] == ["FRA"]

    def test_same_sentence_targets_are_merged(self) -> None:
        """'A car bombing outside the embassy killed 10 people': both targets are kept."""
        event = _one(
            "A car bombing outside the U.S. embassy in Tanzania killed 10 people.", "en", "ASSAULT"
        )
        assert "10 people" in _texts(event.target)

    def test_eve_of_talks_is_future(self) -> None:
        """'on the eve of the talks': the talks are still to come."""
        event = _one(
            "Police arrested two men on the eve of the talks between Mali and Algeria.",
            "en",
            "CONSULT",
        )
        assert event.modality is Modality.FUTURE


class TestDoersFromContext:
    def test_the_one_charged_did_it(self) -> None:
        """'onze soldats ont été accusés d'avoir perpétré un coup d'état': the soldiers, allegedly."""
        event = _one(
            "Onze soldats ont été accusés d'avoir perpétré un coup d'état contre Yahya Jammeh.",
            "fr",
            "COERCE",
        )
        assert _texts(event.source) == ["Onze soldats"]
        assert event.modality is Modality.POSSIBLE
        assert event.explanation.source_slot == "governor"

    def test_the_one_asked_would_do_it(self) -> None:
        """'called on Israel to withdraw': Israel would withdraw."""
        event = _one("The president called on Israel to withdraw from Lebanon.", "en", "RETREAT")
        assert [getattr(m, "iso3", None) for m in event.source] == ["ISR"]
        assert event.modality is Modality.FUTURE

    def test_verb_after_an_event_noun_and_a_relative_pronoun(self) -> None:
        """'accusés d'avoir mené un raid qui a tué 200 personnes': the raid's killing, alleged."""
        event = _one(
            "Les RSF ont été accusés d'avoir mené un raid qui a tué plus de 200 personnes.",
            "fr",
            "ASSAULT",
        )
        assert _texts(event.source) == ["RSF"]
        assert event.modality is Modality.POSSIBLE

    def test_pronoun_takes_the_nearest_actor_before_it(self) -> None:
        """'L'armée ougandaise opère en Ituri où elle pourchasse les ADF'."""
        event = _one(
            "L'armée ougandaise opère dans la province d'Ituri où elle pourchasse les rebelles "
            "des ADF.",
            "fr",
            "ASSAULT",
        )
        assert _texts(event.source) == ["armée ougandaise"]

    def test_relative_pronoun_needs_its_antecedent_right_before(self) -> None:
        """'le meurtre du scientifique, qui a été abattu': not the subject far back."""
        event = _one(
            "Les dirigeants iraniens ont imputé à Israël le meurtre du scientifique, qui a été "
            "abattu près de Téhéran.",
            "fr",
            "ASSAULT",
        )
        assert event.target == ()


class TestSingleVictim:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("L'inspecteur a été tué près de Gao.", "fr"),
            ("A Malian soldier was shot dead near Gao.", "en"),
        ],
    )
    def test_singular_passive_killing_is_one_dead(self, text: str, language: str) -> None:
        """'a été tué', 'was shot dead': one fatality, with the victim recorded."""
        event = _one(text, language, "ASSAULT")
        assert event.fatalities is not None
        assert event.fatalities.killed == 1
        assert event.fatalities.casualties[0].rule == "killed.single-victim"

    @pytest.mark.parametrize(
        "text",
        ["Twelve soldiers were killed near Gao.", "A Malian soldier was attacked near Gao."],
    )
    def test_not_for_plural_or_non_lethal(self, text: str) -> None:
        """A counted victim keeps its count; an attack is no killing."""
        event = _one(text, "en", "ASSAULT")
        killed = event.fatalities.killed if event.fatalities else None
        assert killed in {12, None}
        assert killed != 1


def test_fronted_phrase_subject() -> None:
    """'En visite en RDC, Jean-Pierre Lacroix a indiqué...': the subject follows the comma."""
    event = _one(
        "En visite en RDC, Jean-Pierre Lacroix a indiqué samedi être venu en paix.",
        "fr",
        "CONSULT",
    )
    assert _texts(event.source) == ["Jean-Pierre Lacroix"]


def test_cue_inside_an_aside_does_not_reach_the_verb() -> None:
    """'Une coalition de rebelles - qui lui serait alliée - a pris Bambari': asserted."""
    event = _one(
        "Une coalition de rebelles - qui lui serait alliée - a attaqué la ville de Bambari.",
        "fr",
        "ASSAULT",
    )
    assert event.modality is Modality.ASSERTED
