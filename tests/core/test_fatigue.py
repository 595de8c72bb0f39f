"""Creative fatigue on hand-made daily Ads Manager rows."""

from __future__ import annotations

import pytest

from xiaobian.analytics.fatigue import ad_trends, fatigued_ads


def ad_days(store, ad, days):
    """``days``: (day of November, reach, impressions, link clicks)."""
    with store.write() as db:
        for day, reach, impressions, clicks in days:
            moment = f"2026-11-{day:02d}T00:00:00Z"
            db.execute("INSERT INTO ad_stats (platform, ad_id, ad_name, campaign_name, period_start, period_end,"
                       " reach, impressions, link_clicks, spend, currency) VALUES ('facebook', ?, ?, '冬季', ?, ?,"
                       " ?, ?, ?, 100, 'TWD')", (ad, f"ad {ad}", moment, moment, reach, impressions, clicks))


@pytest.fixture
def ads(store):
    ad_days(store, "tired", [(d, 1000, 1200, 24) for d in range(1, 8)] + [(d, 800, 1600, 16) for d in range(8, 15)])
    ad_days(store, "steady", [(d, 1000, 1200, 24) for d in range(1, 15)])
    ad_days(store, "busy", [(d, 1000, 1200, 24) for d in range(1, 8)] + [(d, 800, 1600, 32) for d in range(8, 15)])
    ad_days(store, "short", [(1, 1000, 1200, 24), (2, 1000, 1200, 24), (3, 500, 1600, 8), (4, 500, 1600, 8)])
    ad_days(store, "paused", [(d, 1000, 1200, 24) for d in range(1, 8)] + [(d, 0, 0, 0) for d in range(8, 15)])
    with store.write() as db:  # a whole-period row of the tired ad is not a day: ignored
        db.execute("INSERT INTO ad_stats (platform, ad_id, period_start, period_end, reach, impressions, link_clicks)"
                   " VALUES ('facebook', 'tired', '2026-11-01T00:00:00Z', '2026-11-14T00:00:00Z', 1, 99999, 0)")
    return store


def test_frequency_up_and_ctr_down_is_fatigue(ads):
    [ad] = fatigued_ads(ads)
    assert ad.ad_id == "tired" and ad.ad_name == "ad tired"
    assert (ad.before.first_day, ad.before.last_day, ad.after.first_day, ad.after.last_day) == (
        "2026-11-01", "2026-11-07", "2026-11-08", "2026-11-14")
    assert ad.before.frequency.value == pytest.approx(8400 / 7000)   # 1.2
    assert ad.after.frequency.value == pytest.approx(11200 / 5600)   # 2.0
    assert ad.before.ctr.value == pytest.approx(168 / 8400)          # 2 %
    assert ad.after.ctr.value == pytest.approx(112 / 11200)          # 1 %
    assert ad.frequency_change == pytest.approx(2.0 / 1.2)
    assert ad.ctr_change == pytest.approx(0.5)


def test_the_others_are_not_fatigued(ads):
    trends = {ad.ad_id: ad for ad in ad_trends(ads)}
    assert trends["steady"].frequency_change == pytest.approx(1.0)
    assert trends["busy"].ctr_change == pytest.approx(1.0)           # seen more, clicked as much
    assert trends["short"].before.days == 0                          # 4 days: all in the recent half
    assert trends["paused"].after.days == 7 and trends["paused"].before.days == 0  # days without impressions skipped


def test_as_of_a_day_and_still_running(ads):
    assert fatigued_ads(ads, until="2026-11-10") == []               # not enough recent days yet
    assert [a.ad_id for a in fatigued_ads(ads, running_since="2026-11-14")] == ["tired"]
    assert fatigued_ads(ads, running_since="2026-11-15") == []        # it stopped: no alert
