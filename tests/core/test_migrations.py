import sqlite3

import pytest
from sqlite_utils import Database

from xiaobian.errors import UserError
from xiaobian.store import SCHEMA_VERSION, open_store
from xiaobian.store.migrations import MIGRATIONS


def test_empty_file_migrates_to_current(db_path):
    db_path.touch()
    store = open_store(db_path, actor="me")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert {"comments", "posts", "comments_fts", "audit_events"} <= set(store.db.table_names())


def test_previous_version_migrates_forward_and_keeps_rows(db_path):
    names = [m.name for m in MIGRATIONS._migrations]
    db = Database(sqlite3.connect(db_path))
    MIGRATIONS.apply(db, stop_before=names[-1])
    db.execute("INSERT INTO comments (platform, external_id, text, created_at)"
               " VALUES ('x', '1', '舊資料 still here', '2026-01-01T00:00:00Z')")
    db.conn.commit()
    db.close()

    store = open_store(db_path, actor="me")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.scalar("SELECT text FROM comments") == "舊資料 still here"
    assert store.scalar("SELECT count(*) FROM comments_fts WHERE comments_fts MATCH '舊資料'") == 1


def test_opening_twice_is_a_no_op(db_path):
    open_store(db_path, actor="me").close()
    store = open_store(db_path, actor="me")
    assert store.scalar("SELECT count(*) FROM _sqlite_migrations") == SCHEMA_VERSION


def test_database_from_a_newer_version_is_refused(db_path):
    open_store(db_path, actor="me").close()
    db = Database(sqlite3.connect(db_path))
    db["_sqlite_migrations"].insert({"migration_set": "xiaobian", "name": "9999_future",
                                     "applied_at": "2030-01-01"})
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")  # as the newer version's open_store sets it
    db.close()
    with pytest.raises(UserError, match="newer xiaobian"):
        open_store(db_path, actor="me")


def test_schema_version_counts_the_migrations():
    """Opening a database whose user_version is SCHEMA_VERSION skips the migrations: the
    constant must move with them."""
    assert SCHEMA_VERSION == len(MIGRATIONS._migrations)



def test_a_current_database_without_user_version_gets_it(db_path):
    """Older releases did not set user_version; the next open records it, so later opens
    take the short way."""
    open_store(db_path, actor="me").close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    store = open_store(db_path, actor="me")
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
