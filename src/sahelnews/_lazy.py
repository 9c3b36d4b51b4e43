"""Regular expressions compiled on first use, so that importing sahelnews compiles nothing."""

from __future__ import annotations

import re
from typing import Any, cast

import regex


class LazyPattern:
    """Stands for a compiled pattern and compiles it the first time it is used.

    Every attribute (``search``, ``finditer``, ``pattern``...) is the compiled
    pattern's; after its first use it is stored on the instance, so later
    calls cost what calling the compiled pattern costs. Compiling twice in a
    race is harmless: both results are equal.
    """

    def __init__(self, pattern: str, flags: int, engine: Any) -> None:
        """Remember what to compile, with which engine (``re`` or ``regex``)."""
        self._pattern = pattern
        self._flags = flags
        self._engine = engine
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        """Compile on first use, then delegate (and remember the attribute)."""
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._engine.compile(self._pattern, self._flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value  # found directly next time, without __getattr__
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the source, not the compiled form."""
        return (_rebuild, (self._pattern, self._flags, self._engine.__name__))


def _rebuild(pattern: str, flags: int, engine: str) -> LazyPattern:
    return LazyPattern(pattern, flags, regex if engine == "regex" else re)


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A :mod:`regex` pattern compiled on first use."""
    return cast("regex.Pattern[str]", LazyPattern(pattern, flags, regex))


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A standard-library :mod:`re` pattern compiled on first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags, re))
