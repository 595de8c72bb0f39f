"""Chart: one ChartView drawn in the active theme's colours, again on every resize and theme change.

Time series go through plotext (its ANSI output read back with ``Text.from_ansi``, each chart
on its own figure, never plotext's shared global one). Labelled bars and the weekday × hour heat
map are drawn as text here: their labels are strangers' post titles and people's names, often
Chinese, which plotext neither measures in terminal cells nor keeps free of escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widget import Widget

from xiaobian.i18n import t
from xiaobian.tui.safe_text import one_line
from xiaobian.tui.themes import resolve_colour

HEAT_GLYPHS = "░▒▓█"
NO_COLOR_MARKERS = "•+x*o#%@"
"""With NO_COLOR the lines are told apart by their marker (the legend shows each), not by colour."""
_DAY = re.compile(r"^\d{4}-(\d\d-\d\d)(?:T(\d\d))?$")


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    """A theme variable (``platform-instagram``, ``chart-1``…), never a literal colour."""
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartView:
    """What a chart shows: the drawing (``kind``: lines, bars or heat) and the same numbers as a
    table (``columns``/``rows``) for the ``t`` view, screen readers and copying."""

    kind: str
    labels: tuple[str, ...]
    """Lines: the x buckets; bars: one label per bar; heat: one per row (weekdays)."""
    series: tuple[Series, ...]
    """Heat: one series per row, 24 hourly values each."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    value_format: str = "{:,.0f}"
    marks: tuple[int, ...] = ()
    """Lines: x positions to mark (spikes)."""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.rows

    def fmt(self, value: float | None) -> str:
        return "" if value is None else self.value_format.format(value)


def short_label(label: str) -> str:
    """``2026-11-24`` → ``11-24``; ``2026-11-24T20`` → ``11-24 20h``; anything else as it is."""
    match = _DAY.match(label)
    if not match:
        return label
    return f"{match.group(1)} {match.group(2)}h" if match.group(2) else match.group(1)


