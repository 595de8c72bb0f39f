"""``xiaobian lint``: exit codes (1 errors, 0 warnings only, 2 usage or guide), stdin, formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from xiaobian import paths
from xiaobian.cli.main import cli


@pytest.fixture
def lint():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["lint", *args], input=input, catch_exceptions=False)

    return invoke


def test_stdin_error_exits_1_with_file_line_col(lint):
    result = lint(input="冬季限定\n請看這支視頻,謝謝\n")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "<stdin>:2:5: error preferred-term: Taiwan usage: write “影片”, not “視頻” (視頻 → 影片)",
        "<stdin>:2:7: warning full-width-punctuation: use full-width “，” in Chinese text (, → ，)",
    ]
    assert "1 errors, 1 warnings" in result.stderr


def test_file_with_warnings_only_exits_0(lint, tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("今天3點開門", encoding="utf-8")
    result = lint(str(post))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{post}:1:2: warning cjk-latin-space: ")


@pytest.mark.parametrize("args", [[], ["-"]])
def test_clean_text_exits_0(lint, args):
    result = lint(*args, input="歡迎來店喝 coffee，下午 3 點見。\nSee you at 3!\n")
    assert result.exit_code == 0 and result.stdout == "" and "No findings." in result.stderr


def test_json_format(lint):
    result = lint("--format", "json", "--platform", "x", input="咖" * 141)
    assert result.exit_code == 1
    [row] = json.loads(result.stdout)
    assert row == {"file": "<stdin>", "line": 1, "col": 141, "start": 140, "end": 141,
                   "severity": "error", "rule": "length", "found": "", "suggestion": "",
                   "message": "282 characters, over the limit of 280 on X"}


def test_kind_reply_skips_required_hashtags(lint, tmp_path):
    guide = tmp_path / "g.toml"
    guide.write_text('[hashtags]\nrequired = ["#山嵐咖啡"]\n', encoding="utf-8")
    assert lint("--guide", str(guide), input="冬季限定").exit_code == 1
    assert lint("--guide", str(guide), "--kind", "reply", input="謝謝你").exit_code == 0


def test_in_traditional_chinese(lint):
    result = lint("--platform", "threads", input="請看視頻")
    zh = CliRunner().invoke(cli, ["--lang", "zh-TW", "lint"], input="請看視頻")
    assert result.exit_code == zh.exit_code == 1
    assert "台灣用語：請寫「影片」，不要寫「視頻」" in zh.stdout and "1 個錯誤" in zh.stderr


@pytest.mark.parametrize("setup, args, expected", [
    (None, ["--brand", "nope"], "nope.toml: no brand-voice guide for nope"),
    ("banned_word = 1\n", ["--guide", "{guide}"], "key banned_word"),
    ("[[[\n", ["--guide", "{guide}"], "not valid TOML"),
    (None, ["{tmp}/missing.txt"], "missing.txt: No such file or directory"),
    (None, ["--brand", "../x"], "../x is not a brand name"),
])
def test_usage_and_guide_errors_exit_2_in_one_line(lint, tmp_path, setup, args, expected):
    guide = tmp_path / "g.toml"
    if setup:
        guide.write_text(setup, encoding="utf-8")
    args = [a.format(guide=guide, tmp=tmp_path) for a in args]
    result = lint(*args, input="hi")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr
    assert "Traceback" not in result.output


def test_not_utf8_exits_2(lint, tmp_path):
    post = tmp_path / "big5.txt"
    post.write_bytes("請看影片".encode("cp950"))
    result = lint(str(post))
    assert result.exit_code == 2 and "not UTF-8 text" in result.stderr


def test_output_is_sanitized(lint, tmp_path):
    guide = tmp_path / "g.toml"
    guide.write_text('[banned_words]\n"便宜" = "超值\\u001b]52;c;aGk=\\u0007"\n', encoding="utf-8")
    result = lint("--guide", str(guide), input="很便宜")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output and "超值" in result.stdout


def test_init_guide_writes_once_then_needs_force(lint):
    path = paths.voice_guide_dir() / "shanlan.toml"
    first = lint("--init-guide", "shanlan")
    assert first.exit_code == 0 and str(path) in first.stdout
    assert 'name = "shanlan"' in path.read_text(encoding="utf-8")
    assert lint("--brand", "shanlan", input="請看視頻").exit_code == 1  # the new guide loads
    path.write_text("# mine\n", encoding="utf-8")
    again = lint("--init-guide", "shanlan")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert path.read_text(encoding="utf-8") == "# mine\n"
    assert lint("--init-guide", "--force", "shanlan").exit_code == 0
    assert lint("--init-guide").exit_code == 0 and (paths.voice_guide_dir() / "default.toml").exists()


def test_users_default_guide_applies_without_brand(lint):
    (paths.voice_guide_dir()).mkdir(parents=True)
    (paths.voice_guide_dir() / "default.toml").write_text('banned_words = ["hello"]\n')
    assert lint(input="hello there").exit_code == 1


def test_the_configured_brand_is_the_default_guide(lint):
    paths.voice_guide_dir().mkdir(parents=True)
    (paths.voice_guide_dir() / "shanlan.toml").write_text('banned_words = ["hello"]\n')
    assert lint(input="hello there").exit_code == 0
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('brand = "shanlan"\n')
    assert lint(input="hello there").exit_code == 1
