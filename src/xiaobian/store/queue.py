"""Triage queue reads: keyset pages under any filter, search, counts, a comment's thread.

Never OFFSET: each page starts after the sort key of the previous page's last row, so page
1,000 of a million-row queue costs what page 1 costs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xiaobian.store.db import Store

NEEDS_ATTENTION = ("new", "open")
ORDERS = {
    # order: (ORDER BY, keyset condition for "after this cursor", cursor columns)
    "newest": ("created_at DESC, id DESC", "(created_at, id) < (?, ?)", ("created_at", "id")),
    "oldest": ("created_at ASC, id ASC", "(created_at, id) > (?, ?)", ("created_at", "id")),
    "priority": ("priority DESC, created_at ASC, id ASC",
                 "(priority < ? OR (priority = ? AND (created_at, id) > (?, ?)))",
                 ("priority", "created_at", "id")),
}
NEGATIVE, POSITIVE = -0.2, 0.2
PREVIEW_CHARS = 200


@dataclass(frozen=True)
class QueueFilter:
    statuses: tuple[str, ...] = NEEDS_ATTENTION
    """Empty means every status."""
    platform: str | None = None
    account_id: int | None = None
    sentiment: str | None = None
    """'negative', 'neutral' or 'positive'."""
    tag: str | None = None
    assignee: str | None = None
    campaign_id: int | None = None
    mine: bool = False
    """Assigned to or claimed by the person looking."""
    search: str | None = None
    order: str = "newest"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> QueueFilter:
        data = json.loads(text)
        data["statuses"] = tuple(data.get("statuses", NEEDS_ATTENTION))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class QueueRow:
    id: int
    platform: str
    kind: str
    created_at: str
    author_name: str
    status: str
    sentiment: float
    priority: int
    preview: str
    assignee: str | None
    claimed_by: str | None
    claim_expires: str | None
    version: int
    post_id: int | None


_ROW_SQL = ("SELECT id, platform, kind, created_at, author_name, status, sentiment, priority, "
            f"substr(text, 1, {PREVIEW_CHARS}) AS preview, assignee, claimed_by, claim_expires, "
            "version, post_id FROM comments")


@dataclass(frozen=True)
class Page:
    rows: list[QueueRow]
    next_cursor: tuple | None


@dataclass(frozen=True)
class ThreadItem:
    id: int | None
    author_name: str
    text: str
    created_at: str
    is_ours: bool


@dataclass(frozen=True)
class ThreadPost:
    id: int
    platform: str
    title: str
    text: str
    permalink: str | None


@dataclass(frozen=True)
class ThreadComment:
    """The comment a thread is about, as the thread pane shows it."""

    id: int
    platform: str
    author_id: str | None
    author_name: str
    text: str
    created_at: str
    status: str
    claimed_by: str | None
    claim_expires: str | None
    post_id: int | None
    parent_id: int | None
    campaign_id: int | None
    assignee: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThreadHandoff:
    department: str
    status: str
    note: str
    answer: str = ""


_COMMENT_SQL = ("SELECT id, platform, author_id, author_name, text, created_at, status, claimed_by,"
                " claim_expires, post_id, parent_id, campaign_id, assignee FROM comments WHERE id = ?")


@dataclass
class Thread:
    """A comment with its post, parent, replies, the author's earlier comments and hand-offs:
    plain rows (no records to validate), so the thread pane loads without pydantic."""

    comment: ThreadComment
    post: ThreadPost | None = None
    parent: ThreadItem | None = None
    replies: list[ThreadItem] = field(default_factory=list)
    history: list[ThreadItem] = field(default_factory=list)
    handoffs: list[ThreadHandoff] = field(default_factory=list)
    campaign_name: str | None = None

    @property
    def permalink(self) -> str | None:
        return self.post.permalink if self.post else None


@dataclass(frozen=True)
class SavedView:
    name: str
    filter: QueueFilter


def fts_phrase(word: str) -> str:
    """A user's word as one FTS5 string: quotes doubled, so no operator or syntax gets through."""
    return '"' + word.replace('"', '""') + '"'


