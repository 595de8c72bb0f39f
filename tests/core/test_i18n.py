import string

import pytest

from xiaobian import i18n


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogs_have_the_same_keys_and_placeholders():
    en, zh = i18n.catalog("en"), i18n.catalog("zh-TW")
    assert set(en) == set(zh)
    for key in en:
        assert _fields(en[key]) == _fields(zh[key]), key


@pytest.mark.parametrize("cli, configured, env, expected", [
    ("zh-TW", "en", "en_US.UTF-8", "zh-TW"),
    (None, "zh-TW", "en_US.UTF-8", "zh-TW"),
    (None, None, "zh_TW.UTF-8", "zh-TW"),
    (None, None, "en_GB.UTF-8", "en"),
    (None, None, "fr_FR.UTF-8", "en"),
])
def test_language_precedence(monkeypatch, cli, configured, env, expected):
    monkeypatch.setenv("LANG", env)
    assert i18n.resolve_language(cli, configured) == expected


def test_t_formats_and_falls_back():
    i18n.set_language("zh-TW")
    assert i18n.t("app.unread", count=3) == "待處理 3 則"
    assert i18n.t("no.such.key") == "no.such.key"
