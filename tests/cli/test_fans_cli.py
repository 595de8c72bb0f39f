"""``xiaobian fans``: segments printed or written as CSV, perks recorded by name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.timeutil import to_iso, utcnow


def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "fans", *args])


@pytest.fixture
def fans_db(store, db_path):
    now = utcnow()
    rows = [("=HYPERLINK(\"x\")", "ig:1", now - timedelta(days=d)) for d in (1, 2, 3)]
    rows += [("Bo", "ig:2", now - timedelta(days=1))]
    with store.write() as db:
        for i, (name, author, created) in enumerate(rows):
            db.execute("INSERT INTO comments (platform, external_id, author_id, author_name, created_at)"
                       " VALUES ('instagram', ?, ?, ?, ?)", (f"c{i}", author, name, to_iso(created)))
    return db_path


def test_top_to_csv_is_spreadsheet_safe(fans_db, tmp_path):
    out = tmp_path / "top.csv"
    result = _run(fans_db, "top", "--csv", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "platform,author_id,author_name,comments,negative,mean_sentiment,first_seen,last_seen,perks"
    assert lines[1].startswith("instagram,ig:1,\"'=HYPERLINK(\"\"x\"\")\",3,0,0.0,")
    assert len(lines) == 3


def test_perk_by_name_then_listed(fans_db):
    result = _run(fans_db, "perk", "Bo", "耳掛包禮盒")
    assert result.exit_code == 0 and "耳掛包禮盒" in result.output
    assert "    1  instagram  Bo  (ig:2)" in _run(fans_db, "top").output


def test_unknown_fan_is_one_line(fans_db):
    result = _run(fans_db, "perk", "Nobody", "gift")
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no comments from 'Nobody'" in result.output


def test_csv_into_a_missing_folder_is_one_line(fans_db, tmp_path):
    result = _run(fans_db, "new", "--csv", str(tmp_path / "nope" / "new.csv"))
    assert result.exit_code == 1 and result.output.count("\n") == 1
