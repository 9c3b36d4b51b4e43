"""Light co-reference: "the junta", "le groupe", "the country" resolved within an article.

A definite determiner and a head noun refer back to the most recent earlier
mention that is specific (a named actor, a unit, a composed phrase with a
country) and of a compatible type: "JNIM claimed the attack ... the group
said" makes "group" JNIM; "la junte" after "le CNSP" is the CNSP; "le pays"
after "le Mali" is Mali. The resolved mention copies the identity of what it
refers to (so events use it) and keeps a link to it (``refers_to``). The
heads and determiners are data (``[anaphora]`` in ``data/lexicon.toml``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from sahelnews._lexicon import lexicon
from sahelnews._model import Actor, ActorType, Country, CountryVia, Mention, Unit

_BEFORE = 12  # characters read before a head for its determiner


@functools.cache
def _determiner_re() -> regex.Pattern[str]:
    words = sorted(lexicon().anaphora_determiners, key=len, reverse=True)
    alternation = "|".join(regex.escape(w) for w in words)
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation})(?:\s+|(?<=['’]))$")


@functools.cache
def _head_re() -> regex.Pattern[str]:
    lex = lexicon()
    heads = sorted([*lex.anaphora_heads, *lex.country_heads], key=len, reverse=True)
    alternation = "|".join(regex.escape(h).replace(r"\ ", r"\s+") for h in heads)
    return regex.compile(rf"(?i)(?<!\w)(?:{alternation})(?!\w)")


def _definite(text: str, start: int) -> bool:
    return _determiner_re().search(text, max(0, start - _BEFORE), start) is not None


def _specific(mention: Mention) -> bool:
    if isinstance(mention, Unit):
        return True
    return isinstance(mention, Actor) and not mention.generic and mention.refers_to is None


def _type_of(mention: Mention) -> ActorType | None:
    return mention.type if isinstance(mention, Actor | Unit) else None


def resolve_anaphora(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Resolve definite generic heads and anaphor-only heads to earlier specific mentions."""
    lex = lexicon()
    taken = [(m.start, m.end) for m in mentions]
    # anaphor-only heads: (start, end, head)
    extra: list[tuple[int, int, str]] = [
        (m.start(), m.end(), regex.sub(r"\s+", " ", m.group().casefold()))
        for m in _head_re().finditer(text)
        if _definite(text, m.start()) and not any(s < m.end() and m.start() < e for s, e in taken)
    ]
    if not extra and not any(isinstance(m, Actor) and m.generic for m in mentions):
        return list(mentions)
    items: list[Mention | tuple[int, int, str]] = sorted(
        [*mentions, *extra], key=lambda x: x[0] if isinstance(x, tuple) else x.start
    )
    out: list[Mention] = []
    history: list[Mention] = []  # specific mentions seen so far
    countries: list[Country] = []
    for item in items:
        if isinstance(item, tuple):
            start, end, head = item
            if head in lex.country_heads:
                if countries:
                    last = countries[-1]
                    out.append(
                        Country(
                            start=start, end=end, text=text[start:end], rule="coref:country",
                            iso3=last.iso3, name=last.name, via=CountryVia.ANAPHOR,
                            refers_to=last,
                        )
                    )  # fmt: skip
                continue
            allowed = lex.anaphora_heads.get(head, frozenset())
            antecedent = _antecedent(history, allowed)
            if antecedent is not None:
                out.append(_resolved(text, (start, end), f"coref:{head}", antecedent))
            continue
        mention = item
        if (
            isinstance(mention, Actor)
            and mention.generic
            and regex.sub(r"\s+", " ", mention.text.casefold()) in lex.anaphoric_generic_heads
            and _definite(text, mention.start)
        ):
            antecedent = _antecedent(history, frozenset({mention.type.value}), mention.rule)
            if antecedent is not None:
                mention = _resolved(
                    text, (mention.start, mention.end), mention.rule, antecedent, head=mention.head
                )
        if _specific(mention):
            history.append(mention)
        if isinstance(mention, Country) and mention.via in {CountryVia.NAME, CountryVia.DEMONYM}:
            countries.append(mention)
        out.append(mention)
    return out


_HISTORY = 100


def _antecedent(
    history: list[Mention], allowed: frozenset[str], head: str | None = None
) -> Mention | None:
    """The most recent compatible mention for an anaphor.

    One built on the same head comes first ("Niger's junta" for "the junta"),
    else a named actor or unit of an allowed type. A phrase composed on
    another head ("the French ambassador") is no antecedent.
    """
    # Only the recent past: an antecedent further back than this many specific
    # mentions is not what a reader resolves, and an unbounded walk makes a
    # text of thousands of anaphors quadratic.
    recent = history[-_HISTORY:]
    if head is not None:
        for candidate in reversed(recent):
            if isinstance(candidate, Actor) and candidate.head == head:
                return candidate
    for candidate in reversed(recent):
        kind = _type_of(candidate)
        if kind is None or kind.value not in allowed:
            continue
        if isinstance(candidate, Actor) and candidate.head is not None:
            continue
        return candidate
    return None


def _resolved(
    text: str, span: tuple[int, int], rule: str, antecedent: Mention, head: str | None = None
) -> Actor:
    assert isinstance(antecedent, Actor | Unit)
    start, end = span
    return Actor(
        start=start,
        end=end,
        text=text[start:end],
        rule=rule,
        id=antecedent.id,
        name=antecedent.name,
        type=antecedent.type,
        country=antecedent.country,
        generic=False,
        head=head,
        acled_inter=antecedent.acled_inter if isinstance(antecedent, Actor) else None,
        refers_to=antecedent,
    )
