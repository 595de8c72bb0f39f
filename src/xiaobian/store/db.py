"""Opening the database: the connection recipe, migrations, and the write transaction.

Every write goes through ``Store.write()``, which starts ``BEGIN IMMEDIATE`` (a deferred
``BEGIN`` that reads first fails at once under contention, whatever the busy timeout) and
holds one lock so thread workers can share the connection.

Reads use the plain ``sqlite3`` connection; the sqlite-utils ``Database`` over the same
connection is built on the first write, so opening the app does not import sqlite-utils.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.store.failures import ReadOnlyError, check_header, explain, not_ours_error
from xiaobian.store.schema import SCHEMA_VERSION
from xiaobian.timeutil import now_iso

if TYPE_CHECKING:
    from sqlite_utils import Database

    from xiaobian.store.accounts import Accounts
    from xiaobian.store.audit import Audit
    from xiaobian.store.calendar import Calendar
    from xiaobian.store.campaigns import Campaigns
    from xiaobian.store.checklists import Checklists
    from xiaobian.store.comments import Comments
    from xiaobian.store.fans import Fans
    from xiaobian.store.handoffs import Handoffs
    from xiaobian.store.plan import Plan
    from xiaobian.store.posts import Posts
    from xiaobian.store.queue import Queue
    from xiaobian.store.results import Results
    from xiaobian.store.sync_runs import SyncRuns
    from xiaobian.store.triage import Triage

BUSY_TIMEOUT_S = 15.0


def _precreate(path: Path, shared: bool) -> None:
    """Create the file before SQLite does, so its mode is ours: 0660 shared, 0600 private.

    ``os.open`` applies the umask; ``-wal``/``-shm`` copy the database file's mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660 if shared else 0o600)
    os.close(fd)


class Store:
    """One database file, opened with the shared-server recipe. Repositories hang off it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, actor: str, *,
                 read_only: bool = False) -> None:
        self.conn = conn
        self.read_only = read_only
        self.path = path
        self.actor = actor
        self._lock = threading.RLock()
        self._side_lock = threading.Lock()
        self._side: sqlite3.Connection | None = None

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for writes (upserts, tables, migrations)."""
        return _sqlite_utils(self.conn)

    def warm_up(self) -> None:
        """Load what the first write needs (sqlite-utils, the records) ahead of it; the app
        calls this in a thread once its first frame is up."""
        import xiaobian.models  # noqa: F401

        self.db  # noqa: B018

    # Repositories are built on first use: start-up pays only for the ones the first screen reads.

    @cached_property
    def accounts(self) -> Accounts:
        from xiaobian.store.accounts import Accounts

        return Accounts(self)

    @cached_property
    def posts(self) -> Posts:
        from xiaobian.store.posts import Posts

        return Posts(self)

    @cached_property
    def comments(self) -> Comments:
        from xiaobian.store.comments import Comments

        return Comments(self)

    @cached_property
    def campaigns(self) -> Campaigns:
        from xiaobian.store.campaigns import Campaigns

        return Campaigns(self)

    @cached_property
    def calendar(self) -> Calendar:
        from xiaobian.store.calendar import Calendar

        return Calendar(self)

    @cached_property
    def plan(self) -> Plan:
        from xiaobian.store.plan import Plan

        return Plan(self)

    @cached_property
    def checklists(self) -> Checklists:
        from xiaobian.store.checklists import Checklists

        return Checklists(self)

    @cached_property
    def handoffs(self) -> Handoffs:
        from xiaobian.store.handoffs import Handoffs

        return Handoffs(self)

    @cached_property
    def results(self) -> Results:
        from xiaobian.store.results import Results

        return Results(self)

    @cached_property
    def sync_runs(self) -> SyncRuns:
        from xiaobian.store.sync_runs import SyncRuns

        return SyncRuns(self)

    @cached_property
    def queue(self) -> Queue:
        from xiaobian.store.queue import Queue

        return Queue(self)

    @cached_property
    def triage(self) -> Triage:
        from xiaobian.store.triage import Triage

        return Triage(self)

    @cached_property
    def audit_log(self) -> Audit:
        from xiaobian.store.audit import Audit

        return Audit(self)

    @cached_property
    def fans(self) -> Fans:
        from xiaobian.store.fans import Fans

        return Fans(self)

    @contextmanager
    def write(self) -> Iterator[Database]:
        """All-or-nothing write. Nested calls join the outer transaction. A refusal from SQLite
        (busy, read-only, disk full) leaves as one ``UserError`` that says what to do."""
        with self._lock:
            conn = self.conn
            if conn.in_transaction:
                yield self.db
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._explained(exc) from None
            try:
                yield self.db
            except sqlite3.OperationalError as exc:
                conn.rollback()
                raise self._explained(exc) from None
            except BaseException:
                conn.rollback()
                raise
            try:
                conn.commit()
            except sqlite3.OperationalError as exc:
                conn.rollback()
                raise self._explained(exc) from None

    def _explained(self, exc: sqlite3.OperationalError) -> Exception:
        return explain(exc, self.path) or exc

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Serialise use of the shared connection; never leaves a read transaction open."""
        with self._lock:
            yield self.conn

    def side_scalar(self, sql: str, params: tuple | list | dict = ()):
        """A long read-only query (a count over a million rows) on a second connection, so it
        never holds the lock that page queries and writes wait on. WAL lets it read beside them."""
        with self._side_lock:
            row = self._side_connection().execute(sql, params).fetchone()
            return row[0] if row else None

    def side_query(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        """Rows of a long read-only aggregate (a chart over a million comments) from the second
        connection, so the queue, the status count and writes never wait for it."""
        with self._side_lock:
            return _dicts(self._side_connection().execute(sql, params))

    def _side_connection(self) -> sqlite3.Connection:
        if self._side is None:
            self._side = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        return self._side

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        with self.read() as conn:
            return _dicts(conn.execute(sql, params))

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        with self.read() as conn:
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else None

    def audit(self, action: str, table: str, record_id: int | None, *, actor: str | None = None,
              at: str | None = None, **detail) -> None:
        """Append an audit event; call inside ``write()`` so it commits with its change."""
        self.conn.execute(
            "INSERT INTO audit_events (at, actor, action, table_name, record_id, detail)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (at or now_iso(), actor or self.actor, action, table, record_id,
             json.dumps(detail, ensure_ascii=False, sort_keys=True)),
        )

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap; used to refresh screens)."""
        return self.scalar("PRAGMA data_version")

    def is_empty(self) -> bool:
        return not self.scalar(
            "SELECT EXISTS (SELECT 1 FROM comments) OR EXISTS (SELECT 1 FROM posts)")

    def is_sandbox(self) -> bool:
        """A crisis-drill copy (``campaigns.drill``): nothing done in it may reach a platform."""
        return bool(self.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                " AND name = 'drill_sandbox'"))

    def schema_version(self) -> int:
        """Migrations applied, as recorded by sqlite-utils (``user_version`` is only a shortcut)."""
        return self.scalar("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'xiaobian'")

    def close(self) -> None:
        with self._lock:
            self.conn.close()
        with self._side_lock:
            if self._side is not None:
                self._side.close()


