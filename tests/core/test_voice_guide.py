"""Loading brand-voice guides: the shipped default, the user's over it, and clear errors."""

from __future__ import annotations

import pytest

from xiaobian import paths, voice
from xiaobian.errors import UserError
from xiaobian.voice.guide import EXAMPLE_GUIDE


def write_guide(name: str, text: str):
    path = paths.voice_guide_dir() / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_default_applies_when_none_is_configured():
    guide = voice.load_guide()
    assert guide == voice.default_guide()
    assert guide.preferred_terms["視頻"] == "影片" and "用戶" not in guide.preferred_terms


def test_users_default_guide_extends_the_shipped_one():
    write_guide("default", 'exceptions = ["自信息"]\n'
                           '[preferred_terms]\n"客服熱線" = "客服專線"\n"網絡" = ""\n')
    guide = voice.load_guide()
    assert guide.preferred_terms["客服熱線"] == "客服專線"
    assert guide.preferred_terms["視頻"] == "影片"          # still there
    assert "網絡" not in guide.preferred_terms                # "" drops a shipped term
    assert "信息息" in guide.exceptions and "自信息" in guide.exceptions


def test_brand_guide_by_name_and_lists_add_up():
    write_guide("shanlan", 'name = "山嵐"\nbanned_words = ["最便宜"]\n[emoji]\nmax = 1\n')
    guide = voice.load_guide(brand="shanlan")
    assert guide.name == "山嵐" and guide.banned_words == {"最便宜": ""} and guide.emoji.max == 1
    assert [f.rule for f in voice.check("全台最便宜", guide)] == ["banned-word"]


def test_missing_brand_names_the_file_and_the_way_out():
    with pytest.raises(UserError) as error:
        voice.load_guide(brand="nope")
    assert str(paths.voice_guide_dir() / "nope.toml") in str(error.value)
    assert "--init-guide" in str(error.value)


@pytest.mark.parametrize("brand", ["../etc/passwd", "a/b", "", "x" * 65])
def test_brand_names_cannot_leave_the_guide_dir(brand):
    if brand == "":
        assert voice.guide_path(brand).name == "default.toml"
        return
    with pytest.raises(UserError):
        voice.guide_path(brand)


@pytest.mark.parametrize("text, key", [
    ("banned_word = ['x']\n", "banned_word"),
    ("[severity]\ncjk-latin-space = 'loud'\n", "severity.cjk-latin-space"),
    ("[severity]\nno-such-rule = 'off'\n", "severity.no-such-rule"),
    ("[emoji]\nmax = -1\n", "emoji.max"),
    ("[hashtags.platform.myspace]\nrequired = ['#a']\n", "hashtags.platform.myspace"),
    ("[length.post]\nx = 0\n", "length.post.x"),
    ("tone_words = 'loud'\n", "tone_words"),
])
def test_bad_keys_name_file_and_key(tmp_path, text, key):
    path = tmp_path / "guide.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        voice.load_guide(path)
    assert error.value.file == str(path)
    assert error.value.record == f"key {key}", str(error.value)


@pytest.mark.parametrize("content", [b"banned_words = [\n", b"name = '\xff\xfe'\n"])
def test_bad_toml_names_the_file(tmp_path, content):
    path = tmp_path / "guide.toml"
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        voice.load_guide(path)
    assert error.value.file == str(path) and "not valid TOML" in error.value.message


def test_explicit_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such guide file"):
        voice.load_guide(tmp_path / "missing.toml")


def test_example_guide_is_valid_and_changes_nothing_until_edited():
    path = write_guide("shanlan", EXAMPLE_GUIDE.read_text(encoding="utf-8").replace("{brand}", "shanlan"))
    guide = voice.load_guide(path)
    assert guide.model_copy(update={"name": ""}) == voice.default_guide()
