"""XiaobianApp: modes (one per area), themes, keymap, header status. Screens do the work."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from datetime import datetime

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from xiaobian import paths
from xiaobian.config import Settings
from xiaobian.i18n import t
from xiaobian.sanitize import clean
from xiaobian.store import Store
from xiaobian.timeutil import utcnow
from xiaobian.tui import themes
from xiaobian.tui.localize import localize_bindings
from xiaobian.tui.messages import DataChanged
from xiaobian.tui.screens.help import HelpModal
from xiaobian.tui.screens.triage import TriageScreen
from xiaobian.tui.typeahead import TypeAhead

STATUS_POLL_SECONDS = 2.0


def _area(module: str, name: str) -> Screen:
    """The areas besides triage load on first visit: their imports (the post editor, charts,
    analytics) stay off the path to the first frame."""
    from importlib import import_module

    return getattr(import_module(f"xiaobian.tui.screens.{module}"), name)()


class XiaobianApp(TypeAhead):
    CSS_PATH = "app.tcss"
    DEFAULT_MODE = "triage"
    MODES = {
        "triage": TriageScreen,
        "calendar": lambda: _area("calendar", "CalendarScreen"),
        "campaigns": lambda: _area("campaigns", "CampaignsScreen"),
        "charts": lambda: _area("charts", "ChartsScreen"),
    }
    BINDINGS = [
        Binding("1", "switch_mode('triage')", "key.triage", id="goto-triage", show=False),
        Binding("2", "switch_mode('calendar')", "key.calendar", id="goto-calendar", show=False),
        Binding("3", "switch_mode('campaigns')", "key.campaigns", id="goto-campaigns", show=False),
        Binding("4", "switch_mode('charts')", "key.charts", id="goto-charts", show=False),
        Binding("question_mark,f1", "help", "key.help", id="help", key_display="?"),
        # Not a priority binding: those fire when the key arrives, so a q typed right after `f`
        # (before the filter prompt exists) would quit instead of reaching the prompt.
        Binding("q,ctrl+q", "quit", "key.quit", id="quit"),
    ]

    def notify(self, message, *, title: str = "", markup: bool = True, **kwargs) -> None:
        """Every toast (screens' and widgets' ``notify`` end here) is cleaned and never markup.

        A teammate's display name with an OSC 52 in "being handled by <name>" wrote another
        user's clipboard; no caller has to remember to clean what it passes.
        """
        if isinstance(message, str):
            message = clean(message, max_chars=2000)
        super().notify(message, title=clean(title, max_chars=200), markup=False, **kwargs)

    def __init__(self, store: Store, settings: Settings, *, theme: str | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__()
        localize_bindings(self)
        self.clock = clock
        """Now, in UTC: ages and SLA timers are measured against it (tests freeze it)."""
        self.store = store
        self.settings = settings
        self._requested_theme = theme or settings.theme
        self._data_version: int | None = None
        self.unread: int | None = None
        self.title = f"{t('app.title')} · {store.path.name}"
        # Themes before the first compose: each theme change re-parses every stylesheet.
        self._theme_problems = self._register_themes()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette switches areas too (besides Textual's own: themes, keys, quit)."""
        yield from super().get_system_commands(screen)
        for mode in self.MODES:
            yield SystemCommand(t(f"screen.{mode}"), t("palette.go", area=t(f"screen.{mode}")),
                                lambda mode=mode: self.switch_mode(mode))

    def _fatal_error(self) -> None:
        """Textual's crash screen, without the locals it shows by default: a frame's locals can
        hold a token or a customer's message, and the screen stays in a shared tmux scrollback.
        (Textual offers no setting for this; a test fails if this hook stops being called.)"""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(themes.VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(t("app.theme_failed", file=problem.file, error=problem.error,
                          fallback=themes.DEFAULT_THEME), severity="error", markup=False)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.call_after_refresh(self.refresh_status)
        self.set_interval(STATUS_POLL_SECONDS, self._poll)
        self.call_after_refresh(self._warm_up)

    def _warm_up(self) -> None:
        """Once the first frame is up, load what the first write and the first reply need, so
        neither key waits for an import."""

        def load() -> None:
            self.store.warm_up()
            import xiaobian.tui.screens.reply  # noqa: F401

            # What is loaded now lives as long as the app: keep it out of the garbage collector's
            # full passes, which otherwise pause the UI ~30 ms every few hundred keys.
            gc.freeze()

        self.run_worker(load, thread=True, group="warm-up")

    def _register_themes(self) -> list[themes.ThemeProblem]:
        loaded, problems = themes.load_themes(paths.builtin_theme_dir(), paths.user_theme_dir())
        for theme in loaded:
            self.register_theme(theme)
        names = {theme.name for theme in loaded}
        self.theme = self._requested_theme if self._requested_theme in names else themes.DEFAULT_THEME
        return problems

    def refresh_status(self) -> None:
        """Recount the queue (in a thread) after one of our own writes."""
        self.run_worker(lambda: self._count_unread(poll=False), thread=True, exclusive=True,
                        group="status")

    def _poll(self) -> None:
        self.run_worker(lambda: self._count_unread(poll=True), thread=True, exclusive=True,
                        group="status")

    def _count_unread(self, poll: bool) -> None:
        """On a poll, do nothing unless another connection committed since the last look."""
        version = self.store.data_version()
        if poll and version == self._data_version:
            return
        changed_elsewhere = poll and self._data_version is not None
        self._data_version = version
        count = self.store.comments.count_needing_attention()
        self.call_from_thread(self._show_unread, count, changed_elsewhere)

    def _show_unread(self, count: int, changed_elsewhere: bool) -> None:
        if changed_elsewhere:
            self.screen.post_message(DataChanged())
        self.unread = count
        self.title = f"{t('app.title')} · {self.store.path.name} · {t('app.unread', count=f'{count:,}')}"

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(self.screen))
