"""Our accounts against competitors' over a month: cadence, engagements per post, formats, top post."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from xiaobian.analytics.competitors import compare
from xiaobian.analytics.period import month_period

OCT = month_period("2026-10", ZoneInfo("Asia/Taipei"))


def test_compare_by_hand(store):
    with store.write() as db:
        db.execute("INSERT INTO accounts (id, platform, handle) VALUES (1, 'instagram', 'shanlan')")
        db.execute("INSERT INTO accounts (id, platform, handle, is_competitor) VALUES (2, 'instagram', 'beanhouse', 1)")
        posts = [(1, "reel", "冷萃", 100), (1, "photo", "手沖", 20), (1, "photo", "門市", 30),
                 (2, "reel", "拉花", 400), (2, "reel", "新品", 200)]
        for i, (account, kind, title, reactions) in enumerate(posts, 1):
            db.execute("INSERT INTO posts (id, platform, account_id, media_kind, title, status, published_at)"
                       " VALUES (?, 'instagram', ?, ?, ?, 'published', ?)",
                       (i, account, kind, title, f"2026-10-{i + 1:02d}T04:00:00Z"))
            db.execute("INSERT INTO metric_snapshots (post_id, taken_at, reactions, comments) VALUES (?, ?, 1, 0)",
                       (i, f"2026-10-{i + 1:02d}T05:00:00Z"))   # an earlier reading, ignored
            db.execute("INSERT INTO metric_snapshots (post_id, taken_at, reactions, comments) VALUES (?, ?, ?, 10)",
                       (i, f"2026-10-{i + 2:02d}T05:00:00Z", reactions))
        db.execute("INSERT INTO posts (platform, account_id, media_kind, status, published_at)"
                   " VALUES ('instagram', 2, 'photo', 'published', '2026-11-02T04:00:00Z')")  # next month
    ours, theirs = compare(store, OCT)
    assert (ours.handle, ours.competitor, ours.posts, ours.engagements) == ("shanlan", False, 3, 180)
    assert ours.engagement_per_post.value == pytest.approx(60)
    assert ours.per_week == round(3 / (31 / 7), 1)
    assert ours.formats == {"photo": 2, "reel": 1}
    assert (ours.top_title, ours.top_engagements) == ("冷萃", 110)
    assert (theirs.handle, theirs.competitor, theirs.posts, theirs.engagements) == ("beanhouse", True, 2, 620)
    assert (theirs.formats, theirs.top_title) == ({"reel": 2}, "拉花")
