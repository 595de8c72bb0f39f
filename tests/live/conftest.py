"""Fake platform APIs on 127.0.0.1, one per test; the real clients talk to them (no test touches
the internet). The servers live in ``fake_*.py``; ``harness.py`` drives any of them the same way."""

from __future__ import annotations

import pytest

from xiaobian.live.platforms import NAMES

from .fake_fediverse import FakeBluesky, FakeMastodon
from .fake_http import serve
from .fake_meta import FakeGraph, FakeMetaMedia
from .fake_youtube import FakeYouTube


@pytest.fixture
def mastodon():
    yield from serve(FakeMastodon())


@pytest.fixture
def bluesky():
    yield from serve(FakeBluesky())


@pytest.fixture
def youtube():
    yield from serve(FakeYouTube())


@pytest.fixture
def graph():
    yield from serve(FakeGraph())


@pytest.fixture
def meta_media():
    yield from serve(FakeMetaMedia())


@pytest.fixture(params=NAMES)
def live(request, monkeypatch):
    """Any platform's fake behind one interface (see ``harness.Harness``), small pages on."""
    from .harness import HARNESSES

    yield from HARNESSES[request.param](monkeypatch)
