"""Settings from the config file: every key checked, and a mistake named by file and key."""

from pathlib import Path

import pytest

from xiaobian.config import BusinessHours, SettingError, Settings, load_settings
from xiaobian.errors import UserError


def test_no_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setattr("xiaobian.paths.config_file", lambda: tmp_path / "absent.toml")
    settings = load_settings()
    assert settings.theme == "xiaobian-dark" and settings.sla_minutes == 60 and settings.db is None
    assert settings.business_hours == BusinessHours() and settings.business_hours.minutes() == (540, 1080)
    assert settings.display_name  # the OS login


def test_a_full_file_is_read_into_typed_values(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('''
db = "~/team.db"
lang = "zh-TW"
theme = "xiaobian-light"
timezone = "Asia/Taipei"
display_name = "小雯"
sla_minutes = 30
shared = true
staff = ["小雯", "shanlan.coffee"]
brand = "shanlan"

[business_hours]
start = "10:00"
end = "19:30"
days = ["mon", "tue", "wed", "thu", "fri", "sat"]

[cadence_days]
instagram = 3

[keymap]
triage-done = "d,x"
''', encoding="utf-8")
    settings = load_settings(path)
    assert settings.db == Path("~/team.db") and settings.lang == "zh-TW" and settings.shared is True
    assert settings.staff == ("小雯", "shanlan.coffee") and settings.sla_minutes == 30
    assert settings.business_hours.minutes() == (600, 1170) and "sat" in settings.business_hours.days
    assert settings.cadence_days == {"instagram": 3} and settings.keymap == {"triage-done": "d,x"}


@pytest.mark.parametrize(("text", "key", "message"), [
    ('theme = 3', "theme", "expected text"),
    ('sla_minutes = "60"', "sla_minutes", "whole number"),
    ('sla_minutes = 0', "sla_minutes", "at least 1"),
    ('sla_minutes = true', "sla_minutes", "whole number"),
    ('shared = "yes"', "shared", "true or false"),
    ('staff = "小雯"', "staff", "list of text"),
    ('staff = ["a", 1]', "staff", "list of text"),
    ('colour = "red"', "colour", "unknown setting"),
    ('business_hours = 9', "business_hours", "expected a table"),
    ('[business_hours]\nstart = "9:00"', "business_hours", "time like 09:00"),
    ('[business_hours]\nstart = "18:00"\nend = "09:00"', "business_hours", "after start"),
    ('[business_hours]\ndays = ["monday"]', "business_hours", "unknown day"),
    ('[business_hours]\nlunch = "12:00"', "business_hours.lunch", "unknown setting"),
    ('[cadence_days]\ninstagram = "3"', "cadence_days.instagram", "whole number"),
    ('[keymap]\ntriage-done = 4', "keymap.triage-done", "expected text"),
    ('timezone = "Asia/Taiwan"', "timezone", "unknown time zone 'Asia/Taiwan'"),
])
def test_a_wrong_value_names_file_and_key(tmp_path, text, key, message):
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value) and f"key {key}" in str(caught.value)
    assert message in str(caught.value)


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(UserError, match="not valid TOML"):
        load_settings(path)


def test_settings_made_in_code_are_checked_too():
    with pytest.raises(SettingError, match="sla_minutes"):
        Settings(sla_minutes=-5)
    assert Settings(business_hours={"start": "08:00"}).business_hours.start == "08:00"


def test_end_of_day_may_be_midnight_but_start_may_not():
    assert BusinessHours(start="18:00", end="24:00").minutes() == (1080, 1440)
    with pytest.raises(ValueError, match="start must be a time"):
        BusinessHours(start="24:00")


def test_mistakes_are_explained_in_chinese_too(tmp_path):
    from xiaobian import i18n

    path = tmp_path / "config.toml"
    path.write_text('sla_minutes = "60"\n', encoding="utf-8")
    i18n.set_language("zh-TW")
    try:
        with pytest.raises(UserError) as caught:
            load_settings(path)
    finally:
        i18n.set_language("en")
    assert "設定 sla_minutes" in str(caught.value) and "應該是整數，這裡是文字" in str(caught.value)


def test_a_named_config_file_must_exist(tmp_path):
    with pytest.raises(UserError, match="no config file here"):
        load_settings(tmp_path / "nonexistent.toml")


def test_a_folder_is_not_a_config_file(tmp_path):
    with pytest.raises(UserError, match="is a folder"):
        load_settings(tmp_path)
