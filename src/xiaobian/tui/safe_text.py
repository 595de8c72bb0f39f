"""The one door from untrusted text (comments, posts, names, tags) to the screen.

Strangers' text is never markup (``Content``/``Text`` objects only), and the terminal escape
sequences inside it are neutralised here, because Textual passes them through even on the
literal paths (shared/RELIABILITY.md §2). Raw text stays unchanged in the database.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from xiaobian.sanitize import MAX_CHARS, clean

__all__ = ["clean", "one_line", "safe_text"]


def safe_text(text: str | None, *, max_chars: int = MAX_CHARS, style: str = "") -> Content:
    cleaned = clean(text, max_chars)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def one_line(text: str | None, width: int) -> str:
    """Whitespace collapsed, cut to ``width`` terminal cells with "…" (CJK and emoji aware)."""
    flat = " ".join(clean(text, max_chars=max(width * 4, 64)).split())
    if cell_len(flat) <= width:
        return flat
    return set_cell_size(flat, max(width - 1, 0)) + "…" if width > 0 else ""
