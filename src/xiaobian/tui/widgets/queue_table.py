"""QueueTable: one page of the triage queue (never more than a page of rows in the widget)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from xiaobian.i18n import t
from xiaobian.timeutil import from_iso
from xiaobian.tui.safe_text import clean
from xiaobian.tui.themes import resolve_colour
from xiaobian.tui.widgets.cells import age, platform_badge, sentiment_mark, sla_state

FIXED_COLUMNS = (("mark", 1), ("platform", 2), ("age", 4), ("author", 12), ("status", 8), ("sentiment", 1))
NEEDS_REPLY = ("new", "open")


class QueueTable(DataTable):
    """Rows are keyed by comment id. Cells are rich ``Text`` built from sanitised text only."""

    BINDINGS = [
        Binding("j", "cursor_down", "key.down", show=False, id="queue-down"),
        Binding("k", "cursor_up", "key.up", show=False, id="queue-up"),
    ]

    DEFAULT_CSS = """
    QueueTable {
        height: 1fr;
    }
    """

    class EdgeReached(Message):
        """The cursor tried to move past the first or last row: the screen loads the next page."""

        def __init__(self, direction: int) -> None:
            super().__init__()
            self.direction = direction

    def action_cursor_down(self) -> None:
        if self._rows and self.cursor_row >= len(self._rows) - 1:
            self.post_message(self.EdgeReached(1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self._rows and self.cursor_row == 0:
            self.post_message(self.EdgeReached(-1))
        else:
            super().action_cursor_up()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.marked: set[int] = set()
        self._rows: list = []
        self._last_render: dict = {}

    def on_mount(self) -> None:
        for key, width in FIXED_COLUMNS:
            self.add_column(t(f"queue.col_{key}"), width=width, key=key)
        self.add_column(t("queue.col_text"), width=self._text_width(), key="text")

    def on_resize(self) -> None:
        """The comment column takes what the fixed columns leave; rows are re-cut to fit."""
        width = self._text_width()
        column = self.columns.get("text")
        if column is not None and column.width != width:
            column.width = width
            if self._rows:
                self.show_rows(self._rows, **self._last_render)

    def _text_width(self) -> int:
        """What the fixed columns (each padded by one cell a side), the comment column's own
        padding and the vertical scrollbar leave over."""
        used = sum(width + 2 for _, width in FIXED_COLUMNS) + 2 + 2
        return max(10, self.size.width - used)

    def _style(self, variable: str, **extra) -> Style:
        variables = self.app.theme_variables
        color = resolve_colour(variables.get(variable), variables)
        return Style(color=color.rich_color, **extra) if color else Style(**extra)

    def show_rows(self, rows: Sequence, *, now: datetime, me: str, sla_minutes: int,
                  keep_cursor: bool = True) -> None:
        previous = self.cursor_row if keep_cursor else 0
        self._last_render = {"now": now, "me": me, "sla_minutes": sla_minutes}
        self._rows = list(rows)
        self.clear()
        width = self._text_width()
        for row in self._rows:
            self.add_row(*self._cells(row, now, me, sla_minutes, width), key=str(row.id))
        if self._rows:
            self.move_cursor(row=min(previous, len(self._rows) - 1), animate=False)

    def _cells(self, row, now: datetime, me: str, sla_minutes: int, width: int) -> list[Text]:
        age_text, minutes = age(row.created_at, now)
        sla = sla_state(minutes, sla_minutes, row.status in NEEDS_REPLY)
        mark, feeling = sentiment_mark(row.sentiment)
        claimed_by_other = (row.claimed_by and row.claimed_by != me and row.claim_expires
                            and from_iso(row.claim_expires) > now)
        if claimed_by_other:
            status = Text(f"@{clean(row.claimed_by)}", style=self._style("claim-other"), overflow="ellipsis")
        else:
            status = Text(t(f"status.{row.status}"), style=self._style(f"status-{row.status}"))
        preview = Text(clean(" ".join(row.preview.split())), overflow="ellipsis", no_wrap=True)
        preview.truncate(width, overflow="ellipsis")
        return [
            Text("●" if row.id in self.marked else " ", style=self._style("accent")),
            Text(platform_badge(row.platform), style=self._style(f"platform-{row.platform}", bold=True)),
            Text(age_text, style=self._style(f"sla-{sla}")),
            Text(clean(row.author_name), overflow="ellipsis", no_wrap=True),
            status,
            Text(mark, style=self._style(f"sentiment-{feeling}", bold=True)),
            preview,
        ]

    @property
    def rows_shown(self) -> list:
        return self._rows

    @property
    def current(self):
        if not self._rows or self.cursor_row >= len(self._rows):
            return None
        return self._rows[self.cursor_row]

    def toggle_mark(self) -> None:
        row = self.current
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self.update_cell(str(row.id), "mark", Text("●" if row.id in self.marked else " ",
                                                    style=self._style("accent")))
