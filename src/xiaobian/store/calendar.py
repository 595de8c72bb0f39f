"""Calendar: planned and published posts by time range, moves, copies, and monthly themes.

A post sits on the calendar at ``coalesce(published_at, scheduled_at)`` (the ``posts_when``
index); a post without either (an undated idea) is listed apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xiaobian.errors import UserError
from xiaobian.models import PostStatus
from xiaobian.store.accounts import OURS_SQL

if TYPE_CHECKING:
    from xiaobian.store.db import Store

WHEN = "coalesce(p.published_at, p.scheduled_at)"
_SELECT = f"""
SELECT p.id, p.platform, p.status, p.title, p.text, p.media_kind, {WHEN} AS at,
       p.campaign_id, coalesce(c.name, '') AS campaign,
       (SELECT group_concat(v.platform, ' ') FROM post_variants v WHERE v.post_id = p.id) AS variants
FROM posts p LEFT JOIN campaigns c ON c.id = p.campaign_id
"""


@dataclass(frozen=True)
class Entry:
    """One post as the calendar shows it."""

    id: int
    platform: str
    status: str
    title: str
    media_kind: str
    at: str | None
    campaign_id: int | None
    campaign: str
    variants: tuple[str, ...] = ()

    @property
    def platforms(self) -> tuple[str, ...]:
        return (self.platform, *self.variants)

    @classmethod
    def from_row(cls, row: dict) -> Entry:
        title = row["title"] or row["text"].split("\n", 1)[0]
        return cls(row["id"], row["platform"], row["status"], title[:80], row["media_kind"],
                   row["at"], row["campaign_id"], row["campaign"],
                   tuple(sorted((row["variants"] or "").split())))


OURS = OURS_SQL.format(p="p.")


@dataclass(frozen=True)
class Filters:
    platforms: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    campaign_id: int | None = None

    def where(self) -> tuple[list[str], list]:
        """SQL conditions on ``posts p``; competitors' posts are never on our calendar."""
        clauses: list[str] = [OURS]
        params: list = []
        if self.platforms:
            marks = ", ".join("?" * len(self.platforms))
            clauses.append(f"(p.platform IN ({marks}) OR EXISTS (SELECT 1 FROM post_variants v"
                           f" WHERE v.post_id = p.id AND v.platform IN ({marks})))")
            params += [*self.platforms, *self.platforms]
        if self.statuses:
            clauses.append(f"p.status IN ({', '.join('?' * len(self.statuses))})")
            params += list(self.statuses)
        if self.campaign_id is not None:
            clauses.append("p.campaign_id = ?")
            params.append(self.campaign_id)
        return clauses, params

    def dated(self, start: str, end: str) -> tuple[str, list]:
        """WHERE text and params for our posts dated in ``[start, end)`` (the ``posts_when`` index)."""
        clauses, params = self.where()
        return " AND ".join([f"{WHEN} >= ?", f"{WHEN} < ?", *clauses]), [start, end, *params]


NO_FILTERS = Filters()


class Calendar:
    def __init__(self, store: Store) -> None:
        self.store = store

    def entries(self, start: str, end: str, filters: Filters = NO_FILTERS) -> list[Entry]:
        """Posts dated in ``[start, end)`` (UTC ISO strings), in time order."""
        where, params = filters.dated(start, end)
        rows = self.store.query(f"{_SELECT} WHERE {where} ORDER BY at, p.id", params)
        return [Entry.from_row(r) for r in rows]

    def undated(self, filters: Filters = NO_FILTERS, limit: int = 200) -> list[Entry]:
        clauses, params = filters.where()
        where = " AND ".join([f"{WHEN} IS NULL", *clauses])
        rows = self.store.query(f"{_SELECT} WHERE {where} ORDER BY p.id DESC LIMIT ?", (*params, limit))
        return [Entry.from_row(r) for r in rows]

    def move(self, post_id: int, when: str) -> None:
        """Reschedule a post that is not published yet."""
        with self.store.write() as db:
            row = db.execute("SELECT status, scheduled_at FROM posts WHERE id = ?", (post_id,)).fetchone()
            if row is None:
                raise UserError("no such post", record=f"post {post_id}")
            if row[0] == PostStatus.PUBLISHED:
                raise UserError("a published post cannot be moved", record=f"post {post_id}",
                                hint="copy it to plan a new one")
            db.execute("UPDATE posts SET scheduled_at = ? WHERE id = ?", (when, post_id))
            self.store.audit("post.move", "posts", post_id, before=row[1], after=when)

    def copy_to(self, post_id: int, platforms: Iterable[str]) -> list[str]:
        """Add the post's text as a variant for each platform it lacks; returns those added."""
        added: list[str] = []
        with self.store.write() as db:
            row = db.execute("SELECT platform, text FROM posts WHERE id = ?", (post_id,)).fetchone()
            if row is None:
                raise UserError("no such post", record=f"post {post_id}")
            for platform in platforms:
                if platform == row[0]:
                    continue
                cursor = db.execute("INSERT INTO post_variants (post_id, platform, text) VALUES (?, ?, ?)"
                                    " ON CONFLICT (post_id, platform) DO NOTHING", (post_id, platform, row[1]))
                if cursor.rowcount:
                    added.append(platform)
            if added:
                self.store.audit("post.copy", "posts", post_id, platforms=added)
        return added

    def set_theme(self, month: str, theme: str, notes: str = "") -> None:
        """``month`` is ``YYYY-MM``; an empty theme removes it."""
        with self.store.write() as db:
            if theme.strip():
                db.execute("INSERT INTO month_themes (month, theme, notes) VALUES (?, ?, ?)"
                           " ON CONFLICT (month) DO UPDATE SET theme = excluded.theme, notes = excluded.notes",
                           (month, theme.strip(), notes))
            else:
                db.execute("DELETE FROM month_themes WHERE month = ?", (month,))
            self.store.audit("calendar.theme", "month_themes", None, month=month, theme=theme.strip())

    def themes(self, months: Sequence[str]) -> dict[str, str]:
        if not months:
            return {}
        marks = ", ".join("?" * len(months))
        rows = self.store.query(f"SELECT month, theme FROM month_themes WHERE month IN ({marks})", tuple(months))
        return {r["month"]: r["theme"] for r in rows}

    def activity(self, start: str, end: str) -> list[tuple[str, str]]:
        """(platform, when) of every committed post and variant in the range: not ideas."""
        return [(r["platform"], r["at"]) for r in self.store.query(
            f"""SELECT p.platform, {WHEN} AS at FROM posts p
                WHERE {WHEN} >= ? AND {WHEN} < ? AND p.status != 'idea' AND {OURS}
                UNION ALL
                SELECT v.platform, {WHEN} AS at FROM post_variants v JOIN posts p ON p.id = v.post_id
                WHERE {WHEN} >= ? AND {WHEN} < ? AND p.status != 'idea' AND {OURS}""",
            (start, end, start, end))]

    def find_campaign(self, name: str) -> int | None:
        """The newest campaign whose name contains ``name`` (case-insensitive)."""
        return self.store.scalar("SELECT id FROM campaigns WHERE name LIKE ? ESCAPE '\\'"
                                 " ORDER BY id DESC LIMIT 1", (f"%{_escape_like(name)}%",))

    def campaign_choices(self, limit: int = 50) -> list[tuple[int, str]]:
        """(id, name) of the latest campaigns, for the editor's campaign list."""
        return [(r["id"], r["name"]) for r in self.store.query(
            "SELECT id, name FROM campaigns ORDER BY coalesce(launch_on, starts_on, '') DESC, id DESC LIMIT ?",
            (limit,))]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
