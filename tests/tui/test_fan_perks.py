"""The thread pane shows the perks given to the comment's author, literally."""

from __future__ import annotations

from xiaobian.models import Comment

from .conftest import settle


async def test_thread_shows_the_authors_perks(store, make_app):
    store.comments.upsert_many([Comment(platform="instagram", external_id="c1", author_id="ig:amy",
                                        author_name="Amy", text="又來買了！", created_at="2026-11-24T08:00:00Z")])
    fan = store.fans.find("Amy")
    store.fans.give_perk(fan, "耳掛包禮盒", actor="bo", at="2026-11-20T02:00:00Z")
    store.fans.give_perk(fan, "[bold red]VIP[/] 試喝", actor="amy", at="2026-11-22T02:00:00Z")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        body = str(app.screen.query_one("#thread-body").render())
        assert "Perks: 2026-11-22 [bold red]VIP[/] 試喝 (amy); 2026-11-20 耳掛包禮盒 (bo)" in body
