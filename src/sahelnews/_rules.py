"""The rule schema, rule-file loading and validation, and the immutable Ruleset."""

from __future__ import annotations

import contextvars
import functools
import os
import threading
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import pycountry
import regex

from sahelnews._compile import compiled_pattern
from sahelnews._errors import RuleError
from sahelnews._holidays import parse_holiday
from sahelnews._lazy import lazy_regex
from sahelnews._model import ActorType, Modality, PlaceType, PloverCategory, TimexType

if TYPE_CHECKING:
    from sahelnews._compile import CompiledRules

Family = Literal["countries", "places", "actors", "units", "dates", "events", "cues", "casualties"]
FAMILIES: tuple[Family, ...] = (
    "countries", "places", "actors", "units", "dates", "events", "cues", "casualties",
)  # fmt: skip
Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")

_ACTOR_TYPES = frozenset(t.value for t in ActorType)
LABELS: Mapping[str, frozenset[str]] = {
    "countries": frozenset({"name", "demonym", "capital"}),
    "places": frozenset(t.value for t in PlaceType),
    "actors": _ACTOR_TYPES,
    "units": _ACTOR_TYPES,
    "dates": frozenset(t.value for t in TimexType),
    "events": frozenset(c.value for c in PloverCategory),
    "cues": frozenset(m.value for m in Modality) - {"asserted"},
    "casualties": frozenset({"killed", "wounded"}),
}

#: Normalisers the date recogniser implements (``normalize`` field of date rules).
DATE_NORMALIZERS = frozenset(
    {
        "absolute",
        "year",
        "relative",
        "ago",
        "anaphoric",
        "weekday",
        "season",
        "quarter",
        "clock",
        "holiday",
        "literal",
        "duration",
        "decade",
        "century",
        "dateparser",
    }
)

_COMMON_FIELDS = frozenset(
    {
        "id",
        "label",
        "aliases",
        "patterns",
        "case",
        "languages",
        "context",
        "examples",
        "counter_examples",
        "note",
    }
)
FIELDS: Mapping[str, frozenset[str]] = {
    "countries": _COMMON_FIELDS | {"country"},
    "places": _COMMON_FIELDS
    | {"name", "country", "admin1", "lat", "lon", "population", "parent", "source"},
    "actors": _COMMON_FIELDS
    | {"name", "country", "parent", "active", "acled_inter", "sector", "generic"},
    "units": _COMMON_FIELDS | {"name", "country", "echelon", "number", "parent", "active"},
    "dates": _COMMON_FIELDS | {"normalize", "offset", "unit", "value", "anchor"},
    "events": _COMMON_FIELDS
    | {
        "mode",
        "roles",
        "source_types",
        "target_types",
        "requires",
        "modality",
        "acled_event_type",
        "acled_sub_event_type",
        "cameo",
    },
    "cues": _COMMON_FIELDS | {"scope", "window", "intent"},
    "casualties": _COMMON_FIELDS,
}
_REQUIRED: Mapping[str, frozenset[str]] = {
    "countries": frozenset({"country"}),
    "dates": frozenset({"normalize"}),
}

_ID_RE = lazy_regex(r"^[\w.:\-]+$")
_MACRO_RE = lazy_regex(r"\{([A-Z][A-Z0-9_]*)\}")
_SLOT_RE = lazy_regex(r"^(subject|object|agent|prep:[^\s,]+(?:,[^\s,]+)*)$")
_UNIT_VALUES = frozenset(
    {
        "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade",
        "century", "hour", "minute", "second",
    }
)  # fmt: skip


@attrs.frozen(kw_only=True)
class Example:
    """A text a rule must fire on, optionally with the expected match and value."""

    text: str
    match: str | None = None
    value: str | None = None
    published: str | None = None


def _to_examples(value: Any) -> tuple[Example, ...]:
    """Accept strings or tables and return :class:`Example` objects."""
    if not isinstance(value, list | tuple):
        raise RuleError(f"examples must be a list, not {type(value).__name__}")
    out = []
    for item in value:
        if isinstance(item, Example):
            out.append(item)
        elif isinstance(item, str):
            out.append(Example(text=item))
        elif isinstance(item, Mapping):
            unknown = set(item) - {"text", "match", "value", "published"}
            if unknown or not isinstance(item.get("text"), str):
                raise RuleError(
                    f"an example table needs a string 'text' and may have 'match', "
                    f"'value', 'published'; got keys {sorted(item)}"
                )
            out.append(Example(**{k: str(v) for k, v in item.items()}))
        else:
            raise RuleError(f"an example must be a string or a table, not {type(item).__name__}")
    return tuple(out)


