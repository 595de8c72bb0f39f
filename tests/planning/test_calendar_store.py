from datetime import date
from zoneinfo import ZoneInfo

import pytest

from xiaobian.errors import UserError
from xiaobian.models import Campaign, Post
from xiaobian.planning.period import load_period, month_weeks, utc_bounds
from xiaobian.store.calendar import Filters

TPE = ZoneInfo("Asia/Taipei")


@pytest.fixture
def planned(store):
    campaign = store.campaigns.create(Campaign(name="耶誕禮盒"))
    ids = {
        "ig": store.posts.save(Post(platform="instagram", title="冬季限定", status="scheduled",
                                    scheduled_at="2026-12-02T12:00:00Z", campaign_id=campaign)),
        # 23:30 Taipei on 12-02 is 15:30 UTC the same day; 16:30 UTC is already 12-03 in Taipei
        "fb": store.posts.save(Post(platform="facebook", text="門市活動\n第二行", status="draft",
                                    scheduled_at="2026-12-02T16:30:00Z")),
        "old": store.posts.save(Post(platform="instagram", external_id="ig1", title="上週",
                                     status="published", published_at="2026-11-20T04:00:00Z")),
        "idea": store.posts.save(Post(platform="threads", title="聖誕倒數", status="idea")),
    }
    return campaign, ids


def test_entries_are_in_time_order_with_campaign_and_title(store, planned):
    ids = planned[1]
    start, end = utc_bounds(date(2026, 12, 1), date(2026, 12, 31), TPE)
    entries = store.calendar.entries(start, end)
    assert [e.id for e in entries] == [ids["ig"], ids["fb"]]
    assert entries[0].campaign == "耶誕禮盒" and entries[1].title == "門市活動"


def test_a_variant_puts_the_post_under_that_platform_too(store, planned):
    ids = planned[1]
    assert store.calendar.copy_to(ids["ig"], ["instagram", "threads", "facebook"]) == ["threads", "facebook"]
    assert store.calendar.copy_to(ids["ig"], ["threads"]) == []
    start, end = utc_bounds(date(2026, 12, 1), date(2026, 12, 31), TPE)
    only_threads = store.calendar.entries(start, end, Filters(platforms=("threads",)))
    assert [e.id for e in only_threads] == [ids["ig"]]
    assert only_threads[0].platforms == ("instagram", "facebook", "threads")
    assert store.posts.get(ids["ig"]).variants[0].text == store.posts.get(ids["ig"]).text


def test_filters_by_status_and_campaign(store, planned):
    campaign, ids = planned
    start, end = utc_bounds(date(2026, 11, 1), date(2026, 12, 31), TPE)
    assert [e.id for e in store.calendar.entries(start, end, Filters(statuses=("draft",)))] == [ids["fb"]]
    assert [e.id for e in store.calendar.entries(start, end, Filters(campaign_id=campaign))] == [ids["ig"]]
    assert [e.id for e in store.calendar.undated()] == [ids["idea"]]


def test_move_reschedules_and_is_audited_but_published_posts_stay(store, planned):
    ids = planned[1]
    store.calendar.move(ids["fb"], "2026-12-05T11:00:00Z")
    assert store.posts.get(ids["fb"]).scheduled_at == "2026-12-05T11:00:00Z"
    assert store.query("SELECT action FROM audit_events WHERE action = 'post.move'")
    with pytest.raises(UserError, match="published"):
        store.calendar.move(ids["old"], "2026-12-05T11:00:00Z")
    with pytest.raises(UserError):
        store.calendar.move(999, "2026-12-05T11:00:00Z")


def test_themes_by_month(store):
    store.calendar.set_theme("2026-12", "耶誕 Christmas")
    store.calendar.set_theme("2027-01", "")
    assert store.calendar.themes(["2026-12", "2027-01"]) == {"2026-12": "耶誕 Christmas"}
    store.calendar.set_theme("2026-12", " ")
    assert store.calendar.themes(["2026-12"]) == {}


def test_load_period_groups_by_local_day(store, planned):
    ids = planned[1]
    store.calendar.set_theme("2026-12", "耶誕")
    weeks = month_weeks(2026, 12)
    period = load_period(store, weeks[0][0], weeks[-1][-1], TPE, with_undated=True)
    assert [e.id for e in period.day(date(2026, 12, 2))] == [ids["ig"]]
    assert [e.id for e in period.day(date(2026, 12, 3))] == [ids["fb"]]
    assert period.themes == {"2026-12": "耶誕"}
    assert [e.id for e in period.undated] == [ids["idea"]]
    # instagram posted on 11-20 and has nothing after 12-02: flagged from 12-03 on
    assert any(g.platform == "instagram" and g.first == date(2026, 12, 3) for g in period.gaps)


def test_the_range_query_uses_the_when_index(store):
    plan = store.query("EXPLAIN QUERY PLAN SELECT id FROM posts p WHERE"
                       " coalesce(p.published_at, p.scheduled_at) >= '2026' AND"
                       " coalesce(p.published_at, p.scheduled_at) < '2027'")
    assert "posts_when" in " ".join(r["detail"] for r in plan)


def test_find_campaign_by_part_of_its_name(store, planned):
    campaign = planned[0]
    assert store.calendar.find_campaign("耶誕") == campaign
    assert store.calendar.find_campaign("%") is None


def test_competitors_posts_are_not_on_our_calendar(store, planned):
    from xiaobian.models import Account

    rival = store.accounts.upsert(Account(platform="instagram", handle="rival", is_competitor=True))
    store.posts.save(Post(platform="instagram", account_id=rival, external_id="r1", title="對手新品",
                          status="published", published_at="2026-12-02T05:00:00Z"))
    start, end = utc_bounds(date(2026, 12, 1), date(2026, 12, 31), TPE)
    assert "對手新品" not in [e.title for e in store.calendar.entries(start, end)]
    assert ("instagram", "2026-12-02T05:00:00Z") not in store.calendar.activity(start, end)
