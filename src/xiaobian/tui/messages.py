"""Cross-widget messages."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Another session (or a sync) committed: screens showing data reload what they show."""