def _str_tuple(value: Any) -> tuple[str, ...]:
    """Convert a TOML list of strings (or a single string) into a tuple."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"expected a list of strings, got {value!r}")
    return tuple(value)


def _roles(value: Any) -> Mapping[str, tuple[str, ...]]:
    """Validate the ``roles`` table of an event rule."""
    if not isinstance(value, Mapping):
        raise RuleError(f"roles must be a table like {{source = ['subject']}}, got {value!r}")
    out: dict[str, tuple[str, ...]] = {}
    for role, slots in value.items():
        if role not in {"source", "target"}:
            raise RuleError(f"unknown role {role!r} (roles are 'source' and 'target')")
        slot_tuple = _str_tuple(slots)
        for slot in slot_tuple:
            if not _SLOT_RE.match(slot):
                raise RuleError(
                    f"unknown slot {slot!r} for role {role!r} "
                    "(use subject, object, agent, or prep:word1,word2)"
                )
        out[role] = slot_tuple
    return out


@functools.cache
def builtin_macros() -> Mapping[str, str]:
    """Return the macros every rule file can use (from the built-in ``lexicon.toml``)."""
    from sahelnews import _lexicon  # noqa: PLC0415 - the lexicon loads lazily

    return _lexicon.macros()


def expand_macros(pattern: str, macros: Mapping[str, str], *, depth: int = 0) -> str:
    """Replace ``{NAME}`` by its macro; unknown names raise :class:`RuleError`."""
    if depth > 10:
        raise RuleError("macros nest more than 10 levels deep (a macro refers to itself?)")

    def repl(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise RuleError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        return expand_macros(macros[name], macros, depth=depth + 1)

    return _MACRO_RE.sub(repl, pattern)


def _expand_builtin(patterns: Any) -> tuple[str, ...]:
    """Convert patterns to a tuple with the built-in macros expanded."""
    return tuple(expand_macros(p, builtin_macros()) for p in _str_tuple(patterns))


def _expand_builtin_one(value: Any) -> str | None:
    """Expand the built-in macros of one optional pattern (a date rule's anchor)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise RuleError(f"expected a non-empty string, got {value!r}")
    return expand_macros(value, builtin_macros())


def _iso3_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not regex.fullmatch(r"[A-Z]{3}", value):
        raise RuleError(f"country must be an ISO 3166-1 alpha-3 code, got {value!r}")
    if value not in _iso3_codes():
        raise RuleError(f"unknown country code {value!r} (not in ISO 3166-1)")
    return value


@functools.cache
def _iso3_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code, plus the user-assigned ones in common use."""
    return frozenset(str(c.alpha_3) for c in pycountry.countries) | _EXTRA_CODES


# User-assigned codes in common use that ISO 3166-1 lacks.
_EXTRA_CODES = frozenset({"XKX"})


def _opt_float(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"expected a number, got {value!r}")
    return float(value)


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(f"expected an integer, got {value!r}")
    return value


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RuleError(f"expected a string, got {value!r}")
    return value


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of one family, validated when it is built.

    Which optional fields apply depends on the family (see ``docs/rules.md``);
    the loader rejects fields that do not belong to the rule's family.
    """

    family: Family = attrs.field()
    id: str = attrs.field()
    label: str = attrs.field()
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    patterns: tuple[str, ...] = attrs.field(default=(), converter=_expand_builtin)
    case: Literal["smart", "exact", "ignore"] = "smart"
    languages: tuple[Language, ...] = attrs.field(default=LANGUAGES, converter=_str_tuple)
    context: Literal["any", "locative"] = "any"
    examples: tuple[Example, ...] = attrs.field(default=(), converter=_to_examples)
    counter_examples: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    note: str | None = attrs.field(default=None, converter=_opt_str)
    origin: str | None = None
    # countries, places, actors, units
    country: str | None = attrs.field(default=None, converter=_iso3_or_none)
    name: str | None = attrs.field(default=None, converter=_opt_str)
    parent: str | None = attrs.field(default=None, converter=_opt_str)
    active: str | None = attrs.field(default=None, converter=_opt_str)
    # places
    admin1: str | None = attrs.field(default=None, converter=_opt_str)
    lat: float | None = attrs.field(default=None, converter=_opt_float)
    lon: float | None = attrs.field(default=None, converter=_opt_float)
    population: int | None = attrs.field(default=None, converter=_opt_int)
    source: str | None = attrs.field(default=None, converter=_opt_str)
    # actors
    acled_inter: int | None = attrs.field(default=None, converter=_opt_int)
    sector: str | None = attrs.field(default=None, converter=_opt_str)
    generic: bool = False
    # units
    echelon: str | None = attrs.field(default=None, converter=_opt_str)
    number: int | None = attrs.field(default=None, converter=_opt_int)
    # dates
    normalize: str | None = attrs.field(default=None, converter=_opt_str)
    offset: int | None = attrs.field(default=None, converter=_opt_int)
    unit: str | None = attrs.field(default=None, converter=_opt_str)
    value: str | None = attrs.field(default=None, converter=_opt_str)
    anchor: str | None = attrs.field(default=None, converter=_expand_builtin_one)
    # events
    mode: str | None = attrs.field(default=None, converter=_opt_str)
    roles: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_roles)
    source_types: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    target_types: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    requires: tuple[str, ...] = attrs.field(default=("any",), converter=_str_tuple)
    modality: str | None = attrs.field(default=None, converter=_opt_str)
    acled_event_type: str | None = attrs.field(default=None, converter=_opt_str)
    acled_sub_event_type: str | None = attrs.field(default=None, converter=_opt_str)
    cameo: str | None = attrs.field(default=None, converter=_opt_str)
    # cues
    scope: Literal["before", "after", "sentence"] = "before"
    window: int = 6
    intent: bool = True

    def __attrs_post_init__(self) -> None:
        """Check the cross-field constraints that single-field converters cannot."""
        self._check()

    def _check(self) -> None:
        if self.family not in FAMILIES:
            raise RuleError(f"unknown family {self.family!r}; families are {', '.join(FAMILIES)}")
        if not isinstance(self.id, str) or not _ID_RE.match(self.id):
            raise RuleError(
                f"id must be letters, digits, '.', '_', '-', ':' only, got {self.id!r}",
                rule_id=str(self.id),
            )
        err = functools.partial(RuleError, rule_id=self.id)
        if self.label not in LABELS[self.family]:
            raise err(
                f"unknown label {self.label!r} for family {self.family!r}; "
                f"expected one of {', '.join(sorted(LABELS[self.family]))}"
            )
        if not self.aliases and not self.patterns:
            raise err("a rule needs at least one of 'aliases' or 'patterns'")
        for alias in self.aliases:
            if not alias.strip():
                raise err("an alias is empty")
        if self.case not in {"smart", "exact", "ignore"}:
            raise err(f"case must be 'smart', 'exact' or 'ignore', got {self.case!r}")
        if self.context not in {"any", "locative"}:
            raise err(f"context must be 'any' or 'locative', got {self.context!r}")
        bad_langs = set(self.languages) - set(LANGUAGES)
        if bad_langs or not self.languages:
            raise err(f"languages must be a non-empty list of 'en'/'fr', got {self.languages!r}")
        # The built-in rules are checked by the project's tests; compiling their
        # patterns here would cost most of the load time, so they compile
        # lazily, when a family is first used. Users' rules are checked now.
        for pattern in () if _TRUSTED.get() else self.patterns:
            try:
                compiled = compiled_pattern(pattern)
            except regex.error as exc:
                raise err(f"bad regex {pattern!r}: {exc}") from None
            if compiled.fullmatch(""):
                raise err(f"pattern {pattern!r} matches the empty string")
        if self.lat is not None and not -90 <= self.lat <= 90:
            raise err(f"lat {self.lat} is outside -90..90")
        if self.lon is not None and not -180 <= self.lon <= 180:
            raise err(f"lon {self.lon} is outside -180..180")
        if self.acled_inter is not None and not 1 <= self.acled_inter <= 8:
            raise err(f"acled_inter must be 1-8, got {self.acled_inter}")
        if self.family == "dates":
            if self.normalize not in DATE_NORMALIZERS:
                raise err(
                    f"unknown normalize {self.normalize!r}; expected one of "
                    f"{', '.join(sorted(DATE_NORMALIZERS))}"
                )
            if self.unit is not None and self.unit not in _UNIT_VALUES:
                raise err(f"unknown unit {self.unit!r}; expected one of {sorted(_UNIT_VALUES)}")
            if self.anchor is not None:
                if not _TRUSTED.get():
                    try:
                        anchor = compiled_pattern(self.anchor)
                    except regex.error as exc:
                        raise err(f"bad anchor regex {self.anchor!r}: {exc}") from None
                    if anchor.fullmatch(""):
                        raise err(f"anchor {self.anchor!r} matches the empty string")
                if not self.patterns:
                    raise err("an anchor only applies to patterns; this rule has none")
            if self.normalize == "holiday":
                if self.value is None:
                    raise err("a holiday rule needs a value such as '12-25' or 'easter'")
                try:
                    parse_holiday(self.value)
                except ValueError as exc:
                    raise err(str(exc)) from None
        if self.family == "events":
            for role_types in (self.source_types, self.target_types):
                unknown = set(role_types) - _ACTOR_TYPES
                if unknown:
                    raise err(f"unknown actor types {sorted(unknown)} in a type constraint")
            if set(self.requires) - {"source", "target", "any"}:
                raise err(f"requires may list 'source', 'target', 'any'; got {self.requires!r}")
            if self.modality is not None and self.modality not in {m.value for m in Modality}:
                raise err(f"unknown modality {self.modality!r}")
            if self.cameo is not None and not regex.fullmatch(r"\d{2,4}", self.cameo):
                raise err(f"cameo must be a CAMEO code of 2-4 digits, got {self.cameo!r}")
        if self.family == "casualties":
            for pattern in self.patterns:
                if "(?P<n>" not in pattern:
                    raise err(f"a casualties pattern needs a (?P<n>...) group: {pattern!r}")
            if self.aliases:
                raise err("casualties rules take patterns with a (?P<n>...) group, not aliases")
        if self.family == "cues":
            if self.scope not in {"before", "after", "sentence"}:
                raise err(f"scope must be 'before', 'after' or 'sentence', got {self.scope!r}")
            if self.window < 0:
                raise err("window must not be negative")
            if not isinstance(self.intent, bool):
                raise err(f"intent must be true or false, got {self.intent!r}")

    @property
    def canonical_name(self) -> str:
        """The rule's canonical name: ``name``, else its first alias, else its id."""
        return self.name or (self.aliases[0] if self.aliases else self.id)

    def to_dict(self) -> dict[str, Any]:
        """Return the rule as the TOML table it came from (non-default fields only)."""
        out: dict[str, Any] = {}
        allowed = FIELDS[self.family]
        for field in attrs.fields(Rule):
            if field.name not in allowed:
                continue
            value = getattr(self, field.name)
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()  # type: ignore[union-attr]
            if value in (default, (), {}):
                continue
            if field.name == "examples":
                value = [attrs.asdict(e, filter=lambda _a, v: v is not None) for e in value]
            elif field.name == "roles":
                value = {k: list(v) for k, v in value.items()}
            elif isinstance(value, tuple):
                value = list(value)
            out[field.name] = value
        return out


