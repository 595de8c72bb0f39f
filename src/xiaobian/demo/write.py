"""``write_demo``: the whole demo brand into an empty database, deterministically."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from xiaobian.demo import ads, phrases
from xiaobian.demo.campaigns import campaign_rows
from xiaobian.demo.comments import COLUMNS, Context, generate
from xiaobian.demo.posts import generate_posts, snapshots, taipei
from xiaobian.errors import UserError
from xiaobian.models import Comment
from xiaobian.store import Store
from xiaobian.store.rollups import rebuild_comment_hours

BATCH = 20_000
_POST_COLUMNS = ("platform", "account_id", "external_id", "title", "text", "media_kind", "permalink",
                 "status", "scheduled_at", "published_at", "campaign_id", "notes")
_SNAPSHOT_COLUMNS = ("post_id", "taken_at", "reach", "impressions", "reactions", "comments", "shares",
                     "saves", "clicks", "video_views", "conversions", "spend")


@dataclass(frozen=True)
class DemoSummary:
    accounts: int
    posts: int
    snapshots: int
    comments: int
    campaigns: int
    seconds: float


def _insert(db, table: str, columns: tuple[str, ...], rows) -> None:
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def write_demo(store: Store, *, comments: int = 5000, seed: int = 42, today: date | None = None,
               progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Write the demo brand. Same seed and ``today`` → the same rows, ids included."""
    started = time.perf_counter()
    if not store.is_empty():
        raise UserError("the database already has posts or comments", file=str(store.path),
                        hint="use --force to replace it, or --db to choose another file")
    today = today or datetime.now(UTC).date()
    rng = random.Random(seed)
    db = store.db
    db.execute("PRAGMA synchronous = OFF")  # generated data: a crash just means run it again
    db.execute("PRAGMA cache_size = -262144")
    try:
        with store.write():
            account_ids = _accounts(db)
            campaign_ids = _campaigns(db, today)
            posts, plan = generate_posts(rng, today, account_ids, campaign_ids)
            _insert(db, "posts", _POST_COLUMNS, [tuple(p[c] for c in _POST_COLUMNS) for p in posts + plan])
            post_ids = [r[0] for r in db.execute("SELECT id FROM posts ORDER BY id")][:len(posts)]
            now = taipei(today, 17)
            snaps = [s for pid, p in zip(post_ids, posts, strict=True) for s in snapshots(rng, pid, p, now)]
            _insert(db, "metric_snapshots", _SNAPSHOT_COLUMNS,
                    [tuple(s[c] for c in _SNAPSHOT_COLUMNS) for s in snaps])
            _insert(db, "reply_templates", ("name", "body", "lang"), phrases.TEMPLATES)
            _insert(db, "month_themes", ("month", "theme"), _themes(today))
        timeline = sorted((datetime.fromisoformat(p["published_at"].replace("Z", "+00:00")), pid,
                           p["platform"], p["account_id"], p["campaign_id"])
                          for pid, p in zip(post_ids, posts, strict=True))
        ctx = Context(rng, today, timeline, account_ids, comments)
        written = _comments(store, ctx, progress)
        with store.write():
            _insert(db, "comment_tags", ("comment_id", "tag"), ctx.tags)
            _insert(db, "handoffs", ("department", "note", "comment_id", "created_by", "created_at", "status"),
                    ctx.handoffs)
            _insert(db, "ad_stats", ads.COLUMNS, ads.ad_rows(random.Random(seed + 1), today))  # own stream: rows above unchanged
    finally:
        db.execute("PRAGMA synchronous = FULL")
    return DemoSummary(accounts=len(account_ids), posts=len(posts) + len(plan), snapshots=len(snaps),
                       comments=written, campaigns=len(campaign_ids),
                       seconds=time.perf_counter() - started)


def _accounts(db) -> dict[str, int]:
    ids = {}
    for platform in phrases.PLATFORMS:
        ids[platform] = db.execute(
            "INSERT INTO accounts (platform, handle, display_name) VALUES (?, ?, ?)",
            (platform, phrases.HANDLE, phrases.BRAND)).lastrowid
    for platform, handle, name in phrases.COMPETITORS:
        db.execute("INSERT INTO accounts (platform, handle, display_name, is_competitor) VALUES (?, ?, ?, 1)",
                   (platform, handle, name))
    return ids


def _themes(today: date) -> list[tuple[str, str]]:
    """Last, this and next month's themes (the calendar's title line)."""
    first = today.replace(day=1)
    months = [(first - timedelta(days=1)).replace(day=1), first, (first + timedelta(days=32)).replace(day=1)]
    return [(f"{m:%Y-%m}", phrases.MONTH_THEMES[m.month - 1]) for m in months]


def _campaigns(db, today: date) -> tuple[int, int]:
    ids = []
    for campaign, items in campaign_rows(today):
        campaign_id = db.execute(
            "INSERT INTO campaigns (name, kind, starts_on, ends_on, launch_on, stage, owner, notes)"
            " VALUES (:name, :kind, :starts_on, :ends_on, :launch_on, :stage, :owner, :notes)",
            campaign).lastrowid
        _insert(db, "checklist_items", ("campaign_id", "phase", "position", "title", "owner", "department",
                                        "due_on", "status", "notes", "done_at"),
                [(campaign_id, *item) for item in items])
        ids.append(campaign_id)
    return ids[0], ids[1]


def _comments(store: Store, ctx: Context, progress) -> int:
    """Load into the empty table in one transaction with its indexes and triggers (FTS, hourly
    rollup) set aside, then rebuild them: the fastest path for a first load. The first batch is
    model-validated."""
    written = 0
    with store.write() as db:
        shape = [tuple(r) for r in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'comments'"
            " AND type IN ('index', 'trigger') AND sql IS NOT NULL")]
        for kind, name, _ in shape:
            db.execute(f"DROP {kind.upper()} {name}")
        batch: list[tuple] = []
        for row in generate(ctx):
            batch.append(row)
            if len(batch) >= BATCH:
                written += _flush(db, batch, validate=written == 0)
                batch = []
                if progress:
                    progress(written, ctx.n_total)
        written += _flush(db, batch, validate=written == 0)
        for _, _, sql in shape:
            db.execute(sql)
        db.execute("INSERT INTO comments_fts (comments_fts) VALUES ('rebuild')")
        rebuild_comment_hours(db)  # its triggers were set aside with the others
    if progress:
        progress(written, ctx.n_total)
    return written


def _flush(db, batch: list[tuple], *, validate: bool) -> int:
    if validate:
        for row in batch[:200]:
            data = dict(zip(COLUMNS, row, strict=True))
            Comment.model_validate({**data, "is_ours": bool(data["is_ours"])})
    _insert(db, "comments", COLUMNS, batch)
    return len(batch)
