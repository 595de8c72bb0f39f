"""TriageScreen: the comment queue a 小編 lives in during a shift. Keys only; core does the work."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerCancelled, WorkerError, WorkerFailed

from xiaobian import filters
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.store.queue import QueueFilter
from xiaobian.timeutil import from_iso, local_display, zone
from xiaobian.tui.localize import binding_maker
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.safe_text import SafeInput, clean
from xiaobian.tui.screens.area import AreaScreen
from xiaobian.tui.screens.escalate import EscalateModal
from xiaobian.tui.screens.prompt import PromptModal
from xiaobian.tui.screens.text_modal import TextModal
from xiaobian.tui.widgets.empty_state import EmptyState
from xiaobian.tui.widgets.queue_table import QueueTable
from xiaobian.tui.widgets.thread_view import ThreadView

if TYPE_CHECKING:
    from xiaobian.tui.screens.reply import ReplyDraft

PAGE_SIZE = 100
COMMON_TAGS = ("問題", "客訴", "稱讚", "合作邀約", "退款", "物流", "門市", "spam", "VIP")


_b = binding_maker("triage")


class TriageScreen(AreaScreen):
    TITLE_KEY = "screen.triage"
    CSS_PATH = "triage.tcss"
    BINDINGS = [
        _b("enter", "open", "key.open", "open", show=False),
        _b("r", "reply", "key.reply", "reply"),
        _b("d", "act('done')", "key.done", "done"),
        _b("s", "act('spam')", "key.spam", "spam", show=False),
        _b("h", "act('hide_request')", "key.hide", "hide", show=False),
        _b("t", "tag", "key.tag", "tag", show=False),
        _b("a", "assign", "key.assign", "assign", show=False),
        _b("e", "escalate", "key.escalate", "escalate", show=False),
        _b("c", "link_campaign", "campaigns.key.link_campaign", "link-campaign", show=False),
        _b("u", "undo", "key.undo", "undo"),
        _b("full_stop", "repeat", "key.repeat", "repeat", show=False),
        _b("space", "mark", "key.mark", "mark", show=False),
        _b("slash", "search", "key.search", "search"),
        _b("f", "filter", "key.filter", "filter"),
        _b("n", "next_unhandled", "key.next", "next", show=False),
        _b("o", "cycle_order", "key.order", "order", show=False),
        _b("v", "views", "key.views", "views", show=False),
        _b("V", "save_view", "key.save_view", "save-view", show=False),
        _b("T", "take_over", "key.take_over", "take-over", show=False),
        _b("R", "shift_report", "key.shift_report", "shift-report", show=False),
        _b("right_square_bracket,pagedown", "page(1)", "key.next_page", "next-page", show=False),
        _b("left_square_bracket,pageup", "page(-1)", "key.prev_page", "prev-page", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = QueueFilter()
        self.page_starts: list = [None]  # keyset cursor where each page we walked through began
        self.next_cursor = None
        self.last_action: tuple[str, dict] | None = None
        self._advance_past: int | None = None
        self._total: tuple[QueueFilter, int] | None = None
        self._shown = ""
        self._deciding: list[tuple[str, Worker]] = []
        """Decisions started and maybe not finished (a hide or a reply may be talking to a platform)."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="triage-body"):
            with Vertical(id="queue-pane"):
                yield Static("", id="filter-line", markup=False)
                yield SafeInput(placeholder=t("triage.search_placeholder"), id="search")
                yield QueueTable(id="queue")
            yield ThreadView(id="detail")
        yield EmptyState(id="empty-state")

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @property
    def me(self) -> str:
        return self.app.store.actor

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#empty-state").display = False
        self.table.focus()
        # The first page is read here rather than in a worker, so the first frame shows it: a
        # keyset page of the default queue is under a millisecond on a million comments, and a
        # worker's result would wait behind the first compose and paint.
        self._show_page(*self._read_page())

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # ---- loading -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="queue")
    def load_page(self, keep_cursor: bool = True, recount: bool = True) -> None:
        """The page first; its total follows from a separate worker (a count on a million rows
        may take a while, the page never waits for it)."""
        self.app.call_from_thread(self._show_page, *self._read_page(), keep_cursor, recount)

    def _read_page(self) -> tuple:
        store = self.app.store
        page = store.queue.page(self.filter, after=self.page_starts[-1], limit=PAGE_SIZE)
        return page, not page.rows and store.is_empty()

    @work(thread=True, exclusive=True, group="count")
    def count_matches(self, the_filter: QueueFilter) -> None:
        total = self.app.store.queue.count(the_filter)
        self.app.call_from_thread(self._show_total, the_filter, total)

    def _show_total(self, the_filter: QueueFilter, total: int) -> None:
        if the_filter == self.filter:
            self._total = (the_filter, total)
            self._update_filter_line()

    def _update_filter_line(self) -> None:
        known = self._total is not None and self._total[0] == self.filter
        summary = filters.describe(self.filter) or t("triage.filter_default")
        # One line of fixed size: repaint it alone, not the whole screen's layout.
        self.query_one("#filter-line", Static).update(
            t("triage.filter_line", filter=summary, shown=self._shown,
              total=f"{self._total[1]:,}" if known else "…"), layout=False)

    def _show_page(self, page, empty: bool = False, keep_cursor: bool = True, recount: bool = True) -> None:
        self.query_one("#empty-state").display = empty
        self.query_one("#triage-body").display = not empty
        self.next_cursor = page.next_cursor
        self.table.show_rows(page.rows, now=self.app.clock(), me=self.me,
                             sla_minutes=self.app.settings.sla_minutes, keep_cursor=keep_cursor)
        if self._advance_past is not None:
            # a decided item that is still listed (e.g. status:all) is stepped over; one that left
            # the list has already let the next item slide under the cursor
            ids = [row.id for row in page.rows]
            if self._advance_past in ids:
                self.table.move_cursor(row=min(ids.index(self._advance_past) + 1, len(ids) - 1))
            self._advance_past = None
        first = (len(self.page_starts) - 1) * PAGE_SIZE
        self._shown = f"{first + 1 if page.rows else 0}–{first + len(page.rows)}"
        if recount or self._total is None or self._total[0] != self.filter:
            self.count_matches(self.filter)
        self._update_filter_line()
        self._show_detail()
        self.app.refresh_status()

    def on_data_changed(self, _: DataChanged) -> None:
        self.load_page()

    @on(QueueTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    @on(QueueTable.RowHighlighted)
    def _show_detail(self) -> None:
        row = self.table.current
        self.query_one(ThreadView).load(row.id if row else None)

    @on(QueueTable.EdgeReached)
    def _edge(self, event: QueueTable.EdgeReached) -> None:
        self.action_page(event.direction)

    def action_page(self, direction: int) -> None:
        if direction > 0 and self.next_cursor is not None:
            self.page_starts.append(self.next_cursor)
            self.table.move_cursor(row=0)
            self.load_page(keep_cursor=False, recount=False)
        elif direction < 0 and len(self.page_starts) > 1:
            self.page_starts.pop()
            self.load_page(keep_cursor=False, recount=False)
            self.call_after_refresh(lambda: self.table.move_cursor(row=PAGE_SIZE - 1))

    def _refilter(self, new_filter: QueueFilter) -> None:
        self.filter = new_filter
        self.page_starts = [None]
        self.load_page(keep_cursor=False)

    # ---- actions -------------------------------------------------------------------------
    def _targets(self) -> list:
        marked = self.table.marked
        if marked:
            return [row for row in self.table.rows_shown if row.id in marked] or []
        return [self.table.current] if self.table.current else []

    def action_act(self, action: str, **args) -> None:
        targets = self._targets()
        if not targets:
            return
        self.last_action = (action, args)
        self._decided(action, self._apply(action, targets, args))

    def _decided(self, action: str, worker: Worker) -> None:
        """Remember a decision under way, so an undo pressed meanwhile waits for it."""
        self._deciding = [*((a, w) for a, w in self._deciding if not w.is_finished), (action, worker)]

    @work(thread=True, group="actions")
    def _apply(self, action: str, targets: list, args: dict, copied: tuple[str, str] | None = None) -> None:
        store, messages = self.app.store, []
        try:
            if len(targets) == 1:
                row = targets[0]
                store.triage.apply(row.id, action, self.me, expected_version=row.version,
                                   now=self.app.clock(), **args)
                done = targets
            else:
                results = store.triage.apply_many([r.id for r in targets], action, self.me,
                                                  now=self.app.clock(), **args)
                messages = [r.message for r in results if not r.ok]
                applied = {r.comment_id for r in results if r.ok}
                done = [row for row in targets if row.id in applied]
        except UserError as exc:
            messages, done = [str(exc)], []
        if action == "hide_request" and done:
            messages += self._hide_on_platform(done)
        if copied and done:
            self.app.call_from_thread(self._copy_reply, *copied)
        self.app.call_from_thread(self._after_action, action, len(targets), messages)

    def _hide_on_platform(self, targets: list) -> list[str]:
        """Where a connected account can hide the comment on the platform, do it (in the
        action's worker); elsewhere "hide requested" stays a note for whoever can."""
        from xiaobian.live import moderation

        problems, hidden = [], []
        for row in targets:
            try:
                platform = moderation.set_hidden(self.app.store, row.id, actor=self.me)
            except UserError as exc:
                problems.append(clean(str(exc)))
                continue
            if platform:
                hidden.append(platform)
        if hidden:
            self.app.call_from_thread(self.notify, t("triage.hidden_on_platform", count=len(hidden),
                                                     platform=hidden[0]), markup=False)
        return problems

    def _after_action(self, action: str, count: int, problems: list[str]) -> None:
        for problem in problems[:3]:
            self.notify(problem, severity="warning", markup=False)
        if count > 1:
            self.table.marked.clear()
            self.notify(t("triage.bulk_done", count=count - len(problems), action=t(f"action.{action}")),
                        markup=False)
        elif not problems and action not in ("tag", "untag", "assign") and self.table.current:
            self._advance_past = self.table.current.id
        self.load_page()

    def action_mark(self) -> None:
        self.table.toggle_mark()
        self.table.action_cursor_down()

    def action_repeat(self) -> None:
        if self.last_action:
            action, args = self.last_action
            self.action_act(action, **args)

    @work(group="undo")
    async def action_undo(self) -> None:
        """Undo the latest decision once every decision under way has finished: undone before a
        hide reached the platform, it would undo the decision before it, and the comment would
        stay hidden there."""
        pending = [(action, worker) for action, worker in self._deciding if not worker.is_finished]
        if any(action == "hide_request" for action, _ in pending):
            self.notify(t("live.undo_waits"), markup=False)
        for _, worker in pending:
            while not worker.is_finished:
                with suppress(WorkerError, WorkerFailed, WorkerCancelled):  # WorkerError: not started yet
                    await worker.wait()
                await asyncio.sleep(0)
        self._undo()

    @work(thread=True, group="actions")
    def _undo(self) -> None:
        from xiaobian.live import moderation

        try:
            self.app.store.triage.undo(self.me)
            problems = moderation.unhide_undone(self.app.store, self.me)
            message, severity = (clean(problems[0]), "warning") if problems else (t("triage.undone"), "information")
        except UserError as exc:
            message, severity = str(exc), "warning"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False)
        self.app.call_from_thread(self.load_page)

    def action_open(self, takeover: bool = False) -> None:
        row = self.table.current
        if row is not None:
            self._claim(row, takeover)

    @work(thread=True, group="actions")
    def _claim(self, row, takeover: bool) -> None:
        store = self.app.store
        try:
            store.triage.claim(row.id, self.me, takeover=takeover, now=self.app.clock())
            if row.status == "new":
                store.triage.apply(row.id, "open", self.me, now=self.app.clock())
        except UserError as exc:
            self.app.call_from_thread(self.notify, f"{exc} — {t('triage.take_over_hint')}",
                                      severity="warning", markup=False)
        self.app.call_from_thread(self.load_page)

    def action_take_over(self) -> None:
        self.action_open(takeover=True)

    def action_next_unhandled(self) -> None:
        rows = self.table.rows_shown
        start = self.table.cursor_row + 1
        for index in range(start, len(rows)):
            row = rows[index]
            if row.status in ("new", "open") and row.claimed_by in (None, self.me):
                self.table.move_cursor(row=index)
                return
        self.action_page(1)

    def action_cycle_order(self) -> None:
        order = filters.ORDERS[(filters.ORDERS.index(self.filter.order) + 1) % len(filters.ORDERS)]
        self._refilter(replace(self.filter, order=order))

    # ---- actions that ask first ------------------------------------------------------------
    def action_tag(self) -> None:
        def done(tag: str | None) -> None:
            if tag:
                self.action_act("tag", tag=tag)
        self.app.push_screen(PromptModal(t("triage.tag_prompt"), suggestions=COMMON_TAGS), done)

    def action_assign(self) -> None:
        def done(person: str | None) -> None:
            if person:
                self.action_act("assign", assignee=person)
        self.app.push_screen(PromptModal(t("triage.assign_prompt"), suggestions=(self.me,)), done)

    def action_escalate(self) -> None:
        def done(choice: tuple[str, str] | None) -> None:
            if choice:
                self.action_act("escalate", department=choice[0], note=choice[1])
        self.app.push_screen(EscalateModal(), done)

    def action_link_campaign(self) -> None:
        """Count the comment (or the marked ones) for a campaign, or take it out of one."""
        from xiaobian.tui.screens.link_campaign import LinkCampaignModal

        targets = self._targets()
        if targets:
            campaigns = self.app.store.campaigns.all(open_only=True)
            self.app.push_screen(LinkCampaignModal(campaigns),
                                 lambda choice: choice is not None and self._link(targets, choice))

    @work(thread=True, group="actions")
    def _link(self, targets: list, campaign_id: int) -> None:
        from xiaobian.tui.screens.link_campaign import UNLINK

        store, chosen = self.app.store, campaign_id or None
        try:
            with store.write():
                for row in targets:
                    store.campaigns.link_comment(row.id, chosen, now=self.app.clock())
            name = store.campaigns.require(chosen).name if chosen else ""
            message = (t("campaigns.comment_linked", count=len(targets), name=clean(name)) if campaign_id != UNLINK
                       else t("campaigns.comment_unlinked", count=len(targets)))
        except UserError as exc:
            message = str(exc)
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.load_page)

    def action_reply(self) -> None:
        row = self.table.current
        if row is None:
            return
        self.app.hold_keys()  # what is typed next belongs to the reply editor a worker opens
        self._open_reply(row)

    @work(thread=True, group="actions")
    def _open_reply(self, row) -> None:
        store = self.app.store
        thread = store.queue.thread(row.id)
        values = {"author": row.author_name, "agent": self.me,
                  "post_title": thread.post.title if thread.post else "",
                  "campaign": thread.campaign_name or ""}
        templates = store.campaigns.templates()
        heading = t("reply.title", author=row.author_name)
        if row.claimed_by not in (None, self.me) and row.claim_expires and from_iso(row.claim_expires) > self.app.clock():
            # Said before anyone types: saving will be refused while the claim holds.
            heading += " · " + t("reply.held", who=row.claimed_by,
                                 until=local_display(row.claim_expires, zone(self.app.settings.timezone), "%H:%M"))
        # The reply editor, the voice checks, httpx and the clients load on the first reply (in
        # this worker), not at start-up.
        from xiaobian import voice
        from xiaobian.live import outbox
        from xiaobian.tui.screens.reply import ReplyModal

        account = outbox.account_for(store, row.id)
        try:
            guide = voice.load_guide(brand=self.app.settings.brand)
        except UserError as exc:  # a broken guide: say so once, check with the shipped one
            guide = voice.default_guide()
            self.app.call_from_thread(self.notify, clean(str(exc)), severity="error", markup=False)
        modal = ReplyModal(templates, values, heading, can_send=account is not None, guide=guide,
                           platform=row.platform)
        self.app.call_from_thread(self.app.push_screen, modal,
                                  lambda draft: self._reply_done(row, thread, draft, account))

    def _reply_done(self, row, thread, draft: ReplyDraft | None, account=None) -> None:
        if draft is None:
            return
        if draft.state == "send":
            self.last_action = None
            self._decided("send", self._send_reply(row, draft, account))
            return
        self.last_action = None
        # Recorded first: a reply refused (someone else holds the comment) is never copied.
        copied = (draft.text, thread.permalink or "") if draft.state == "copied" else None
        self._decided("reply", self._apply("reply", [row], {"text": draft.text, "template_id": draft.template_id,
                                                            "state": draft.state}, copied=copied))

    def _copy_reply(self, text: str, permalink: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(t("reply.copied", link=clean(permalink, max_chars=300)), markup=False)

    @work(thread=True, group="actions")
    def _send_reply(self, row, draft: ReplyDraft, account) -> None:
        """Outbox first (nothing typed is lost), then one POST. An unknown outcome stays in the
        outbox: the platform may still be showing it, so the next live sync checks the thread."""
        from xiaobian.live import outbox

        store = self.app.store
        try:
            reply_id = outbox.queue(store, row.id, draft.text, actor=self.me, template_id=draft.template_id,
                                    expected_version=row.version)
            state = outbox.send(store, reply_id, account, actor=self.me)  # unknown: checked later, not now
            message, severity = t(f"reply.sent_{state}"), "information" if state == "sent" else "warning"
        except UserError as exc:
            message, severity = t("reply.send_failed", error=str(exc)), "error"
        self.app.call_from_thread(self.notify, clean(message), severity=severity, markup=False)
        self.app.call_from_thread(self.load_page)

    @work(thread=True, group="actions")
    def action_shift_report(self) -> None:
        from xiaobian.analytics.shift import render_markdown, shift_report

        start = self.app.clock() - timedelta(hours=8)
        text = render_markdown(shift_report(self.app.store, since=start, until=self.app.clock(),
                                            sla_minutes=self.app.settings.sla_minutes))
        self.app.call_from_thread(self.app.push_screen, TextModal(text))

    # ---- search, filters and saved views ------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.filter.search or ""
        self.app.focus_typed_ahead(box, after=self.table)  # `/ 退款 ⏎` typed in one go

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.table.focus()
        self._refilter(replace(self.filter, search=event.value.strip() or None))

    def action_filter(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                self._refilter(filters.parse(text))
            except UserError as exc:
                self.notify(str(exc), severity="error", markup=False)
        self.app.push_screen(PromptModal(t("triage.filter_prompt"), value=filters.describe(self.filter),
                                         placeholder="platform:ig status:new sentiment:neg tag:客訴 mine",
                                         allow_empty=True),
                             done)

    def action_views(self) -> None:
        views = self.app.store.queue.views(self.me)
        names = [v.name for v in views]

        def done(name: str | None) -> None:
            chosen = next((v for v in views if v.name == name), None)
            if chosen:
                self._refilter(chosen.filter)
        self.app.push_screen(PromptModal(t("triage.views_prompt"), suggestions=names), done)

    def action_save_view(self) -> None:
        def done(name: str | None) -> None:
            if name:
                self.app.store.queue.save_view(self.me, name, self.filter)
                self.notify(t("triage.view_saved", name=name), markup=False)
        self.app.push_screen(PromptModal(t("triage.save_view_prompt")), done)

    def key_escape(self) -> None:
        box = self.query_one("#search", Input)
        if box.display:
            box.display = False
            self.table.focus()