def rule_from_table(
    family: str, table: Mapping[str, Any], *, origin: str | None = None, macros: Mapping[str, str]
) -> Rule:
    """Build a rule of *family* from a TOML table, naming the rule in any error."""
    rule_id = table.get("id")
    if not isinstance(rule_id, str):
        raise RuleError(f"a [[{family}]] rule has no string 'id'", path=origin)
    unknown = set(table) - FIELDS[family]
    if unknown:
        raise RuleError(
            f"unknown field(s) {', '.join(sorted(unknown))} for family {family!r}",
            path=origin,
            rule_id=rule_id,
        )
    missing = {"label"} | _REQUIRED.get(family, frozenset())
    missing -= set(table)
    if missing:
        raise RuleError(
            f"missing field(s) {', '.join(sorted(missing))}", path=origin, rule_id=rule_id
        )
    kwargs = dict(table)
    try:
        if "patterns" in kwargs:
            kwargs["patterns"] = [expand_macros(p, macros) for p in _str_tuple(kwargs["patterns"])]
        if isinstance(kwargs.get("anchor"), str):
            kwargs["anchor"] = expand_macros(kwargs["anchor"], macros)
        return Rule(family=family, origin=origin, **kwargs)  # type: ignore[arg-type]
    except RuleError as exc:
        raise RuleError(exc.problem, path=origin, rule_id=rule_id) from None
    except TypeError as exc:
        raise RuleError(f"bad field value: {exc}", path=origin, rule_id=rule_id) from None


