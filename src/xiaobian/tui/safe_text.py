"""The one door from untrusted text (comments, posts, names, tags) to the screen.

Strangers' text is never markup (``Content``/``Text`` objects only), and the terminal escape
sequences inside it are neutralised here, because Textual passes them through even on the
literal paths (shared/RELIABILITY.md §2). Raw text stays unchanged in the database.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.document._edit import Edit
from textual.document._document import EditResult
from textual.widgets import Input, TextArea

from xiaobian.sanitize import MAX_CHARS, clean

__all__ = ["SafeInput", "SafeTextArea", "clean", "clean_typed", "one_line", "safe_text"]


def safe_text(text: str | None, *, max_chars: int = MAX_CHARS, style: str = "") -> Content:
    cleaned = clean(text, max_chars)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def one_line(text: str | None, width: int) -> str:
    """Whitespace collapsed, cut to ``width`` terminal cells with "…" (CJK and emoji aware)."""
    flat = " ".join(clean(text, max_chars=max(width * 4, 64)).split())
    if cell_len(flat) <= width:
        return flat
    return set_cell_size(flat, max(width - 1, 0)) + "…" if width > 0 else ""


def clean_typed(text: str | None) -> str:
    """For editors: neutralised like ``clean`` but never cut (a post may be long)."""
    return clean(text, max_chars=None)


class SafeTextArea(TextArea):
    """A TextArea whose every piece of text is cleaned on the way in.

    Textual passes escape sequences in a TextArea's text to the terminal (an OSC 52 in a
    stranger's name, filled into a reply template, wrote the triager's clipboard). Every way
    text gets in (the constructor, ``load_text``/``.text =``, typing, paste, ``insert``/
    ``replace``) ends in ``_set_document`` or ``edit``; each fragment is cleaned there, and a
    cleaned fragment holds no ESC or C1 byte, so fragments cannot join into a sequence.
    """

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(clean_typed(text), language)

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_typed(edit.text)
        return super().edit(edit)


class SafeInput(Input):
    """An Input whose value is always cleaned (prefill, ``.value =``, typing, paste), one line."""

    def validate_value(self, value: str) -> str:
        return clean_typed(value).replace("\n", " ")

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean_typed(text).replace("\n", " "), start, end)
