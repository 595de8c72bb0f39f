"""Forward-only schema migrations, applied in order when a database is opened.

Each migration is a list of SQL statements (no ``executescript``: it would commit the
``BEGIN IMMEDIATE`` that ``Store.open`` holds while migrating). Never edit a released
migration; add a new one.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("xiaobian")

_CORE = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    is_competitor INTEGER NOT NULL DEFAULT 0,
    UNIQUE (platform, handle)
);
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    starts_on TEXT, ends_on TEXT, launch_on TEXT,
    stage TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    external_id TEXT,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    media_kind TEXT NOT NULL DEFAULT 'text',
    permalink TEXT,
    status TEXT NOT NULL DEFAULT 'draft',
    scheduled_at TEXT, published_at TEXT,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (platform, external_id)
);
CREATE TABLE post_variants (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (post_id, platform)
);
CREATE TABLE metric_snapshots (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    taken_at TEXT NOT NULL,
    reach INTEGER, impressions INTEGER, reactions INTEGER, comments INTEGER,
    shares INTEGER, saves INTEGER, clicks INTEGER, video_views INTEGER,
    conversions INTEGER, spend REAL,
    UNIQUE (post_id, taken_at)
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    parent_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'comment',
    author_id TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL DEFAULT '',
    is_ours INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    priority INTEGER NOT NULL DEFAULT 0,
    sentiment REAL NOT NULL DEFAULT 0,
    assignee TEXT,
    claimed_by TEXT, claim_expires TEXT,
    replied_at TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (platform, external_id)
);
CREATE TABLE comment_tags (
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (comment_id, tag)
) WITHOUT ROWID;
CREATE TABLE reply_templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'zh-TW'
);
CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'todo',
    notes TEXT NOT NULL DEFAULT '',
    done_at TEXT
);
CREATE TABLE handoffs (
    id INTEGER PRIMARY KEY,
    department TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    checklist_item_id INTEGER REFERENCES checklist_items(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT
);
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT '',
    file_digest TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}',
    errors TEXT NOT NULL DEFAULT '[]'
)
"""

# Each index serves a screen query; keep the comment beside it when adding one.
_INDEXES = """
CREATE INDEX comments_queue ON comments (status, created_at, id);
CREATE INDEX comments_queue_priority ON comments (status, priority, created_at, id);
CREATE INDEX comments_queue_platform ON comments (platform, status, created_at, id);
CREATE INDEX comments_assignee ON comments (assignee, status, created_at);
CREATE INDEX comments_author ON comments (platform, author_id, created_at);
CREATE INDEX comments_post ON comments (post_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_campaign ON comments (campaign_id, created_at);
CREATE INDEX comments_created ON comments (created_at);
CREATE INDEX comment_tags_tag ON comment_tags (tag, comment_id);
CREATE INDEX posts_scheduled ON posts (scheduled_at);
CREATE INDEX posts_published ON posts (published_at);
CREATE INDEX posts_campaign ON posts (campaign_id);
CREATE INDEX posts_account ON posts (account_id);
CREATE INDEX checklist_order ON checklist_items (campaign_id, phase, position);
CREATE INDEX checklist_due ON checklist_items (status, due_on);
CREATE INDEX handoffs_open ON handoffs (status, department, created_at);
CREATE INDEX handoffs_comment ON handoffs (comment_id);
CREATE INDEX handoffs_item ON handoffs (checklist_item_id);
CREATE INDEX audit_at ON audit_events (at);
CREATE INDEX audit_record ON audit_events (table_name, record_id);
CREATE INDEX sync_runs_started ON sync_runs (started_at)
"""

# Trigram FTS5 (finds CJK substrings of 3+ characters; shorter terms fall back to LIKE).
# External content: the text lives once, in the base table; triggers keep the index in step
# and fire only when the indexed columns change, so triage updates cost nothing here.
_SEARCH = """
CREATE VIRTUAL TABLE comments_fts USING fts5 (
    text, author_name, content='comments', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER comments_fts_ai AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, text, author_name) VALUES (new.id, new.text, new.author_name);
END;
CREATE TRIGGER comments_fts_ad AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, text, author_name)
    VALUES ('delete', old.id, old.text, old.author_name);
END;
CREATE TRIGGER comments_fts_au AFTER UPDATE OF text, author_name ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, text, author_name)
    VALUES ('delete', old.id, old.text, old.author_name);
    INSERT INTO comments_fts (rowid, text, author_name) VALUES (new.id, new.text, new.author_name);
END;
CREATE VIRTUAL TABLE posts_fts USING fts5 (
    title, text, content='posts', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER posts_fts_au AFTER UPDATE OF title, text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO posts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END
"""


