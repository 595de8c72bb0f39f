"""One way to drive any platform's fake, so a contract is written once and run for all six:
add the n-th fan comment (on our post), set our post's counters, revoke our token, and know
what a later page's address looks like. Pages are small, so three comments span two pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xiaobian.live.accounts import Connected

from .fake_fediverse import (
    APP_PASSWORD,
    TOKEN,
    FakeBluesky,
    FakeMastodon,
    bsky_notification,
    bsky_post,
    notification,
    status,
)
from .fake_http import FakeServer, serve
from .fake_meta import (
    FB_TOKEN,
    IG_TOKEN,
    IG_USER,
    PAGE_ID,
    FakeGraph,
    FakeMetaMedia,
    fb_comment,
    fb_post,
)
from .fake_youtube import CHANNEL, YT_TOKEN, FakeYouTube, yt_thread, yt_video

COUNTERS = ("reach", "impressions", "reactions", "comments", "shares", "saves", "clicks", "video_views")


@dataclass
class Harness:
    fake: FakeServer
    account: Connected
    comment: Callable[[int], None]
    """Add the n-th fan comment (1–9; a higher n is later) on our post."""
    counts: Callable[[dict], None]
    """Set our post's counters from {likes, replies, reposts, quotes, views} in the platform's shape."""
    expected: Callable[[dict], dict]
    """The snapshot columns those counters land in (the mapping each client documents)."""
    post_id: str
    """Our post's platform id."""
    later_page: str
    """What the address of any page after the first contains."""
    revoke: Callable[[], None]
    """The server stops accepting our token (or app password)."""

    @property
    def platform(self) -> str:
        return self.account.platform

    @property
    def label(self) -> str:
        return f"{self.account.platform} {self.account.handle}"

    @property
    def source(self) -> str:
        return f"{self.account.platform}:{self.account.handle}"


def _running(harness: Harness) -> Iterator[Harness]:
    server = serve(harness.fake)
    next(server)
    yield harness
    next(server, None)


def _token_refused(fake: FakeServer) -> Callable[[], None]:
    return lambda: setattr(fake, "token", "someone-revoked-it")


