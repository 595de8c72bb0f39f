"""What brand-voice rules see in a text: Chinese and Latin characters, emoji, and the spans that
are not prose (URLs, e-mail addresses, @mentions, #hashtags), which the spacing and punctuation
rules leave alone."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK = f"[{_HAN}\u3040-\u30ff\u3100-\u312f]"  # Han, kana, bopomofo
LATIN = "[A-Za-z0-9]"
CJK_RE = re.compile(CJK)

# Emoji: anything in the supplementary symbol planes, the BMP symbols that show as emoji by
# default, the other BMP pictographs only with VS16 (so ★ → and ❤ stay text, ❤️ is emoji),
# keycaps, flags, skin tones, ZWJ sequences and tag sequences, each as one unit.
_PICTO_BMP = ("\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2\u25a0-\u25ff"
              "\u2600-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299")
_PRESENTATION_BMP = ("\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653"
                     "\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea"
                     "\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e"
                     "\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55")
_SUPP = "\U0001f000-\U0001faff"
_TONE = "[\U0001f3fb-\U0001f3ff]?\ufe0f?"
_FIRST = f"(?:[{_SUPP}{_PRESENTATION_BMP}]|[{_PICTO_BMP}]\ufe0f){_TONE}"
_JOINED = f"[{_SUPP}{_PICTO_BMP}]\ufe0f?{_TONE}"
EMOJI = re.compile(f"[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*]\ufe0f?\u20e3"
                   f"|{_FIRST}(?:\u200d{_JOINED})*[\U000e0020-\U000e007f]*")
_MODIFIERS = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'（）「」『』，。！？；：、]+(?<![.,!?;:)\]}'\"])",
                 re.IGNORECASE)
# Starts only where a run of address characters starts, and the local part is at most 64 of
# them (RFC 5321): without both, a 40,000-letter name was tried from every position (quadratic).
_EMAIL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_MENTION = (r"(?<![A-Za-z0-9_.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
            r"(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?")
_HASHTAG = r"(?<![A-Za-z0-9_&#＃])[#＃](?=\w*[^\W\d_])\w+"  # 咖啡#山嵐 is one, C#語言 is not
NOT_PROSE_KINDS = frozenset({"url", "email", "mention", "hashtag"})
_NOT_PROSE = re.compile(f"(?P<url>{URL.pattern})|(?P<email>{_EMAIL})|(?P<mention>{_MENTION})"
                        f"|(?P<hashtag>{_HASHTAG})", re.IGNORECASE)


def emoji_key(emoji: str) -> str:
    """An emoji without skin tone or VS16, for comparing against an allowed list."""
    return _MODIFIERS.sub("", emoji)


def hashtag_key(tag: str) -> str:
    """``#山嵐咖啡``, ``＃山嵐咖啡`` and ``山嵐咖啡`` compare equal; Latin case is ignored."""
    return tag.strip().lstrip("#＃").casefold()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # url, email, mention, hashtag

    def text(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class Scanned:
    """A text with its non-prose spans found once, for every rule to share."""

    text: str
    spans: list[Span] = field(init=False)

    def __post_init__(self) -> None:
        self.spans = [Span(m.start(), m.end(), m.lastgroup or "")
                      for m in _NOT_PROSE.finditer(self.text)]
        self._starts = [s.start for s in self.spans]

    def overlaps(self, start: int, end: int, kinds: frozenset[str] = NOT_PROSE_KINDS) -> bool:
        """True when any character of ``[start, end)`` is inside a span of one of ``kinds``."""
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self.spans[i].end > start:
            if self.spans[i].kind in kinds:
                return True
            i -= 1
        return False

    def hashtags(self) -> list[Span]:
        return [s for s in self.spans if s.kind == "hashtag"]