def _run(db: Database, script: str) -> None:
    """Run a script statement by statement (``complete_statement`` keeps trigger bodies whole)."""
    pending = ""
    for line in script.strip().splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        db.execute(pending)


@MIGRATIONS(name="0001_core_tables")
def core_tables(db: Database) -> None:
    _run(db, _CORE)


@MIGRATIONS(name="0002_screen_indexes")
def screen_indexes(db: Database) -> None:
    _run(db, _INDEXES)


@MIGRATIONS(name="0003_search")
def search(db: Database) -> None:
    _run(db, _SEARCH)
    # Index rows that existed before this migration (triggers only see later writes).
    db.execute("INSERT INTO comments_fts (comments_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')")



_TRIAGE = """
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    template_id INTEGER REFERENCES reply_templates(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft',
    platform_reply_id TEXT,
    sent_at TEXT
);
CREATE INDEX replies_comment ON replies (comment_id, created_at);
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    filter TEXT NOT NULL,
    UNIQUE (owner, name)
);
CREATE INDEX comments_open_new ON comments (created_at, id) WHERE status IN ('new', 'open');
CREATE INDEX comments_open_priority ON comments (priority DESC, created_at, id) WHERE status IN ('new', 'open');
CREATE INDEX comments_claims ON comments (claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX audit_actor ON audit_events (actor, id)
"""


@MIGRATIONS(name="0004_triage")
def triage(db: Database) -> None:
    _run(db, _TRIAGE)



_IMPORTS = """
CREATE TABLE ad_stats (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    ad_id TEXT NOT NULL,
    ad_name TEXT NOT NULL DEFAULT '',
    adset_id TEXT NOT NULL DEFAULT '',
    adset_name TEXT NOT NULL DEFAULT '',
    campaign_id TEXT NOT NULL DEFAULT '',
    campaign_name TEXT NOT NULL DEFAULT '',
    account_name TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    reach INTEGER, impressions INTEGER, frequency REAL, spend REAL,
    currency TEXT NOT NULL DEFAULT '',
    results REAL, result_type TEXT NOT NULL DEFAULT '',
    link_clicks INTEGER, ctr REAL, cpm REAL,
    UNIQUE (platform, ad_id, period_start, period_end)
);
CREATE INDEX ad_stats_period ON ad_stats (period_start, ad_id);
CREATE INDEX sync_runs_status ON sync_runs (status, started_at);
CREATE INDEX posts_permalink ON posts (permalink) WHERE permalink IS NOT NULL
"""


@MIGRATIONS(name="0005_imports")
def imports(db: Database) -> None:
    _run(db, _IMPORTS)


_LIVE = """
CREATE TABLE sync_cursors (
    source TEXT NOT NULL,
    stream TEXT NOT NULL,
    cursor TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, stream)
)
"""


@MIGRATIONS(name="0006_live_cursors")
def live_cursors(db: Database) -> None:
    _run(db, _LIVE)


_CALENDAR = """
CREATE TABLE month_themes (
    month TEXT PRIMARY KEY,
    theme TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
ALTER TABLE posts ADD COLUMN hashtags TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN plan_key TEXT;
CREATE UNIQUE INDEX posts_plan_key ON posts (plan_key) WHERE plan_key IS NOT NULL;
CREATE INDEX posts_when ON posts (coalesce(published_at, scheduled_at))
"""


@MIGRATIONS(name="0007_calendar")
def calendar(db: Database) -> None:
    """Monthly themes, hashtags kept apart from the text, and the key a planning CSV row has."""
    _run(db, _CALENDAR)


_FANS = """
CREATE TABLE fan_perks (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL DEFAULT '',
    what TEXT NOT NULL,
    given_by TEXT NOT NULL,
    given_at TEXT NOT NULL
);
CREATE INDEX fan_perks_author ON fan_perks (platform, author_id, given_at);
CREATE INDEX comments_negative ON comments (created_at) WHERE is_ours = 0 AND sentiment <= -0.2
"""


