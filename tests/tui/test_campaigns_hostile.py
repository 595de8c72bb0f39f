"""Hostile strings as campaign names, item titles, notes and handed-off comments: shown literally on
the campaigns list, a checklist and the hand-off view; nothing they say runs."""

from __future__ import annotations

import re

from hostile import HOSTILE_STRINGS, MARKUP
from xiaobian.models import Campaign, ChecklistItem, Comment

from .conftest import settle

ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _fill(store):
    items = [ChecklistItem(campaign_id=0, phase=text[:30] or "p", title=text or "-", notes=text, owner=text[:20],
                           department=text[:20] or "d") for text in HOSTILE_STRINGS]
    campaign_id = store.campaigns.create(Campaign(name=MARKUP[1], owner=MARKUP[4], notes=MARKUP[3]), items)
    store.comments.upsert_many([Comment(platform="x", external_id="1", author_name=MARKUP[1], text=MARKUP[3],
                                        created_at="2026-11-24T08:00:00Z")])
    store.triage.apply(1, "escalate", "amy", department=MARKUP[6], note=MARKUP[0])
    store.checklists.hand_off(store.checklists.items(campaign_id)[0].id, MARKUP[1])
    store.campaigns.log(campaign_id, "note", MARKUP[5])
    return campaign_id


def _rendered(app) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


async def test_campaign_screens_show_hostile_text_literally(store, make_app):
    _fill(store)
    app = make_app()
    quits = []
    app.action_quit = lambda: quits.append(1)  # a parsed [@click=app.quit] would call this
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        assert app.screen.table.row_text(0)[1] == "[@click=app.quit]CLICKQUIT[/]"
        assert "[link=https://evil.example/p]PROFILE[/link]" in _rendered(app)
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.table
        for index in range(len(table.records)):
            table.move_cursor(row=index)
            await settle(app, pilot, rounds=1)
            assert not ESCAPES.search(_rendered(app).replace("\n", " "))
            assert not any(ESCAPES.search(cell) for cell in table.row_text(index))
        assert "oops [/] x" in _rendered(app)           # the note on the timeline
        for y in range(4, 30):
            await pilot.click("#checklist", offset=(20, y))
        await pilot.press("escape", "h")
        await settle(app, pilot)
        assert "hi [bold red]RED[/bold red] x" in _rendered(app)
        for y in range(2, 10):
            await pilot.click("#handoffs", offset=(20, y))
        await settle(app, pilot)
        assert quits == [] and app.is_running
