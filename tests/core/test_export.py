"""CSV export: strangers' formulas stay text, escapes are neutralised, numbers stay numbers,
Excel gets a BOM, and every row of a large filter is streamed out."""

from __future__ import annotations

import csv
import io
from datetime import UTC

from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.export import cell, export_comments
from xiaobian.models import Comment
from xiaobian.store.queue import QueueFilter


def test_cells_neutralise_formulas_and_escapes_but_not_numbers():
    assert cell('=HYPERLINK("http://evil","點我")') == '\'=HYPERLINK("http://evil","點我")'
    assert [cell(v) for v in ("+1", "-1", "@SUM(A1)", "\tx")] == ["'+1", "'-1", "'@SUM(A1)", "'\tx"]
    assert cell("好喝\x1b[31m") == "好喝\ufffd"
    # a space or an invisible mark before the "=" does not stop a spreadsheet running it
    for hidden in (" =1+1", "\u200e=1+1", "\u200f@SUM(A1)", "\u3164=1", " \u061c-1", "\u2060+1"):
        assert cell(hidden).startswith("'"), hidden
    assert (cell(-0.5), cell(42), cell(None)) == ("-0.5", "42", "")


def test_export_streams_every_matching_comment_in_queue_order(store, monkeypatch):
    from xiaobian import export

    monkeypatch.setattr(export, "BATCH", 7)  # several pages
    store.comments.upsert_many([Comment(platform="line", external_id=str(i), author_name="=cmd|' /C calc'!A0",
                                        text=f"第 {i} 則", created_at=f"2026-11-{1 + i:02d}T00:00:00Z",
                                        tags=["客訴"] if i % 2 else []) for i in range(20)])
    out = io.StringIO()
    assert export_comments(store, QueueFilter(statuses=()), out, UTC) == 20
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:3] == ["id", "platform", "kind"] and len(rows) == 21
    assert [r[-1] for r in rows[1:3]] == ["第 19 則", "第 18 則"]  # newest first, like the queue
    assert rows[1][5] == "'=cmd|' /C calc'!A0" and rows[1][10] == "客訴"


def test_cli_writes_a_bom_file(store, db_path, tmp_path):
    store.comments.upsert_many([Comment(platform="x", external_id="1", text="@all 退款", created_at="2026-11-24T00:00:00Z")])
    store.close()
    out = tmp_path / "客訴.csv"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "export", "comments", "--filter", "status:all",
                                      "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and "Wrote 1 comments" in result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "'@all 退款".encode() in data
