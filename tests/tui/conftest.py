from __future__ import annotations

import pytest

from xiaobian.config import Settings


@pytest.fixture
def settings():
    return Settings(display_name="tester", timezone="Asia/Taipei")


@pytest.fixture
def make_app(store, settings):
    from xiaobian.tui.app import XiaobianApp

    def factory(**kw):
        return XiaobianApp(store, settings.model_copy(update=kw))

    return factory
