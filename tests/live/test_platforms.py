"""The platform registry is the one list: every client keeps its promises, and every other list
(account add, competitor add, the outbox, moderation, competitors) is read from it."""

from __future__ import annotations

import click
import pytest

from xiaobian.live import competitors, moderation, outbox, platforms
from xiaobian.live.platforms import PLATFORMS


@pytest.mark.parametrize("name", list(PLATFORMS))
def test_each_client_has_what_its_flags_promise(name):
    spec, module = PLATFORMS[name], platforms.client(name)
    assert callable(module.open_api) and callable(module.pull)
    assert (hasattr(module, "post_reply") and hasattr(module, "find_reply")) == spec.sends
    assert hasattr(module, "set_hidden") == spec.hides
    assert (name in competitors.PULLS) == spec.competitors
    assert spec.default_server.startswith("https://") or name == "mastodon"


def _choices(command: click.Command, argument: str) -> tuple[str, ...]:
    return tuple(next(p for p in command.params if p.name == argument).type.choices)


def test_every_other_list_is_read_from_the_registry():
    from xiaobian.cli import account, competitor

    assert _choices(account.add, "platform") == platforms.NAMES
    assert _choices(competitor.add, "platform") == competitors.PLATFORMS == platforms.names(competitors=True)
    assert outbox.SENDS == platforms.names(sends=True)
    assert moderation.HIDES == platforms.names(hides=True)


def test_names_filters_by_ability():
    assert platforms.names(hides=False) == ("mastodon", "bluesky")
    assert set(platforms.names()) == set(PLATFORMS)
