"""Chart series against values worked out by hand (Taipei, 5–7 October 2026, UTC+8)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from xiaobian.analytics.metrics import response_metrics
from xiaobian.analytics.period import span
from xiaobian.analytics.series import (HourCell, ResponseTimes, VolumePoint, buckets, comment_volume,
                                       platforms, post_ranking, posting_hours, response_times)

TAIPEI = ZoneInfo("Asia/Taipei")
PERIOD = span(datetime(2026, 10, 5, tzinfo=TAIPEI), datetime(2026, 10, 8, tzinfo=TAIPEI), TAIPEI)


def _comment(db, cid, platform, created, sentiment=0.0, *, replied=None, parent=None, ours=0,
             status="new", assignee=None):
    db.execute("INSERT INTO comments (id, platform, external_id, created_at, sentiment, replied_at, parent_id,"
               " is_ours, status, assignee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (cid, platform, f"c{cid}", created, sentiment, replied, parent, ours, status, assignee))


def _reply(db, comment_id, author, state, created):
    db.execute("INSERT INTO replies (comment_id, author, text, created_at, state) VALUES (?, ?, 'ok', ?, ?)",
               (comment_id, author, created, state))


@pytest.fixture
def inbox(store):
    with store.write() as db:
        _comment(db, 1, "instagram", "2026-10-04T16:30:00Z", -0.5, replied="2026-10-04T17:30:00Z")  # 5th 00:30, 60 min
        _reply(db, 1, "amy", "copied", "2026-10-04T17:30:00Z")
        _comment(db, 2, "instagram", "2026-10-04T23:00:00Z", 0.5)                   # 5th 07:00
        _comment(db, 20, "instagram", "2026-10-04T23:10:00Z", 0.9, parent=2, ours=1)  # our reply: 10 min
        _comment(db, 3, "facebook", "2026-10-05T15:59:00Z", replied="2026-10-05T16:29:00Z", assignee="ben")
        _comment(db, 30, "facebook", "2026-10-05T16:09:00Z", parent=3, ours=1)      # earlier than replied_at: 10 min
        _comment(db, 4, "facebook", "2026-10-05T16:00:00Z", -0.2, status="spam")   # 6th 00:00, negative, spam
        _comment(db, 5, "instagram", "2026-10-06T01:00:00Z", 0.2)                  # 6th 09:00, never answered
        _comment(db, 8, "instagram", "2026-10-06T02:00:00Z", replied="2026-10-06T02:20:00Z")  # 20 min
        _reply(db, 8, "ben", "draft", "2026-10-06T02:05:00Z")                      # a draft answers nothing
        _reply(db, 8, "amy", "sent", "2026-10-06T02:20:00Z")
        _comment(db, 9, "instagram", "2026-10-06T03:00:00Z", replied="2026-10-06T03:40:00Z")  # 40 min
        _comment(db, 6, "instagram", "2026-10-04T15:59:00Z", -0.9, replied="2026-10-04T16:00:00Z")  # 4th: before
        _comment(db, 7, "line", "2026-10-07T16:00:00Z", -0.9)                      # 8th 00:00: after
    return store


def test_buckets_cover_the_period_in_local_time():
    assert buckets(PERIOD, "day") == ["2026-10-05", "2026-10-06", "2026-10-07"]
    hours = buckets(PERIOD, "hour")
    assert (len(hours), hours[0], hours[-1]) == (72, "2026-10-05T00", "2026-10-07T23")
    assert buckets(PERIOD, "week") == ["2026-10-05"]


def test_volume_per_local_day_with_sentiment(inbox):
    assert comment_volume(inbox, PERIOD) == [
        VolumePoint("2026-10-05", 3, 1, 1),   # 1 (neg), 2 (pos), 3; ours and the 4th's excluded
        VolumePoint("2026-10-06", 4, 1, 1),   # 4 (neg, spam still reached us), 5 (pos), 8, 9
        VolumePoint("2026-10-07", 0, 0, 0)]
    assert comment_volume(inbox, PERIOD, platform="facebook") == [
        VolumePoint("2026-10-05", 1, 0, 0), VolumePoint("2026-10-06", 1, 1, 0), VolumePoint("2026-10-07", 0, 0, 0)]
    assert comment_volume(inbox, PERIOD)[0].neutral == 1


def test_volume_per_hour_and_in_a_half_hour_zone(inbox):
    hours = comment_volume(inbox, PERIOD, "hour")
    assert len(hours) == 72
    assert {p.bucket: p.total for p in hours if p.total} == {
        "2026-10-05T00": 1, "2026-10-05T07": 1, "2026-10-05T23": 1, "2026-10-06T00": 1,
        "2026-10-06T09": 1, "2026-10-06T10": 1, "2026-10-06T11": 1}
    india = ZoneInfo("Asia/Kolkata")  # UTC+5:30: grouped by SQL local days, not UTC hours
    period = span(datetime(2026, 10, 5, tzinfo=india), datetime(2026, 10, 7, tzinfo=india), india)
    assert [(p.bucket, p.total) for p in comment_volume(inbox, period)] == [("2026-10-05", 3), ("2026-10-06", 3)]


@pytest.fixture
def posts(store):
    with store.write() as db:
        db.execute("INSERT INTO accounts (id, platform, handle) VALUES (1, 'instagram', 'shanlan')")
        db.execute("INSERT INTO accounts (id, platform, handle, is_competitor) VALUES (2, 'instagram', 'rival', 1)")

        def post(pid, platform, published, account=1, **m):
            db.execute("INSERT INTO posts (id, platform, account_id, title, status, published_at)"
                       " VALUES (?, ?, ?, ?, 'published', ?)", (pid, platform, account, f"post {pid}", published))
            if m:
                cols = ", ".join(["post_id", "taken_at", *m])
                db.execute(f"INSERT INTO metric_snapshots ({cols}) VALUES ({', '.join('?' * (len(m) + 2))})",
                           (pid, "2026-10-07T00:00:00Z", *m.values()))

        post(1, "instagram", "2026-10-05T12:00:00Z", reach=1000, reactions=60, comments=10, shares=5, saves=25)
        db.execute("INSERT INTO metric_snapshots (post_id, taken_at, reach, reactions) VALUES (1, ?, 100, 5)",
                   ("2026-10-05T14:00:00Z",))  # an earlier reading: ignored
        post(2, "instagram", "2026-10-06T04:00:00Z", reach=2000, reactions=40, comments=5, shares=3, saves=2)
        post(3, "facebook", "2026-10-05T12:30:00Z", reach=500, reactions=40)
        post(4, "facebook", "2026-10-06T01:00:00Z", impressions=900, reactions=90)  # reach unknown
        post(5, "instagram", "2026-10-05T12:00:00Z", account=2, reach=10, reactions=9)  # a competitor's
        db.execute("INSERT INTO ad_stats (platform, ad_id, period_start, period_end) VALUES ('tiktok', 'a', ?, ?)",
                   ("2026-10-05", "2026-10-05"))
    return store


def test_post_ranking_top_and_bottom(posts):
    top, bottom = post_ranking(posts, PERIOD, limit=1)
    assert [(p.post_id, p.rate) for p in top] == [(1, 0.1)]       # 100 / 1000
    assert [(p.post_id, p.rate) for p in bottom] == [(2, 0.025)]  # 50 / 2000
    top, bottom = post_ranking(posts, PERIOD, limit=2)
    assert [p.post_id for p in top] == [1, 3] and [p.post_id for p in bottom] == [2]  # never listed twice
    top, bottom = post_ranking(posts, PERIOD, platform="facebook")
    assert ([p.post_id for p in top], bottom) == ([3], [])
    assert (top[0].title, top[0].reach, top[0].engagements) == ("post 3", 500, 40)


def test_posting_hours_by_local_weekday_and_hour(posts):
    assert posting_hours(posts, PERIOD) == [HourCell(0, 20, 2, 1500, 140), HourCell(1, 12, 1, 2000, 50)]
    assert posting_hours(posts, PERIOD)[0].rate == pytest.approx(140 / 1500)
    assert posting_hours(posts, PERIOD, platform="facebook") == [HourCell(0, 20, 1, 500, 40)]


def test_response_times_per_day(inbox):
    assert response_times(inbox, PERIOD) == [
        ResponseTimes("2026-10-05", 3, pytest.approx(10), pytest.approx(60)),   # 10, 10, 60
        ResponseTimes("2026-10-06", 2, pytest.approx(30), pytest.approx(40))]   # 20, 40; spam and unanswered out
    assert response_times(inbox, PERIOD, platform="facebook") == [
        ResponseTimes("2026-10-05", 1, pytest.approx(10), pytest.approx(10))]


def test_response_times_per_person(inbox):
    assert response_times(inbox, PERIOD, by="person") == [
        ResponseTimes("", 2, pytest.approx(25), pytest.approx(40)),      # by the page: 2 (10), 9 (40)
        ResponseTimes("amy", 2, pytest.approx(40), pytest.approx(60)),   # 1 (60), 8 (20); ben's draft is no answer
        ResponseTimes("ben", 1, pytest.approx(10), pytest.approx(10))]   # 3, assigned to him
    with pytest.raises(ValueError):
        response_times(inbox, PERIOD, by="hour")


def test_response_times_agree_with_metrics(inbox):
    ours = {r.key: r for r in response_times(inbox, PERIOD)}
    theirs = response_metrics(inbox, PERIOD, ("day",))
    assert [m.key["day"] for m in theirs if m.responded] == list(ours)
    for m in theirs:
        if m.responded:
            assert (ours[m.key["day"]].responded, ours[m.key["day"]].median_minutes) == (
                m.responded, pytest.approx(m.median_minutes))


def test_p90_is_the_nearest_rank(store):
    with store.write() as db:
        for i in range(1, 21):  # answered after 1..20 minutes
            _comment(db, i, "x", f"2026-10-05T0{i % 8}:00:00Z", replied=f"2026-10-05T0{i % 8}:{i:02d}:00Z")
    [day] = response_times(store, PERIOD)
    assert (day.responded, day.median_minutes, day.p90_minutes) == (20, pytest.approx(10.5), pytest.approx(18))


def test_platforms_with_data(inbox, posts):
    assert platforms(posts) == ["facebook", "instagram", "line", "tiktok"]


def test_response_times_never_wait_for_the_shared_connection(inbox):
    """Response times read every message of the period on the second connection: a page query
    or a write holding the shared one (here: this thread) does not hold them up."""
    import threading

    results = {}
    with inbox.read():
        worker = threading.Thread(target=lambda: results.update(times=response_times(inbox, PERIOD)))
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive()
    assert results["times"][0].responded == 3


DIRECT = ("SELECT substr(created_at, 1, 13) AS hour, platform, count(*) AS total, sum(sentiment <= -0.2) AS negative,"
          " sum(sentiment >= 0.2) AS positive FROM comments WHERE is_ours = 0 GROUP BY 1, 2 ORDER BY 1, 2")
ROLLUP = "SELECT * FROM comment_hours WHERE total != 0 ORDER BY hour, platform"


def test_hourly_rollup_follows_every_change(inbox):
    assert inbox.query(ROLLUP) == inbox.query(DIRECT) and len(inbox.query(ROLLUP)) == 9
    with inbox.write() as db:
        db.execute("UPDATE comments SET sentiment = 0.9 WHERE id = 1")                      # negative → positive
        db.execute("UPDATE comments SET platform = 'threads', created_at = '2026-10-06T05:10:00Z' WHERE id = 5")
        db.execute("UPDATE comments SET is_ours = 1 WHERE id = 8")                          # was a person's
        db.execute("UPDATE comments SET is_ours = 0 WHERE id = 20")                         # now counts
        db.execute("UPDATE comments SET text = 'edited', status = 'done' WHERE id = 9")     # nothing counted moves
        db.execute("DELETE FROM comments WHERE id IN (2, 30)")
    assert inbox.query(ROLLUP) == inbox.query(DIRECT)
    assert comment_volume(inbox, PERIOD)[0] == VolumePoint("2026-10-05", 3, 0, 2)  # 1 (now pos), 3, 20 (pos)


def test_hourly_rollup_after_the_demo_and_a_recount(store):
    from xiaobian.demo import write_demo
    from xiaobian.store.rollups import rebuild_comment_hours

    write_demo(store, comments=600, seed=3)
    assert store.query(ROLLUP) == store.query(DIRECT) and store.query(ROLLUP)
    with store.write() as db:
        db.execute("DELETE FROM comment_hours")
        rebuild_comment_hours(db)
    assert store.query(ROLLUP) == store.query(DIRECT)


def test_volume_off_the_hour_counts_the_comments(inbox):
    """A period that starts mid-hour cannot be read from whole hours: counted from the rows."""
    period = span(datetime(2026, 10, 5, 0, 45, tzinfo=TAIPEI), datetime(2026, 10, 6, tzinfo=TAIPEI), TAIPEI)
    assert [(p.bucket, p.total) for p in comment_volume(inbox, period)] == [("2026-10-05", 2)]  # 2 and 3; not 1 (00:30)


def test_hourly_negative_from_the_rollup_equals_the_spike_detectors(store):
    from xiaobian.analytics import spikes
    from xiaobian.analytics.series import first_message, hourly_negative
    from xiaobian.demo import write_demo

    write_demo(store, comments=2000, seed=7)
    until = datetime(2026, 11, 20, 5, 30, tzinfo=TAIPEI)
    since = until - timedelta(days=20)
    assert hourly_negative(store, since, until) == spikes.hourly_negative(store, since, until)
    assert first_message(store) == store.scalar("SELECT substr(min(created_at), 1, 13) FROM comments WHERE is_ours = 0")
