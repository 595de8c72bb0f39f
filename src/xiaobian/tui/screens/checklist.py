"""ChecklistScreen: one campaign's checklist by phase, its results and timeline. Keys only; every
action is a core function (``store.checklists``, ``store.campaigns``) run in a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from xiaobian.campaigns.report import results_lines
from xiaobian.campaigns.text import local_today, progress_bar, sparkline
from xiaobian.campaigns.timeline import describe, stage_label
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import (
    OPEN_ITEM,
    Campaign,
    CampaignEvent,
    CampaignRole,
    ChecklistItem,
    ItemStatus,
)
from xiaobian.store.results import CampaignResults
from xiaobian.timeutil import local_display, zone
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import clean, safe_text
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.screens.campaign_actions import CampaignActions
from xiaobian.tui.screens.escalate import DEPARTMENTS
from xiaobian.tui.screens.prompt import PromptModal
from xiaobian.tui.widgets.campaign_table import short_date
from xiaobian.tui.widgets.checklist_table import ChecklistTable

CYCLE = (ItemStatus.TODO, ItemStatus.DOING, ItemStatus.DONE, ItemStatus.SKIPPED)
TIMELINE_EVENTS = 12
CURVE_HOURS = 24


_b = binding_maker("checklist", labels="campaigns.key.", show=False)


@dataclass(frozen=True)
class View:
    campaign: Campaign
    items: list[ChecklistItem]
    roles: list[CampaignRole]
    events: list[CampaignEvent]
    results: CampaignResults
    curve: list[int]


class ChecklistScreen(CampaignActions, AreaScreen):
    CSS_PATH = "campaigns.tcss"
    BINDINGS = [
        _b("space", "tick", "tick", "tick", show=True),
        _b("s", "cycle_status", "status", "status"),
        _b("a", "add", "add", "add", show=True),
        _b("e", "edit", "edit", "edit"),
        _b("N", "notes", "notes", "notes"),
        _b("o", "owner", "owner", "owner", show=True),
        _b("D", "department", "department", "department"),
        _b("d", "due", "due", "due", show=True),
        _b("plus", "shift(1)", "later", "later"),
        _b("minus", "shift(-1)", "earlier", "earlier"),
        _b("J", "move(1)", "move_down", "move-down"),
        _b("K", "move(-1)", "move_up", "move-up"),
        _b("H", "hand_off", "hand_off", "hand-off"),
        _b("greater_than_sign", "stage(1)", "next_stage", "next-stage", show=True),
        _b("less_than_sign", "stage(-1)", "prev_stage", "prev-stage"),
        _b("l", "log", "log", "log"),
        _b("R", "role", "role", "role"),
        _b("C", "close", "close", "close"),
        _b("P", "postmortem", "postmortem", "postmortem"),
        _b("g", "draw", "draw", "draw"),
        _b("escape", "back", "back", "back", show=True),
    ]

    def __init__(self, campaign_id: int) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.view: View | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="checklist-head", markup=False)
        with Horizontal(id="checklist-body"):
            yield ChecklistTable(id="checklist")
            with VerticalScroll(id="checklist-side"):
                yield Static("", id="item-detail", markup=False)
                yield Static("", id="timeline", markup=False)

    @property
    def table(self) -> ChecklistTable:
        return self.query_one(ChecklistTable)

    @property
    def today(self):
        return local_today(self.app.clock(), zone(self.app.settings.timezone))

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.sub_title = clean(self.view.campaign.name, max_chars=80)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_data_changed(self, _: DataChanged) -> None:
        self.load()

    # ---- loading ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="checklist")
    def load(self, keep: str | None = None) -> None:
        from xiaobian.campaigns.postmortem import negative_curve

        store = self.app.store
        campaign = store.campaigns.get(self.campaign_id)
        if campaign is None:
            self.app.call_from_thread(self.action_back)
            return
        curve = []
        if campaign.kind == "crisis":
            end = self.app.clock().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            curve = [n for _, n in negative_curve(store, end - timedelta(hours=CURVE_HOURS), end)[0]]
        view = View(campaign, store.checklists.items(self.campaign_id), store.campaigns.roles(self.campaign_id),
                    store.campaigns.events(self.campaign_id)[-TIMELINE_EVENTS:],
                    store.results.campaign(self.campaign_id), curve)
        self.app.call_from_thread(self._show, view, keep)

    def _show(self, view: View, keep: str | None) -> None:
        self.view = view
        c = view.campaign
        self.sub_title = clean(c.name, max_chars=80)
        finished = sum(1 for i in view.items if i.status not in OPEN_ITEM)
        fraction = finished / len(view.items) if view.items else 0.0
        head = [
            Content.assemble(safe_text(c.name, max_chars=120, style="bold"), "  ",
                             (t(f"campaigns.kind.{c.kind}"), "$text-muted")),
            Content(t("campaigns.head", dates=f"{short_date(c.starts_on)}–{short_date(c.ends_on)}",
                      stage=clean(stage_label(c.stage)), owner=clean(c.owner) or "—",
                      progress=progress_bar(fraction, 8), done=finished, total=len(view.items))),
        ]
        results = results_lines(view.results)  # posts, then comments; a crisis is about the comments
        head += [Content(clean(line)) for line in (results[::-1] if c.kind == "crisis" else results)]
        self.query_one("#checklist-head", Static).update(Content("\n").join(head))
        self.table.show_items(view.items, None if c.closed_at else self.today,
                              {r.role: r.label for r in view.roles}, keep)
        self._show_side()

    def _show_side(self) -> None:
        if self.view is None:
            return
        tz = zone(self.app.settings.timezone)
        item = self.table.current_item
        lines: list[Content] = []
        if item is not None:
            lines.append(safe_text(item.title, style="bold"))
            facts = [t(f"campaigns.item_status.{item.status}"), item.due_on or "", item.department]
            lines.append(Content(clean(" · ".join(f for f in facts if f))))
            if item.done_at:
                lines.append(Content(t("campaigns.done_at", at=local_display(item.done_at, tz))))
            if item.notes:
                lines.append(safe_text(item.notes))
        self.query_one("#item-detail", Static).update(Content("\n").join(lines))
        side: list[Content] = []
        if self.view.roles:
            side.append(Content.styled(t("campaigns.roles"), "bold $text-muted"))
            side += [Content(clean(f"{r.label or r.role}: {r.person or '—'}")) for r in self.view.roles]
        if self.view.curve:
            side.append(Content.styled(t("campaigns.negative_curve", hours=CURVE_HOURS), "bold $text-muted"))
            side.append(Content.styled(sparkline(self.view.curve), "$error"))
        side.append(Content.styled(t("campaigns.timeline_title"), "bold $text-muted"))
        side += [Content.assemble((local_display(e.at, tz, "%m-%d %H:%M"), "$text-muted"), " ",
                                  safe_text(e.actor, max_chars=20), " ", safe_text(describe(e), max_chars=200))
                 for e in reversed(self.view.events)]
        self.query_one("#timeline", Static).update(Content("\n").join(side))

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_side()

    # ---- running core functions -------------------------------------------------------------
    @work(thread=True, group="actions")
    def run_core(self, action: Callable[[], object], keep: str | None = None, advance: bool = False,
                 follow: bool = False) -> None:
        """Run one core function; then reload with the cursor on ``keep`` (the next row with
        ``advance``; the new item's id the function returns with ``follow``)."""
        try:
            result = action()
            if follow:
                keep = str(result)
        except UserError as exc:
            self.app.call_from_thread(self.notify, clean(str(exc)), severity="warning", markup=False)
        self.app.call_from_thread(self._after, keep, advance)

    def _after(self, keep: str | None, advance: bool) -> None:
        if advance and self.table.cursor_row < len(self.table.records) - 1:
            keep = self.table.key_of(self.table.records[self.table.cursor_row + 1])
        self.load(keep)

    def _item_action(self, fn: Callable[[ChecklistItem], object], advance: bool = False) -> None:
        item = self.table.current_item
        if item is not None:
            self.run_core(lambda: fn(item), str(item.id), advance)

    def _ask(self, title: str, then: Callable[[str], None], *, value: str = "",
             suggestions: tuple[str, ...] | list[str] = ()) -> None:
        def done(answer: str | None) -> None:
            if answer is not None:
                then(answer)
        self.app.push_screen(PromptModal(title, value=value, suggestions=suggestions), done)

    # ---- item keys ---------------------------------------------------------------------------
    def action_tick(self) -> None:
        self._item_action(lambda item: self.app.store.checklists.tick(item.id, now=self.app.clock()),
                          advance=True)

    def action_cycle_status(self) -> None:
        def step(item: ChecklistItem) -> None:
            following = CYCLE[(CYCLE.index(ItemStatus(item.status)) + 1) % len(CYCLE)]
            self.app.store.checklists.set_status(item.id, following, now=self.app.clock())
        self._item_action(step)

    def action_add(self) -> None:
        after = self.table.current_item
        phase = self.table.current_phase

        def add(title: str) -> None:
            self.run_core(lambda: self.app.store.checklists.add(
                self.campaign_id, title, phase=phase, after=after.id if after else None,
                owner=self.app.store.actor, now=self.app.clock()), follow=True)
        self._ask(t("campaigns.prompt_add", phase=clean(phase or "")), add)

    def _edit(self, field: str, prompt: str, suggestions=()) -> None:
        """Ask for a new value: the current one to edit, or (with suggestions) a digit to pick one."""
        item = self.table.current_item
        if item is None:
            return
        self._ask(prompt, lambda value: self._item_action(
            lambda it: self.app.store.checklists.update(it.id, now=self.app.clock(), **{field: value})),
            value="" if suggestions else getattr(item, field) or "", suggestions=suggestions)

    def action_edit(self) -> None:
        self._edit("title", t("campaigns.prompt_title"))

    def action_notes(self) -> None:
        self._edit("notes", t("campaigns.prompt_notes"))

    def action_owner(self) -> None:
        people = [self.app.store.actor, *dict.fromkeys(i.owner for i in self.view.items if i.owner)] if self.view else []
        self._edit("owner", t("campaigns.prompt_owner"), list(dict.fromkeys(people)))

    def action_department(self) -> None:
        self._edit("department", t("campaigns.prompt_department"), DEPARTMENTS)

    def action_due(self) -> None:
        self._edit("due_on", t("campaigns.prompt_due"))

    def action_shift(self, days: int) -> None:
        self._item_action(lambda item: self.app.store.checklists.shift_due(
            item.id, days, today=self.today, now=self.app.clock()))

    def action_move(self, step: int) -> None:
        self._item_action(lambda item: self.app.store.checklists.move(item.id, step, now=self.app.clock()))

    def action_hand_off(self) -> None:
        item = self.table.current_item
        if item is not None:
            self._ask(t("campaigns.prompt_hand_off", department=clean(item.department or "—")),
                      lambda note: self._item_action(lambda it: self.app.store.checklists.hand_off(
                          it.id, note, now=self.app.clock())), value=item.title)

    # ---- campaign keys ------------------------------------------------------------------------
    def action_stage(self, step: int) -> None:
        self.run_core(lambda: self.app.store.campaigns.advance(self.campaign_id, step, now=self.app.clock()),
                      self.table.current_key)

    def action_log(self) -> None:
        labels = {t(f"campaigns.log_{kind}"): kind for kind in ("note", "statement", "lesson")}

        def with_kind(answer: str) -> None:
            kind = labels.get(answer, answer)
            if kind not in labels.values():
                return
            self._ask(t(f"campaigns.prompt_log_{kind}"), lambda text: self.run_core(
                lambda: self.app.store.campaigns.log(self.campaign_id, kind, text, now=self.app.clock()),
                self.table.current_key))
        self._ask(t("campaigns.prompt_log_kind"), with_kind, suggestions=list(labels))

    def action_role(self) -> None:
        if not self.view or not self.view.roles:
            self.notify(t("campaigns.no_roles"), markup=False)
            return

        def assign(text: str) -> None:
            role, _, person = text.partition("=")
            self.run_core(lambda: self.app.store.campaigns.assign_role(
                self.campaign_id, role.strip(), person.strip(), now=self.app.clock()), self.table.current_key)
        self._ask(t("campaigns.prompt_role"), assign, value=f"{self.view.roles[0].role}=")

    def action_close(self) -> None:
        if self.view is not None:
            self.close_campaign(self.view.campaign)

    def action_postmortem(self) -> None:
        if self.view is not None:
            self.show_postmortem(self.view.campaign)

    def action_draw(self) -> None:
        if self.view is not None:
            self.ask_draw(self.view.campaign)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
