"""Lexicon sentiment for Traditional Chinese and English comments, in [-1, 1].

Chinese has no spaces, so terms are found by one leftmost-longest regex scan over the text;
English terms are whole words. Negators flip, and intensifiers strengthen, the next sentiment
term close behind them (a clause break ends their reach). The word lists are the ``lexicon/``
data files; ``load_lexicon(extra_dir)`` adds a user's own files on top.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from xiaobian.errors import UserError

LEXICON_DIR = Path(__file__).parent / "lexicon"
_REACH = 6  # characters after a negator or intensifier that it still affects
_CLAUSE = re.compile(r"[，。！？!?,.;；\n]")
_EMOJI_NOISE = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")
_SQUASH = 4.0


def _read(path: Path) -> dict[str, float]:
    entries: dict[str, float] = {}
    if not path.exists():
        return entries
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read the word list ({exc})", file=str(path)) from None
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        term, _, weight = line.partition("\t")
        term = unicodedata.normalize("NFKC", term.strip()).lower()
        try:
            entries[term] = float(weight) if weight.strip() else 1.0
            if not math.isfinite(entries[term]):  # nan or inf would poison every score
                raise ValueError(weight)
        except ValueError:
            raise UserError(f"the weight {weight.strip()!r} is not a number", file=str(path),
                            record=f"line {number}", hint="write: term<TAB>weight, e.g. 好喝\t1.5") from None
    return entries


def _is_word(term: str) -> bool:
    return term.isascii() and term[0].isalnum()


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, float]
    """term -> signed weight"""
    negators: frozenset[str]
    intensifiers: dict[str, float]
    pattern: re.Pattern


def _build(dirs: tuple[Path, ...]) -> Lexicon:
    terms: dict[str, float] = {}
    negators: set[str] = set()
    intensifiers: dict[str, float] = {}
    for folder in dirs:
        terms.update(_read(folder / "positive.txt"))
        terms.update({k: -v for k, v in _read(folder / "negative.txt").items()})
        terms.update(_read(folder / "emoji.txt"))
        negators.update(_read(folder / "negators.txt"))
        intensifiers.update(_read(folder / "intensifiers.txt"))
    everything = sorted({*terms, *negators, *intensifiers}, key=len, reverse=True)
    words = [re.escape(t) for t in everything if _is_word(t)]
    others = [re.escape(t) for t in everything if not _is_word(t)]
    parts = []
    if words:
        parts.append(r"\b(?:" + "|".join(words) + r")\b")
    if others:
        parts.append("|".join(others))
    pattern = re.compile("|".join(parts) if parts else r"(?!x)x")
    return Lexicon(terms, frozenset(negators), intensifiers, pattern)


@cache
def load_lexicon(extra_dir: Path | None = None) -> Lexicon:
    """The shipped lexicon, plus the files of ``extra_dir`` (default: ``lexicon/`` in the user
    config dir; same file names, terms added or re-weighted). Read once per process."""
    if extra_dir is None:
        from xiaobian.paths import config_dir

        extra_dir = config_dir() / "lexicon"
    dirs = (LEXICON_DIR,) + ((extra_dir,) if extra_dir.is_dir() else ())
    return _build(dirs)


def score(text: str, lexicon: Lexicon | None = None) -> float:
    if not text or not text.strip():
        return 0.0
    lex = lexicon or load_lexicon()
    text = _EMOJI_NOISE.sub("", unicodedata.normalize("NFKC", text[:5000]).lower())
    total = 0.0
    negate_until = boost_until = armed_at = -1
    boost = 1.0
    for match in lex.pattern.finditer(text):
        term, start = match.group(0), match.start()
        if armed_at >= 0 and _CLAUSE.search(text, armed_at, start):
            negate_until = boost_until = armed_at = -1
        if term in lex.negators and term not in lex.terms:
            negate_until, armed_at = match.end() + _REACH, match.end()
        elif term in lex.intensifiers and term not in lex.terms:
            boost, boost_until, armed_at = lex.intensifiers[term], match.end() + _REACH, match.end()
        else:
            value = lex.terms[term]
            if start <= boost_until:
                value *= boost
            if start <= negate_until:
                value *= -0.7
            total += value
            negate_until = boost_until = armed_at = -1
    return round(total / math.sqrt(total * total + _SQUASH), 4)
