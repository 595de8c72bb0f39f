"""QueueTable: one page of the triage queue, drawn line by line.

A DataTable renders every visible cell through a Rich console (about 100 ms to show a new
page); this widget builds each row's strip once from sanitised text and caches it, so paging
and cursor moves cost a few milliseconds. It never holds more than a page of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from xiaobian.i18n import t
from xiaobian.timeutil import from_iso
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import clean
from xiaobian.tui.themes import resolve_colour
from xiaobian.tui.widgets.cells import age, platform_badge, sentiment_mark, sla_state

FIXED_COLUMNS = (("mark", 1), ("platform", 2), ("age", 4), ("author", 12), ("status", 8), ("sentiment", 1))
NEEDS_REPLY = ("new", "open")
PAD = 1  # one blank cell each side of a column


class QueueTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows are comment records; ``cursor_row`` indexes them. Line 0 is the column header."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "key.down", show=False, id="queue-down"),
        Binding("k,up", "cursor_up", "key.up", show=False, id="queue-up"),
        Binding("enter", "select", "key.open", show=False, id="queue-select"),
        Binding("home", "first", "key.first", show=False, id="queue-first"),
        Binding("end", "last", "key.last", show=False, id="queue-last"),
    ]
    COMPONENT_CLASSES = {"queue-table--header", "queue-table--cursor"}
    DEFAULT_CSS = """
    QueueTable {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
    }
    QueueTable > .queue-table--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    QueueTable > .queue-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    QueueTable:focus > .queue-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    cursor_row: reactive[int] = reactive(0)

    class RowHighlighted(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.cursor_row = row

    class RowSelected(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.cursor_row = row

    class EdgeReached(Message):
        """The cursor tried to move past the first or last row: the screen loads the next page."""

        def __init__(self, direction: int) -> None:
            super().__init__()
            self.direction = direction

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        localize_bindings(self)
        self.marked: set[int] = set()
        self._rows: list = []
        self._cells: list[list[tuple[str, Style]]] = []
        self._last_render: dict = {}
        self._strips: dict[tuple, Strip] = {}

    # ---- data ------------------------------------------------------------------------------
    def show_rows(self, rows: Sequence, *, now: datetime, me: str, sla_minutes: int,
                  keep_cursor: bool = True) -> None:
        previous = self.cursor_row if keep_cursor else 0
        self._last_render = {"now": now, "me": me, "sla_minutes": sla_minutes}
        self._rows = list(rows)
        self._cells = [self._row_cells(row, now, me, sla_minutes) for row in self._rows]
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self.cursor_row = min(previous, len(self._rows) - 1) if self._rows else 0
        self._scroll_to_cursor()
        self.refresh()

    def _row_cells(self, row, now: datetime, me: str, sla_minutes: int) -> list[tuple[str, Style]]:
        age_text, minutes = age(row.created_at, now)
        sla = sla_state(minutes, sla_minutes, row.status in NEEDS_REPLY)
        mark, feeling = sentiment_mark(row.sentiment)
        claimed_by_other = (row.claimed_by and row.claimed_by != me and row.claim_expires
                            and from_iso(row.claim_expires) > now)
        if claimed_by_other:
            status = (f"@{clean(row.claimed_by)}", self._style("claim-other"))
        else:
            status = (t(f"status.{row.status}"), self._style(f"status-{row.status}"))
        return [
            ("●" if row.id in self.marked else " ", self._style("accent")),
            (platform_badge(row.platform), self._style(f"platform-{row.platform}", bold=True)),
            (age_text, self._style(f"sla-{sla}")),
            (" ".join(clean(row.author_name, max_chars=200).split()), Style()),
            status,
            (mark, self._style(f"sentiment-{feeling}", bold=True)),
            (" ".join(clean(row.preview, max_chars=1000).split()), Style()),
        ]

    def _style(self, variable: str, **extra) -> Style:
        variables = self.app.theme_variables
        color = resolve_colour(variables.get(variable), variables)
        return Style(color=color.rich_color, **extra) if color else Style(**extra)

    @property
    def rows_shown(self) -> list:
        return self._rows

    @property
    def current(self):
        if not self._rows or self.cursor_row >= len(self._rows):
            return None
        return self._rows[self.cursor_row]

    def row_text(self, index: int) -> list[str]:
        """The cells of a row as shown (for tests and screen readers)."""
        return [text for text, _ in self._cells[index]]

    def toggle_mark(self) -> None:
        row = self.current
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self._cells[self.cursor_row][0] = ("●" if row.id in self.marked else " ", self._style("accent"))
        self._strips.clear()
        self.refresh()

    # ---- cursor ----------------------------------------------------------------------------
    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if self._rows:
            self.cursor_row = max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if old != new and self._rows:
            self.post_message(self.RowHighlighted(new))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)  # minus the header
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        if self._rows and self.cursor_row >= len(self._rows) - 1:
            self.post_message(self.EdgeReached(1))
        else:
            self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        if self._rows and self.cursor_row == 0:
            self.post_message(self.EdgeReached(-1))
        else:
            self.move_cursor(row=self.cursor_row - 1)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= index < len(self._rows):
            self.move_cursor(row=index)
            self.post_message(self.RowSelected(index))

    # ---- drawing ---------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self._strips.clear()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _widths(self) -> list[int]:
        fixed = [width for _, width in FIXED_COLUMNS]
        used = sum(width + 2 * PAD for width in fixed) + 2 * PAD + self.scrollbar_size_vertical
        return [*fixed, max(10, self.size.width - used)]

    def _strip(self, cells: Sequence[tuple[str, Style]], base: Style, cursor: bool = False) -> Strip:
        """One line; on the cursor row the cursor's colours win over the cells' own."""
        segments = []
        for (text, style), width in zip(cells, self._widths(), strict=True):
            if cell_len(text) > width:
                text = set_cell_size(text, max(width - 1, 0)) + "…" if width > 1 else text[:width]
            cell_style = style + base if cursor else base + style
            segments.append(Segment(" " * PAD + set_cell_size(text, width) + " " * PAD, cell_style))
        return Strip(segments).extend_cell_length(self.size.width, base).crop(0, self.size.width)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            key = ("header",)
            if key not in self._strips:
                names = [t(f"queue.col_{name}") for name, _ in FIXED_COLUMNS] + [t("queue.col_text")]
                header = self.get_component_rich_style("queue-table--header")
                self._strips[key] = self._strip([(name, Style()) for name in names], header)
            return self._strips[key]
        index = self.scroll_offset.y + y - 1
        if index >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        cursor = index == self.cursor_row
        key = (index, cursor, self.has_focus)
        if key not in self._strips:
            base = self.get_component_rich_style("queue-table--cursor") if cursor else self.rich_style
            self._strips[key] = self._strip(self._cells[index], base, cursor)
        return self._strips[key]

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()
