from __future__ import annotations

import pytest

from xiaobian import i18n
from xiaobian.store import open_store


@pytest.fixture(autouse=True)
def isolate_user_dirs(tmp_path_factory, monkeypatch):
    """Never read or write the developer's real config, data or database."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("HOME", "")):
        monkeypatch.setenv(var, str(home / sub))
    for var in ("XIAOBIAN_DB", "XIAOBIAN_CONFIG", "LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "xiaobian.db"


@pytest.fixture
def store(db_path):
    s = open_store(db_path, actor="tester")
    yield s
    s.close()