def like_pattern(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


DENSE_TAG = 5000  # a tag on more rows than this is found faster by walking newest-first


def where_clause(f: QueueFilter, actor: str, *, dense_tag: bool = False) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []
    if tuple(f.statuses) == NEEDS_ATTENTION:
        clauses.append("status IN ('new', 'open')")  # textually equal to the partial indexes
    elif f.statuses:
        clauses.append(f"status IN ({', '.join('?' * len(f.statuses))})")
        params += list(f.statuses)
    for column, value in (("platform", f.platform), ("account_id", f.account_id),
                          ("assignee", f.assignee), ("campaign_id", f.campaign_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.sentiment == "negative":
        clauses.append(f"sentiment <= {NEGATIVE}")
    elif f.sentiment == "positive":
        clauses.append(f"sentiment >= {POSITIVE}")
    elif f.sentiment == "neutral":
        clauses.append(f"sentiment > {NEGATIVE} AND sentiment < {POSITIVE}")
    if f.tag and dense_tag:  # walk comments in order, probe the tag's primary key
        clauses.append("EXISTS (SELECT 1 FROM comment_tags WHERE comment_id = comments.id AND tag = ?)")
        params.append(f.tag)
    elif f.tag:  # few rows carry it: collect them, then sort that handful
        clauses.append("id IN (SELECT comment_id FROM comment_tags WHERE tag = ?)")
        params.append(f.tag)
    if f.mine:
        clauses.append("(assignee = ? OR claimed_by = ?)")
        params += [actor, actor]
    words = (f.search or "").split()
    long_words = [w for w in words if len(w) >= 3]
    if long_words:  # trigram FTS finds substrings of three or more characters
        clauses.append("id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)")
        params.append(" AND ".join(fts_phrase(w) for w in long_words))
    for word in (w for w in words if len(w) < 3):  # 退款, 客服: too short for trigrams
        clauses.append("(text LIKE ? ESCAPE '\\' OR author_name LIKE ? ESCAPE '\\')")
        params += [like_pattern(word)] * 2
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def index_hint(f: QueueFilter) -> str:
    """Pin the partial index for the open queue when no selective filter could do better.

    Without statistics the planner may pick a status index and sort every open comment, which
    on a million rows is the difference between 1 ms and a second.
    """
    selective = f.tag or f.search or f.assignee or f.campaign_id is not None or f.account_id is not None
    if tuple(f.statuses) != NEEDS_ATTENTION or selective:
        return ""
    return " INDEXED BY comments_open_priority" if f.order == "priority" else " INDEXED BY comments_open_new"


def _pick_sql(f: QueueFilter, where: str, order_by: str) -> str:
    """The ids of one page (the limit is its last parameter)."""
    return f"SELECT id FROM comments{index_hint(f)}{where} ORDER BY {order_by} LIMIT ?"


class Queue:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _dense_tag(self, f: QueueFilter) -> bool:
        if not f.tag:
            return False
        return self.store.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM comment_tags INDEXED BY comment_tags_tag WHERE tag = ?"
            f" LIMIT {DENSE_TAG + 1})", (f.tag,)) > DENSE_TAG

    def page(self, f: QueueFilter, *, after: tuple | None = None, limit: int = 100) -> Page:
        order_by, after_sql, cursor_columns = ORDERS[f.order]
        where, params = where_clause(f, self.store.actor, dense_tag=self._dense_tag(f))
        if after is not None:
            where += (" AND " if where else " WHERE ") + after_sql
            params += ([after[0], *after] if f.order == "priority" else list(after))
        if f.search or f.tag:
            # These sort all their matches: pick the page's ids first, then read the columns of
            # those alone, so the sort moves ids rather than 200-character previews (46 -> 18 ms
            # for a common word on 1M). Other filters walk an index and stop at the page's end.
            sql = f"{_ROW_SQL} WHERE id IN ({_pick_sql(f, where, order_by)}) ORDER BY {order_by}"
        else:
            sql = f"{_ROW_SQL}{index_hint(f)}{where} ORDER BY {order_by} LIMIT ?"
        with self.store.read() as db:
            cursor = db.execute(sql, [*params, limit + 1])
            rows = [QueueRow(*r) for r in cursor.fetchall()]
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = tuple(getattr(rows[-1], c) for c in cursor_columns) if more else None
        return Page(rows, next_cursor)

    def count(self, f: QueueFilter) -> int:
        where, params = where_clause(f, self.store.actor)
        return self.store.side_scalar(f"SELECT count(*) FROM comments{where}", params)

    def status_counts(self) -> dict[str, int]:
        return {r["status"]: r["n"] for r in self.store.query(
            "SELECT status, count(*) AS n FROM comments GROUP BY status")}

    def explain(self, f: QueueFilter) -> list[str]:
        """The query plan that picks a first page's rows (bench and tests check it walks an
        index); reading the picked rows' columns is a lookup by id."""
        order_by = ORDERS[f.order][0]
        where, params = where_clause(f, self.store.actor)
        rows = self.store.query(f"EXPLAIN QUERY PLAN {_pick_sql(f, where, order_by)}", [*params, 100])
        return [r["detail"] for r in rows]

    def thread(self, comment_id: int) -> Thread | None:
        q = self.store.query
        rows = q(_COMMENT_SQL, (comment_id,))
        if not rows:
            return None
        comment = ThreadComment(**rows[0], tags=tuple(self.store.comments.tags(comment_id)))
        thread = Thread(comment=comment)
        if comment.post_id is not None:
            posts = q("SELECT id, platform, title, text, permalink FROM posts WHERE id = ?",
                      (comment.post_id,))
            thread.post = ThreadPost(**posts[0]) if posts else None
        item = "id, author_name, text, created_at, is_ours"
        if comment.parent_id is not None:
            parent = q(f"SELECT {item} FROM comments WHERE id = ?", (comment.parent_id,))
            thread.parent = ThreadItem(**{**parent[0], "is_ours": bool(parent[0]["is_ours"])}) if parent else None
        replies = [ThreadItem(**{**r, "is_ours": bool(r["is_ours"])}) for r in q(
            f"SELECT {item} FROM comments WHERE parent_id = ? ORDER BY created_at, id", (comment_id,))]
        replies += [ThreadItem(None, r["author"], r["text"], r["created_at"], True) for r in q(
            "SELECT author, text, created_at FROM replies WHERE comment_id = ? AND state != 'draft'"
            " ORDER BY created_at", (comment_id,))]
        thread.replies = sorted(replies, key=lambda r: r.created_at)
        if comment.author_id:
            thread.history = [ThreadItem(**{**r, "is_ours": bool(r["is_ours"])}) for r in q(
                f"SELECT {item} FROM comments WHERE platform = ? AND author_id = ? AND id != ?"
                " ORDER BY created_at DESC LIMIT 10", (comment.platform, comment.author_id, comment_id))]
        thread.handoffs = [ThreadHandoff(**r) for r in q(
            "SELECT department, status, note, answer FROM handoffs WHERE comment_id = ? ORDER BY created_at",
            (comment_id,))]
        if comment.campaign_id is not None:
            thread.campaign_name = self.store.scalar("SELECT name FROM campaigns WHERE id = ?",
                                                     (comment.campaign_id,))
        return thread

    def save_view(self, owner: str, name: str, f: QueueFilter) -> None:
        with self.store.write() as db:
            db.execute("INSERT INTO saved_views (owner, name, filter) VALUES (?, ?, ?)"
                       " ON CONFLICT (owner, name) DO UPDATE SET filter = excluded.filter",
                       (owner, name, f.to_json()))

    def views(self, owner: str) -> list[SavedView]:
        return [SavedView(r["name"], QueueFilter.from_json(r["filter"])) for r in self.store.query(
            "SELECT name, filter FROM saved_views WHERE owner = ? ORDER BY name", (owner,))]

    def delete_view(self, owner: str, name: str) -> None:
        with self.store.write() as db:
            db.execute("DELETE FROM saved_views WHERE owner = ? AND name = ?", (owner, name))
