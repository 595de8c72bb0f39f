"""The one door from untrusted text (comments, posts, names, tags) to the screen.

Strangers' text is never markup (``Content``/``Text`` objects only), and the terminal escape
sequences inside it are neutralised here, because Textual passes them through even on the
literal paths (shared/RELIABILITY.md §2). Raw text stays unchanged in the database.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from textual.content import Content

_CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC DCS SOS PM APC
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"                                            # CSI, 7- and 8-bit
    r"|\x1b[ -/]*[0-~]?"                                                             # other ESC, lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"                                                # C0 but \t \n, DEL, C1
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")  # not U+200D: emoji sequences need ZWJ
REPLACEMENT = "\ufffd"
MAX_CHARS = 20_000


def clean(text: str | None, max_chars: int = MAX_CHARS) -> str:
    """Neutralise escapes, controls and bidi overrides (shown as �); cap the length."""
    if not text:
        return ""
    if len(text) > max_chars:
        text = text[:max_chars] + "…"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_SEQUENCE.sub(REPLACEMENT, text)
    text = _BIDI.sub(REPLACEMENT, text)
    return _INVISIBLE.sub("", text)


def safe_text(text: str | None, *, max_chars: int = MAX_CHARS, style: str = "") -> Content:
    cleaned = clean(text, max_chars)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def one_line(text: str | None, width: int) -> str:
    """Whitespace collapsed, cut to ``width`` terminal cells with "…" (CJK and emoji aware)."""
    flat = " ".join(clean(text, max_chars=max(width * 4, 64)).split())
    if cell_len(flat) <= width:
        return flat
    return set_cell_size(flat, max(width - 1, 0)) + "…" if width > 0 else ""
