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
