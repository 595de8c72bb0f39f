"""Crash safety of ``xiaobian sync``: ``kill -9`` at random points of the write phase.

A real ``python -m xiaobian --db DB sync FILE`` process imports a generated comment-export CSV
(comment-csv format, 13,000 rows, ~2.5 s of writing on a 2-core machine). Once its SyncRun row
appears (the write phase has begun: validation is over), the test sleeps a seeded-random
fraction of the write phase measured on a clean import, then sends SIGKILL. For every kill
point this proves:

1. the database file is intact: ``PRAGMA integrity_check`` is ok, no foreign key is dangling,
   and the trigram search index agrees with the comments table;
2. the interrupted SyncRun stays ``running`` and ``sync --history`` shows it as "not finished";
   a run marked ``done`` always has every row of its file;
3. no comment is duplicated or corrupt: one row per (platform, external_id), and every row
   that survived is exactly the row a clean import writes for that id (text, author, time, …),
   whose text and author are those of the CSV line;
4. batches are atomic: what survives is exactly the first k × BATCH records of the file;
5. a re-run exits 0 and completes the import exactly: its comments table equals a clean import
   of the same file into a fresh database, the rows that survived count as unchanged and the
   rest as new.

If the process finishes before the kill lands, the run must simply be ``done`` and complete;
the test stays valid. Comment times are relative to today, far from the ``--open-days``
boundary (14 days), so a comment's status (``new`` or ``done``) cannot differ between the
clean import and a re-run made a minute later.

The default run makes 2 kill points; ``pytest -m soak`` makes 25, spread over the write phase.
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from xiaobian.sync.load import BATCH

ROWS = 13_000  # 6.5 batches: the last, partial one is written by finish()
SEED = 20261126
START_TIMEOUT_S = 60.0   # from launch until the SyncRun row appears
RUN_TIMEOUT_S = 120.0    # any whole command
POLL_S = 0.005
COLUMNS = ("platform", "external_id", "kind", "author_id", "author_name", "is_ours", "text",
           "created_at", "status", "priority", "sentiment", "post_id", "parent_id")
TEXTS = ("請問還有貨嗎", "出貨好慢，等了九天，很失望", "雪嶺好好喝！什麼時候會再補貨？",
         '可以寄到台中嗎？"急"', "包裝破損了\n第二行也寫了", "謝謝小編 🙏", "價格,運費,還有優惠碼")


# ---- the export file and the clean import -------------------------------------------------------

def _write_export(path: Path, rows: int) -> dict[str, tuple[str, str]]:
    """A comment-csv export; returns {Comment ID: (Name, Comment)} in file order."""
    today = datetime.now(UTC).date()
    expected: dict[str, tuple[str, str]] = {}
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Comment ID", "Name", "Profile ID", "Date", "Likes", "Comment", "Post URL"])
        for i in range(rows):
            # Half old (21-39 days: imported as handled), half from yesterday (imported as new).
            day = today - timedelta(days=20 + i % 20 if i % 2 else 1)
            text = f"{TEXTS[i % len(TEXTS)]} #{i}" + ("，補充說明" * (i % 50) if i % 13 == 0 else "")
            name = f"用戶{i % 97}"
            when = f"{day} {i % 24:02d}:{i % 60:02d}:00"
            out.writerow([f"c{i}", name, str(100_000 + i % 97), when, i % 7, text,
                          f"https://www.facebook.com/shanlan/posts/{i % 40}"])
            expected[f"c{i}"] = (name, text)
    return expected


def _env(home: Path) -> dict[str, str]:
    """The child's environment: no real config or database, English messages, a fixed zone."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("XIAOBIAN_") and k not in ("LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               LANG="C.UTF-8", TZ="Asia/Taipei")
    return env


class Export:
    """The generated file, what it holds, and the clean import it must always reproduce."""

    def __init__(self, path: Path, expected: dict[str, tuple[str, str]],
                 env: dict[str, str]) -> None:
        self.path = path
        self.expected = expected
        self.env = env
        self.clean: dict[str, tuple] = {}
        self.write_s = 0.0  # how long the clean import spent writing


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Export:
    """Write the CSV, then import it cleanly into a fresh database, timing the write phase."""
    base = tmp_path_factory.mktemp("crash")
    path = base / "comments.csv"
    the_export = Export(path, _write_export(path, ROWS), _env(base / "home"))
    db = base / "clean.db"
    proc = _start(db, the_export)
    began = _wait_for_write_phase(db, proc)
    out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    the_export.write_s = time.monotonic() - began
    assert proc.returncode == 0, err
    assert f"{ROWS} records" in out
    the_export.clean = _comments(db)
    assert len(the_export.clean) == ROWS
    assert {r[COLUMNS.index("status")] for r in the_export.clean.values()} == {"new", "done"}
    _assert_rows_match_csv(the_export.clean, the_export)
    return the_export


# ---- driving the child process ------------------------------------------------------------------

def _command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "xiaobian", "--db", str(db), *args]


