"""Crisis mode on the demo's product-defect crisis: open from the playbook, act, close, post-mortem."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from xiaobian.campaigns import crisis, postmortem
from xiaobian.errors import UserError
from xiaobian.i18n import set_language

from .conftest import CRISIS_START

TAIPEI = ZoneInfo("Asia/Taipei")
DETECTED = CRISIS_START + timedelta(hours=4)


def at(hours: float) -> str:
    return (DETECTED + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def opened(demo_store):
    crisis_id = crisis.open_crisis(demo_store, "冷萃瓶蓋破裂", DETECTED, people={"lead": "小雯"},
                                   source="spike", tz=TAIPEI, now=at(0.5))
    return demo_store, crisis_id


def item(store, crisis_id, words):
    return next(i for i in store.checklists.items(crisis_id) if words in i.title)


def test_opening_uses_the_playbook(opened):
    store, crisis_id = opened
    c = store.campaigns.get(crisis_id)
    assert (c.kind, c.detected_at, c.launch_on, c.stage) == ("crisis", at(0), "2026-11-03", "偵測 detect")
    assert [(e.kind, e.at) for e in store.campaigns.events(crisis_id)] == [("detected", at(0)), ("created", at(0.5))]
    assert store.campaigns.events(crisis_id)[0].detail == {"source": "spike"}
    assert {i.owner for i in store.checklists.items(crisis_id) if i.role == "lead"} == {"小雯"}
    assert crisis.resolve(store).id == crisis_id


def test_a_role_given_later_takes_its_open_items(opened):
    store, crisis_id = opened
    store.campaigns.assign_role(crisis_id, "spokesperson", "Mandy", now=at(1))
    assert {i.owner for i in store.checklists.items(crisis_id) if i.role == "spokesperson"} == {"Mandy"}
    with pytest.raises(UserError, match="no role ceo"):
        store.campaigns.assign_role(crisis_id, "ceo", "x")


def test_only_a_crisis_template_opens_a_crisis(demo_store):
    with pytest.raises(UserError, match="not a crisis playbook"):
        crisis.open_crisis(demo_store, "x", template="giveaway")
    with pytest.raises(UserError, match="no crisis is open"):
        crisis.resolve(demo_store)
    with pytest.raises(UserError, match="is not a crisis"):
        crisis.resolve(demo_store, 1)


def test_two_open_crises_must_be_named(opened):
    store, _ = opened
    crisis.open_crisis(store, "另一件事")
    with pytest.raises(UserError, match="several crises are open"):
        crisis.resolve(store)


def test_post_mortem_of_the_demo_crisis(opened):
    store, crisis_id = opened
    store.checklists.tick(item(store, crisis_id, "確認事件範圍").id, now=at(0.75))
    store.checklists.tick(item(store, crisis_id, "holding statement").id, now=at(2))
    store.campaigns.log(crisis_id, "lesson", "瓶蓋供應商換批時要抽檢", now=at(30))
    closed = crisis.close_crisis(store, now=at(44))
    assert (closed.stage, closed.closed_at) == ("done", at(44))
    with pytest.raises(UserError, match="already closed"):
        crisis.close_crisis(store, crisis_id)

    pm = postmortem.build(store, crisis_id)
    assert pm.to_statement == timedelta(hours=2)
    assert pm.bucket == timedelta(hours=1) and len(pm.curve) == 12 + 44
    expected = store.scalar("SELECT count(*) FROM comments WHERE is_ours = 0 AND sentiment <= -0.2"
                            " AND created_at >= ? AND created_at < ?", (at(-12), at(44)))
    assert pm.negative_total == expected > 50

    text = postmortem.render(pm, TAIPEI)
    assert text.startswith("# Post-mortem: 冷萃瓶蓋破裂\n")
    assert "- First detected: 2026-11-03 13:00" in text
    assert "- First public statement: 2026-11-03 15:00 (2 h 0 min after detection)" in text
    for heading in ("## Roles", "## Timeline", "## Negative comments per hour", "## Playbook checklist (2/11 done)",
                    "## What to prevent next time"):
        assert heading in text
    assert "| 2026-11-03 15:00 | tester | Public statement: 發布暫時回應（holding statement） |" in text
    assert "- 瓶蓋供應商換批時要抽檢" in text
    assert "The first statement came 2 h 0 min after detection" in text
    assert "- Not done: 暫停排程中的行銷貼文與廣告." in text
    assert "11-03 13:00" in next(line for line in text.splitlines() if "◀" in line)


def test_post_mortem_in_traditional_chinese(opened):
    store, crisis_id = opened
    crisis.close_crisis(store, now=at(10))
    set_language("zh-TW")
    text = postmortem.render(postmortem.build(store, crisis_id), TAIPEI)
    assert "- 首次發現：2026-11-03 13:00" in text and "## 下次如何預防" in text
    assert "沒有公開聲明的紀錄" in text


def test_strangers_text_in_the_post_mortem_is_neutralised(opened):
    store, crisis_id = opened
    store.campaigns.log(crisis_id, "note", "客人說 \x1b]52;c;cHduZWQ=\x07 | 還有 [@click=app.quit]x[/]", now=at(1))
    text = postmortem.render(postmortem.build(store, crisis_id, now=at(5)), TAIPEI)
    assert "\x1b" not in text and "\x07" not in text
    assert "客人說 � \\| 還有 [@click=app.quit]x[/]" in text


def test_a_spike_alert_opens_a_crisis_detected_when_it_began(demo_store):
    from xiaobian.analytics.spikes import open_spike

    during = CRISIS_START + timedelta(hours=10)
    spike = open_spike(demo_store, during)
    crisis_id = crisis.open_from_spike(demo_store, tz=TAIPEI, now=during)
    c = demo_store.campaigns.get(crisis_id)
    assert c.detected_at == spike.start and c.name.startswith("Negative spike from 2026-11-03")
    assert demo_store.campaigns.events(crisis_id)[0].detail == {"source": "spike"}
    with pytest.raises(UserError, match="no negative-comment spike"):
        crisis.open_from_spike(demo_store, now=CRISIS_START - timedelta(days=3))


def test_a_long_crisis_counts_per_calendar_day_in_the_teams_zone(opened):
    """Detected at 13:00 Taipei: the curve starts 01:00 that day, and days are local dates, so
    an hour's count lands under the date a person in Taipei saw it."""
    store, crisis_id = opened
    crisis.close_crisis(store, now=at(24 * 5))
    pm = postmortem.build(store, crisis_id, tz=TAIPEI)
    assert pm.bucket == timedelta(days=1)
    starts = [start.astimezone(TAIPEI) for start, _ in pm.curve]
    assert all((s.hour, s.minute) == (0, 0) for s in starts)
    assert starts[0].date().isoformat() == "2026-11-03"
    for start, n in pm.curve:
        end = start + timedelta(days=1)
        lo, hi = max(start, DETECTED - timedelta(hours=12)), min(end, DETECTED + timedelta(hours=24 * 5))
        assert n == store.scalar("SELECT count(*) FROM comments WHERE is_ours = 0 AND sentiment <= -0.2"
                                 " AND created_at >= ? AND created_at < ?",
                                 (lo.strftime("%Y-%m-%dT%H:%M:%SZ"), hi.strftime("%Y-%m-%dT%H:%M:%SZ")))
    text = postmortem.render(pm, TAIPEI)
    assert next(line for line in text.splitlines() if "◀" in line).startswith("2026-11-03 ")
