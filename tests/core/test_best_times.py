"""Best hours from our published posts' latest metrics, checked against hand-computed figures."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from xiaobian.analytics.best_times import best_hours, platforms_with_posts
from xiaobian.demo import write_demo
from xiaobian.models import Account, MetricSnapshot, Post

TPE = ZoneInfo("Asia/Taipei")
NOW = "2026-12-01T00:00:00Z"


def post(store, published_at, *snapshots, platform="instagram", account_id=None):
    post_id = store.posts.save(Post(platform=platform, external_id=f"{platform}-{published_at}",
                                    status="published", published_at=published_at, account_id=account_id))
    for taken_at, counts in snapshots:
        store.posts.add_snapshot(MetricSnapshot(post_id=post_id, taken_at=taken_at, **counts))
    return post_id


def eng(reach, reactions, comments=0, shares=0, saves=0, impressions=None):
    return {"reach": reach, "impressions": impressions, "reactions": reactions, "comments": comments,
            "shares": shares, "saves": saves}


@pytest.fixture
def history(store):
    for day in (10, 11, 12):  # 20:00 Taipei = 12:00 UTC: 70 engagements on 1,000 reached, latest snapshot wins
        post(store, f"2026-11-{day}T12:00:00Z", (f"2026-11-{day}T14:00:00Z", eng(300, 1)),
             (f"2026-11-{day + 1}T12:00:00Z", eng(1000, 50, 10, 5, 5)))
        post(store, f"2026-11-{day}T04:00:00Z", (f"2026-11-{day + 1}T04:00:00Z", eng(1000, 30)))  # 12:00
    # 12:00 with impressions only: 40 engagements over 2,000 impressions
    post(store, "2026-11-13T04:00:00Z", ("2026-11-14T04:00:00Z", eng(None, 40, impressions=2000)))
    post(store, "2026-11-14T01:00:00Z", ("2026-11-15T01:00:00Z", eng(1000, 100)))  # 09:00, one post only
    post(store, "2026-11-15T12:00:00Z")  # no metrics: skipped
    rival = store.accounts.upsert(Account(platform="instagram", handle="rival", is_competitor=True))
    post(store, "2026-11-16T12:00:00Z", ("2026-11-17T12:00:00Z", eng(10, 10)), account_id=rival)
    rival_threads = store.accounts.upsert(Account(platform="threads", handle="rival", is_competitor=True))
    post(store, "2026-11-16T12:00:00Z", platform="threads", account_id=rival_threads)
    post(store, "2026-08-01T12:00:00Z", ("2026-08-02T12:00:00Z", eng(10, 10)))  # older than 90 days
    post(store, "2026-11-16T12:00:00Z", ("2026-11-17T12:00:00Z", eng(10, 10)), platform="facebook")


def test_hours_ranked_by_engagement_rate_with_lift_over_the_platform(store, history):
    # platform: (210 + 130 + 100) engagements over (3,000 + 5,000 + 1,000) seen = 440 / 9,000
    average = 440 / 9000
    scores = best_hours(store, "instagram", TPE, now=NOW)
    assert [(s.hour, s.posts) for s in scores] == [(20, 3), (12, 4)]
    assert scores[0].engagement_rate == pytest.approx(0.07)
    assert scores[1].engagement_rate == pytest.approx(130 / 5000)
    assert scores[0].lift == pytest.approx(0.07 / average)
    assert scores[1].lift == pytest.approx((130 / 5000) / average)


def test_top_min_posts_and_window(store, history):
    assert [s.hour for s in best_hours(store, "instagram", TPE, now=NOW, top=1)] == [20]
    assert [s.hour for s in best_hours(store, "instagram", TPE, now=NOW, min_posts=1)] == [9, 20, 12]
    assert best_hours(store, "instagram", TPE, now=NOW, days=5) == []
    assert best_hours(store, "youtube", TPE, now=NOW) == []
    assert platforms_with_posts(store, now=NOW) == ["instagram", "facebook"]


def test_hours_are_local_through_daylight_saving(store):
    london = ZoneInfo("Europe/London")
    for when in ("2026-07-01T18:00:00Z", "2026-07-02T18:00:00Z", "2026-11-02T19:00:00Z"):  # 19:00 BST, 19:00 GMT
        post(store, when, (when.replace("T18", "T23").replace("T19", "T23"), eng(100, 5)))
    [score] = best_hours(store, "instagram", london, now=NOW, days=200)
    assert (score.hour, score.posts) == (19, 3)


def test_on_the_demo_brand_instagram_is_best_at_eight_in_the_evening(store):
    write_demo(store, comments=0, seed=42, today=date(2026, 11, 24))
    scores = best_hours(store, "instagram", TPE, now="2026-11-25T00:00:00Z")
    assert scores[0].hour == 20 and scores[0].lift > 1
