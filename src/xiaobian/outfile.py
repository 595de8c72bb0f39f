"""Every file xiaobian writes for a person (exports, reports, post-mortems): one way.

A file appears whole or not at all (a temporary file beside the target, renamed over it when
the writing ends, removed when it fails), and a file that holds customers' words is as private
as the database it came from: 0600, or 0660 for a team's shared database. A file without them
(the calendar's .ics) gets an ordinary new file's mode from the umask.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PRIVATE = 0o600
SHARED = 0o660


def private_mode(database: Path | None) -> int:
    """0660 beside a group-writable (shared) database, else 0600."""
    try:
        group_writable = database is not None and bool(database.stat().st_mode & stat.S_IWGRP)
    except OSError:
        group_writable = False
    return SHARED if group_writable else PRIVATE


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def output_file(target: Path | str, *, mode: int | None = None, binary: bool = False,
                encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Write ``target`` all at once. ``mode`` None: the umask's mode (no customers' words)."""
    target = Path(target).expanduser()
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        os.fchmod(fd, _umask_mode() if mode is None else mode)
        with (os.fdopen(fd, "wb") if binary
              else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as out:
            yield out
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
