import pytest
from click.testing import CliRunner

from xiaobian import __version__
from xiaobian.cli.main import cli
from xiaobian.store import open_store


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, **kw):
        return runner.invoke(cli, list(args), catch_exceptions=False, **kw)

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["demo"], ["db"], ["db", "info"], ["locate"], ["tui"], ["sync"], ["shift", "report"], ["audit"], ["account"], ["account", "add"], ["export", "comments"], ["competitor"], ["alerts"], ["alerts", "check"], ["lint"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_db_info_prints_counts(run, db_path):
    store = open_store(db_path, actor="me")
    store.db.execute("INSERT INTO accounts (platform, handle) VALUES ('x', 'shanlan')")
    store.db.conn.commit()
    store.close()
    result = run("--db", str(db_path), "db", "info")
    assert result.exit_code == 0
    assert "Schema version:" in result.output and str(db_path) in result.output
    assert any(line.split() == ["accounts", "1"] for line in result.output.splitlines())


def test_db_info_in_chinese(run, db_path):
    open_store(db_path, actor="me").close()
    result = run("--lang", "zh-TW", "--db", str(db_path), "db", "info")
    assert result.exit_code == 0 and "結構版本" in result.output


def test_missing_database_is_one_clear_line(run, tmp_path):
    result = run("--db", str(tmp_path / "nope.db"), "db", "info")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'nope.db'}: no database here (run `xiaobian demo` or "
        "`xiaobian sync PATH` first, or pass --db)"]


def test_bad_config_names_file_and_key(run, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('theme = 3\n')
    result = run("--config", str(config), "db", "info")
    assert result.exit_code == 1
    assert str(config) in result.output and "key theme" in result.output
    assert "Traceback" not in result.output


def test_xiaobian_db_env_overrides_config(run, tmp_path, monkeypatch):
    monkeypatch.setenv("XIAOBIAN_DB", str(tmp_path / "env.db"))
    assert run("locate", "db").output.strip() == str(tmp_path / "env.db")
    assert run("--db", "cli.db", "locate", "db").output.strip() == "cli.db"


def test_demo_then_info(run, db_path):
    result = run("--db", str(db_path), "demo", "--comments", "300")
    assert result.exit_code == 0 and "300 comments" in result.output
    again = run("--db", str(db_path), "demo", "--comments", "300")
    assert again.exit_code == 1 and "--force" in again.output
    forced = run("--db", str(db_path), "demo", "--comments", "200", "--force")
    assert forced.exit_code == 0
    info = run("--db", str(db_path), "db", "info")
    assert any(line.split() == ["comments", "200"] for line in info.output.splitlines())


@pytest.mark.parametrize("args", [[], ["--db", "x.db"], ["--lang", "zh-TW"], ["tui"]])
def test_global_options_alone_open_the_app(run, monkeypatch, tmp_path, args):
    opened = []
    import xiaobian.tui.app as app_module

    monkeypatch.setattr(app_module.XiaobianApp, "run", lambda self: opened.append(self.store.path))
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert len(opened) == 1


def test_shift_report_command(run, db_path):
    run("--db", str(db_path), "demo", "--comments", "200")
    result = run("--db", str(db_path), "shift", "report", "--since", "2d")
    assert result.exit_code == 0 and result.output.startswith("# Shift handover")
    bad = run("--db", str(db_path), "shift", "report", "--since", "soon")
    assert bad.exit_code == 1 and "--since" in bad.output
