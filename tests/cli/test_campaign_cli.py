"""`xiaobian campaign`, `crisis` and `handoff` from the shell: output, files, one-line errors."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.demo import write_demo
from xiaobian.store import open_store

TODAY_DEMO = __import__("datetime").date(2026, 11, 24)


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def demo_db(db_path):
    store = open_store(db_path, actor="tester")
    write_demo(store, comments=2000, seed=42, today=TODAY_DEMO)
    store.close()
    return db_path


@pytest.mark.parametrize("command", [["campaign"], ["campaign", "new"], ["campaign", "draw"], ["crisis"],
                                     ["crisis", "open"], ["crisis", "drill"], ["handoff"], ["handoff", "export"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_new_from_template_then_list_and_show(run):
    result = run("campaign", "new", "--template", "giveaway", "--launch", "2026-12-01", "--owner", "小柯")
    assert result.output == "Created campaign 1: 留言抽獎 Giveaway 2026-12-01 (10 items, launch 2026-12-01).\n"
    listed = run("campaign", "list").output
    assert "留言抽獎 Giveaway 2026-12-01" in listed and "2026-12-01–2026-12-11" in listed and "小柯" in listed
    shown = run("campaign", "show", "1").output
    assert "## 預熱 warm-up" in shown and "[ ] 2026-12-12  截止後抽出得獎者並公布種子" in shown


def test_unknown_template_and_bad_date_are_one_line(run):
    result = run("campaign", "new", "--template", "party", "--launch", "2026-12-01")
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no template party" in result.output
    result = run("campaign", "new", "--template", "launch", "--launch", "12/01")
    assert result.exit_code == 1 and "12/01 is not a date (write it as YYYY-MM-DD" in result.output


def test_draw_prints_the_seed_and_a_dry_run_repeats_it(run, demo_db):
    first = run("campaign", "draw", "1", "--winners", "3", "--deadline", "2026-11-20", "--seed", "424242")
    assert first.exit_code == 0, first.output
    assert "Seed: 424242" in first.output and "To verify: xiaobian campaign draw 1 --seed 424242" in first.output
    winners = [line for line in first.output.splitlines() if re.match(r"\s+\d\. ", line)]
    assert len(winners) == 3
    again = run("campaign", "draw", "1", "--winners", "3", "--deadline", "2026-11-20T00:00:00+08:00",
                "--seed", "424242", "--dry-run")
    assert [line for line in again.output.splitlines() if re.match(r"\s+\d\. ", line)] == winners
    assert "Dry run" in again.output
    assert "Giveaway draw: 3 winner(s)" in run("campaign", "show", "1").output


def test_link_posts_and_comments(run, demo_db):
    result = run("campaign", "link", "2", "--post", "1", "--comment", "5", "--comment", "6")
    assert result.output == "Linked 1 post(s) and 2 comment(s) to campaign 2.\n"
    store = open_store(demo_db, actor="x")
    assert store.scalar("SELECT count(*) FROM comments WHERE id IN (5, 6) AND campaign_id = 2") == 2
    store.close()


def test_crisis_open_log_close_writes_the_post_mortem(run, demo_db, tmp_path):
    opened = run("crisis", "open", "冷萃瓶蓋破裂", "--detected", "2026-11-03 13:00", "--role", "lead=小雯")
    assert opened.output.startswith("Opened crisis 3: 冷萃瓶蓋破裂 (11 playbook items)")
    run("crisis", "log", "--statement", "粉專發布暫時回應")
    out = tmp_path / "postmortem.md"
    closed = run("crisis", "close", "--out", str(out))
    assert closed.exit_code == 0 and f"Written to {out}." in closed.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Post-mortem: 冷萃瓶蓋破裂") and "Public statement: 粉專發布暫時回應" in text
    assert run("crisis", "report", "--id", "3").output == text
    again = run("crisis", "close")
    assert again.exit_code == 1 and "no crisis is open" in again.output
    assert "--role boss: write it as role=name" in run("crisis", "open", "x", "--role", "boss").output


def test_drill_replays_into_a_sandbox(run, demo_db, tmp_path):
    sandbox = tmp_path / "drill.db"
    result = run("crisis", "drill", "--from", "2026-11-03 15:00", "--to", "2026-11-03 17:00",
                 "--speed", "1000000", "--sandbox", str(sandbox))
    assert result.exit_code == 0, result.output
    count = int(re.search(r"Drill finished: (\d+) comments", result.output).group(1))
    store = open_store(sandbox, actor="x")
    assert count > 0 and store.scalar("SELECT count(*) FROM comments WHERE status = 'new'") == count
    store.close()
    again = run("crisis", "drill", "--from", "2026-11-03 15:00", "--to", "2026-11-03 17:00",
                "--sandbox", str(sandbox))
    assert again.exit_code == 1 and "already exists" in again.output


def test_handoff_list_and_csv_export(run, demo_db, tmp_path):
    store = open_store(demo_db, actor="amy")
    comment_id = store.scalar("SELECT min(id) FROM comments WHERE is_ours = 0")
    store.triage.apply(comment_id, "escalate", "amy", department="門市 Stores", note="請店長回電")
    store.close()
    assert "門市 Stores" in run("handoff", "list").output
    out = tmp_path / "handoffs.csv"
    result = run("handoff", "export", "--csv", "--out", str(out), "--department", "門市 Stores")
    assert result.exit_code == 0 and "1 hand-offs written" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["Section/Column"], r["Description"].splitlines()[0]) for r in rows] == [("門市 Stores", "請店長回電")]
    handoff_id = rows[0]["xiaobian ID"]
    assert run("handoff", "status", handoff_id, "resolved").output == f"Hand-off {handoff_id} is now resolved.\n"
    assert "No hand-offs waiting." in run("handoff", "list", "--department", "門市 Stores").output


def test_crisis_from_a_spike_needs_one(run, demo_db):
    result = run("crisis", "open", "--from-spike")
    assert result.exit_code == 1 and "no negative-comment spike is going on" in result.output
    result = run("crisis", "open")
    assert result.exit_code == 1 and "give the crisis a title, or use --from-spike" in result.output
