"""ChartsScreen: reach, engagement, posts compared, posting hours, comment volume, response
times and ads over a period, per platform. Every chart is computed in a thread worker and
has its numbers as a table (``t``) for screen readers and copying."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from xiaobian.i18n import t
from xiaobian.timeutil import zone
from xiaobian.tui.chart_views import CHARTS, PERIODS, period_for
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import clean
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.widgets.chart import Chart, ChartView
from xiaobian.tui.widgets.empty_state import EmptyState

_b = binding_maker("charts")


class ChartsScreen(AreaScreen):
    TITLE_KEY = "screen.charts"
    CSS_PATH = "charts.tcss"
    BINDINGS = [
        _b("p", "cycle_period", "charts.key.period", "period"),
        _b("f", "cycle_platform", "charts.key.platform", "platform"),
        _b("t", "toggle_table", "charts.key.table", "table"),
        _b("j", "move(1)", "key.down", "down", show=False),
        _b("k", "move(-1)", "key.up", "up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart_id = next(iter(CHARTS))
        self.period_choice = "30d"
        self.platform: str | None = None
        self.platforms: list[str] = []
        self.table_view = False
        self.view: ChartView | None = None
        self._views: dict[tuple, ChartView] = {}
        self._wanted: tuple | None = None
        self._computing = False
        self._generation = 0
        """Bumped when the data changes, so a result computed before the change is not kept."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="charts-status", markup=False)
        with Horizontal(id="charts-body"):
            yield OptionList(*[Option(t(f"charts.title.{c}"), id=c) for c in CHARTS], id="chart-list")
            with Vertical(id="chart-pane"):
                yield Static("", id="chart-title", markup=False)
                yield Chart(id="chart")
                yield DataTable(id="chart-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="chart-notes", markup=False)
        yield EmptyState(id="empty-state")

    @property
    def key(self) -> tuple:
        return (self.chart_id, self.period_choice, self.platform)

    def on_mount(self) -> None:
        self.query_one("#empty-state").display = False
        self.query_one("#chart-table").display = False
        self.query_one("#chart-list", OptionList).highlighted = 0
        self.query_one("#chart-list").focus()
        self._update_status()
        self.load()

    # ---- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the chart of the current choice: from the cache, or computed in a worker. One
        computation runs at a time; choices passed over meanwhile (j j j on a million comments)
        are skipped, and the latest is computed next."""
        self._wanted = self.key
        cached = self._views.get(self.key)
        if cached is not None:
            self._show(cached)
            return
        self._loading(True)
        if not self._computing:
            self._computing = True
            self._compute(self.key, self._generation)

    @work(thread=True, group="charts")
    def _compute(self, key: tuple, generation: int) -> None:
        from xiaobian.analytics.series import platforms

        store, settings = self.app.store, self.app.settings
        chart_id, choice, platform = key
        tz = zone(settings.timezone)
        try:
            view = CHARTS[chart_id](store, period_for(choice, self.app.clock(), tz), platform, tz)
            found = platforms(store) if not self.platforms else self.platforms
            empty = view.empty and store.is_empty()
        except Exception as exc:  # a locked or damaged database: say so, keep the screen
            self.app.call_from_thread(self._failed, key, exc)
            return
        self.app.call_from_thread(self._computed, key, generation, view, found, empty)

    def _computed(self, key: tuple, generation: int, view: ChartView, found: list[str], empty: bool) -> None:
        self._computing = False
        if generation != self._generation:  # the data changed while it was computed
            self.load()
            return
        self._views[key] = view
        self.platforms = found
        self.query_one("#empty-state").display = empty
        self.query_one("#charts-body").display = not empty
        if self._wanted != key:
            self.load()
        else:
            self._show(view)

    def _failed(self, key: tuple, exc: Exception) -> None:
        self._computing = False
        self._loading(False)
        self.notify(t("charts.failed", error=clean(str(exc))), severity="error", markup=False)
        if self._wanted != key:
            self.load()

    def _loading(self, busy: bool) -> None:
        self.query_one(Chart).loading = busy
        self.query_one("#chart-table").loading = busy

    def _show(self, view: ChartView) -> None:
        self._loading(False)
        self.view = view
        self.query_one(Chart).show(view)
        self.query_one("#chart-title", Static).update(t(f"charts.title.{self.chart_id}"))
        self.query_one("#chart-notes", Static).update("\n".join(view.notes))
        if self.table_view:
            self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one("#chart-table", DataTable)
        table.clear(columns=True)
        if self.view is None:
            return
        table.add_columns(*self.view.columns)
        table.add_rows([[Text(clean(cell)) for cell in row] for row in self.view.rows])

    def on_data_changed(self, _: DataChanged) -> None:
        self._generation += 1
        self._views.clear()
        self.load()

    def on_screen_resume(self) -> None:
        """Back from another area, where replies or imports may have happened: recompute."""
        super().on_screen_resume()
        if self._views:
            self.on_data_changed(DataChanged())

    # ---- keys ------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#chart-list")
    def _chart_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.chart_id:
            self.chart_id = event.option.id
            self.load()

    def action_move(self, step: int) -> None:
        charts = self.query_one("#chart-list", OptionList)
        charts.highlighted = ((charts.highlighted or 0) + step) % len(CHARTS)

    def action_cycle_period(self) -> None:
        self.period_choice = PERIODS[(PERIODS.index(self.period_choice) + 1) % len(PERIODS)]
        self._update_status()
        self.load()

    def action_cycle_platform(self) -> None:
        choices: list[str | None] = [None, *self.platforms]
        index = choices.index(self.platform) if self.platform in choices else 0
        self.platform = choices[(index + 1) % len(choices)]
        self._update_status()
        self.load()

    def action_toggle_table(self) -> None:
        self.table_view = not self.table_view
        self.query_one(Chart).display = not self.table_view
        self.query_one("#chart-table").display = self.table_view
        if self.table_view:
            self._fill_table()
        self._update_status()

    def _update_status(self) -> None:
        period = period_for(self.period_choice, self.app.clock(), zone(self.app.settings.timezone))
        self.query_one("#charts-status", Static).update(t(
            "charts.status", period=t(f"charts.period.{self.period_choice}"),
            span=f"{period.local_start} – {(_day_before(period.local_end))}",
            platform=self.platform or t("charts.all_platforms"),
            view=t("charts.view.table" if self.table_view else "charts.view.chart")))


def _day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()