def _start(db: Path, export: Export) -> subprocess.Popen:
    return subprocess.Popen(_command(db, "sync", str(export.path)), env=export.env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _xiaobian(db: Path, export: Export, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(_command(db, *args), env=export.env, capture_output=True, text=True,
                          timeout=RUN_TIMEOUT_S)


def _wait_for_write_phase(db: Path, proc: subprocess.Popen) -> float:
    """Poll until the child has written its SyncRun row; returns that moment (monotonic)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _poll_runs(db):
        if proc.poll() is not None:
            pytest.fail(f"sync exited ({proc.returncode}) before writing: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            proc.communicate(timeout=10)
            pytest.fail(f"no SyncRun row after {START_TIMEOUT_S} s")
        time.sleep(POLL_S)
    return time.monotonic()


def _kill_during_write(db: Path, export: Export, delay: float) -> bool:
    """Start a sync and SIGKILL it ``delay`` s into writing; True if the kill is what ended it."""
    proc = _start(db, export)
    _wait_for_write_phase(db, proc)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)  # not reaped yet, so the pid is still this child
    _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode in (0, -signal.SIGKILL), err
    return proc.returncode == -signal.SIGKILL


def _kill_fractions(n: int) -> list[float]:
    """n seeded-random points of the write phase, one in each n-th of it (stratified)."""
    rng = random.Random(SEED)
    return [(i + rng.random()) / n for i in range(n)]


# ---- reading the database -----------------------------------------------------------------------

def _read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)


def _poll_runs(db: Path) -> list[tuple[int, str]]:
    """Like ``_runs``, but [] while the file or its schema does not exist yet."""
    if not db.exists():
        return []
    try:
        return _runs(db)
    except sqlite3.OperationalError:  # no such table (not migrated yet), or briefly locked
        return []


def _runs(db: Path) -> list[tuple[int, str]]:
    with closing(_read_only(db)) as conn:
        return conn.execute("SELECT id, status FROM sync_runs ORDER BY id").fetchall()


def _comments(db: Path) -> dict[str, tuple]:
    with closing(_read_only(db)) as conn:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM comments ORDER BY id").fetchall()
    return {row[1]: row for row in rows}


def _scalar(db: Path, sql: str):
    with closing(_read_only(db)) as conn:
        return conn.execute(sql).fetchone()[0]


def _assert_intact(db: Path) -> None:
    with closing(_read_only(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The FTS5 check is an INSERT, so it runs on an in-memory copy: the file stays untouched.
        with closing(sqlite3.connect(":memory:")) as copy:
            conn.backup(copy)
            copy.execute("INSERT INTO comments_fts (comments_fts, rank)"
                         " VALUES ('integrity-check', 1)")


def _assert_rows_match_csv(rows: dict[str, tuple], export: Export) -> None:
    author, text = COLUMNS.index("author_name"), COLUMNS.index("text")
    for ext, row in rows.items():
        assert (row[author], row[text]) == export.expected[ext], ext


def _assert_no_duplicates(db: Path) -> None:
    assert _scalar(db, "SELECT count(*) FROM comments") == _scalar(
        db, "SELECT count(DISTINCT external_id) FROM comments")
    assert _scalar(db, "SELECT count(*) FROM (SELECT 1 FROM comments"
                       " GROUP BY platform, external_id HAVING count(*) > 1)") == 0


# ---- the scenario -------------------------------------------------------------------------------

def _assert_consistent_after_kill(db: Path, export: Export, killed: bool) -> tuple[int, str, int]:
    """Everything a crash may leave behind; returns (run id, its status, rows that survived)."""
    _assert_intact(db)
    _assert_no_duplicates(db)
    [(run_id, status)] = _runs(db)
    rows = _comments(db)
    assert all(row == export.clean[ext] for ext, row in rows.items())
    _assert_rows_match_csv(rows, export)
    survived = len(rows)
    assert list(rows) == list(export.expected)[:survived], "not a prefix of the file"
    assert survived % BATCH == 0 or survived == ROWS, f"{survived} rows: a batch was half written"
    if status == "done" or not killed:
        assert (status, survived) == ("done", ROWS)
    else:
        assert status == "running"
        history = _xiaobian(db, export, "sync", "--history")
        assert history.returncode == 0, history.stderr
        [line] = [ln for ln in history.stdout.splitlines() if ln.startswith(f"#{run_id} ")]
        assert "not finished" in line
    return run_id, status, survived


def _assert_rerun_completes(db: Path, export: Export, first: tuple[int, str, int]) -> None:
    first_id, first_status, survived = first
    rerun = _xiaobian(db, export, "sync", str(export.path))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ROWS} records" in rerun.stdout
    _assert_intact(db)
    _assert_no_duplicates(db)
    assert _comments(db) == export.clean
    [(id1, status1), (_, status2)] = _runs(db)
    assert (id1, status1, status2) == (first_id, first_status, "done")  # the crash stays on record
    counts = json.loads(_scalar(db, "SELECT counts FROM sync_runs ORDER BY id DESC LIMIT 1"))
    assert (counts["new"], counts["updated"], counts["unchanged"]) == (ROWS - survived, 0, survived)


def _crash_and_recover(tmp_path: Path, export: Export, fraction: float) -> None:
    db = tmp_path / "crashed.db"
    killed = _kill_during_write(db, export, fraction * export.write_s)
    first = _assert_consistent_after_kill(db, export, killed)
    _assert_rerun_completes(db, export, first)


@pytest.mark.parametrize("point", range(2))
def test_kill_9_during_import_then_rerun(tmp_path, export, point):
    _crash_and_recover(tmp_path, export, _kill_fractions(2)[point])


@pytest.mark.soak
@pytest.mark.parametrize("point", range(25))
def test_kill_9_soak(tmp_path, export, point):
    _crash_and_recover(tmp_path, export, _kill_fractions(25)[point])
