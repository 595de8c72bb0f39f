"""The giveaway draw: the eligibility rules, reproducibility from the printed seed, fairness."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from xiaobian.campaigns import giveaway
from xiaobian.errors import UserError
from xiaobian.models import Campaign, Comment, Post
from xiaobian.store import open_store

DEADLINE = "2026-12-11T16:00:00Z"

# (external id, platform, author id, author name, time, extra): who commented, and how
COMMENTS = [
    ("c1", "instagram", "ig:amy", "Amy", "2026-12-02T01:00:00Z", {}),
    ("c2", "instagram", "ig:amy", "Amy", "2026-12-03T01:00:00Z", {}),            # same person again
    ("c3", "instagram", "ig:bob", "Bob", "2026-12-11T16:00:00Z", {}),            # at the deadline: late
    ("c4", "instagram", "ig:shop", "山嵐咖啡", "2026-12-02T02:00:00Z", {"is_ours": True}),
    ("c5", "instagram", "ig:wen", "小雯", "2026-12-02T03:00:00Z", {}),            # staff, by name
    ("c6", "instagram", "ig:spam", "crypto", "2026-12-02T04:00:00Z", {"status": "spam"}),
    ("c7", "instagram", "ig:dm", "Dora", "2026-12-02T05:00:00Z", {"kind": "dm"}),
    ("c8", "facebook", "fb:amy", "Amy", "2026-12-04T01:00:00Z", {"linked": True}),  # another platform, linked
    ("c9", "instagram", "ig:eve", "Eve", "2026-12-05T01:00:00Z", {"other_post": True}),
    ("c10", "instagram", "ig:zed", "Zed", "2026-12-11T15:59:59Z", {}),
    ("c11", "threads", "th:MANDY", "mandy_tw", "2026-12-06T01:00:00Z", {"linked": True}),  # staff, by id
]


def build(store, order=None) -> int:
    campaign_id = store.campaigns.create(Campaign(name="留言抽耶誕禮盒", kind="giveaway", ends_on="2026-12-11"))
    post_id = store.posts.save(Post(platform="instagram", external_id="giveaway", text="留言抽", campaign_id=campaign_id))
    other = store.posts.save(Post(platform="instagram", external_id="other", text="日常"))
    rows = []
    for external, platform, author, name, at, extra in (order or COMMENTS):
        rows.append(Comment(platform=platform, external_id=external, author_id=author, author_name=name,
                            created_at=at, is_ours=extra.get("is_ours", False), status=extra.get("status", "new"),
                            kind=extra.get("kind", "comment"),
                            post_id=None if extra.get("linked") else (other if extra.get("other_post") else post_id),
                            campaign_id=campaign_id if extra.get("linked") else None))
    store.comments.upsert_many(rows)
    return campaign_id


STAFF = ["小雯", "mandy"]


def test_eligible_entrants_follow_every_rule(store):
    campaign_id = build(store)
    entrants, excluded = giveaway.eligible(store, campaign_id, DEADLINE, STAFF)
    assert [e.key for e in entrants] == ["facebook\tfb:amy", "instagram\tig:amy", "instagram\tig:zed"]
    assert excluded == 2
    assert entrants[1].first_at == "2026-12-02T01:00:00Z"   # one entry, from the first comment


def test_the_same_seed_draws_the_same_winners_from_any_insertion_order(store, tmp_path):
    first = giveaway.draw(store, build(store), winners=2, deadline=DEADLINE, seed=20261211, staff=STAFF)
    other = open_store(tmp_path / "other.db", actor="someone else")
    shuffled = COMMENTS[:]
    random.Random(3).shuffle(shuffled)
    second = giveaway.draw(other, build(other, shuffled), winners=2, deadline=DEADLINE, seed=20261211, staff=STAFF)
    other.close()
    assert [w.key for w in first.winners] == [w.key for w in second.winners]
    assert first.digest == second.digest
    keys = sorted(e.key for e in first.entrants)
    assert [w.key for w in first.winners] == random.Random(20261211).sample(keys, 2)  # the documented algorithm


def test_every_draw_is_recorded_unless_a_dry_run(store):
    campaign_id = build(store)
    result = giveaway.draw(store, campaign_id, winners=1, deadline=DEADLINE, seed=7, staff=STAFF,
                           now="2026-12-12T02:00:00Z")
    recorded = store.results.draws(campaign_id)
    assert [(d.seed, d.entrants, d.digest, d.winners[0]["author_id"]) for d in recorded] == [
        ("7", 3, result.digest, result.winners[0].author_id)]
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'giveaway.draw'") == 1
    again = giveaway.draw(store, campaign_id, winners=1, deadline=DEADLINE, seed=7, staff=STAFF, record=False)
    assert again.winners == result.winners and again.draw_id is None
    assert len(store.results.draws(campaign_id)) == 1


def test_a_fresh_seed_is_chosen_and_reported(store):
    result = giveaway.draw(store, build(store), winners=1, deadline=DEADLINE, staff=STAFF)
    assert 0 <= result.seed < 10**12
    assert store.results.draws(result.campaign_id)[0].seed == str(result.seed)


def test_more_winners_than_entrants_draws_everyone(store):
    result = giveaway.draw(store, build(store), winners=10, deadline=DEADLINE, seed=1, staff=STAFF)
    assert sorted(w.key for w in result.winners) == [e.key for e in result.entrants]


def test_nobody_eligible_is_a_clear_error(store):
    campaign_id = build(store)
    with pytest.raises(UserError, match="nobody is eligible"):
        giveaway.draw(store, campaign_id, winners=1, deadline="2026-12-01T00:00:00Z", seed=1)


def test_each_entrant_is_equally_likely():
    """Over 6,000 fixed seeds every one of six entrants wins about 1,000 times (deterministic)."""
    keys = [f"instagram\tig:{name}" for name in "abcdef"]
    wins = Counter(giveaway.pick(keys, seed, 1)[0] for seed in range(6000))
    assert set(wins) == set(keys)
    assert all(880 <= n <= 1120 for n in wins.values()), wins


def test_fewer_entrants_than_winners_is_said_not_silent(store):
    from zoneinfo import ZoneInfo

    from xiaobian.campaigns.report import render_draw

    result = giveaway.draw(store, build(store), winners=10, deadline=DEADLINE, seed=1, staff=STAFF)
    assert "10 winners were asked for, but only 3 people entered" in render_draw(result, ZoneInfo("Asia/Taipei"))


def test_a_comment_from_before_the_giveaway_started_is_no_entry(store):
    from zoneinfo import ZoneInfo

    campaign_id = build(store)
    with store.write() as db:  # the giveaway starts on 12-03 in Taipei (12-02 16:00 UTC)
        db.execute("UPDATE campaigns SET starts_on = '2026-12-03' WHERE id = ?", (campaign_id,))
    result = giveaway.draw(store, campaign_id, winners=10, deadline=DEADLINE, seed=1, staff=STAFF,
                           tz=ZoneInfo("Asia/Taipei"))
    # Amy's Instagram entries at 12-02 01:00 UTC and 12-03 01:00 UTC: the second one counts
    assert [e.key for e in result.entrants] == ["facebook\tfb:amy", "instagram\tig:amy", "instagram\tig:zed"]
    assert result.entrants[1].first_at == "2026-12-03T01:00:00Z"
