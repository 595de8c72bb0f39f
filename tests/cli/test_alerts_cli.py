"""``xiaobian alerts check``: exit 1 and the alert line while a spike is open, 0 when calm."""

from __future__ import annotations

import json
from datetime import timedelta

from click.testing import CliRunner

from analytics_fixtures import calm_week, negative_comments
from xiaobian.cli.main import cli
from xiaobian.timeutil import utcnow


def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "alerts", "check", *args], catch_exceptions=False)


def test_open_spike_exits_1_with_the_alert(store, db_path):
    now = utcnow()
    counts = calm_week(now)
    counts[now.replace(minute=0, second=0)] = 50
    negative_comments(store, counts)
    result = _run(db_path)
    assert result.exit_code == 1
    assert result.output.startswith("ALERT negative comments spiking since ") and "50 in the hour" in result.output
    data = json.loads(_run(db_path, "--json").output)
    assert [(a["kind"], a["peak_count"]) for a in data["alerts"]] == [("spike", 50)]


def test_calm_exits_0(store, db_path):
    negative_comments(store, calm_week(utcnow()))
    result = _run(db_path)
    assert (result.exit_code, result.output) == (0, "No alerts.\n")
    assert json.loads(_run(db_path, "--json").output) == {"alerts": []}


def test_an_old_spike_counts_only_with_a_wider_since(store, db_path):
    now = utcnow()
    counts = calm_week(now)
    counts[now.replace(minute=0, second=0) - timedelta(days=3)] = 50
    negative_comments(store, counts)
    assert _run(db_path).exit_code == 0
    assert _run(db_path, "--since", "4d").exit_code == 1


def test_bad_since_is_one_line(store, db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "alerts", "check", "--since", "soon"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "--since" in result.output


def test_fatigued_ad_that_still_runs_is_an_alert(store, db_path):
    today = utcnow().date()
    with store.write() as db:
        for back in range(14):
            day = f"{today - timedelta(days=back)}T00:00:00Z"
            reach, impressions, clicks = (800, 1600, 16) if back < 7 else (1000, 1200, 24)
            db.execute("INSERT INTO ad_stats (platform, ad_id, ad_name, campaign_name, period_start, period_end,"
                       " reach, impressions, link_clicks) VALUES ('facebook', 'a1', '雪嶺-輪播A', '冬季', ?, ?, ?, ?, ?)",
                       (day, day, reach, impressions, clicks))
    result = _run(db_path)
    assert result.exit_code == 1
    assert "ALERT ad fatigue: 雪嶺-輪播A (冬季): frequency 1.20 → 2.00 while CTR fell 2.00% → 1.00%" in result.output
    data = json.loads(_run(db_path, "--json").output)
    assert data["alerts"][0]["kind"] == "fatigue" and data["alerts"][0]["ctr_after"] == 0.01
