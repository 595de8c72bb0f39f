"""Every metric against values worked out by hand from a small fixture (Taipei, October 2026)."""

from __future__ import annotations

import sqlite3
from zoneinfo import ZoneInfo

import pytest

from xiaobian.analytics.metrics import ad_metrics, post_metrics, response_metrics
from xiaobian.analytics.period import business_minutes_sql, month_period
from xiaobian.config import BusinessHours
from xiaobian.errors import UserError

TAIPEI = ZoneInfo("Asia/Taipei")
OCT = month_period("2026-10", TAIPEI)


def _post(db, platform, media, published, account=1, status="published"):
    return db.execute("INSERT INTO posts (platform, account_id, media_kind, status, published_at)"
                      " VALUES (?, ?, ?, ?, ?)", (platform, account, media, status, published)).lastrowid


def _snap(db, post_id, taken, **m):
    cols = ", ".join(["post_id", "taken_at", *m])
    db.execute(f"INSERT INTO metric_snapshots ({cols}) VALUES ({', '.join('?' * (len(m) + 2))})",
               (post_id, taken, *m.values()))


@pytest.fixture
def posts(store):
    with store.write() as db:
        db.execute("INSERT INTO accounts (id, platform, handle) VALUES (1, 'instagram', 'shanlan')")
        db.execute("INSERT INTO accounts (id, platform, handle, is_competitor) VALUES (2, 'instagram', 'rival', 1)")
        p1 = _post(db, "instagram", "reel", "2026-10-05T12:00:00Z")      # Mon 20:00 Taipei
        _snap(db, p1, "2026-10-05T14:00:00Z", reach=100, impressions=120, reactions=5)  # an earlier reading
        _snap(db, p1, "2026-10-12T12:00:00Z", reach=1000, impressions=1500, reactions=60, comments=10,
              shares=5, saves=25, clicks=30, conversions=3, spend=150.0)
        p2 = _post(db, "instagram", "photo", "2026-10-06T04:00:00Z")     # Tue 12:00
        _snap(db, p2, "2026-10-13T04:00:00Z", reach=2000, impressions=2500, reactions=40, comments=5,
              shares=3, saves=2, clicks=20)
        p3 = _post(db, "facebook", "photo", "2026-10-20T01:00:00Z")      # Tue 09:00, reach unknown
        _snap(db, p3, "2026-10-21T01:00:00Z", impressions=800, reactions=20, comments=4, clicks=8, conversions=1)
        _post(db, "instagram", "video", "2026-10-31T15:30:00Z")          # Sat 31st 23:30, no snapshot yet
        rival = _post(db, "instagram", "reel", "2026-10-07T12:00:00Z", account=2)
        _snap(db, rival, "2026-10-08T12:00:00Z", reach=99999, impressions=99999, reactions=9999)
        outside = _post(db, "instagram", "reel", "2026-09-30T15:59:00Z")  # 23:59 on 30 September
        _snap(db, outside, "2026-10-01T00:00:00Z", reach=5000, reactions=5000)
        db.execute("INSERT INTO posts (platform, status) VALUES ('instagram', 'draft')")
    return store


def test_period_totals(posts):
    [m] = post_metrics(posts, OCT)
    assert m.key == {"period": "2026-10"}
    assert (m.posts, m.reach, m.impressions, m.engagements) == (4, 3000, 4800, 174)
    assert (m.clicks, m.conversions, m.spend) == (58, 4, 150.0)
    assert m.engagement_rate_reach.value == pytest.approx(150 / 3000)          # p3 has no reach
    assert m.engagement_rate_impressions.value == pytest.approx(174 / 4800)
    assert m.ctr.value == pytest.approx(58 / 4800)
    assert m.conversion_rate.value == pytest.approx(4 / 38)                   # p2 has no conversions
    assert m.cpm.value == pytest.approx(150 / 1500 * 1000)                     # spend known on p1 only
    assert m.frequency.value == pytest.approx(4000 / 3000)


def test_grouped_by_format_hour_and_week(posts):
    by_kind = {m.key["media_kind"]: m for m in post_metrics(posts, OCT, ("media_kind",))}
    assert by_kind["reel"].engagement_rate_reach.value == pytest.approx(0.1)
    assert by_kind["photo"].engagement_rate_reach.value == pytest.approx(50 / 2000)
    assert by_kind["video"].engagement_rate_reach.value is None
    assert [m.key["local_hour"] for m in post_metrics(posts, OCT, ("local_hour",))] == [9, 12, 20, 23]
    weeks = {m.key["week"]: m.posts for m in post_metrics(posts, OCT, ("week",))}
    assert weeks == {"2026-10-05": 2, "2026-10-19": 1, "2026-10-26": 1}
    days = [(m.key["day"], m.key["platform"]) for m in post_metrics(posts, OCT, ("day", "platform"))]
    assert days == [("2026-10-05", "instagram"), ("2026-10-06", "instagram"), ("2026-10-20", "facebook"),
                    ("2026-10-31", "instagram")]


def test_unknown_grouping_is_refused(posts):
    with pytest.raises(ValueError, match="cannot group"):
        post_metrics(posts, OCT, ("colour",))