class Chart(Widget):
    DEFAULT_CSS = """
    Chart { height: 1fr; width: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: ChartView | None = None
        self._cache: tuple[tuple, Text] | None = None

    def show(self, view: ChartView | None) -> None:
        self.view = view
        self._cache = None
        self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def _colour(self, variable: str) -> Color | None:
        variables = self.app.theme_variables
        return resolve_colour(variables.get(variable), variables)

    def _style(self, variable: str) -> Style:
        colour = self._colour(variable)
        return Style(color=colour.rich_color) if colour else Style()

    def render(self) -> Text:
        width, height = self.size
        key = (width, height, self.app.theme, id(self.view))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._draw(width, height))
        return self._cache[1]

    def _draw(self, width: int, height: int) -> Text:
        view = self.view
        if view is None or width < 10 or height < 3:
            return Text("")
        if view.empty:
            return Text(t("charts.no_data"), style=self._style("chart-axis"))
        if view.kind == "bars":
            return self._bars(view, width)
        if view.kind == "heat":
            return self._heat(view, width)
        legend = self._legend(view, width)
        return Text("\n").join([self._lines(view, width, max(height - len(legend.plain.splitlines()), 3)), legend])

    # ---- lines, through plotext -----------------------------------------------------------------
    def _plotext_colour(self, variable: str):
        colour = self._colour(variable)
        if colour is None or colour.ansi == -1:
            return "default"
        if colour.ansi is not None:
            return colour.ansi
        return (colour.r, colour.g, colour.b)

    def _marker(self, n: int) -> str | None:
        return NO_COLOR_MARKERS[n % len(NO_COLOR_MARKERS)] if self.app.no_color else None

    def _lines(self, view: ChartView, width: int, height: int) -> Text:
        from plotext._figure import _figure_class  # loaded when a chart is first drawn, not at start-up

        fig = _figure_class()
        fig._limit_size(False, False)  # our widget's size, not the terminal's (plotext clamps to it)
        fig.plotsize(width, height)
        fig.theme("clear")
        axis = self._plotext_colour("chart-axis")
        fig.ticks_color(axis)
        fig.axes_color("default")
        fig.canvas_color("default")
        xs = list(range(len(view.labels)))
        values = [v for s in view.series for v in s.values if v is not None]
        for mark in view.marks:
            fig.vline(mark, self._plotext_colour("chart-spike"))
        for n, s in enumerate(view.series):
            points = [(x, v) for x, v in zip(xs, s.values, strict=True) if v is not None]
            if points:
                fig.plot([p[0] for p in points], [p[1] for p in points], color=self._plotext_colour(s.colour),
                         marker=self._marker(n) or "braille")
        top = max(values, default=0) or 1
        low = min(0, min(values, default=0))
        ticks = [low + (top - low) * i / 4 for i in range(5)]
        fig.ylim(low, top)
        fig.yticks(ticks, [view.fmt(v) for v in ticks])
        fig.xlim(0, max(len(xs) - 1, 1))
        count = max(2, min(len(xs), width // 14))
        at = sorted({round(i * (len(xs) - 1) / (count - 1)) for i in range(count)}) if len(xs) > 1 else [0]
        fig.xticks(at, [short_label(view.labels[i]) for i in at])
        return Text.from_ansi(fig.build().rstrip("\n"), no_wrap=True, end="")

    def _legend(self, view: ChartView, width: int) -> Text:
        """One item per series (and the spike mark), wrapped between items, never inside one."""
        items = [Text.assemble((f"{self._marker(n) or '■'} ", self._style(s.colour)), one_line(s.label, 24))
                 for n, s in enumerate(view.series)]
        if view.marks:
            items.append(Text.assemble(("│ ", self._style("chart-spike")), t("charts.spike")))
        lines = [Text()]
        for item in items:
            if lines[-1].cell_len and lines[-1].cell_len + 2 + item.cell_len > width:
                lines.append(Text())
            if lines[-1].cell_len:
                lines[-1].append("  ")
            lines[-1].append_text(item)
        return Text("\n").join(lines)

    # ---- bars and heat map, as text -------------------------------------------------------------
    def _bars(self, view: ChartView, width: int) -> Text:
        label_w = min(max((cell_len(one_line(label, 40)) for label in view.labels), default=0), max(width // 3, 8))
        values = [v for s in view.series for v in s.values if v is not None]
        top = max(values, default=0) or 1
        texts = [[view.fmt(s.values[i]) for s in view.series] for i in range(len(view.labels))]
        value_w = max((cell_len(" / ".join(x for x in row if x)) for row in texts), default=0)
        bar_w = max(width - label_w - value_w - 3, 4)
        glyphs = ("█", "▒")
        lines = []
        for i, label in enumerate(view.labels):
            shown = one_line(label, label_w)
            line = Text(shown + " " * (label_w - cell_len(shown) + 1))
            drawn = 0
            for n, s in enumerate(view.series):
                value = s.values[i]
                if value is None:
                    continue
                cells = max(round(bar_w * value / top), 1 if value > 0 else 0) - drawn
                if cells > 0:
                    line.append(glyphs[min(n, 1)] * cells, self._style(s.colour))
                    drawn += cells
            line.append(" " * (bar_w - drawn + 1))
            line.append(" / ".join(x for x in texts[i] if x), self._style("chart-axis"))
            lines.append(line)
        legend = self._legend(view, width) if len(view.series) > 1 else None
        return Text("\n").join(lines + ([Text(""), legend] if legend else []))

    def _heat(self, view: ChartView, width: int) -> Text:
        label_w = max((cell_len(label) for label in view.labels), default=0) + 1
        cell_w = max(1, min(3, (width - label_w) // 24))
        values = [v for s in view.series for v in s.values if v is not None]
        top = max(values, default=0) or 1
        style = self._style("chart-heat")
        axis = self._style("chart-axis")
        header = Text(" " * label_w)
        for hour in range(24):
            header.append((str(hour) if hour % (3 if cell_w < 3 else 2) == 0 else "").ljust(cell_w), axis)
        lines = [header]
        for label, s in zip(view.labels, view.series, strict=True):
            line = Text(label + " " * (label_w - cell_len(label)), axis)
            for value in s.values:
                if value is None:
                    line.append("·".ljust(cell_w), axis)
                else:
                    level = min(int(len(HEAT_GLYPHS) * value / top), len(HEAT_GLYPHS) - 1)
                    line.append(HEAT_GLYPHS[level] * cell_w, style)
            lines.append(line)
        scale = Text.assemble((" ".join(HEAT_GLYPHS), style),
                              ("  " + t("charts.heat_scale", top=view.fmt(top)), axis))
        return Text("\n").join([*lines, Text(""), scale])
