"""Triage priority from rules in a TOML file (shipped defaults, a user file overrides values)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from xiaobian.errors import UserError

DEFAULT_RULES = Path(__file__).parent / "priority_rules.toml"


@dataclass(frozen=True)
class PriorityRules:
    base: float
    negative_weight: float
    question: float
    vip: float
    dm: float
    crisis: float
    age_per_hour: float
    age_cap: float
    crisis_words: tuple[str, ...]
    question_words: tuple[str, ...]


def _parse(path: Path, base: dict | None = None) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"cannot read priority rules: {exc}", file=str(path)) from None
    merged = dict(base or {})
    known = {f.name: f.type for f in fields(PriorityRules)}
    for key, value in data.items():
        if key not in known:
            raise UserError("unknown key", file=str(path), record=f"key {key}",
                            hint=f"known keys: {', '.join(known)}")
        if key.endswith("_words"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UserError("must be a list of strings", file=str(path), record=f"key {key}")
            value = tuple(unicodedata.normalize("NFKC", v).lower() for v in value)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            raise UserError("must be a number", file=str(path), record=f"key {key}")
        merged[key] = value
    return merged


@cache
def load_rules(user_file: Path | None = None) -> PriorityRules:
    """The shipped rules, with values from ``user_file`` (default: ``priority_rules.toml`` in the
    user config dir) overriding them. Read once per process."""
    if user_file is None:
        from xiaobian.paths import config_dir

        user_file = config_dir() / "priority_rules.toml"
    data = _parse(DEFAULT_RULES)
    if user_file is not None and user_file.exists():
        data = _parse(user_file, data)
    return PriorityRules(**data)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@cache
def _matcher(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for a word list: ASCII words whole (``\\b``), CJK terms anywhere."""
    ordered = sorted(words, key=len, reverse=True)
    ascii_words = [re.escape(w) for w in ordered if w.isascii()]
    others = [re.escape(w) for w in ordered if not w.isascii()]
    parts = ([r"\b(?:" + "|".join(ascii_words) + r")\b"] if ascii_words else []) + others
    return re.compile("|".join(parts) if parts else r"(?!x)x")


def is_question(text: str, rules: PriorityRules | None = None) -> bool:
    rules = rules or load_rules()
    low = _normal(text)
    return "?" in low or _matcher(rules.question_words).search(low) is not None


def crisis_terms(text: str, rules: PriorityRules | None = None) -> list[str]:
    rules = rules or load_rules()
    low = _normal(text)
    found = set(_matcher(rules.crisis_words).findall(low))
    if not found:
        return []
    # Overlapping terms (退款 inside 要求退款) are all reported, in the rules' order.
    return [w for w in rules.crisis_words
            if w in found or (re.search(rf"\b{re.escape(w)}\b", low) if w.isascii() else w in low)]


def priority(text: str, sentiment: float, *, kind: str = "comment", author_is_vip: bool = False,
             age_hours: float = 0.0, rules: PriorityRules | None = None) -> int:
    rules = rules or load_rules()
    value = rules.base + rules.negative_weight * max(0.0, -sentiment)
    if is_question(text, rules):
        value += rules.question
    if crisis_terms(text, rules):
        value += rules.crisis
    if author_is_vip:
        value += rules.vip
    if kind == "dm":
        value += rules.dm
    value += min(rules.age_cap, rules.age_per_hour * max(0.0, age_hours))
    return max(0, min(100, round(value)))
