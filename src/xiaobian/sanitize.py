"""Neutralise strangers' text before it reaches a terminal: the TUI, CLI output, reports.

Terminal escape sequences (OSC 52 clipboard writes, OSC 8 links, CSI), C0/C1 controls and bidi
overrides are shown as � instead of executed; zero-width characters are dropped. Raw text
stays unchanged in the database.
"""

from __future__ import annotations

import re

_CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC DCS SOS PM APC
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"                                            # CSI, 7- and 8-bit
    r"|\x1b[ -/]*[0-~]?"                                                             # other ESC, lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"                                                # C0 but \t \n, DEL, C1
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# line/paragraph separators break a line where the terminal does not expect it
_SEPARATORS = re.compile("[\u2028\u2029]")
# zero-width, tag characters (U+E0000-E007F, hide a payload in plain sight) and the Hangul
# fillers that look like a blank name; not U+200D: emoji sequences need ZWJ
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u115f\u1160\u3164\uffa0\U000e0000-\U000e007f]")
# what may stand before a formula start and still let a spreadsheet see it as a formula
_FORMULA_LEAD = re.compile("[\\s\u200b-\u200f\u061c\u2060-\u2064\ufeff]*")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
REPLACEMENT = "\ufffd"
MAX_CHARS = 20_000


def clean(text: str | None, max_chars: int | None = MAX_CHARS) -> str:
    """Neutralise escapes, controls and bidi overrides (shown as �); cap the length (None: no cap)."""
    if not text:
        return ""
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars] + "…"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_SEQUENCE.sub(REPLACEMENT, text)
    text = _BIDI.sub(REPLACEMENT, text)
    text = _SEPARATORS.sub("\n", text)
    return _INVISIBLE.sub("", text)


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would run: ``= + - @`` (or tab, CR, NUL), even behind spaces or marks."""
    return text.startswith(FORMULA_START) or text[_FORMULA_LEAD.match(text).end():].startswith(FORMULA_START)
