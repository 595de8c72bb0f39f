"""CalendarScreen: month, week and agenda views of planned and published posts. Keys only.

The selected day is the cursor (arrows or ``hjkl``); ``J``/``K`` pick a post of that day, which
``enter``, ``m`` and ``c`` act on. Data comes from one worker call per visible span
(``planning.period.load_period``); every action is a core function.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.planning.filters import PlanFilter, parse_plan_filter
from xiaobian.planning.period import Period, add_months, load_period, month_weeks, week_of
from xiaobian.planning.when import parse_when
from xiaobian.store.calendar import Entry, Filters
from xiaobian.timeutil import from_iso, to_iso, zone
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import one_line
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.screens.copy_platforms import CopyPlatformsModal
from xiaobian.tui.screens.post_editor import PostEditorModal
from xiaobian.tui.screens.prompt import PromptModal
from xiaobian.tui.widgets.calendar_grid import CalendarGrid
from xiaobian.tui.widgets.day_list import DayList

VIEWS = ("month", "week", "agenda")
AGENDA_DAYS = 14
DEFAULT_HOUR = 12


_b = binding_maker("calendar")


class CalendarScreen(AreaScreen):
    TITLE_KEY = "screen.calendar"
    CSS_PATH = "calendar.tcss"
    BINDINGS = [
        _b("left,h", "step(-1)", "cal_key.prev_day", "prev-day", show=False),
        _b("right,l", "step(1)", "cal_key.next_day", "next-day", show=False),
        _b("up,k", "step(-7)", "cal_key.prev_week", "prev-week", show=False),
        _b("down,j", "step(7)", "cal_key.next_week", "next-week", show=False),
        _b("left_square_bracket,pageup", "page(-1)", "cal_key.prev_period", "prev-period", show=False),
        _b("right_square_bracket,pagedown", "page(1)", "cal_key.next_period", "next-period", show=False),
        _b("J,tab", "pick(1)", "cal_key.next_post", "next-post", show=False),
        _b("K,shift+tab", "pick(-1)", "cal_key.prev_post", "prev-post", show=False),
        _b("t", "today", "cal_key.today", "today"),
        _b("v", "cycle_view", "cal_key.view", "view"),
        _b("n", "new", "cal_key.new", "new"),
        _b("enter", "edit", "cal_key.edit", "edit"),
        _b("m", "move", "cal_key.move", "move"),
        _b("c", "copy", "cal_key.copy", "copy"),
        _b("f", "filter", "cal_key.filter", "filter"),
        _b("T", "theme", "cal_key.theme", "theme", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "month"
        self.selected: date | None = None
        self.post_index = 0
        self.plan_filter = PlanFilter()
        self.filters = Filters()
        self.period: Period | None = None
        self._follow: int | None = None
        """A post just moved or saved: the cursor lands on it once its day has loaded."""

    @property
    def tz(self):
        return zone(self.app.settings.timezone)

    def today(self) -> date:
        return self.app.clock().astimezone(self.tz).date()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="calendar-body"):
            yield Static("", id="calendar-title", markup=False)
            with Horizontal(id="calendar-main"):
                yield CalendarGrid(id="calendar-grid")
                with VerticalScroll(id="day-pane"):
                    yield DayList(id="day-list")

    def on_mount(self) -> None:
        self.query_one("#day-pane").can_focus = False  # arrows move the day, not the scroll
        self.selected = self.today()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    # ---- the visible span ------------------------------------------------------------------
    def span(self) -> tuple[list[list[date]], date, date]:
        day = self.selected
        if self.view == "month":
            weeks = month_weeks(day.year, day.month)
        elif self.view == "week":
            weeks = [week_of(day)]
        else:
            return [], day, day + timedelta(days=AGENDA_DAYS - 1)
        return weeks, weeks[0][0], weeks[-1][-1]

    def reload(self) -> None:
        _, first, last = self.span()
        self.load(first, last, self.view, self.plan_filter)

    @work(thread=True, exclusive=True, group="calendar")
    def load(self, first: date, last: date, view: str, plan_filter: PlanFilter) -> None:
        store = self.app.store
        campaign_id = store.calendar.find_campaign(plan_filter.campaign) if plan_filter.campaign else None
        filters = Filters(plan_filter.platforms, plan_filter.statuses,
                          -1 if plan_filter.campaign and campaign_id is None else campaign_id)
        period = load_period(store, first, last, self.tz, filters,
                             cadence_days=self.app.settings.cadence_days, with_undated=view == "agenda")
        self.app.call_from_thread(self._show, period, filters)

    def _show(self, period: Period, filters: Filters) -> None:
        self.period, self.filters = period, filters
        ids = [e.id for e in self.day_entries()]
        if self._follow in ids:
            self.post_index = ids.index(self._follow)
        self._follow = None
        self.post_index = min(self.post_index, max(len(ids) - 1, 0))
        self.redraw()

    def redraw(self) -> None:
        if self.period is None:
            return
        weeks, first, _ = self.span()
        grid, pane = self.query_one(CalendarGrid), self.query_one("#day-pane")
        grid.display = self.view != "agenda"
        self.set_class(self.view == "agenda", "-agenda")
        if self.view != "agenda":
            grid.show(weeks, self.period, month=self.selected.month if self.view == "month" else None,
                      selected=self.selected, today=self.today(), tz=self.tz, with_times=self.view == "week")
            days = [self.selected]
        else:
            days = [first + timedelta(days=i) for i in range(AGENDA_DAYS)]
        self.query_one(DayList).show(days, self.period, self.tz, (self.selected, self.post_index),
                                     show_undated=self.view == "agenda")
        pane.scroll_home(animate=False)
        self.query_one("#calendar-title", Static).update(self._title())

    def _title(self) -> str:
        day = self.selected
        if self.view == "month":
            head = t("calendar.month_title", year=day.year, month=day.month)
        elif self.view == "week":
            head = t("calendar.week_title", date=f"{week_of(day)[0]:%Y-%m-%d}")
        else:
            head = t("calendar.agenda_title", date=f"{day:%Y-%m-%d}")
        theme = self.period.themes.get(f"{day:%Y-%m}")
        theme_text = t("calendar.theme_line", theme=one_line(theme, 40)) if theme else t("calendar.no_theme")
        shown = self.plan_filter.describe() or t("calendar.filter_all")
        return f"{head}  ·  {theme_text}  ·  {t('calendar.filter_line', filter=one_line(shown, 60))}"

    def day_entries(self) -> list[Entry]:
        return self.period.day(self.selected) if self.period else []

    @property
    def current(self) -> Entry | None:
        entries = self.day_entries()
        return entries[self.post_index] if 0 <= self.post_index < len(entries) else None

    def go_to(self, day: date) -> None:
        self.selected = day
        self.post_index = 0
        _, first, last = self.span()
        if self.period is not None and (self.period.first, self.period.last) == (first, last):
            self.redraw()
        else:
            self.reload()

    # ---- navigation ------------------------------------------------------------------------
    def action_step(self, days: int) -> None:
        if self.view == "agenda":  # one list of days: up and down walk it a day at a time
            days = max(-1, min(days, 1))
        self.go_to(self.selected + timedelta(days=days))

    def action_page(self, direction: int) -> None:
        day = self.selected
        if self.view == "month":
            self.go_to(add_months(day, direction))
        else:
            self.go_to(day + timedelta(days=7 * direction if self.view == "week" else AGENDA_DAYS * direction))

    def action_today(self) -> None:
        self.go_to(self.today())

    def action_cycle_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.post_index = 0
        self.reload()

    def action_pick(self, direction: int) -> None:
        entries = self.day_entries()
        if entries:
            self.post_index = (self.post_index + direction) % len(entries)
            self.redraw()

    # ---- actions ---------------------------------------------------------------------------
    def _need_post(self) -> Entry | None:
        entry = self.current
        if entry is None:
            self.notify(t("calendar.nothing_selected"), severity="warning", markup=False)
        return entry

    def action_new(self) -> None:
        when = datetime.combine(self.selected, time(DEFAULT_HOUR), self.tz)
        self.app.push_screen(PostEditorModal(None, default_when=to_iso(when),
                                             default_platform=(self.plan_filter.platforms or ("instagram",))[0]),
                             self._edited)

    def action_edit(self) -> None:
        entry = self.current
        if entry is None:
            self.action_new()
        else:
            self.app.push_screen(PostEditorModal(entry.id), self._edited)

    def _edited(self, post_id: int | None) -> None:
        if post_id is not None:
            self._follow = post_id
            self.reload()

    def action_move(self) -> None:
        entry = self._need_post()
        if entry is None:
            return
        current = from_iso(entry.at).astimezone(self.tz) if entry.at else datetime.combine(
            self.selected, time(DEFAULT_HOUR), self.tz)
        self.app.push_screen(
            PromptModal(t("calendar.move_prompt", title=one_line(entry.title, 30)),
                        value=current.strftime("%Y-%m-%d %H:%M")),
            lambda text: self._move(entry, current, text))

    def _move(self, entry: Entry, current: datetime, text: str | None) -> None:
        if not text:
            return
        try:
            when = parse_when(text, current)
            self.app.store.calendar.move(entry.id, to_iso(when))
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(t("calendar.moved", when=when.strftime("%Y-%m-%d %H:%M")), markup=False)
        self.selected, self.post_index, self._follow = when.date(), 0, entry.id
        self.reload()

    def action_copy(self) -> None:
        entry = self._need_post()
        if entry is not None:
            self.app.push_screen(CopyPlatformsModal(entry), lambda chosen: self._copy(entry, chosen))

    def _copy(self, entry: Entry, chosen: list[str] | None) -> None:
        if not chosen:
            return
        added = self.app.store.calendar.copy_to(entry.id, chosen)
        names = ", ".join(t(f"platform.{p}") for p in added)
        self.notify(t("calendar.copied", platforms=names) if added else t("calendar.copied_none"), markup=False)
        self.reload()

    def action_filter(self) -> None:
        self.app.push_screen(PromptModal(t("calendar.filter_prompt"), value=self.plan_filter.describe()),
                             self._filter)

    def _filter(self, text: str | None) -> None:
        try:
            self.plan_filter = parse_plan_filter(text or "")
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.post_index = 0
        self.reload()

    def action_theme(self) -> None:
        month = f"{self.selected:%Y-%m}"
        current = self.period.themes.get(month, "") if self.period else ""
        self.app.push_screen(PromptModal(t("calendar.theme_prompt", month=month), value=current),
                             lambda text: self._theme(month, text))

    def _theme(self, month: str, text: str | None) -> None:
        if text is None:
            return
        self.app.store.calendar.set_theme(month, text)
        self.reload()
