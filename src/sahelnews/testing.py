"""Helpers to hold your own rule files to the same bar as the built-in ones.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from sahelnews._extract import extract
from sahelnews._model import Extraction
from sahelnews._rules import Example, Rule, Ruleset, load_rule_file

#: The publication date examples are resolved against when they name none.
DEFAULT_PUBLISHED = "2024-05-03"


@attrs.frozen
class ExampleFailure:
    """An example a rule does not fire on, or a counter-example it fires on."""

    rule: Rule
    text: str
    problem: str

    def __str__(self) -> str:
        """Describe the failure in one line."""
        return f"{self.rule.family}:{self.rule.id}: {self.problem} ({self.text!r})"


def fired(rule: Rule, result: Extraction) -> list[object]:
    """Return what *rule* produced in *result*.

    Mentions whose rule (or, for composed actors, head rule) is *rule*; events
    of an event rule; for a modality cue, the events carrying its modality.
    """
    if rule.family == "events":
        return [e for e in result.events if e.rule == rule.id]
    if rule.family == "cues":
        return [e for e in result.events if e.modality.value == rule.label]
    if rule.family == "casualties":
        return [c for c in result.casualties if c.rule == rule.id]
    return [m for m in result.mentions if rule.id in {m.rule, getattr(m, "head", None)}]


def _run(rule: Rule, text: str, published: str, rules: Ruleset) -> Extraction:
    language = rule.languages[0] if len(rule.languages) == 1 else None
    return extract(text, published=published, language=language, rules=rules)


def check_example(rule: Rule, example: Example, rules: Ruleset) -> str | None:
    """Return why *rule* fails its *example* under *rules*, or None when it passes."""
    result = _run(rule, example.text, example.published or DEFAULT_PUBLISHED, rules)
    found = fired(rule, result)
    if not found:
        return "does not fire on its example"
    if example.match is not None:
        texts = [getattr(f, "text", None) for f in found]
        if example.match not in texts:
            return f"matches {texts}, not {example.match!r}"
    if example.value is not None:
        values = [str(getattr(f, "value", getattr(f, "count", None))) for f in found]
        if example.value not in values:
            return f"gives the values {values}, not {example.value!r}"
    return None


def check_counter_example(rule: Rule, text: str, rules: Ruleset) -> str | None:
    """Return why *rule* fails its counter-example *text*, or None when it passes."""
    if fired(rule, _run(rule, text, DEFAULT_PUBLISHED, rules)):
        return "fires on its counter-example"
    return None


def check_rules(
    source: str | os.PathLike[str] | Iterable[Rule],
    *,
    base: Ruleset | None = None,
) -> list[ExampleFailure]:
    """Run the examples and counter-examples of a rule file (or of rules).

    The rules are checked as they will be used: added to *base* (default: the
    built-in rules) with :meth:`Ruleset.extend`.

    Returns:
        The failures; an empty list means every example passes.

    Raises:
        RuleError: the file is invalid.
    """
    mine = load_rule_file(source) if isinstance(source, str | os.PathLike) else tuple(source)
    rules = (base if base is not None else Ruleset.default()).extend(mine)
    failures = []
    for rule in mine:
        for example in rule.examples:
            problem = check_example(rule, example, rules)
            if problem:
                failures.append(ExampleFailure(rule, example.text, problem))
        for text in rule.counter_examples:
            problem = check_counter_example(rule, text, rules)
            if problem:
                failures.append(ExampleFailure(rule, text, problem))
    return failures