def load_rule_file(path: str | os.PathLike[str]) -> tuple[Rule, ...]:
    """Load and validate one rule file.

    Raises:
        RuleError: the file cannot be read, is not valid TOML, or holds an invalid rule.
    """
    origin = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=origin) from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"rule file is not UTF-8: {exc}", path=origin) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"invalid TOML: {exc}", path=origin) from None
    return rules_from_data(data, origin=origin)


def rules_from_data(data: Mapping[str, Any], *, origin: str | None = None) -> tuple[Rule, ...]:
    """Validate a parsed rule file (a mapping of family name to a list of tables)."""
    macros = dict(builtin_macros())
    file_macros = data.get("macros", {})
    if not isinstance(file_macros, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in file_macros.items()
    ):
        raise RuleError("[macros] must be a table of strings", path=origin)
    macros.update(file_macros)
    rules: list[Rule] = []
    seen: set[tuple[str, str]] = set()
    for key, tables in data.items():
        if key == "macros":
            continue
        if key not in FAMILIES:
            raise RuleError(
                f"unknown family [[{key}]]; families are {', '.join(FAMILIES)}", path=origin
            )
        if not isinstance(tables, list):
            raise RuleError(f"{key} must be an array of tables ([[{key}]])", path=origin)
        for table in tables:
            if not isinstance(table, Mapping):
                raise RuleError(f"{key} must be an array of tables ([[{key}]])", path=origin)
            rule = rule_from_table(key, table, origin=origin, macros=macros)
            if (rule.family, rule.id) in seen:
                raise RuleError("duplicate id in one file", path=origin, rule_id=rule.id)
            seen.add((rule.family, rule.id))
            rules.append(rule)
    return tuple(rules)


