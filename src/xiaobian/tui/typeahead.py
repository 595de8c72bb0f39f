"""Type-ahead: keys typed in the same burst as the key that opens a screen reach the app before
anything on that screen has focus. Textual would hand them to the bare screen, where a letter is
lost, and app bindings would fire (`q` quits instead of typing a q into the filter). The app
holds keys from the moment a screen is pushed, the focus moves to a search box, or a worker is
about to push a screen, until that has drawn, then replays them in order, as if typed a moment
later.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

HOLD_AT_MOST_S = 3.0


class TypeAhead(App):
    _held_keys: list[events.Key] | None = None

    def hold_keys(self) -> None:
        """Hold keys until the next pushed screen is up (or ``release_keys``): for a key whose
        screen is pushed by a worker, so keys typed meanwhile wait for that screen too. A screen
        closed before it drew would never release them: a timer does, at the latest."""
        if self._held_keys is None:
            self._held_keys = []
            self.set_timer(HOLD_AT_MOST_S, self.release_keys)

    def release_keys(self) -> None:
        held, self._held_keys = self._held_keys or [], None
        for key in held:
            self.post_message(events.Key(key.key, key.character))

    def focus_typed_ahead(self, widget: Widget, *, after: Widget) -> None:
        """Focus ``widget`` (a search box a key just opened) and hand it the keys typed with
        that key: they are still queued at ``after``, the widget that had the focus. Holding
        ends once ``after`` has passed them all up, and the app has taken them."""
        self.hold_keys()
        widget.focus()
        after.call_later(self.call_later, self.release_keys)

    def _hold_until_drawn(self) -> None:
        self.hold_keys()
        self.screen.call_after_refresh(self.release_keys)

    def push_screen(self, screen: Screen | str, *args, **kwargs):
        result = super().push_screen(screen, *args, **kwargs)
        self._hold_until_drawn()
        return result

    def switch_mode(self, mode: str):
        result = super().switch_mode(mode)
        self._hold_until_drawn()
        return result

    async def on_event(self, event: events.Event) -> None:
        # Also the keys on their way back up from the old screen's focused widget: Textual sent
        # them there before the key that opened the new screen had run.
        if isinstance(event, events.Key) and self._held_keys is not None:
            self._held_keys.append(event)
            return
        await super().on_event(event)