@MIGRATIONS(name="0008_fans")
def fans(db: Database) -> None:
    """Perks given to fans (who, what, when); and the hourly negative-comment count that the
    spike banner polls, index-only (analytics/spikes.py repeats its WHERE terms literally)."""
    _run(db, _FANS)


# Campaign checklists in order (position is the order across phases), the timeline of each
# campaign (every checklist action, crisis statements, lessons), crisis roles and giveaway draws.
_CAMPAIGNS = """
ALTER TABLE campaigns ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN detected_at TEXT;
ALTER TABLE campaigns ADD COLUMN closed_at TEXT;
ALTER TABLE checklist_items ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE checklist_items ADD COLUMN milestone TEXT NOT NULL DEFAULT '';
CREATE INDEX checklist_position ON checklist_items (campaign_id, position, id);
CREATE TABLE campaign_roles (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    person TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, role)
) WITHOUT ROWID;
CREATE TABLE campaign_events (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX campaign_events_order ON campaign_events (campaign_id, at, id);
CREATE TABLE giveaway_draws (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    drawn_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    seed TEXT NOT NULL,
    deadline TEXT NOT NULL,
    entrants INTEGER NOT NULL,
    digest TEXT NOT NULL,
    winners TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX giveaway_draws_campaign ON giveaway_draws (campaign_id, drawn_at)
"""


@MIGRATIONS(name="0009_campaigns")
def campaigns(db: Database) -> None:
    _run(db, _CAMPAIGNS)


# Keep the literals -0.2 / 0.2 in step with store.queue.NEGATIVE / POSITIVE (store/rollups.py).
_COMMENT_HOURS = """
CREATE TABLE comment_hours (
    hour TEXT NOT NULL,
    platform TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    negative INTEGER NOT NULL DEFAULT 0,
    positive INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, platform)
) WITHOUT ROWID;
CREATE TRIGGER comment_hours_insert AFTER INSERT ON comments WHEN new.is_ours = 0
BEGIN
    INSERT INTO comment_hours (hour, platform, total, negative, positive)
    VALUES (substr(new.created_at, 1, 13), new.platform, 1, new.sentiment <= -0.2, new.sentiment >= 0.2)
    ON CONFLICT (hour, platform) DO UPDATE SET total = total + 1, negative = negative + excluded.negative,
                                               positive = positive + excluded.positive;
END;
CREATE TRIGGER comment_hours_delete AFTER DELETE ON comments WHEN old.is_ours = 0
BEGIN
    UPDATE comment_hours SET total = total - 1, negative = negative - (old.sentiment <= -0.2),
                             positive = positive - (old.sentiment >= 0.2)
    WHERE hour = substr(old.created_at, 1, 13) AND platform = old.platform;
END;
CREATE TRIGGER comment_hours_update AFTER UPDATE OF created_at, platform, sentiment, is_ours ON comments
BEGIN
    UPDATE comment_hours SET total = total - 1, negative = negative - (old.sentiment <= -0.2),
                             positive = positive - (old.sentiment >= 0.2)
    WHERE old.is_ours = 0 AND hour = substr(old.created_at, 1, 13) AND platform = old.platform;
    INSERT INTO comment_hours (hour, platform, total, negative, positive)
    SELECT substr(new.created_at, 1, 13), new.platform, 1, new.sentiment <= -0.2, new.sentiment >= 0.2
    WHERE new.is_ours = 0
    ON CONFLICT (hour, platform) DO UPDATE SET total = total + 1, negative = negative + excluded.negative,
                                               positive = positive + excluded.positive;
END
"""


@MIGRATIONS(name="0010_comment_hours")
def comment_hours(db: Database) -> None:
    """Hourly counts of messages from people by platform and sentiment, for the volume chart
    (a month of a million comments: hundreds of rows instead of a scan); counted once here."""
    from xiaobian.store.rollups import rebuild_comment_hours

    _run(db, _COMMENT_HOURS)
    rebuild_comment_hours(db)



@MIGRATIONS(name="0011_handoff_answer")
def handoff_answer(db: Database) -> None:
    """The department's answer when it resolves a hand-off; the thread pane shows it."""
    _run(db, "ALTER TABLE handoffs ADD COLUMN answer TEXT NOT NULL DEFAULT ''")
