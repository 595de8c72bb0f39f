"""CalendarGrid: a month (4–6 week rows) or a week (one tall row) of posts, drawn line by line.

Every cell shows its day number, cadence-gap marks (``!IG``) and one line per post: a status
glyph, the platform badge and the title (with the time in the week view). Post text is a
stranger-proof one-liner; colours come from theme variables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from xiaobian.i18n import t
from xiaobian.planning.period import Period
from xiaobian.store.calendar import Entry
from xiaobian.timeutil import from_iso
from xiaobian.tui.safe_text import one_line
from xiaobian.tui.themes import resolve_colour
from xiaobian.tui.widgets.cells import platform_badge

STATUS_GLYPHS = {"idea": "·", "draft": "○", "scheduled": "◔", "published": "●"}
Piece = tuple[str, Style]


def split_width(total: int, parts: int) -> list[int]:
    base, extra = divmod(max(total, parts), parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def pad(pieces: Sequence[Piece], width: int, base: Style) -> list[Segment]:
    """Pieces cut or padded to exactly ``width`` cells."""
    segments, used = [], 0
    for text, style in pieces:
        room = width - used
        if room <= 0:
            break
        if cell_len(text) > room:
            text = set_cell_size(text, room)
        segments.append(Segment(text, base + style))
        used += cell_len(text)
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return segments


class CalendarGrid(Widget):
    COMPONENT_CLASSES = {"calendar-grid--cursor", "calendar-grid--selected", "calendar-grid--header",
                         "calendar-grid--rule", "calendar-grid--outside"}
    DEFAULT_CSS = """
    CalendarGrid { width: 1fr; height: 1fr; background: $surface; color: $foreground; }
    CalendarGrid > .calendar-grid--header { background: $panel; text-style: bold; }
    CalendarGrid > .calendar-grid--rule { color: $panel; }
    CalendarGrid > .calendar-grid--outside { color: $text-muted; }
    CalendarGrid > .calendar-grid--selected { background: $boost; }
    CalendarGrid > .calendar-grid--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.weeks: list[list[date]] = []
        self.period: Period | None = None
        self.month: int | None = None
        self.selected: date | None = None
        self.today: date | None = None
        self.tz: tzinfo | None = None
        self.with_times = False
        self._lines: list[Strip] = []
        self._built_for: tuple | None = None

    def show(self, weeks: list[list[date]], period: Period, *, month: int | None, selected: date,
             today: date, tz: tzinfo, with_times: bool) -> None:
        self.weeks, self.period, self.month = weeks, period, month
        self.selected, self.today, self.tz, self.with_times = selected, today, tz, with_times
        self._built_for = None
        self.refresh()

    # ---- drawing ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        size = (self.size.width, self.size.height)
        if self._built_for != size:
            self._lines = self._build(*size)
            self._built_for = size
        return self._lines[y] if y < len(self._lines) else Strip.blank(self.size.width, self.rich_style)

    def _style(self, variable: str, **extra) -> Style:
        variables = self.app.theme_variables
        color = resolve_colour(variables.get(variable), variables)
        return Style(color=color.rich_color, **extra) if color else Style(**extra)

    def _build(self, width: int, height: int) -> list[Strip]:
        if not self.weeks or self.period is None or width < 7:
            return []
        widths = split_width(width - 6, 7)
        rule = Segment("│", self.get_component_rich_style("calendar-grid--rule"))
        header_style = self.get_component_rich_style("calendar-grid--header")
        header: list[Segment] = []
        for i, w in enumerate(widths):
            header += pad([(f" {t(f'calendar.weekday.{i}')}", Style())], w, header_style)
            if i < 6:
                header.append(Segment(" ", header_style))
        lines = [Strip(header, width)]
        cell_height = max(2, (height - 1) // len(self.weeks))
        for week in self.weeks:
            cells = [self._cell(day, cell_height) for day in week]
            for row in range(cell_height):
                segments: list[Segment] = []
                for i, (day, w) in enumerate(zip(week, widths, strict=True)):
                    base = self._base(day, head=row == 0)
                    segments += pad(cells[i][row] if row < len(cells[i]) else [], w, base)
                    if i < 6:
                        segments.append(rule)
                lines.append(Strip(segments, width))
        return lines

    def _base(self, day: date, *, head: bool) -> Style:
        if day != self.selected:
            return Style()
        return self.get_component_rich_style("calendar-grid--cursor" if head else "calendar-grid--selected")

    def _cell(self, day: date, height: int) -> list[list[Piece]]:
        period = self.period
        outside = self.month is not None and day.month != self.month
        number = f"{day.month}/{day.day}" if day.day == 1 or day == self.weeks[0][0] else f"{day.day}"
        style = (self._style("calendar-today", bold=True) if day == self.today
                 else self.get_component_rich_style("calendar-grid--outside") if outside else Style(bold=True))
        head: list[Piece] = [(f" {number}", style)]
        gaps = period.gaps_on(day)
        if gaps:  # one quiet platform by name, several as a count (the day list names them)
            mark = platform_badge(gaps[0].platform) if len(gaps) == 1 else str(len(gaps))
            head.append((f" !{mark}", self._style("calendar-gap")))
        lines = [head]
        entries = period.day(day)
        room = height - 1
        if len(entries) > room == 1:  # no room for titles: one dot per post, in its platform's colour
            lines.append([(" ", Style())] + [(STATUS_GLYPHS.get(e.status, "?"), self._style(f"platform-{e.platform}"))
                                             for e in entries])
            return lines
        if self.with_times:  # the week view: a line for time and platforms, one for the title
            per_entry = 2
            shown = entries if 2 * len(entries) <= room else entries[:max(room - 1, 0) // 2]
        else:
            per_entry = 1
            shown = entries if len(entries) <= room else entries[:max(room - 1, 0)]
        for entry in shown:
            pieces = self._entry(entry)
            lines += [pieces[:-1], [(" " * 2, Style()), pieces[-1]]] if per_entry == 2 else [pieces]
        if len(shown) < len(entries):
            lines.append([(" " + t("calendar.more", count=len(entries) - len(shown)), Style(dim=True))])
        return lines

    def _entry(self, entry: Entry) -> list[Piece]:
        pieces: list[Piece] = [(" " + STATUS_GLYPHS.get(entry.status, "?"), self._style(f"post-{entry.status}"))]
        if self.with_times and entry.at:
            pieces.append((from_iso(entry.at).astimezone(self.tz).strftime("%H:%M "), Style()))
        for platform in entry.platforms[:3 if self.with_times else 1]:
            pieces.append((platform_badge(platform), self._style(f"platform-{platform}", bold=True)))
        pieces.append((("" if self.with_times else " ") + one_line(entry.title, 60), Style()))
        return pieces
