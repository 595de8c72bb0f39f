"""CampaignsScreen: every campaign with its kind, dates, stage, owner, progress and overdue items;
the selected one's results beside it. Enter opens its checklist."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Static

from xiaobian.campaigns.report import results_lines
from xiaobian.campaigns.text import local_today
from xiaobian.campaigns.timeline import describe
from xiaobian.i18n import t
from xiaobian.timeutil import local_display, zone
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import clean, safe_text
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.screens.campaign_actions import CampaignActions
from xiaobian.tui.widgets.campaign_table import CampaignTable

_b = binding_maker("campaigns", labels="campaigns.key.")


class CampaignsScreen(CampaignActions, AreaScreen):
    TITLE_KEY = "screen.campaigns"
    CSS_PATH = "campaigns.tcss"
    BINDINGS = [
        _b("enter", "open", "open", "open", show=False),
        _b("n", "new", "new", "new"),
        _b("c", "crisis", "crisis", "crisis"),
        _b("h", "handoffs", "handoffs", "handoffs"),
        _b("g", "draw", "draw", "draw", show=False),
        _b("P", "postmortem", "postmortem", "postmortem", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="campaigns-body"):
            yield CampaignTable(id="campaign-list")
            yield Static("", id="campaign-detail", markup=False)
        yield Static(t("campaigns.none"), id="campaigns-empty", classes="placeholder", markup=False)

    @property
    def table(self) -> CampaignTable:
        return self.query_one(CampaignTable)

    def on_mount(self) -> None:
        self.query_one("#campaigns-empty").display = False
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.is_mounted:
            self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_data_changed(self, _: DataChanged) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="campaigns")
    def load(self) -> None:
        today = local_today(self.app.clock(), zone(self.app.settings.timezone))
        summaries = self.app.store.campaigns.summaries(today.isoformat())
        self.app.call_from_thread(self._show, summaries)

    def _show(self, summaries) -> None:
        self.query_one("#campaigns-empty").display = not summaries
        self.query_one("#campaigns-body").display = bool(summaries)
        self.table.show(summaries)
        self._load_detail()

    @on(DataTable.RowHighlighted)
    def _load_detail(self) -> None:
        summary = self.table.current
        if summary is not None:
            self._detail(summary)

    @work(thread=True, exclusive=True, group="campaign-detail")
    def _detail(self, summary) -> None:
        store = self.app.store
        c = summary.campaign
        results = store.results.campaign(c.id)
        draws = store.results.draws(c.id) if c.kind == "giveaway" else []
        events = store.campaigns.events(c.id)[-1:]
        self.app.call_from_thread(self._show_detail, summary, results, draws, events)

    def _show_detail(self, summary, results, draws, events) -> None:
        tz = zone(self.app.settings.timezone)
        c = summary.campaign
        lines = [safe_text(c.name, max_chars=120, style="bold"),
                 Content(t("campaigns.detail_dates", launch=c.launch_on or "—", owner=clean(c.owner) or "—")),
                 Content(t("campaigns.detail_items", done=summary.done, total=summary.total,
                           overdue=summary.overdue, today=summary.due_today)), Content("")]
        lines += [Content(clean(line)) for line in results_lines(results)]
        if c.kind == "crisis" and c.detected_at:
            lines.append(Content(t("campaigns.detail_detected", at=local_display(c.detected_at, tz))))
        for d in draws[-1:]:
            names = ", ".join(w["author_name"] for w in d.winners)
            lines.append(safe_text(t("campaigns.detail_draw", seed=d.seed, winners=names)))
        for e in events:
            lines += [Content(""), Content.styled(t("campaigns.timeline_title"), "bold $text-muted"),
                      Content.assemble((local_display(e.at, tz), "$text-muted"), " ", safe_text(describe(e)))]
        if c.notes:
            lines += [Content(""), safe_text(c.notes, max_chars=400, style="$text-muted")]
        self.query_one("#campaign-detail", Static).update(Content("\n").join(lines))

    # ---- keys ----------------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        summary = self.table.current
        if summary is not None:
            self.open_checklist(summary.campaign.id)

    def action_new(self) -> None:
        self.ask_new()

    def action_crisis(self) -> None:
        self.ask_crisis()

    def action_handoffs(self) -> None:
        from xiaobian.tui.screens.handoffs import HandoffsScreen

        self.app.push_screen(HandoffsScreen())

    def action_draw(self) -> None:
        if self.table.current is not None:
            self.ask_draw(self.table.current.campaign)

    def action_postmortem(self) -> None:
        if self.table.current is not None:
            self.show_postmortem(self.table.current.campaign)