@pytest.fixture
def inbound(store):
    with store.write() as db:
        def comment(ext, platform, created, *, ours=0, parent=None, replied=None, status="done", sentiment=0.0):
            return db.execute(
                "INSERT INTO comments (platform, external_id, is_ours, parent_id, created_at, replied_at, status,"
                " sentiment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (platform, ext, ours, parent, created, replied, status, sentiment)).lastrowid
        c1 = comment("c1", "facebook", "2026-10-23T09:30:00Z")                       # Fri 17:30
        comment("r1", "facebook", "2026-10-26T01:15:00Z", ours=1, parent=c1)        # Mon 09:15
        c2 = comment("c2", "facebook", "2026-10-21T02:00:00Z", replied="2026-10-21T02:20:00Z")  # Wed 10:00
        comment("r2", "facebook", "2026-10-21T03:00:00Z", ours=1, parent=c2)        # later than the triage reply
        comment("c3", "instagram", "2026-10-24T04:00:00Z", replied="2026-10-24T05:30:00Z")  # Sat 12:00
        comment("c4", "instagram", "2026-10-22T12:00:00Z", status="new", sentiment=-0.6)    # never answered
        comment("c5", "instagram", "2026-10-22T12:05:00Z", status="spam", sentiment=-0.9)
        comment("c7", "instagram", "2026-09-20T12:00:00Z", replied="2026-09-20T12:01:00Z")
    return store


def test_first_response_times(inbound):
    [m] = response_metrics(inbound, OCT, sla_minutes=60)
    assert (m.inbound, m.negative, m.responded) == (4, 1, 3)
    # on the clock: 3825 (Fri 17:30 → Mon 09:15), 20, 90 minutes
    assert m.median_minutes == pytest.approx(90)
    assert m.mean_minutes == pytest.approx((3825 + 20 + 90) / 3)
    assert m.within_sla == 1
    # business hours (09–18 Mon–Fri): 30 + 15, 20, and 0 on a Saturday
    assert m.median_business_minutes == pytest.approx(20)
    assert m.mean_business_minutes == pytest.approx(65 / 3)
    assert m.within_sla_business == 3
    assert m.response_rate.value == pytest.approx(3 / 4)
    assert m.sla_rate.value == pytest.approx(1 / 3)


def test_response_median_of_an_even_group_and_custom_hours(inbound):
    by = {m.key["platform"]: m for m in response_metrics(inbound, OCT, ("platform",), sla_minutes=60)}
    assert by["facebook"].median_minutes == pytest.approx((3825 + 20) / 2)
    assert (by["instagram"].inbound, by["instagram"].responded, by["instagram"].median_minutes) == (2, 1, 90)
    weekend = BusinessHours(start="10:00", end="14:00", days=["sat", "sun"])
    [m] = response_metrics(inbound, OCT, hours=weekend)
    # Fri 17:30 → Mon 09:15 spans all of Sat and Sun: 2 × 240; Wed: 0; Sat 12:00 → 13:30: 90
    assert m.mean_business_minutes == pytest.approx((480 + 0 + 90) / 3)


@pytest.mark.parametrize("start, end, expected", [
    ("2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z", 5 * 540),   # Mon 08:00 → Mon 08:00
    ("2026-10-23T09:30:00Z", "2026-10-26T01:15:00Z", 45),        # Fri 17:30 → Mon 09:15
    ("2026-10-24T01:00:00Z", "2026-10-25T10:00:00Z", 0),         # a weekend
    ("2026-10-21T03:00:00Z", "2026-10-21T04:30:00Z", 90),        # Wed 11:00 → 12:30
])
def test_business_minutes(start, end, expected):
    def expr(name):
        return business_minutes_sql(f"julianday(:{name})", 480, 9 * 60, 18 * 60, {1, 2, 3, 4, 5})
    conn = sqlite3.connect(":memory:")
    value = conn.execute(f"SELECT {expr('b')} - {expr('a')}", {"a": start, "b": end}).fetchone()[0]
    assert value == pytest.approx(expected)


def test_ads(store):
    rows = [("a1", "2026-10-01", 1000, 1500, 300.0, 30, 10.0, "TWD"),
            ("a1", "2026-10-02", 800, 1600, 320.0, 16, None, "TWD"),
            ("a1", "2026-09-30", 999, 999, 999.0, 99, 99.0, "TWD"),
            ("a2", "2026-10-05", 100, 200, 5.0, 4, 1.0, "EUR")]
    with store.write() as db:
        for ad, day, reach, impressions, spend, clicks, results, currency in rows:
            db.execute("INSERT INTO ad_stats (platform, ad_id, period_start, period_end, reach, impressions, spend,"
                       " link_clicks, results, currency) VALUES ('facebook', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (ad, f"{day}T00:00:00Z", f"{day}T00:00:00Z", reach, impressions, spend, clicks, results, currency))
    by_currency = {m.currency: m for m in ad_metrics(store, OCT)}
    twd = by_currency["TWD"]
    assert (twd.rows, twd.reach, twd.impressions, twd.spend, twd.link_clicks) == (2, 1800, 3100, 620.0, 46)
    assert twd.ctr.value == pytest.approx(46 / 3100)
    assert twd.cpm.value == pytest.approx(200.0)
    assert twd.frequency.value == pytest.approx(3100 / 1800)
    assert twd.cost_per_result.value == pytest.approx(30.0)
    assert by_currency["EUR"].spend == 5.0
    assert [m.key["day"] for m in ad_metrics(store, OCT, ("day",)) if m.currency == "TWD"] == ["2026-10-01", "2026-10-02"]


def test_business_hours_must_make_sense():
    with pytest.raises(ValueError, match="after start"):
        BusinessHours(start="18:00", end="09:00")
    with pytest.raises(ValueError, match="unknown day"):
        BusinessHours(days=["monday"])


def test_periods():
    assert (OCT.start, OCT.end, OCT.offset) == ("2026-09-30T16:00:00Z", "2026-10-31T16:00:00Z", 480)
    assert OCT.previous(TAIPEI).label == "2026-09"
    assert month_period("2026-01", TAIPEI).previous(TAIPEI).label == "2025-12"
    assert (OCT.local_start, OCT.local_end) == ("2026-10-01", "2026-11-01")
    with pytest.raises(UserError, match="2026-10"):
        month_period("Oct 2026", TAIPEI)
