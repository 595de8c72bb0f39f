"""PostEditorModal: write or change a planned post, with its text per platform.

The form is ``planning.editing.PostDraft``; saving is ``save_draft``. Under the text: each
platform's length against its limit and the brand-voice findings, as you type.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from xiaobian import voice
from xiaobian.analytics.best_times import best_hours
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import MediaKind, Platform, PostStatus
from xiaobian.planning.editing import PostDraft, draft_from_post, save_draft
from xiaobian.timeutil import from_iso, to_iso, zone
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import SafeInput, SafeTextArea, clean, one_line, safe_text
from xiaobian.tui.widgets.cells import platform_badge
from xiaobian.voice.limits import count_chars, limit_for

MAX_FINDINGS = 3


class PostEditorModal(ModalScreen[int | None]):
    CSS_PATH = "post_editor.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="editor-cancel"),
        Binding("ctrl+s", "save", "editor.save", id="editor-save", priority=True),
    ]

    def __init__(self, post_id: int | None, *, default_when: str | None = None,
                 default_platform: str = "instagram") -> None:
        super().__init__()
        localize_bindings(self)
        self.post_id = post_id
        self.default_when = default_when
        self.default_platform = default_platform
        self.draft: PostDraft | None = None
        self.editing = default_platform
        self.guide = None

    @property
    def tz(self):
        return zone(self.app.settings.timezone)

    def _load_draft(self) -> PostDraft:
        store = self.app.store
        post = store.posts.get(self.post_id) if self.post_id is not None else None
        if post is not None:
            return draft_from_post(post, self.tz)
        when = from_iso(self.default_when).astimezone(self.tz).strftime("%Y-%m-%d %H:%M") if self.default_when else ""
        return PostDraft(platform=self.default_platform, status=PostStatus.DRAFT, when=when)

    def compose(self) -> ComposeResult:
        self.draft = draft = self._load_draft()
        self.editing = draft.platform
        campaigns = self.app.store.calendar.campaign_choices()
        with Vertical(classes="modal-box editor-box"):
            yield Static(t("editor.title_edit" if draft.post_id else "editor.title_new"),
                         classes="modal-title", markup=False)
            with Horizontal(classes="editor-row"):
                yield Select([(t(f"platform.{p}"), p.value) for p in Platform], value=draft.platform,
                             allow_blank=False, compact=True, id="ed-platform")
                yield Select([(t(f"post_status.{s}"), s.value) for s in PostStatus], value=draft.status,
                             allow_blank=False, compact=True, id="ed-status")
                yield Select([(t(f"media.{m}"), m.value) for m in MediaKind], value=draft.media_kind,
                             allow_blank=False, compact=True, id="ed-media")
            yield SafeInput(draft.when, placeholder=t("editor.when"), compact=True, id="ed-when",
                        disabled=draft.published)
            yield Static("", id="ed-best", markup=False)
            yield SafeInput(draft.title, placeholder=t("editor.post_title"), compact=True, id="ed-title")
            yield Select(self._variant_options(), value=self.editing, allow_blank=False, compact=True,
                         id="ed-variant")
            yield SafeTextArea(draft.text, id="ed-text", soft_wrap=True)
            yield SafeInput(draft.hashtags, placeholder=t("editor.hashtags"), compact=True, id="ed-hashtags")
            yield Select([(safe_text(one_line(name, 40)), cid) for cid, name in campaigns], value=draft.campaign_id
                         if draft.campaign_id in {c for c, _ in campaigns} else Select.NULL,
                         prompt=t("editor.campaign"), compact=True, id="ed-campaign")
            yield SafeInput(draft.notes, placeholder=t("editor.notes"), compact=True, id="ed-notes")
            yield Static("", id="ed-counts")
            yield Static("", id="ed-findings")
            yield Static(t("editor.hint"), classes="modal-hint", markup=False)

    def on_mount(self) -> None:
        try:
            self.guide = voice.load_guide(brand=self.app.settings.brand)
        except UserError as exc:
            self.notify(str(exc), severity="warning", markup=False)
        self.query_one("#ed-text", TextArea).focus()
        self._check()
        self.load_best_hours(self.draft.platform)

    @work(thread=True, exclusive=True, group="best-hours")
    def load_best_hours(self, platform: str) -> None:
        """When this platform's posts engaged most: a hint beside the time, never a wait."""
        hours = best_hours(self.app.store, platform, self.tz, now=to_iso(self.app.clock()))
        text = t("editor.best_hours", platform=t(f"platform.{platform}"), hours="  ".join(
            t("editor.best_hour", hour=f"{h.hour:02d}:00", lift=f"{h.lift:.1f}") for h in hours)) if hours \
            else t("editor.best_hours_none", platform=t(f"platform.{platform}"))
        self.app.call_from_thread(self.query_one("#ed-best", Static).update, text)

    # ---- the text per platform -----------------------------------------------------------
    def _variant_options(self) -> list[tuple[str, str]]:
        return [(t("editor.text_on", platform=t(f"platform.{p}")), p) for p in self.draft.texts()]

    def _refresh_variants(self) -> None:
        picker = self.query_one("#ed-variant", Select)
        with picker.prevent(Select.Changed):
            picker.set_options(self._variant_options())
            picker.value = self.editing

    def _stash(self) -> None:
        text = self.query_one("#ed-text", TextArea).text
        if self.editing == self.draft.platform:
            self.draft.text = text
        else:
            self.draft.variants[self.editing] = text

    @on(Select.Changed, "#ed-variant")
    def _switch_variant(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value == self.editing:
            return
        self._stash()
        self.editing = event.value
        area = self.query_one("#ed-text", TextArea)
        area.load_text(self.draft.texts()[self.editing])
        self._check()

    @on(Select.Changed, "#ed-platform")
    def _platform_changed(self, event: Select.Changed) -> None:
        self._stash()
        old, new = self.draft.platform, event.value
        if new == old:
            return
        # the main text moves to the new platform; a variant already there becomes the old one's
        self.draft.variants.pop(new, None)
        self.draft.platform = new
        if self.editing == old:
            self.editing = new
        self._refresh_variants()
        self._check()
        self.load_best_hours(new)

    @on(TextArea.Changed)
    @on(Input.Changed, "#ed-hashtags")
    def _changed(self) -> None:
        self._stash()
        self._check()

    def _check(self) -> None:
        hashtags = self.query_one("#ed-hashtags", Input).value.strip()
        counts = []
        for platform, text in self.draft.texts().items():
            full = f"{text}\n\n{hashtags}" if hashtags else text
            used, limit = count_chars(full, platform), limit_for(platform, "post")
            style = "bold $error" if limit and used > limit else "$text-muted"
            counts.append(Content.styled(f"{platform_badge(platform)} {used:,}/{limit:,}" if limit
                                         else f"{platform_badge(platform)} {used:,}", style))
        self.query_one("#ed-counts", Static).update(Content("  ").join(counts))
        text = self.draft.texts()[self.editing]
        findings = voice.check(text, self.guide, platform=self.editing, kind="post")
        lines = [Content.styled(t("editor.voice_ok"), "$success")] if not findings else [
            Content.styled(f"{'✗' if f.severity == 'error' else '!'} {clean(f.message)}",
                           "$error" if f.severity == "error" else "$warning")
            for f in findings[:MAX_FINDINGS]]
        if len(findings) > MAX_FINDINGS:
            lines.append(Content.styled(t("editor.more_findings", count=len(findings) - MAX_FINDINGS), "$text-muted"))
        self.query_one("#ed-findings", Static).update(Content("\n").join(lines))

    # ---- save ------------------------------------------------------------------------------
    def action_save(self) -> None:
        self._stash()
        draft = self.draft
        draft.status = self.query_one("#ed-status", Select).value
        draft.media_kind = self.query_one("#ed-media", Select).value
        draft.when = self.query_one("#ed-when", Input).value
        draft.title = self.query_one("#ed-title", Input).value
        draft.hashtags = self.query_one("#ed-hashtags", Input).value
        draft.notes = self.query_one("#ed-notes", Input).value
        campaign = self.query_one("#ed-campaign", Select).value
        draft.campaign_id = None if campaign is Select.NULL else campaign
        try:
            post_id = save_draft(self.app.store, draft, self.app.clock().astimezone(self.tz))
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(post_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
