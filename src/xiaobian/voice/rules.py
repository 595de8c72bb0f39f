"""One function per brand-voice rule: ``rule(ctx) -> hits``. ``check()`` adds severity and message.

Every rule reads the same ``Context`` (the text scanned once, the guide, the platform and kind)
and yields ``Hit``s; the rule ids are the keys of ``RULES`` and stable (guides and scripts use them).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from xiaobian.i18n import t
from xiaobian.voice.guide import Guide
from xiaobian.voice.limits import count_chars, limit_for, overflow_start
from xiaobian.voice.text import CJK, CJK_RE, EMOJI, LATIN, Scanned, hashtag_key


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    found: str
    suggestion: str = ""
    message: str = ""
    """Message key under ``voice.msg.``; empty means the rule id."""
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class Context:
    scan: Scanned
    guide: Guide
    platform: str | None
    kind: str

    @property
    def text(self) -> str:
        return self.scan.text

    @cached_property
    def exception_spans(self) -> list[tuple[int, int]]:
        folded = self.text.casefold()
        spans = []
        for phrase in self.guide.exceptions:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase.casefold()), folded)]
        return spans

    @cached_property
    def clause_starts(self) -> tuple[list[int], list[bool]]:
        """Where each clause starts and whether its first letter is Chinese."""
        starts, chinese = [], []
        for match in _CLAUSE.finditer(self.text):
            first = _LETTER.search(match.group(0))
            starts.append(match.start())
            chinese.append(bool(first and CJK_RE.match(first.group(0))))
        return starts, chinese


_CLAUSE = re.compile(r"[^.!?。！？\n]*[.!?。！？\n]*")
_LETTER = re.compile(f"{CJK}|[A-Za-z]")


# ---- words -------------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        part = re.escape(word)
        if re.match(LATIN, word[0]):
            part = f"(?<![A-Za-z0-9]){part}"
        if re.match(LATIN, word[-1]):
            part = f"{part}(?![A-Za-z0-9])"
        parts.append(part)
    return re.compile("|".join(parts), re.IGNORECASE)


def _words(ctx: Context, table: dict[str, str]) -> Iterator[Hit]:
    if not table:
        return
    suggestions = {word.casefold(): instead for word, instead in table.items()}
    for match in _word_pattern(tuple(table)).finditer(ctx.text):
        start, end = match.span()
        if ctx.scan.overlaps(start, end, frozenset({"url", "email", "mention"})):
            continue
        if any(low <= start and end <= high for low, high in ctx.exception_spans):
            continue
        yield Hit(start, end, match.group(0), suggestions.get(match.group(0).casefold(), ""))


def banned_word(ctx: Context) -> Iterator[Hit]:
    return _words(ctx, ctx.guide.banned_words)


def preferred_term(ctx: Context) -> Iterator[Hit]:
    return _words(ctx, ctx.guide.preferred_terms)


def tone_word(ctx: Context) -> Iterator[Hit]:
    return _words(ctx, ctx.guide.tone_words)


# ---- hashtags and emoji ------------------------------------------------------------------------
def required_hashtag(ctx: Context) -> Iterator[Hit]:
    if ctx.kind != "post":
        return
    present = {hashtag_key(span.text(ctx.text)) for span in ctx.scan.hashtags()}
    wanted = {hashtag_key(tag): tag for tag in ctx.guide.hashtags.for_platform(ctx.platform).required}
    for key, tag in wanted.items():
        if key not in present:
            end = len(ctx.text)
            yield Hit(end, end, "", "#" + tag.strip().lstrip("#＃"))


def forbidden_hashtag(ctx: Context) -> Iterator[Hit]:
    forbidden = {hashtag_key(tag) for tag in ctx.guide.hashtags.for_platform(ctx.platform).forbidden}
    for span in ctx.scan.hashtags():
        if hashtag_key(span.text(ctx.text)) in forbidden:
            yield Hit(span.start, span.end, span.text(ctx.text))


def emoji(ctx: Context) -> Iterator[Hit]:
    policy = ctx.guide.emoji
    for count, match in enumerate(EMOJI.finditer(ctx.text), 1):
        start, end = match.span()
        if not policy.allows(match.group(0)):
            yield Hit(start, end, match.group(0), message="emoji-allowed")
        elif policy.max is not None and count > policy.max:
            yield Hit(start, end, match.group(0), message="emoji-none" if policy.max == 0 else
                      "emoji-max", values={"max": policy.max})


# ---- punctuation and spacing -------------------------------------------------------------------
FULL_WIDTH = {",": "，", "!": "！", "?": "？", ";": "；", ":": "：", ".": "。", "(": "（", ")": "）"}
_HALF = re.compile(r"[!?]+|[,;:.]|\((?P<inner>[^()\n]*)\)")
_EMOTICON = re.compile(r"[)(]|[DPp](?![A-Za-z0-9])")
_NOT_A_STOP = re.compile(r"[.。A-Za-z0-9]")
_SPACES = re.compile(r"[ \t]+(?=\S)")


def _is_cjk(char: str) -> bool:
    return bool(char) and bool(CJK_RE.match(char))


def _chinese_context(ctx: Context, index: int) -> bool:
    """Chinese when the letter just before is Chinese, or the clause starts in Chinese."""
    before = index - 1
    while before >= 0 and ctx.text[before] in " \t":
        before -= 1
    if before >= 0 and _is_cjk(ctx.text[before]):
        return True
    starts, chinese = ctx.clause_starts
    i = bisect_right(starts, index) - 1
    return i >= 0 and chinese[i]


def _full(ctx: Context, start: int, end: int) -> Hit:
    found = ctx.text[start:end]
    spaces = _SPACES.match(ctx.text, end)
    if spaces and found[-1] not in "(":
        found += spaces.group(0)
        end = spaces.end()
    return Hit(start, end, found, "".join(FULL_WIDTH[c] for c in found.strip(" \t")))


def full_width_punctuation(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    for match in _HALF.finditer(text):
        start, end = match.span()
        before, after = text[start - 1:start], text[end:end + 1]
        if match.group(0)[0] == "(":
            inner = match.group("inner")
            if (CJK_RE.search(inner) or _is_cjk(before) or _is_cjk(after)):
                if not ctx.scan.overlaps(start, start + 1):
                    yield Hit(start, start + 1, "(", "（")
                if not ctx.scan.overlaps(end - 1, end):
                    yield _full(ctx, end - 1, end)
            continue
        mark = match.group(0)[0]
        if ctx.scan.overlaps(start, end) or (before.isdigit() and after.isdigit()):
            continue
        if mark in ":;" and _EMOTICON.match(text, end):
            continue  # :) ;( :D
        if mark == "." and (not _is_cjk(before) or _NOT_A_STOP.match(text, end)):
            continue  # decimals, versions, abbreviations and … stay
        if _chinese_context(ctx, start):
            yield _full(ctx, start, end)


_MISSING_SPACE = re.compile(f"(?=({CJK}{LATIN}|{LATIN}{CJK}))")


def cjk_latin_space(ctx: Context) -> Iterator[Hit]:
    """A space between Chinese and Latin letters or digits; not inside URLs, e-mail addresses,
    @mentions and #hashtags (full-width punctuation never needs one: it is not a letter)."""
    for match in _MISSING_SPACE.finditer(ctx.text):
        start, pair = match.start(), match.group(1)
        if ctx.scan.overlaps(start, start + 1) and ctx.scan.overlaps(start + 1, start + 2):
            continue
        yield Hit(start, start + 2, pair, f"{pair[0]} {pair[1]}")


