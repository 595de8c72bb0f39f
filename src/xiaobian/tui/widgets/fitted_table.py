"""FittedTable: a DataTable of a few dozen records whose one flexible column takes the width
left over, redrawn on resize. Cells are rich ``Text`` built from cleaned strings (never markup),
coloured from theme variables."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from xiaobian.i18n import t
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import one_line
from xiaobian.tui.themes import resolve_colour

PAD = 1  # DataTable's cell padding, each side


class FittedTable(DataTable):
    COLUMNS: tuple[tuple[str, int], ...] = ()
    """(catalog key of the heading, width); width 0 is the flexible column."""
    BINDINGS = [
        Binding("j", "cursor_down", "key.down", show=False, id="table-down"),
        Binding("k", "cursor_up", "key.up", show=False, id="table-up"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", cell_padding=PAD, **kwargs)
        localize_bindings(self)
        self._records: list = []

    # ---- what subclasses say --------------------------------------------------------------
    def key_of(self, record) -> str:
        raise NotImplementedError

    def cells(self, record, widths: Sequence[int]) -> list[Text]:
        raise NotImplementedError

    # ---- drawing ---------------------------------------------------------------------------
    def show(self, records: Sequence, keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on the record with key ``keep`` (default: the
        current one) when it is still there."""
        keep = keep if keep is not None else self.current_key
        self._records = list(records)
        self._draw(keep)

    def _widths(self) -> list[int]:
        fixed = sum(width for _, width in self.COLUMNS)
        spare = self.size.width - fixed - 2 * PAD * len(self.COLUMNS) - 2  # room for a scrollbar
        return [width or max(8, spare) for _, width in self.COLUMNS]

    def _draw(self, keep: str | None) -> None:
        widths = self._widths()
        self.clear(columns=True)
        for (label, _), width in zip(self.COLUMNS, widths, strict=True):
            self.add_column(Text(t(label), style="bold"), width=width)
        for record in self._records:
            self.add_row(*self.cells(record, widths), key=self.key_of(record))
        keys = [self.key_of(r) for r in self._records]
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)

    def on_resize(self) -> None:
        if self._records:
            self._draw(self.current_key)

    # ---- reading ---------------------------------------------------------------------------
    @property
    def records(self) -> list:
        return self._records

    @property
    def current(self):
        if not self._records or not 0 <= self.cursor_row < len(self._records):
            return None
        return self._records[self.cursor_row]

    @property
    def current_key(self) -> str | None:
        record = self.current
        return self.key_of(record) if record is not None else None

    def row_text(self, index: int) -> list[str]:
        """A row's cells as shown (for tests)."""
        return [cell.plain for cell in self.get_row_at(index)]

    # ---- cells -----------------------------------------------------------------------------
    def style(self, variable: str | None, **extra) -> Style:
        """The colour of a theme variable; ``text-muted`` (a blend, not a colour) is dim text."""
        if variable is None:
            return Style(**extra)
        if variable == "text-muted":
            return Style(dim=True, **extra)
        variables = self.app.theme_variables
        colour = resolve_colour(variables.get(variable), variables)
        return Style(color=colour.rich_color, **extra) if colour else Style(**extra)

    def text(self, value: str | None, width: int, variable: str | None = None, **extra) -> Text:
        return Text(one_line(value, width), style=self.style(variable, **extra), no_wrap=True)
