"""How long a post or reply may be on each platform, and how each platform counts.

One table for everything that checks length (``xiaobian lint``, the reply editor, the post
editor). X weighs characters as twitter-text v3 does: most Latin, Greek, Cyrillic and general
punctuation count 1, everything else (CJK, full-width punctuation) 2, an emoji sequence 2 and a
URL 23. Elsewhere one character counts 1 and an emoji sequence (👨‍👩‍👧, 👍🏽, 🇹🇼) counts 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from xiaobian.voice.text import EMOJI, URL

PLATFORM_LIMITS: dict[str, dict[str, int]] = {
    # platform: {"post": caption/body limit, "reply": comment/reply limit}, in that platform's units
    "x": {"post": 280, "reply": 280},
    "threads": {"post": 500, "reply": 500},
    "instagram": {"post": 2200, "reply": 2200},
    "facebook": {"post": 63206, "reply": 8000},
    "youtube": {"post": 5000, "reply": 10000},        # post: a video description
    "line": {"post": 5000, "reply": 5000},
    "mastodon": {"post": 500, "reply": 500},          # the default of most servers
    "bluesky": {"post": 300, "reply": 300},
    "tiktok": {"post": 4000, "reply": 150},
    "linkedin": {"post": 3000, "reply": 1250},
}
KINDS = ("post", "reply")

X_URL_WEIGHT = 23
_X_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_UNIT = re.compile(f"(?P<url>{URL.pattern})|(?P<emoji>{EMOJI.pattern})|.", re.IGNORECASE | re.DOTALL)


def limit_for(platform: str | None, kind: str = "post") -> int | None:
    """The platform's own limit for a post or a reply; None for a platform without one here."""
    return PLATFORM_LIMITS.get((platform or "").lower(), {}).get(kind)


def _x_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _X_LIGHT) else 2


def units(text: str, platform: str | None = None) -> Iterator[tuple[int, int, int]]:
    """``(start, end, weight)`` for each counted unit of ``text``, in order."""
    is_x = (platform or "").lower() == "x"
    for match in _UNIT.finditer(text):
        if match.lastgroup == "url" and is_x:
            weight = X_URL_WEIGHT
        elif match.lastgroup == "url":
            for i in range(match.start(), match.end()):
                yield i, i + 1, 1
            continue
        elif match.lastgroup == "emoji":
            weight = 2 if is_x else 1
        elif unicodedata.combining(match.group(0)):
            weight = 0
        else:
            weight = _x_weight(match.group(0)) if is_x else 1
        yield match.start(), match.end(), weight


def count_chars(text: str, platform: str | None = None) -> int:
    """Length as ``platform`` counts it: ``count_chars("咖啡", "x") == 4``, elsewhere 2."""
    return sum(weight for _, _, weight in units(text, platform))


def overflow_start(text: str, limit: int, platform: str | None = None) -> int | None:
    """Index of the first character past ``limit``; None when the text fits."""
    is_x = (platform or "").lower() == "x"
    if len(text) * (2 if is_x else 1) <= limit and not (is_x and URL.search(text)):
        return None  # no unit weighs more than 2 (1 off X) but an X URL: no need to walk
    total = 0
    for start, _, weight in units(text, platform):
        total += weight
        if total > limit:
            return start
    return None
