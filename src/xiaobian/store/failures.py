"""What SQLite's refusals mean to a person: busy, read-only, disk full, not ours, damaged.

Every ``sqlite3`` error the store lets out goes through ``explain`` first, so the shells print
one line that says what is wrong and what fixes it. Only a file that is truly not a xiaobian
database (or is damaged) is ever called that; a read-only folder or a full disk is not.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import sqlite3
import stat
from pathlib import Path

from xiaobian.errors import UserError
from xiaobian.i18n import t

HEADER = b"SQLite format 3\x00"
# Room a write usually needs beyond the file: its WAL grows by the pages it changes.
_HEADROOM_BYTES = 64 * 1024 * 1024


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return _code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text


def _owner(path: Path) -> str:
    """``amy:team 0640``, for the message that says why a file cannot be written."""
    try:
        st = path.stat()
    except OSError:
        return "?"
    try:
        user = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:
        user = str(st.st_uid)
    try:
        group = grp.getgrgid(st.st_gid).gr_name
    except KeyError:
        group = str(st.st_gid)
    return f"{user}:{group} {stat.S_IMODE(st.st_mode):04o}"


class ReadOnlyError(UserError):
    """The file or its folder cannot be written by this user."""


def read_only_error(path: Path) -> UserError:
    folder = path.parent
    # SQLite's WAL mode writes two files beside the database, so the folder must be writable too.
    target = folder if path.exists() and os.access(path, os.W_OK) else path
    return ReadOnlyError(t("store.read_only", owner=_owner(target), me=_me()), file=str(target),
                     hint=t("store.read_only_hint", file=path.name, folder=str(folder)))


def disk_full_error(path: Path) -> UserError:
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = 0
    return UserError(t("store.disk_full", free=_mib(free), need=_mib(_HEADROOM_BYTES)),
                     file=str(path), hint=t("store.disk_full_hint"))


def busy_error(path: Path) -> UserError:
    return UserError(t("store.busy"), file=str(path), hint=t("store.busy_hint"))


def damaged_error(path: Path, detail: str) -> UserError:
    return UserError(t("store.damaged", error=detail), file=str(path), hint=t("store.damaged_hint"))


def not_ours_error(path: Path) -> UserError:
    return UserError(t("store.not_ours"), file=str(path), hint=t("store.not_ours_hint"))


def explain(exc: sqlite3.Error, path: Path) -> UserError | None:
    """The person's version of ``exc``, or None for an error that is a bug of ours."""
    code = _code(exc)
    text = str(exc).lower()
    if is_busy(exc):
        return busy_error(path)
    if code.startswith("SQLITE_READONLY") or "readonly" in text:
        return read_only_error(path)
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
            return read_only_error(path)
        return UserError(t("store.cannot_open", error=exc), file=str(path))
    if code == "SQLITE_FULL" or "disk is full" in text or "disk full" in text:
        return disk_full_error(path)
    if code.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "malformed" in text or "not a database" in text:
        return damaged_error(path, str(exc))
    if code.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return UserError(t("store.io_error", error=exc), file=str(path), hint=t("store.io_error_hint"))
    return None


def check_header(path: Path) -> None:
    """A cheap integrity check at open: the SQLite header, and a file not shorter than it says.

    A full ``PRAGMA quick_check`` reads every page (seconds on a million comments); a file cut
    short by a failed copy or a full disk shows here in microseconds.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return  # permissions: SQLite's own open says it better
    if not head:
        return  # a new, empty file
    if len(head) < 100 or not head.startswith(HEADER):
        raise not_ours_error(path)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The in-header page count is valid only when written by SQLite ≥ 3.7.0 after the last change.
    if head[24:28] == head[92:96] and pages and path.stat().st_size < pages * page_size:
        raise damaged_error(path, t("store.truncated", pages=pages, size=path.stat().st_size))


def _me() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB"
