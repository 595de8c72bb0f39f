"""CSV exports for spreadsheets (other departments live in Excel).

Every cell is neutralised: escape and control characters shown as \ufffd (``sanitize.clean``),
and a cell starting with ``= + - @`` (or a tab, CR or NUL) gets a leading ``'`` so a stranger's
``=HYPERLINK(...)`` stays text (OWASP ASVS 1.2.10). Files are UTF-8 with a BOM, so Excel on
Windows reads the Chinese. Rows are streamed page by page; memory does not grow with the table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import tzinfo
from typing import TextIO

from xiaobian.sanitize import clean, looks_like_formula
from xiaobian.store.db import Store
from xiaobian.store.queue import QueueFilter
from xiaobian.timeutil import local_display

COMMENT_COLUMNS = ("id", "platform", "kind", "created_at_utc", "created_local", "author", "status",
                   "sentiment", "priority", "assignee", "tags", "text")
BATCH = 1000


def cell(value: object) -> str:
    """Numbers stay numbers (a sentiment of -0.5 is not a formula); text is neutralised."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = clean("" if value is None else str(value), max_chars=32_000)  # Excel's cell limit: 32,767
    # after cleaning: clean() drops zero-width characters that could hide a leading "="
    # and a space, LRM/RLM or another mark before it does not hide it either
    return "'" + text if looks_like_formula(text) else text


def write_rows(out: TextIO, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    writer = csv.writer(out)
    writer.writerow(list(header))
    count = 0
    for row in rows:
        writer.writerow([cell(value) for value in row])
        count += 1
    return count


def _comment_rows(store: Store, the_filter: QueueFilter, tz: tzinfo):
    after = None
    while True:
        page = store.queue.page(the_filter, after=after, limit=BATCH)
        if not page.rows:
            return
        ids = [row.id for row in page.rows]
        marks = ", ".join("?" * len(ids))
        texts = {r["id"]: r["text"] for r in store.query(
            f"SELECT id, text FROM comments WHERE id IN ({marks})", ids)}
        tags: dict[int, list[str]] = {}
        for r in store.query(f"SELECT comment_id, tag FROM comment_tags WHERE comment_id IN ({marks})"
                             " ORDER BY tag", ids):
            tags.setdefault(r["comment_id"], []).append(r["tag"])
        for row in page.rows:
            yield (row.id, row.platform, row.kind, row.created_at, local_display(row.created_at, tz),
                   row.author_name, row.status, row.sentiment, row.priority, row.assignee or "",
                   " ".join(tags.get(row.id, [])), texts.get(row.id, ""))
        if page.next_cursor is None:
            return
        after = page.next_cursor


def export_comments(store: Store, the_filter: QueueFilter, out: TextIO, tz: tzinfo) -> int:
    """The comments a queue filter selects, in its order; returns how many were written."""
    return write_rows(out, COMMENT_COLUMNS, _comment_rows(store, the_filter, tz))
