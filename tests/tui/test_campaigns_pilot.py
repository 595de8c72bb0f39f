"""Campaigns by keys alone: a campaign from template to completion, checklist edits, a crisis with
its post-mortem, hand-offs, and linking a comment from triage; asserting on the database first."""

from __future__ import annotations

import pytest

from xiaobian.models import Campaign, ChecklistItem, Comment

from .conftest import settle


async def open_campaigns(app, pilot):
    await settle(app, pilot)
    await pilot.press("3")
    await settle(app, pilot)


def items_of(store, campaign_id):
    return store.checklists.items(campaign_id)


async def test_a_campaign_from_template_to_completion(store, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_campaigns(app, pilot)
        assert app.screen.query_one("#campaigns-empty").display
        await pilot.press("n", "4")                         # templates by number: 4 is giveaway
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"2026-12-01", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+u", *"耶誕抽獎", "enter")
        await settle(app, pilot)
        campaign = store.campaigns.all()[0]
        assert (campaign.name, campaign.kind, campaign.launch_on, campaign.owner) == ("耶誕抽獎", "giveaway",
                                                                                     "2026-12-01", "tester")
        assert app.screen.sub_title == "耶誕抽獎"
        total = len(items_of(store, campaign.id))
        await pilot.press("j")                              # from the first phase heading to its first item
        for _ in range(total):
            await pilot.press("space")                       # tick, and the cursor moves on
            await settle(app, pilot)
            if app.screen.table.current_item is None:       # stepped onto the next phase heading
                await pilot.press("j")
        assert {i.status for i in items_of(store, campaign.id)} == {"done"}
        for _ in range(4):
            await pilot.press("greater_than_sign")
            await settle(app, pilot)
        campaign = store.campaigns.get(campaign.id)
        assert (campaign.stage, campaign.closed_at) == ("done", "2026-11-24T09:00:00Z")
        assert "100%" in str(app.screen.query_one("#checklist-head").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.table.row_text(0)[1] == "耶誕抽獎" and "100%" in app.screen.table.row_text(0)[5]


@pytest.fixture
def planned(store):
    items = [ChecklistItem(campaign_id=0, phase=phase, title=title, due_on=due, department=department)
             for phase, title, due, department in (
                 ("預熱", "拍攝素材", "2026-11-20", "設計 Design"), ("預熱", "預告貼文", "2026-11-24", ""),
                 ("開跑", "上市貼文", "2026-11-30", "行銷 Marketing"))]
    return store.campaigns.create(Campaign(name="冬季新品", kind="launch", stage="預熱",
                                           starts_on="2026-11-10", ends_on="2026-12-30"), items,
                                  now="2026-11-01T00:00:00Z")


async def open_checklist(app, pilot):
    await open_campaigns(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    await pilot.press("j")                                  # first item, under its phase heading
    await settle(app, pilot)


async def test_checklist_keys_edit_the_database(store, planned, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_checklist(app, pilot)
        table = app.screen.table
        assert table.current_item.title == "拍攝素材"
        assert table.row_text(1)[4] == "11-20 late" and table.row_text(2)[4] == "11-24 today"
        await pilot.press("o", *"阿哲", "enter")                     # reassign
        await pilot.press("plus", "plus")                           # two days later
        await pilot.press("J")                                      # below 預告貼文
        await settle(app, pilot)
        item = store.checklists.get(table.current_item.id)
        assert (item.title, item.owner, item.due_on) == ("拍攝素材", "阿哲", "2026-11-22")
        assert [i.title for i in items_of(store, planned)] == ["預告貼文", "拍攝素材", "上市貼文"]
        await pilot.press("d", "ctrl+u", *"2026-12-05", "enter")     # reschedule by date
        await pilot.press("e", "ctrl+u", *"拍攝素材與Reels", "enter")  # edit
        await pilot.press("H", "enter")                              # hand off to 設計
        await settle(app, pilot)
        item = store.checklists.get(item.id)
        assert (item.title, item.due_on) == ("拍攝素材與Reels", "2026-12-05")
        assert [(h.department, h.checklist_item_id) for h in store.handoffs.all("open")] == [("設計 Design", item.id)]
        await pilot.press("a", *"LINE 推播", "enter")                # add after the cursor, same phase
        await settle(app, pilot)
        assert [(i.phase, i.title) for i in items_of(store, planned)][2] == ("預熱", "LINE 推播")
        await pilot.press("s")                                       # todo → doing
        await settle(app, pilot)
        assert store.checklists.items(planned)[2].status == "doing"
        events = [e.kind for e in store.campaigns.events(planned)]
        assert {"item.owner", "item.due", "item.edited", "handoff.created", "item.added", "item.status"} <= set(events)


async def test_a_bad_date_is_a_warning_not_a_crash(store, planned, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_checklist(app, pilot)
        await pilot.press("d", "ctrl+u", *"next week", "enter")
        await settle(app, pilot)
        assert store.checklists.items(planned)[0].due_on == "2026-11-20"
        assert any("not a date" in n.message for n in app._notifications)


async def test_a_crisis_by_keys_ends_in_its_post_mortem(store, make_app):
    from xiaobian.tui.screens.text_modal import TextModal

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_campaigns(app, pilot)
        await pilot.press("c", *"冷萃瓶蓋破裂", "enter")
        await settle(app, pilot)
        crisis = store.campaigns.all("crisis")[0]
        assert crisis.detected_at == "2026-11-24T09:00:00Z"
        await pilot.press("j", "j", "j", "j", "j")                  # 回應 heading's first item: holding statement
        await settle(app, pilot)
        assert "holding statement" in app.screen.table.current_item.title
        await pilot.press("space")
        await pilot.press("l", "3")                                   # a lesson
        await settle(app, pilot)
        await pilot.press(*"先準備好聲明稿", "enter")
        await settle(app, pilot)
        await pilot.press("C")
        await settle(app, pilot)
        assert store.campaigns.get(crisis.id).closed_at is not None
        assert isinstance(app.screen, TextModal)
        assert "Public statement: 發布暫時回應（holding statement）" in app.screen.text
        assert "- 先準備好聲明稿" in app.screen.text


async def test_handoffs_by_department(store, planned, make_app):
    store.comments.upsert_many([Comment(platform="instagram", external_id="c1", author_name="小美",
                                        text="瓶蓋破掉", created_at="2026-11-20T01:00:00Z")])
    store.triage.apply(store.comments.id_for("instagram", "c1"), "escalate", "amy", department="品管 Quality",
                       note="請查批號", now="2026-11-20T02:00:00Z")
    store.checklists.hand_off(items_of(store, planned)[0].id, "主視覺", now="2026-11-21T00:00:00Z")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_campaigns(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert screen.department == "品管 Quality"
        assert screen.table.row_text(0)[1] == "小美: 瓶蓋破掉"
        await pilot.press("space")
        await settle(app, pilot)
        assert store.handoffs.all()[0].status == "in_progress"
        await pilot.press("tab", "down", "enter")                    # the other department
        await settle(app, pilot)
        assert screen.department == "設計 Design" and screen.table.row_text(0)[1] == "拍攝素材"


async def test_triage_links_a_comment_to_a_campaign(store, planned, make_app):
    store.comments.upsert_many([Comment(platform="instagram", external_id="c1", author_name="小美",
                                        text="什麼時候開賣", created_at="2026-11-20T01:00:00Z")])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("c", "enter")
        await settle(app, pilot)
        assert store.scalar("SELECT campaign_id FROM comments") == planned
        await pilot.press("c", "down", "enter")                     # "no campaign"
        await settle(app, pilot)
        assert store.scalar("SELECT campaign_id FROM comments") is None


async def test_a_crisis_opened_under_the_spike_banner_starts_at_the_spike(store, make_app):
    store.comments.upsert_many([Comment(platform="instagram", external_id=f"n{i}", author_name=f"客人{i}",
                                        text="瓶蓋破掉，要退款", sentiment=-0.8,
                                        created_at=f"2026-11-24T08:{i * 5:02d}:00Z") for i in range(10)])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_campaigns(app, pilot)
        assert app.screen.query_one("#alert-banner").spike_start == "2026-11-24T08:00:00Z"
        await pilot.press("c", *"瓶蓋", "enter")
        await settle(app, pilot)
        crisis = store.campaigns.all("crisis")[0]
        assert crisis.detected_at == "2026-11-24T08:00:00Z"
        assert store.campaigns.events(crisis.id)[0].detail == {"source": "spike"}


async def test_a_draw_before_the_giveaway_ends_says_so_before_asking_for_winners(store, make_app):
    from xiaobian.tui.screens.prompt import PromptModal

    store.campaigns.create(Campaign(name="耶誕抽獎", kind="giveaway", ends_on="2026-12-25"), [])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_campaigns(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        assert not isinstance(app.screen, PromptModal)
        assert any("12-2" in str(n.message) for n in app._notifications)
