"""Files written for people: whole or absent, and as private as the database when they hold
customers' words (a shared server: everyone else must not read the team's DMs)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.models import Comment
from xiaobian.outfile import output_file


@pytest.fixture
def filled(store, db_path):
    store.comments.upsert_many([Comment(platform="instagram", external_id="1", author_name="小美",
                                        author_id="u1", text="我的訂單 #123 還沒到",
                                        created_at="2026-11-20T01:00:00Z")])
    store.triage.apply(1, "escalate", "amy", department="物流 Logistics")
    return db_path


COMMANDS = {
    "export comments": ["export", "comments", "--filter", "status:all", "--out"],
    "handoff export": ["handoff", "export", "--csv", "--all", "--out"],
    "fans top": ["fans", "top", "--csv"],
}


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize(("db_mode", "expected"), [(0o600, 0o600), (0o660, 0o660)])
def test_exports_are_as_private_as_the_database(filled, tmp_path, name, db_mode, expected):
    os.chmod(filled, db_mode)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["--db", str(filled), *COMMANDS[name], str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path):
    target = tmp_path / "half.csv"
    with pytest.raises(RuntimeError), output_file(target, mode=0o600) as out:
        out.write("partial")
        raise RuntimeError("disk gone")
    assert list(tmp_path.iterdir()) == []
