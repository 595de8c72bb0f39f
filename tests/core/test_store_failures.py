"""SQLite's refusals become one clear message; only a file that is truly not ours is called so."""

import sqlite3

import pytest

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.store import open_store
from xiaobian.store.failures import ReadOnlyError


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "other.db"
    _foreign(path)
    before = path.read_bytes()
    with pytest.raises(UserError) as err:
        open_store(path, actor="me")
    assert err.value.message == t("store.not_ours")
    assert path.read_bytes() == before  # no migration, no switch to WAL
    assert not (tmp_path / "other.db-wal").exists()


def test_a_truncated_database_is_damaged_not_foreign(tmp_path, store, db_path):
    for i in range(300):
        store.conn.execute("INSERT INTO audit_events (at, actor, action, table_name, detail)"
                           " VALUES ('2026-01-01T00:00:00Z', 'me', 'x', 't', ?)", ("x" * 500,))
    store.conn.commit()
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError) as err:
        open_store(db_path, actor="me")
    assert "damaged" in err.value.message
    assert "move" not in str(err.value)


def test_a_write_on_a_read_only_database_says_read_only(store, db_path):
    store.conn.close()
    store.conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True,
                                 check_same_thread=False)
    with pytest.raises(ReadOnlyError) as err:
        with store.write() as db:
            db.execute("INSERT INTO audit_events (at, actor, action, table_name, detail)"
                       " VALUES ('2026-01-01T00:00:00Z', 'me', 'x', 't', '{}')")
    text = str(err.value)
    assert "chmod g+w" in text and "move" not in text and "not a xiaobian" not in text


def test_a_full_disk_says_so_and_writes_nothing(store):
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(UserError) as err:
        with store.write() as db:
            for _ in range(200):
                db.execute("INSERT INTO audit_events (at, actor, action, table_name, detail)"
                           " VALUES ('2026-01-01T00:00:00Z', 'me', 'x', 't', ?)", ("x" * 4000,))
    assert err.value.message.startswith(t("store.disk_full", free="", need="").split(":")[0])
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'x'") == 0


def test_cli_on_a_foreign_file_is_one_line_and_exits_nonzero(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "other.db"
    _foreign(path)
    run = subprocess.run([sys.executable, "-m", "xiaobian", "--db", str(path), "db", "info"],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "not a xiaobian database" in run.stderr
    assert sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
