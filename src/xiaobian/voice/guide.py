"""A brand-voice guide: which words, hashtags, emoji and lengths a brand allows, and how severe
each rule is. The shipped ``default.toml`` (Taiwan usage) always applies; a user guide in
``<config>/voice/<brand>.toml`` is laid over it: tables merge, lists add up, a value set wins.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from xiaobian import paths
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Platform
from xiaobian.voice.text import emoji_key, hashtag_key

Severity = Literal["error", "warning", "off"]
DEFAULT_SEVERITY: dict[str, Severity] = {
    "banned-word": "error",
    "preferred-term": "error",
    "tone-word": "warning",
    "required-hashtag": "error",
    "forbidden-hashtag": "error",
    "emoji": "warning",
    "full-width-punctuation": "warning",
    "cjk-latin-space": "warning",
    "length": "error",
}
RuleId = Literal["banned-word", "preferred-term", "tone-word", "required-hashtag",
                 "forbidden-hashtag", "emoji", "full-width-punctuation", "cjk-latin-space", "length"]
DEFAULT_GUIDE = Path(__file__).with_name("default.toml")
EXAMPLE_GUIDE = Path(__file__).with_name("example.toml")
_BRAND = re.compile(r"[\w-]{1,64}")
_TERM_TABLES = ("banned_words", "preferred_terms", "tone_words")


def _as_table(value: Any) -> Any:
    """A word list may be written as a list (no suggestion) or a table word -> suggestion."""
    return {word: "" for word in value} if isinstance(value, list) else value


Terms = Annotated[dict[Annotated[str, Field(min_length=1)], str], BeforeValidator(_as_table)]
PlatformKey = Platform | Literal["default"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HashtagSet(_Strict):
    required: list[str] = []
    """Hashtags every post must carry (replies are not checked)."""
    forbidden: list[str] = []
    """Hashtags never to use, in posts or replies."""

    @field_validator("required", "forbidden")
    @classmethod
    def _keys(cls, tags: list[str]) -> list[str]:
        if any(not hashtag_key(tag) for tag in tags):
            raise ValueError("empty hashtag")
        return tags


class Hashtags(HashtagSet):
    platform: dict[Platform, HashtagSet] = {}
    """More required or forbidden hashtags on one platform: ``[hashtags.platform.instagram]``."""

    def for_platform(self, platform: str | None) -> HashtagSet:
        extra = self.platform.get(platform) if platform else None  # type: ignore[call-overload]
        if extra is None:
            return self
        return HashtagSet(required=self.required + extra.required,
                          forbidden=self.forbidden + extra.forbidden)


class EmojiPolicy(_Strict):
    max: int | None = Field(default=None, ge=0)
    """At most this many emoji; 0 means none at all; unset, no limit."""
    allowed: list[str] = []
    """Only these emoji (skin tones and VS16 ignored); empty, any emoji."""

    def allows(self, emoji: str) -> bool:
        return not self.allowed or emoji_key(emoji) in {emoji_key(e) for e in self.allowed}


class LengthLimits(_Strict):
    post: dict[PlatformKey, Annotated[int, Field(ge=1)]] = {}
    """Per platform (or ``default`` when no platform is given), below the platform's own limit."""
    reply: dict[PlatformKey, Annotated[int, Field(ge=1)]] = {}


class Guide(_Strict):
    name: str = ""
    """The brand, shown nowhere yet but handy in a file of several."""
    banned_words: Terms = {}
    """Never publish these: a list, or a table word -> what to write instead."""
    preferred_terms: Terms = {}
    """Word -> the word to use (Taiwan usage by default); ``"" `` drops a default entry."""
    tone_words: Terms = {}
    """Words that do not fit the brand's tone (warnings by default)."""
    exceptions: list[str] = []
    """Phrases in which word rules never fire, e.g. 通信息息相關 (信息 is not 訊息 there)."""
    hashtags: Hashtags = Hashtags()
    emoji: EmojiPolicy = EmojiPolicy()
    length: LengthLimits = LengthLimits()
    severity: dict[RuleId, Severity] = {}
    """Rule id -> error, warning or off."""

    @field_validator("preferred_terms")
    @classmethod
    def _drop_unset(cls, terms: dict[str, str]) -> dict[str, str]:
        return {word: instead for word, instead in terms.items() if instead}

    def severity_of(self, rule: str) -> Severity:
        return self.severity.get(rule, DEFAULT_SEVERITY[rule])  # type: ignore[call-overload]


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(t("voice.no_file"), file=str(path), hint=t("voice.init_hint")) from None
    except OSError as exc:
        raise UserError(exc.strerror or str(exc), file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(t("voice.not_toml", error=exc), file=str(path), hint=t("voice.fix_hint")) from None


def _validate(data: dict[str, Any], path: Path) -> Guide:
    try:
        return Guide.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"] if part != "[key]") or "(top level)"
        raise UserError(first["msg"], file=str(path), record=t("voice.key", key=key),
                        hint=t("voice.fix_hint")) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if key in _TERM_TABLES:
            value, old = _as_table(value), _as_table(old or {})
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [item for item in value if item not in old]
        else:
            merged[key] = value
    return merged


@cache
def _default_data() -> dict[str, Any]:
    return tomllib.loads(DEFAULT_GUIDE.read_text(encoding="utf-8"))


@cache
def default_guide() -> Guide:
    """The shipped guide alone: Taiwan usage, punctuation and spacing, platform lengths."""
    return Guide.model_validate(_default_data())


def guide_path(brand: str | None = None) -> Path:
    """``<config>/voice/<brand>.toml``, or ``default.toml`` without a brand."""
    name = brand or "default"
    if not _BRAND.fullmatch(name):
        raise UserError(t("voice.bad_brand", brand=name), hint=t("voice.bad_brand_hint"))
    return paths.voice_guide_dir() / f"{name}.toml"


def load_guide(path: Path | None = None, brand: str | None = None) -> Guide:
    """The guide in ``path`` (or the brand's, or the user's ``default.toml``) over the shipped
    default; the shipped default alone when no user guide exists and none was asked for."""
    if path is None:
        path = guide_path(brand)
        if not path.exists():
            if brand:
                raise UserError(t("voice.no_brand", brand=brand), file=str(path),
                                hint=t("voice.init_hint"))
            return default_guide()
    data = _read(path)
    _validate(data, path)  # errors name the user's file and key, not the merged result
    return _validate(_merge(_default_data(), data), path)
