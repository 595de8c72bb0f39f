"""``xiaobian report``: Markdown to stdout, HTML to a file, strangers' text never markup."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.demo import write_demo


def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), "report", *args])


def test_markdown_and_html(store, db_path, tmp_path):
    write_demo(store, comments=800, seed=3, today=date(2026, 11, 24))
    with store.write() as db:
        db.execute("UPDATE posts SET title = '<script>alert(1)</script> [x](http://evil) |', text = title"
                   " WHERE id = (SELECT post_id FROM metric_snapshots ORDER BY reach DESC LIMIT 1)")
    result = _run(db_path, "--period", "2026-10")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Monthly report 2026-10")
    out = tmp_path / "r.html"
    result = _run(db_path, "--period", "2026-10", "--format", "html", "--out", str(out))
    assert result.exit_code == 0 and "written to" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "<script>" not in page
    assert list(tmp_path.glob("*.part")) == []


def test_markdown_escapes_titles(store, db_path):
    write_demo(store, comments=300, seed=3, today=date(2026, 11, 24))
    with store.write() as db:
        db.execute("UPDATE posts SET title = '[x](http://evil) | **b**'")
    result = _run(db_path, "--period", "2026-10")
    assert "\\[x\\](http://evil) \\| \\*\\*b\\*\\*" in result.output and "[x](http" not in result.output


def test_bad_period_is_one_line(store, db_path):
    result = _run(db_path, "--period", "October")
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "2026-10" in result.output