def _builtin_files() -> list[Path]:
    base = resources.files("sahelnews") / "rules"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith(".toml"))


class Ruleset:
    """An immutable collection of rules of every family.

    Build one with :meth:`default`, :meth:`from_files` or :meth:`extend`; the
    patterns are compiled once per ruleset and language, the first time they
    are used, so creating a ruleset is cheap.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_compiled", "_lock", "_rules")

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        """Build a ruleset; two rules of one family with one id raise :class:`RuleError`."""
        by_key: dict[tuple[str, str], Rule] = {}
        for rule in rules:
            if not isinstance(rule, Rule):
                raise TypeError(f"a Ruleset holds Rule objects, not {type(rule).__name__}")
            key = (rule.family, rule.id)
            if key in by_key:
                raise RuleError(
                    f"duplicate {rule.family} id (also in {by_key[key].origin or 'code'})",
                    path=rule.origin,
                    rule_id=rule.id,
                )
            by_key[key] = rule
        self._rules = by_key
        self._compiled: dict[str, CompiledRules] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> Ruleset:
        """Return the built-in rules, loaded once per process and shared (they are immutable)."""
        return _default_ruleset()

    @classmethod
    def from_files(cls, paths: Iterable[str | os.PathLike[str]]) -> Ruleset:
        """Build a ruleset from rule files only (no built-in rules).

        Raises:
            RuleError: a file is invalid, or two files define the same id in one family.
        """
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        rules: list[Rule] = []
        for path in paths:
            rules.extend(_load_any(path))
        return cls(rules)

    def extend(self, *sources: RuleSource) -> Ruleset:
        """Return a new ruleset with the rules of *sources* added.

        A source is a rule-file path, a :class:`Rule`, an iterable of rules or
        another ruleset. A rule whose family and id match an existing rule
        replaces it (and takes precedence when two rules share a surface form).
        This ruleset is not changed.
        """
        merged = dict(self._rules)
        for source in sources:
            for rule in _rules_of(source):
                merged.pop((rule.family, rule.id), None)
                merged[(rule.family, rule.id)] = rule
        return Ruleset(merged.values())

    def rules(self, family: str | None = None) -> tuple[Rule, ...]:
        """Return the rules of *family* (all families when None), in precedence order."""
        if family is not None and family not in FAMILIES:
            raise ValueError(f"unknown family {family!r}; families are {', '.join(FAMILIES)}")
        return tuple(r for r in self._rules.values() if family is None or r.family == family)

    def get(self, family: str, rule_id: str) -> Rule | None:
        """Return the rule of *family* with *rule_id*, or None."""
        return self._rules.get((family, rule_id))

    def to_dicts(self) -> dict[str, list[dict[str, Any]]]:
        """Return the rules as the tables of a rule file (``{family: [table, ...]}``)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for rule in self._rules.values():
            out.setdefault(rule.family, []).append(rule.to_dict())
        return out

    def compiled(self, language: str) -> CompiledRules:
        """Return the matchers for *language*, compiling them on first use."""
        compiled = self._compiled.get(language)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(language)
                if compiled is None:
                    from sahelnews._compile import CompiledRules  # noqa: PLC0415 - lazy

                    compiled = CompiledRules(self, language)
                    self._compiled[language] = compiled
        return compiled

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the rules only: worker processes recompile their matchers lazily."""
        return {"rules": list(self._rules.values())}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Rebuild a ruleset from its pickled rules."""
        self.__init__(state["rules"])  # type: ignore[misc]

    def __len__(self) -> int:
        """Return the number of rules."""
        return len(self._rules)

    def __iter__(self) -> Iterator[Rule]:
        """Iterate over all rules in precedence order."""
        return iter(self._rules.values())

    def __repr__(self) -> str:
        """Summarise the ruleset by family."""
        counts: dict[str, int] = {}
        for family, _ in self._rules:
            counts[family] = counts.get(family, 0) + 1
        inner = ", ".join(f"{f}={n}" for f, n in counts.items())
        return f"Ruleset({inner})"