def mastodon(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import mastodon as client

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeMastodon()
    ours = status(1)
    fake.statuses = [ours]

    def counts(c: dict) -> None:
        ours.update(favourites_count=c["likes"], replies_count=c["replies"], reblogs_count=c["reposts"])

    yield from _running(Harness(
        fake, Connected("mastodon", "@shop", fake.url, TOKEN),
        comment=lambda n: fake.add(notification(n, reply_to=ours["id"])), counts=counts,
        expected=lambda c: {"reactions": c["likes"], "comments": c["replies"], "shares": c["reposts"]},
        post_id=ours["id"], later_page="max_id=", revoke=_token_refused(fake)))


def bluesky(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import bluesky as client

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeBluesky()
    fake.feed = [bsky_post(1)]
    ours = fake.feed[0]["post"]

    def counts(c: dict) -> None:
        ours.update(likeCount=c["likes"], replyCount=c["replies"], repostCount=c["reposts"], quoteCount=c["quotes"])

    yield from _running(Harness(
        fake, Connected("bluesky", "shop.bsky.social", fake.url, APP_PASSWORD),
        comment=lambda n: fake.add(bsky_notification(n, "reply", f"第 {n} 則：冷萃有點酸，正常嗎？")),
        counts=counts,
        expected=lambda c: {"reactions": c["likes"], "comments": c["replies"], "shares": c["reposts"] + c["quotes"]},
        post_id=ours["uri"], later_page="cursor=", revoke=lambda: setattr(fake, "password", "a-new-one")))


def youtube(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import youtube as client

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeYouTube()
    fake.videos = [yt_video(1)]
    ours = fake.videos[0]

    def counts(c: dict) -> None:
        ours["statistics"].update(viewCount=str(c["views"]), likeCount=str(c["likes"]), commentCount=str(c["replies"]))

    yield from _running(Harness(
        fake, Connected("youtube", CHANNEL, fake.url, YT_TOKEN),
        comment=lambda n: fake.threads.insert(0, yt_thread(n, video=ours["id"])), counts=counts,
        expected=lambda c: {"video_views": c["views"], "reactions": c["likes"], "comments": c["replies"]},
        post_id=ours["id"], later_page="pageToken=", revoke=_token_refused(fake)))


def facebook(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import facebook as client

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeGraph()
    fake.posts = [fb_post(1)]
    ours = fake.posts[0]

    def counts(c: dict) -> None:
        ours["reactions"]["summary"]["total_count"] = c["likes"]
        ours["comments"]["summary"]["total_count"] = c["replies"]
        ours["shares"]["count"] = c["reposts"]

    yield from _running(Harness(
        fake, Connected("facebook", PAGE_ID, fake.url, FB_TOKEN),
        comment=lambda n: fake.comments.setdefault(ours["id"], []).append(fb_comment(1, n)), counts=counts,
        expected=lambda c: {"reactions": c["likes"], "comments": c["replies"], "shares": c["reposts"]},
        post_id=ours["id"], later_page="after=", revoke=_token_refused(fake)))


def _instagram_comment(n: int) -> dict:
    return {"id": f"c{n}", "text": f"第 {n} 則：好想喝！哪裡買？", "timestamp": f"2026-11-24T{n:02d}:00:00+0000",
            "username": f"fan{n}", "from": {"id": f"90{n}", "username": f"fan{n}"}}


def _threads_reply(n: int) -> dict:
    return {"id": f"r{n}", "text": f"第 {n} 則：喝了！好順", "timestamp": f"2026-11-24T{n:02d}:00:00+0000",
            "username": f"fan{n}", "replied_to": {"id": "t1"}}


def instagram(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import instagram as client

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeMetaMedia()
    ours = {"id": "m1", "caption": "雪嶺開箱", "timestamp": "2026-11-20T02:00:00+0000", "media_type": "IMAGE",
            "permalink": "https://www.instagram.com/p/abc/", "like_count": 0, "comments_count": 0}
    fake.media = [ours]

    def counts(c: dict) -> None:
        ours.update(like_count=c["likes"], comments_count=c["replies"])

    yield from _running(Harness(
        fake, Connected("instagram", IG_USER, fake.url, IG_TOKEN),
        comment=lambda n: fake.comments.setdefault("m1", []).append(_instagram_comment(n)), counts=counts,
        expected=lambda c: {"reactions": c["likes"], "comments": c["replies"]},
        post_id="m1", later_page="after=", revoke=_token_refused(fake)))


def threads(monkeypatch) -> Iterator[Harness]:
    from xiaobian.live import instagram as client  # Threads pulls through the same Graph media walk

    monkeypatch.setattr(client, "PAGE", 2)
    fake = FakeMetaMedia()
    fake.media = [{"id": "t1", "text": "今天的冷萃你喝了嗎", "timestamp": "2026-11-20T02:00:00+0000",
                   "media_type": "TEXT_POST", "permalink": "https://www.threads.net/@shanlan/post/x"}]
    fake.insights["t1"] = {"views": 0, "likes": 0, "replies": 0, "reposts": 0, "quotes": 0}

    def counts(c: dict) -> None:
        fake.insights["t1"].update(views=c["views"], likes=c["likes"], replies=c["replies"],
                                   reposts=c["reposts"], quotes=c["quotes"])

    yield from _running(Harness(
        fake, Connected("threads", IG_USER, fake.url, IG_TOKEN),
        comment=lambda n: fake.comments.setdefault("t1", []).append(_threads_reply(n)), counts=counts,
        expected=lambda c: {"impressions": c["views"], "reactions": c["likes"], "comments": c["replies"],
                            "shares": c["reposts"] + c["quotes"]},
        post_id="t1", later_page="after=", revoke=_token_refused(fake)))


HARNESSES = {"mastodon": mastodon, "bluesky": bluesky, "youtube": youtube, "facebook": facebook,
             "instagram": instagram, "threads": threads}
