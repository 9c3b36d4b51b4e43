"""Every rule's examples and counter-examples, run against the default ruleset."""

from __future__ import annotations

import pytest

import sahelnews
from sahelnews import Extraction, Rule

from .conftest import assert_offsets

RULES = sahelnews.Ruleset.default()
DEFAULT_PUBLISHED = "2024-05-03"


def _language(rule: Rule) -> str:
    return rule.languages[0] if len(rule.languages) == 1 else ""


def _fired(rule: Rule, result: Extraction) -> list[object]:
    """Return what *rule* produced in *result* (mentions, events or modalities)."""
    if rule.family == "events":
        return [e for e in result.events if e.rule == rule.id]
    if rule.family == "cues":
        return [e for e in result.events if e.modality.value == rule.label]
    return [m for m in result.mentions if m.rule == rule.id or getattr(m, "head", None) == rule.id]


def _run(rule: Rule, text: str, published: str | None) -> Extraction:
    languages = rule.languages if len(rule.languages) == 1 else (None,)
    return sahelnews.extract(text, published=published, language=languages[0], rules=RULES)


EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.family}:{rule.id}:{i}")
    for rule in RULES
    for i, example in enumerate(rule.examples)
]
COUNTER_EXAMPLES = [
    pytest.param(rule, text, id=f"{rule.family}:{rule.id}:{i}")
    for rule in RULES
    for i, text in enumerate(rule.counter_examples)
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_example_fires(rule: Rule, example: sahelnews.Example) -> None:
    """A rule produces a mention or event on each of its examples, with the expected value."""
    published = example.published or DEFAULT_PUBLISHED
    result = _run(rule, example.text, published)
    assert_offsets(result)
    fired = _fired(rule, result)
    assert fired, f"{rule.id} did not fire on {example.text!r}: {[m.rule for m in result.mentions]}"
    if example.match is not None:
        texts = [getattr(f, "text", None) for f in fired]
        assert example.match in texts
    if example.value is not None:
        values = [getattr(f, "value", None) for f in fired]
        assert example.value in values, f"{rule.id}: {values} != {example.value}"


@pytest.mark.parametrize(("rule", "text"), COUNTER_EXAMPLES)
def test_counter_example_does_not_fire(rule: Rule, text: str) -> None:
    """A rule produces nothing on its counter-examples."""
    result = _run(rule, text, DEFAULT_PUBLISHED)
    assert_offsets(result)
    assert not _fired(rule, result), f"{rule.id} fired on {text!r}"