#: What :meth:`Ruleset.extend` accepts.
RuleSource = str | os.PathLike[str] | Rule | Iterable[Rule] | Ruleset


def _rules_of(source: RuleSource) -> Iterable[Rule]:
    if isinstance(source, Ruleset):
        return source.rules()
    if isinstance(source, Rule):
        return (source,)
    if isinstance(source, str | os.PathLike):
        return _load_any(source)
    if isinstance(source, Iterable):
        rules = list(source)
        for rule in rules:
            if not isinstance(rule, Rule):
                raise TypeError(f"expected Rule objects, got {type(rule).__name__}")
        return rules
    raise TypeError(f"cannot extend a ruleset with {type(source).__name__}")


#: Set while the built-in rule files load: their patterns are not compiled then.
_TRUSTED: contextvars.ContextVar[bool] = contextvars.ContextVar("_TRUSTED", default=False)


def _load_any(path: str | os.PathLike[str]) -> tuple[Rule, ...]:
    """A rule file (``.toml``) or a gazetteer file of places (``.tsv``)."""
    if str(path).lower().endswith(".tsv"):
        from sahelnews._gazetteer import load_gazetteer_file  # noqa: PLC0415 - import cycle

        return load_gazetteer_file(path)
    return load_rule_file(path)


@functools.cache
def _default_ruleset() -> Ruleset:
    from sahelnews._gazetteer import builtin_gazetteer  # noqa: PLC0415 - import cycle

    token = _TRUSTED.set(True)
    try:
        curated: list[Rule] = []
        for path in _builtin_files():
            curated.extend(load_rule_file(path))
        # The gazetteer comes first so that curated rules take precedence
        # when both know a name.
        gazetteer = builtin_gazetteer(curated)
        enriched = {(r.family, r.id): r for r in gazetteer}
        curated = [enriched.pop((r.family, r.id), r) for r in curated]
        return Ruleset([*enriched.values(), *curated])
    finally:
        _TRUSTED.reset(token)