def _dicts(cursor: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _sqlite_utils(conn: sqlite3.Connection) -> Database:
    from sqlite_utils import Database

    # `_connect` has set the pragmas. No plugins: finding them would scan every installed
    # package's metadata.
    return Database(conn, recursive_triggers=False, execute_plugins=False)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")
    # Outbound actions ("I replied") must survive a power cut; the volume is small.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date. ``user_version`` is set after every migration run, so a
    current database is known without loading the migrations (and sqlite-utils)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    from xiaobian.store.migrations import MIGRATIONS

    db = _sqlite_utils(conn)
    known = {m.name for m in MIGRATIONS._migrations}
    applied = {m.name for m in MIGRATIONS.applied(db)}
    if applied - known:
        raise UserError(t("store.newer"), file=str(path), hint=t("store.newer_hint"))
    if not MIGRATIONS.pending(db):
        # A current database that lacks the mark (older releases did not set it): record it so
        # the next open is quick. A read-only file keeps taking this way.
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    # One writer migrates; a second process opening at the same moment waits, then sees none pending.
    conn.execute("BEGIN IMMEDIATE")
    try:
        MIGRATIONS.apply(db)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def open_store(path: Path | str, *, actor: str, shared: bool = False, create: bool = True) -> Store:
    """Open (creating if absent, unless ``create`` is False) and migrate the database at ``path``."""
    path = Path(path)
    if not create and not path.exists():
        raise UserError(t("store.missing"), file=str(path), hint=t("store.missing_hint"))
    if path.is_dir():
        raise UserError(t("store.directory"), file=str(path), hint=t("store.directory_hint"))
    if not path.exists():
        try:
            _precreate(path, shared)
        except FileExistsError:
            pass  # another process created it first
        except OSError as exc:
            raise UserError(t("store.cannot_create", error=exc.strerror), file=str(path)) from None
    check_header(path)
    try:
        conn = _connect(path)
        _refuse_foreign(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        error = explain(exc, path) or not_ours_error(path)
        if isinstance(error, ReadOnlyError):
            return _open_read_only(path, actor, error)
        raise error from None
    return Store(conn, path, actor)


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Never migrate (or switch to WAL) a file another program made: tables, none of them ours."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return  # a new file
    if "_sqlite_migrations" in names and conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'xiaobian' LIMIT 1").fetchone():
        return
    conn.close()
    raise not_ours_error(path)


def _open_read_only(path: Path, actor: str, error: Exception) -> Store:
    """A database we may read but not write (a read-only folder or file): open it to look,
    with every write refused by the same message, when its schema is current."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.close()
            raise error
    except sqlite3.DatabaseError:
        raise error from None
    return Store(conn, path, actor, read_only=True)
