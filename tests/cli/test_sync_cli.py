"""``xiaobian sync`` as a user runs it: summary, check, history, list, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.store import open_store

FIXTURES = Path(__file__).parents[1] / "sync" / "fixtures"
TWEETS = FIXTURES / "x-archive" / "data" / "tweets.js"


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(db_path), *map(str, args)], catch_exceptions=False)

    return invoke


def test_sync_prints_a_summary_and_records_the_run(run, db_path):
    result = run("sync", TWEETS, "--account", "shanlan_coffee")
    assert result.exit_code == 0, result.output
    assert "Posts: 1 new, 0 updated, 0 unchanged" in result.output
    assert "Skipped 1: a repost of someone else's post" in result.output
    history = run("sync", "--history")
    assert "done" in history.output and "x-archive" in history.output and str(TWEETS) in history.output
    store = open_store(db_path, actor="t")
    assert store.scalar("SELECT handle FROM accounts") == "shanlan_coffee"
    store.close()


def test_check_writes_nothing(run, db_path):
    result = run("sync", "--check", TWEETS)
    assert result.exit_code == 0 and "5 records, all readable" in result.output
    assert not db_path.exists()


def test_generic_mapping_from_a_toml_file(run):
    result = run("sync", "--format", "generic", "--mapping", FIXTURES / "generic" / "line_oa.toml",
                 FIXTURES / "generic" / "line_oa.csv")
    assert result.exit_code == 0, result.output
    assert "Comments: 2 new" in result.output
    assert "Skipped 1: no text" in result.output


@pytest.mark.parametrize("args, message", [
    (["sync"], "give one or more files"),
    (["sync", "nope.zip"], "nope.zip: no such file or folder"),
    (["sync", FIXTURES / "x-archive" / "broken_tweets.js"], "broken_tweets.js: tweet 1 (1): created_at"),
    (["sync", "--format", "generic", "--map", "text", FIXTURES / "generic" / "line_oa.csv"], "--map text:"),
    (["sync", "--encoding", "klingon", TWEETS], "unknown text encoding klingon"),
])
def test_mistakes_are_one_line_and_exit_non_zero(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_list_formats_in_both_languages(run):
    english = run("sync", "--list-formats")
    assert "x-archive" in english.output and "generic" in english.output
    chinese = run("--lang", "zh-TW", "sync", "--list-formats")
    assert "封存檔" in chinese.output


def test_hostile_member_names_never_reach_the_terminal_raw(run, tmp_path):
    import zipfile

    evil = "data/\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil.csv"
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    with zipfile.ZipFile(good, "w") as z:
        z.writestr(evil, (FIXTURES / "generic" / "exportcomments.csv").read_text(encoding="utf-8"))
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("data/\x1b[31mbroken.csv", "Name,Date,Comment\n小安,昨天,你好\n")
    imported, refused = run("sync", good), run("sync", bad)
    assert imported.exit_code == 0 and "evil.csv" in imported.output
    assert refused.exit_code == 1 and "broken.csv" in refused.output
    for output in (imported.output, refused.output):
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output


def test_audit_shows_who_imported_and_who_triaged(run, db_path):
    run("sync", FIXTURES / "generic" / "exportcomments.csv")
    store = open_store(db_path, actor="amy")
    store.triage.apply(store.scalar("SELECT min(id) FROM comments"), "done", actor="amy")
    store.close()
    everyone = run("audit", "--since", "1h").output.splitlines()
    assert len(everyone) == 2
    assert "sync.import" in everyone[0] and "comment-csv" in everyone[0]
    assert "amy" in everyone[1] and "comment.done" in everyone[1]
    only_amy = run("audit", "--actor", "amy").output.splitlines()
    assert len(only_amy) == 1


def test_audit_limit_keeps_the_newest(run, db_path):
    store = open_store(db_path, actor="amy")
    with store.write():
        for i in range(5):
            store.audit("test.step", "comments", i, at=f"2026-11-26T0{i}:00:00Z")
    store.close()
    lines = run("audit", "--since", "2026-11-25T00:00:00Z", "--limit", "2").output.splitlines()
    assert [line.split()[4] for line in lines] == ["comments#3", "comments#4"]