def _platform_name(platform: str | None) -> str:
    if not platform:
        return ""
    name = t(f"voice.platform.{platform}")
    return platform if name.startswith("voice.") else name


# ---- length ------------------------------------------------------------------------------------
def length(ctx: Context) -> Iterator[Hit]:
    house = getattr(ctx.guide.length, ctx.kind, {})
    limits = [house.get(ctx.platform) or house.get("default") if ctx.platform else house.get("default"),
              limit_for(ctx.platform, ctx.kind)]
    limit = min((n for n in limits if n), default=None)
    if limit is None:
        return
    start = overflow_start(ctx.text, limit, ctx.platform)
    if start is not None:
        yield Hit(start, len(ctx.text), "", message="length" if ctx.platform else "length-any",
                  values={"count": count_chars(ctx.text, ctx.platform), "limit": limit,
                          "platform": _platform_name(ctx.platform)})


RULES: dict[str, Callable[[Context], Iterator[Hit]]] = {
    "banned-word": banned_word,
    "preferred-term": preferred_term,
    "tone-word": tone_word,
    "required-hashtag": required_hashtag,
    "forbidden-hashtag": forbidden_hashtag,
    "emoji": emoji,
    "full-width-punctuation": full_width_punctuation,
    "cjk-latin-space": cjk_latin_space,
    "length": length,
}
