"""Checklist templates: the shipped ones, the user's own, bad files, and creating from one."""

from __future__ import annotations

from datetime import date

import pytest

from xiaobian.campaigns import templates
from xiaobian.errors import UserError

SHIPPED = {"launch": "launch", "giveaway": "giveaway", "challenge": "challenge", "event": "event",
           "influencer": "influencer", "crisis": "crisis"}


def test_every_shipped_template_loads_with_its_kind():
    found = templates.available()
    assert {key: tpl.kind for key, tpl in found.items()} == SHIPPED
    for tpl in found.values():
        assert len(tpl.phases) >= 3 and all(item.department for item in tpl.items)


def test_due_dates_count_from_the_launch_date():
    tpl = templates.get("giveaway")
    campaign, items, _ = templates.instantiate(tpl, date(2026, 12, 1), owner="小柯")
    assert (campaign.starts_on, campaign.launch_on, campaign.ends_on) == ("2026-12-01", "2026-12-01", "2026-12-11")
    assert [(i.title, i.due_on) for i in items][:2] == [
        ("抽獎辦法：資格、截止時間、名額、公布與領獎方式", "2026-11-24"),
        ("確認平台推廣規範（FB 不可要求分享到個人動態或標記朋友）", "2026-11-24")]
    assert campaign.stage == "預熱 warm-up" and {i.owner for i in items} == {"小柯"}


def test_a_users_template_joins_and_replaces_the_shipped_ones():
    folder = templates.user_dir()
    folder.mkdir(parents=True)
    (folder / "popup.toml").write_text(
        'name = "快閃店"\nkind = "event"\nstarts = -3\nends = 2\n'
        '[[items]]\nphase = "準備"\ntitle = "租場地"\ndue = -3\n'
        '[[items]]\nphase = "當天"\ntitle = "開店"\n', encoding="utf-8")
    (folder / "launch.toml").write_text(
        'name = "我們的上市流程"\nkind = "launch"\n[[items]]\nphase = "全部"\ntitle = "一件事"\n', encoding="utf-8")
    found = templates.available()
    assert found["popup"].phases == ["準備", "當天"]
    assert found["launch"].name == "我們的上市流程" and found["giveaway"].kind == "giveaway"


@pytest.mark.parametrize("text, record", [
    ('name = "x"\nkind = "launch"\n[[items]]\nphase = "a"\ntitle = "ok"\n[[items]]\nphase = "a"\n', "items[1].title"),
    ('name = "x"\nkind = "party"\n[[items]]\nphase = "a"\ntitle = "ok"\n', "kind"),
    ('name = "x"\nkind = "crisis"\n[[items]]\nphase = "a"\ntitle = "ok"\nrole = "boss"\n', "items[0].role"),
    ('name = "x"\nkind = "launch"\n[[items]]\nphase = "a"\ntitle = "ok"\ndue = "soon"\n', "items[0].due"),
])
def test_a_broken_template_names_file_and_record(text, record):
    folder = templates.user_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        templates.available()
    assert caught.value.file == str(folder / "mine.toml") and caught.value.record == record


def test_not_toml_is_one_clear_error():
    folder = templates.user_dir()
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text("name = \n", encoding="utf-8")
    with pytest.raises(UserError, match="not valid TOML"):
        templates.get("launch")


def test_unknown_template_lists_the_known_ones():
    with pytest.raises(UserError, match="no template party .*giveaway"):
        templates.get("party")


def test_create_from_template_writes_campaign_items_timeline(store):
    campaign_id = templates.create_from_template(store, "launch", date(2026, 12, 1), name="冬季新品",
                                                 owner="小雯", now="2026-11-20T02:00:00Z")
    campaign = store.campaigns.get(campaign_id)
    assert (campaign.name, campaign.kind, campaign.template) == ("冬季新品", "launch", "launch")
    items = store.checklists.items(campaign_id)
    assert [i.position for i in items] == list(range(len(items)))
    assert store.campaigns.phases(campaign_id) == ["預熱 warm-up", "開跑 launch", "加碼 boost", "收尾 wrap-up"]
    assert [(e.kind, e.at) for e in store.campaigns.events(campaign_id)] == [("created", "2026-11-20T02:00:00Z")]


def test_a_crisis_template_brings_roles_and_holding_statements(store):
    campaign_id = templates.create_from_template(store, "crisis", date(2026, 11, 3), people={"lead": "amy"})
    roles = {r.role: r.person for r in store.campaigns.roles(campaign_id)}
    assert roles["lead"] == "amy" and roles["spokesperson"] == ""
    items = store.checklists.items(campaign_id)
    assert {i.owner for i in items if i.role == "lead"} == {"amy"}
    assert {i.owner for i in items if i.role == "care"} == {""}
    assert "危機｜暫時回應" in [tpl.name for tpl in store.campaigns.templates()]
    with pytest.raises(UserError, match="no role boss"):
        templates.create_from_template(store, "crisis", date(2026, 11, 3), people={"boss": "amy"})
