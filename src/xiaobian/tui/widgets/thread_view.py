"""ThreadView: the whole conversation around one comment, loaded in a worker as the cursor moves.

Every stranger-written string goes through ``safe_text``; nothing here is ever markup.
"""

from __future__ import annotations

import re

from textual import work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from xiaobian.i18n import t
from xiaobian.timeutil import from_iso, local_display, zone
from xiaobian.tui.safe_text import clean, safe_text
from xiaobian.tui.widgets.cells import platform_badge

PREVIEW_CHARS = 400


def permalink_link(url: str | None) -> Content | None:
    """The post's permalink as a terminal hyperlink (OSC 8), for http(s) URLs only."""
    if not url or not re.match(r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$", url):
        return None
    return Content.assemble("↗ ", Content(clean(url, max_chars=300)).stylize(Style(link=url)))


class ThreadView(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    ThreadView {
        border-left: vkey $panel;
        padding: 0 1;
    }
    ThreadView .section {
        color: $text-muted;
        text-style: bold;
        margin-top: 1;
    }
    ThreadView .claimed {
        color: $warning;
    }
    ThreadView .ours {
        color: $success;
    }
    """

    def compose(self):
        yield Static(t("thread.nothing"), id="thread-body")

    def load(self, comment_id: int | None) -> None:
        if comment_id is None:
            self.query_one("#thread-body", Static).update(t("thread.nothing"))
            return
        # The queue's frame paints first: the pane follows, read by its worker.
        self.call_after_refresh(self._fetch, comment_id)

    @work(thread=True, exclusive=True, group="thread")
    def _fetch(self, comment_id: int) -> None:
        thread = self.app.store.queue.thread(comment_id)
        c = thread.comment if thread else None
        perks = self.app.store.fans.perks(c.platform, c.author_id) if c and c.author_id else []
        self.app.call_from_thread(self._show, thread, perks)

    def _when(self, iso: str | None) -> str:
        return local_display(iso, zone(self.app.settings.timezone))

    def _show(self, thread, perks=()) -> None:
        if thread is None:
            self.query_one("#thread-body", Static).update(t("thread.nothing"))
            return
        c = thread.comment
        parts: list[Content] = []
        head = Content.assemble((platform_badge(c.platform), "bold"), "  ",
                                (safe_text(c.author_name, max_chars=80)), "  ", self._when(c.created_at))
        parts.append(head)
        if perks:  # what the brand gave this fan: who, what, when
            parts.append(Content(t("thread.labelled", label=t("analytics.fans.perks"))).append(Content("; ").join(
                Content.assemble(self._when(p.given_at)[:10], " ", safe_text(p.what, max_chars=80), " (",
                                 safe_text(p.given_by, max_chars=40), ")") for p in perks[:5])))
        if c.claimed_by and c.claim_expires and from_iso(c.claim_expires) > self.app.clock():
            parts.append(Content.styled(t("thread.claimed", who=c.claimed_by,
                                          until=self._when(c.claim_expires)), "$warning"))
        parts.append(safe_text(c.text))
        if c.tags:
            parts.append(Content(t("thread.labelled", label=t("thread.tags"))).append(
                safe_text(t("thread.list_sep").join(c.tags))))
        if c.assignee:
            parts.append(Content(t("thread.labelled", label=t("thread.assignee"))).append(
                safe_text(c.assignee, max_chars=80)))
        if thread.post is not None:
            parts += [Content.styled(t("thread.post"), "bold $text-muted"),
                      safe_text(thread.post.title or thread.post.text, max_chars=PREVIEW_CHARS)]
            link = permalink_link(thread.permalink)
            if link is not None:
                parts.append(link)
        if thread.parent is not None:
            parts += [Content.styled(t("thread.parent"), "bold $text-muted"),
                      Content.assemble(safe_text(thread.parent.author_name, max_chars=80), ": ",
                                       safe_text(thread.parent.text, max_chars=PREVIEW_CHARS))]
        if thread.replies:
            parts.append(Content.styled(t("thread.replies"), "bold $text-muted"))
            for reply in thread.replies:
                style = "$success" if reply.is_ours else "bold"
                parts.append(Content.assemble(
                    safe_text(reply.author_name, max_chars=80, style=style), "  ",
                    self._when(reply.created_at), "\n", safe_text(reply.text, max_chars=PREVIEW_CHARS)))
        if thread.history:
            parts.append(Content.styled(t("thread.history"), "bold $text-muted"))
            for earlier in thread.history:
                parts.append(Content.assemble(self._when(earlier.created_at), "  ",
                                              safe_text(earlier.text, max_chars=200)))
        if thread.handoffs:
            parts.append(Content.styled(t("thread.handoffs"), "bold $text-muted"))
            for handoff in thread.handoffs:
                parts.append(Content.assemble(safe_text(handoff.department, max_chars=40), " · ",
                                              handoff.status, " · ",
                                              safe_text(handoff.note, max_chars=200)))
                if handoff.answer:
                    parts.append(Content.assemble("  ↳ ", t("thread.handoff_answer"), " ",
                                                  safe_text(handoff.answer, max_chars=400)))
        self.query_one("#thread-body", Static).update(Content("\n\n").join(parts))
        self.scroll_home(animate=False)
