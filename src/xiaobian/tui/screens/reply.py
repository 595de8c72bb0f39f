"""ReplyModal: pick a template by number, edit, check the brand voice, save.

The brand-voice findings (``voice.check`` with the user's guide, for a reply on the comment's
platform) show under the editor as they are typed; an error blocks sending and copying.

``r`` ``1`` ``ctrl+s`` replies with the first template in three keys. Saving copies the text to
the clipboard (OSC 52, works over SSH) and marks the comment replied; ``ctrl+d`` keeps a draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from xiaobian import templates, voice
from xiaobian.i18n import t
from xiaobian.models import ReplyTemplate
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.safe_text import SafeTextArea, clean, safe_text


@dataclass(frozen=True)
class ReplyDraft:
    text: str
    template_id: int | None
    state: str  # "send" (through the API), "copied" (sent by hand) or "draft"


class ReplyModal(ModalScreen[ReplyDraft | None]):
    BINDINGS = [
        Binding("ctrl+e", "save('send')", "key.reply_send", id="reply-send", priority=True),
        Binding("ctrl+s", "save('copied')", "key.reply_save", id="reply-save", priority=True),
        Binding("ctrl+d", "save('draft')", "key.reply_draft", id="reply-draft", priority=True),
        Binding("escape", "cancel", "key.cancel", id="reply-cancel"),
    ]

    def __init__(self, template_list: Sequence[ReplyTemplate], values: dict[str, str],
                 heading: str, can_send: bool = False, guide: voice.Guide | None = None,
                 platform: str | None = None) -> None:
        super().__init__()
        self.can_send = can_send
        self.guide = guide or voice.default_guide()
        self.platform = platform
        localize_bindings(self)
        self.template_list = list(template_list)[:9]
        self.values = values
        self.heading = heading
        self.template_id: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box reply-box"):
            yield Static(safe_text(self.heading, max_chars=200), classes="modal-title")
            yield OptionList(*[Option(Content(f"{i}  ").append(safe_text(tpl.name)), id=str(tpl.id))
                               for i, tpl in enumerate(self.template_list, 1)], id="reply-templates")
            yield SafeTextArea(id="reply-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="reply-findings")
            yield Static(t("reply.hint_send" if self.can_send else "reply.hint"), classes="modal-hint",
                         markup=False)

    def on_key(self, event) -> None:
        """Digits pick a template while the list (not the editor) has focus."""
        if event.character and event.character.isdigit() and not isinstance(self.focused, TextArea):
            index = int(event.character) - 1
            if 0 <= index < len(self.template_list):
                event.stop()
                self._use(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._use(event.option_index)
        self.query_one(TextArea).focus()

    def _use(self, index: int) -> None:
        template = self.template_list[index]
        self.template_id = template.id
        self.query_one(TextArea).text = templates.fill(template.body, **self.values)

    def _findings(self, text: str) -> list[voice.Finding]:
        return voice.check(text, self.guide, platform=self.platform, kind="reply")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        findings = self._findings(event.text_area.text)
        lines = [Content(t("voice.ok"))] if not findings else [
            Content(clean(f"{t(f'voice.severity.{f.severity}')}: {f.message}", max_chars=300))
            for f in findings[:3]]
        if len(findings) > 3:
            lines.append(Content(t("voice.more", count=len(findings) - 3)))
        widget = self.query_one("#reply-findings", Static)
        widget.update(Content("\n").join(lines))
        widget.set_class(bool(findings), "-has-findings")
        widget.set_class(any(f.severity == "error" for f in findings), "-has-errors")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Send exists only where a connected account can post the reply."""
        return self.can_send or parameters != ("send",)

    def action_save(self, state: str) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.notify(t("reply.empty"), severity="warning", markup=False)
            return
        if state in ("copied", "send") and any(f.severity == "error" for f in self._findings(text)):
            self.notify(t("voice.blocked"), severity="error", markup=False)
            return
        self.dismiss(ReplyDraft(text=text, template_id=self.template_id, state=state))

    def action_cancel(self) -> None:
        self.dismiss(None)
