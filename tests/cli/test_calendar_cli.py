"""``xiaobian calendar``: files out and in, themes, best hours; every mistake is one line, exit 1."""

from datetime import date

import icalendar
import pytest
from click.testing import CliRunner

from xiaobian.cli.main import cli
from xiaobian.demo import write_demo
from xiaobian.models import Campaign
from xiaobian.store import open_store

HEADER = "date,time,platform,status,title,text,campaign\n"


@pytest.fixture
def run(db_path, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Asia/Taipei"\n')
    store = open_store(db_path, actor="me")
    store.campaigns.create(Campaign(name="耶誕禮盒"))
    store.close()

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(db_path), "--config", str(config), *args],
                                  catch_exceptions=False)

    return invoke


def posts(db_path):
    store = open_store(db_path, actor="me")
    try:
        return store.query("SELECT platform, title, scheduled_at FROM posts ORDER BY id")
    finally:
        store.close()


def error_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.mark.parametrize("command", [["calendar"], ["calendar", "export"], ["calendar", "import"],
                                     ["calendar", "theme"], ["calendar", "best-times"]])
def test_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_import_then_export_both_formats(run, db_path, tmp_path):
    sheet = tmp_path / "plan.csv"
    sheet.write_bytes(("\ufeff" + HEADER + "2026-12-01,20:00,ig,scheduled,耶誕倒數,禮盒開賣,耶誕禮盒\n"
                       "2026-12-02,12:00,fb,,門市活動,,\n").encode())
    assert run("calendar", "import", str(sheet), "--check").output.strip() == (
        "Check only, nothing written: 2 new, 0 updated, 0 unchanged.")
    assert posts(db_path) == []
    assert run("calendar", "import", str(sheet)).output.strip() == "2 new, 0 updated, 0 unchanged."
    assert run("calendar", "import", str(sheet)).output.strip() == "0 new, 0 updated, 2 unchanged."
    assert posts(db_path)[0] == {"platform": "instagram", "title": "耶誕倒數", "scheduled_at": "2026-12-01T12:00:00Z"}

    result = run("calendar", "export", "--ics", "-", "--from", "2026-12-01", "--to", "2026-12-31", "--platform", "ig")
    [event] = icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert str(event["SUMMARY"]) == "[IG] 耶誕倒數"

    out = tmp_path / "out.csv"
    result = run("calendar", "export", "--csv", str(out), "--from", "2026-12-01", "--to", "2026-12-31",
                 "--status", "draft")
    assert result.exit_code == 0 and "Wrote 1 posts" in result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "門市活動" in data.decode("utf-8-sig")
    assert run("calendar", "import", str(out)).output.strip() == "0 new, 0 updated, 1 unchanged."


def test_a_bad_date_on_row_7_writes_nothing(run, db_path, tmp_path):
    sheet = tmp_path / "plan.csv"
    sheet.write_text(HEADER + "2026-12-01,20:00,ig,,a,,\n" * 5 + "2026-12-32,20:00,ig,,b,,\n", encoding="utf-8")
    assert error_line(run("calendar", "import", str(sheet))) == (
        f"Error: {sheet}: row 7, column date: not a date: '2026-12-32' (write the date as 2026-12-03 or 2026/12/3)")
    assert posts(db_path) == []


@pytest.mark.parametrize("text, expected", [
    (HEADER + "2026-12-01,20:00,噗浪,,a,,\n", "row 2, column platform: unknown platform '噗浪'"),
    ("date,platform,title\n2026-12-01,ig,a\n", "row 1 (the header): no time / 時間 column"),
    (HEADER + "2026-12-01,20:00,ig,,a,,春節\n", "row 2, column campaign: no campaign called '春節'"),
])
def test_bad_sheets_are_one_line(run, db_path, tmp_path, text, expected):
    sheet = tmp_path / "plan.csv"
    sheet.write_text(text, encoding="utf-8")
    assert expected in error_line(run("calendar", "import", str(sheet)))
    assert posts(db_path) == []


def test_a_big5_sheet_needs_its_encoding(run, db_path, tmp_path):
    sheet = tmp_path / "big5.csv"
    sheet.write_bytes("日期,時間,平台,標題\n2026-12-01,20:00,臉書,門市活動\n".encode("cp950"))
    line = error_line(run("calendar", "import", str(sheet)))
    assert "not utf-8-sig text" in line and "--encoding cp950" in line
    assert run("calendar", "import", str(sheet), "--encoding", "cp950").exit_code == 0
    assert posts(db_path)[0]["title"] == "門市活動"
    assert "unknown encoding 'nope'" in error_line(run("calendar", "import", str(sheet), "--encoding", "nope"))


@pytest.mark.parametrize("args, expected", [
    (["import", "missing.csv"], "missing.csv: No such file or directory"),
    (["export"], "choose one of --ics FILE or --csv FILE"),
    (["export", "--ics", "a.ics", "--csv", "a.csv"], "choose one of --ics FILE or --csv FILE"),
    (["export", "--csv", "-", "--platform", "myspace"], "--platform: unknown platform 'myspace'"),
    (["export", "--csv", "-", "--status", "live"], "--status: unknown status 'live'"),
    (["export", "--csv", "-", "--from", "2026-12-31", "--to", "2026-12-01"], "the range ends before it starts"),
    (["export", "--ics", "/nonexistent/dir/a.ics"], "/nonexistent/dir/a.ics: No such file or directory"),
    (["theme", "2026-13", "x"], "not a month: '2026-13'"),
    (["theme", "2026-12", "x", "--clear"], "give a theme or --clear, not both"),
    (["best-times", "--platform", "myspace"], "--platform: unknown platform 'myspace'"),
])
def test_mistakes_are_one_line(run, args, expected):
    assert expected in error_line(run("calendar", *args))


def test_no_database_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "calendar", "best-times"])
    assert "no database here" in error_line(result)


def test_month_theme_set_show_clear(run):
    assert run("calendar", "theme", "2026/12", "耶誕禮盒").output.strip() == "2026-12: 耶誕禮盒"
    assert run("calendar", "theme", "2026-12").output.strip() == "2026-12: 耶誕禮盒"
    assert run("--lang", "zh-TW", "calendar", "theme", "2026-12", "--clear").output.strip() == "2026-12：沒有主題"


def test_best_times_on_the_demo_brand(run, db_path):
    store = open_store(db_path, actor="me")
    write_demo(store, comments=0, seed=42, today=date.today())
    store.close()
    result = run("calendar", "best-times", "--platform", "ig")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[2] == "instagram" and lines[4].split()[0] == "20:00"
