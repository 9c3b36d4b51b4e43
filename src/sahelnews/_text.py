"""Sentence splitting, language detection and input checks."""

from __future__ import annotations

from sahelnews._lazy import lazy_regex
from sahelnews._lexicon import lexicon
from sahelnews._model import Span

# A candidate sentence end: terminal punctuation, optional closing quotes or
# brackets, then whitespace and something that can start a sentence.
_END = lazy_regex(r"[.!?…]+[\"”»')\]]*(?=\s+[\"“«(\[\-–—]?\s*[\p{Lu}\p{N}])")
_PARAGRAPH = lazy_regex(r"\n[ \t\r\f\v]*\n\s*|\n(?=\s*[\p{Lu}\p{N}\"“«\-–—•*])")
_TOKEN_BEFORE = lazy_regex(r"(\S+)$")
_INITIALS = lazy_regex(r"^(?:\p{L}\.)+\p{L}?$")


def split_sentences(text: str) -> tuple[Span, ...]:
    """Split *text* into sentence spans (offsets into *text*, whitespace trimmed).

    A period ends a sentence unless the word before it is a known abbreviation
    ("Gen.", "M.", "Mme.") or an initialism ("U.S.", "J."); a blank line, or a
    line break before a capitalised line, always ends one.
    """
    abbreviations = lexicon().abbreviations
    cuts: set[int] = set()
    for m in _PARAGRAPH.finditer(text):
        cuts.add(m.start())
    for m in _END.finditer(text):
        punct = m.group()
        if punct.startswith(".") and len(punct.rstrip("\"”»')]")) == 1:
            before = _TOKEN_BEFORE.search(text, max(0, m.start() - 60), m.start())
            word = before.group(1).lstrip("(\"“«'") if before else ""
            if word.casefold() in abbreviations or _INITIALS.match(word + "."):
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "M. Bazoum", "J. Smith"
        cuts.add(m.end())
    spans: list[Span] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        span = _trimmed(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Span(start=start, end=end, text=text[start:end])


_WORDS = lazy_regex(r"\p{L}+(?:['’]\p{L}+)?")
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "was",
        "that",
        "for",
        "with",
        "on",
        "said",
        "by",
        "as",
        "it",
        "from",
        "has",
        "have",
        "were",
        "are",
        "this",
        "which",
        "after",
        "their",
        "they",
        "been",
        "will",
        "an",
        "its",
        "who",
        "had",
        "but",
        "not",
        "be",
    ]
)
_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "dans",
        "pour",
        "que",
        "qui",
        "à",
        "été",
        "sur",
        "au",
        "aux",
        "par",
        "ont",
        "a",
        "ce",
        "cette",
        "il",
        "elle",
        "sont",
        "avec",
        "ses",
        "leur",
        "plus",
        "selon",
        "après",
    ]
)


def detect_language(text: str, *, sample: int = 20000) -> tuple[str, float]:
    """Guess English or French from function words.

    Returns the language and the share of counted function words that belong
    to it (0.5 means no evidence either way). Only the first *sample*
    characters are read: function words settle the question quickly.
    """
    en = fr = 0
    for m in _WORDS.finditer(text, 0, min(len(text), sample)):
        word = m.group().casefold()
        if "'" in word or "’" in word:
            word = word.split("'")[0].split("’")[0]
            if word in {"l", "d", "qu", "n", "s", "j"}:
                fr += 1
                continue
        en += word in _EN
        fr += word in _FR
    total = en + fr
    if total == 0:
        return "en", 0.5
    return ("fr", fr / total) if fr > en else ("en", en / total)


_MOJIBAKE = lazy_regex(r"Ã[\u0080-\u00BF©¨ª«®§]|â€[™œ\u009d“”˜¦]|Â[\u00A0-\u00BF]")


def looks_like_mojibake(text: str) -> bool:
    """Return whether *text* shows UTF-8 decoded as Latin-1/cp1252 ("Ã©" for "é")."""
    return len(_MOJIBAKE.findall(text, 0, min(len(text), 50000))) >= 2
