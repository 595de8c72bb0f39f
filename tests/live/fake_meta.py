"""Meta-shaped servers on 127.0.0.1: the Facebook Graph API (Page feed and comments) and the
Instagram / Threads media APIs (media, comments or replies, Threads insights), with paging.next."""

from __future__ import annotations

import threading
from datetime import datetime

from .fake_http import FakeServer, JsonHandler

FB_TOKEN = "EAAB-page-token"
PAGE_ID = "104857600123456"


def fb_post(n: int, *, reactions: int | None = None, comments: int = 2, shares: int | None = None) -> dict:
    return {"id": f"{PAGE_ID}_{n}", "message": f"冬季限定第 {n} 波", "created_time": f"2026-11-2{n}T02:00:00+0000",
            "permalink_url": f"https://www.facebook.com/{PAGE_ID}/posts/{n}",
            "shares": {"count": n if shares is None else shares},
            "reactions": {"data": [], "summary": {"total_count": 40 + n if reactions is None else reactions}},
            "comments": {"data": [], "summary": {"total_count": comments}}}


def fb_comment(post: int, n: int, *, parent: str | None = None, ours: bool = False, day: int = 4) -> dict:
    author = {"id": PAGE_ID, "name": "山嵐咖啡"} if ours else {"id": f"10{n}", "name": f"臉書朋友{n}"}
    return {"id": f"{post}_{n}", "message": f"留言 {n}：請問還有貨嗎？", "created_time": f"2026-11-2{day}T0{n % 10}:00:00+0000",
            "from": author, **({"parent": {"id": parent}} if parent else {})}


class GraphHandler(JsonHandler):
    def refuse(self) -> None:  # Graph's answer to an expired token: HTTP 400, OAuthException 190
        self._send(400, {"error": {"message": "Error validating access token: Session has expired",
                                   "type": "OAuthException", "code": 190, "error_subcode": 463}})

    def send_list(self, items: list) -> None:
        """A Graph list: ``data``, and ``paging.next`` as the full address of the next page."""
        start, limit = int(self.arg("after", "0")), int(self.arg("limit", "25"))
        body: dict = {"data": items[start:start + limit]}
        if start + limit < len(items):
            rest = "&".join(f"{k}={v[0]}" for k, v in self.query.items() if k != "after")
            body["paging"] = {"cursors": {"after": str(start + limit)},
                              "next": f"{self.fake.url}{self.route}?{rest}&after={start + limit}"}
        self._send(200, body)


class FakeGraph(FakeServer):
    def __init__(self) -> None:
        self.posts: list[dict] = []  # newest first
        self.comments: dict[str, list[dict]] = {}  # post or comment id -> comments, oldest first
        self.post_faults: list[str] = []  # "drop-after": stored, but the answer never arrives
        self.hidden: dict[str, bool] = {}
        self.hiding = threading.Event()  # a hide request has arrived
        self.hold: threading.Event | None = None  # when set, hides are answered only once it is
        super().__init__(FB_TOKEN)

    class Handler(GraphHandler):
        def do_GET(self) -> None:
            fake = self.fake
            if self.faulted() or not self.authorised():
                return
            parts = self.route.strip("/").split("/")
            if parts[-1] == "feed":
                self.send_list(fake.posts)
                return
            since = int(self.arg("since", "0"))
            self.send_list([c for c in fake.comments.get(parts[1], [])
                            if datetime.strptime(c["created_time"], "%Y-%m-%dT%H:%M:%S%z").timestamp() >= since])

        def do_POST(self) -> None:
            fake, body = self.fake, self._json_body()
            fake.requests.append(self.path)
            parts = self.route.strip("/").split("/")
            if len(parts) == 2:  # POST /{version}/{comment}: moderation
                fake.hiding.set()
                if fake.hold is not None:
                    fake.hold.wait(10)
                fake.hidden[parts[1]] = body.get("is_hidden")
                self._send(200, {"success": True})
                return
            target = parts[1]
            reply = {"id": f"{target}_r{len(fake.comments.get(target, []))}", "message": body["message"],
                     "created_time": "2026-11-25T08:00:00+0000", "from": {"id": PAGE_ID, "name": "山嵐咖啡"}}
            fake.comments.setdefault(target, []).append(reply)
            if fake.post_faults and fake.post_faults.pop(0) == "drop-after":
                self._drop()
                return
            self._send(200, {"id": reply["id"]})


IG_TOKEN = "IGQ-long-lived"
IG_USER = "17841400000000001"


def insight(media_id: str, name: str, value: int) -> dict:
    """One entry of a Threads ``/{media}/insights`` answer."""
    return {"name": name, "period": "lifetime", "values": [{"value": value}], "title": name.title(),
            "description": f"The number of {name} on the post.", "id": f"{media_id}/insights/{name}/lifetime"}


class FakeMetaMedia(FakeServer):
    """Instagram's /{user}/media + /{media}/comments (nested replies) + /{comment}/replies, and
    Threads' /{user}/threads + /{thread}/replies (flat, with replied_to) + /{thread}/insights."""

    def __init__(self) -> None:
        self.media: list[dict] = []  # newest first
        self.comments: dict[str, list[dict]] = {}  # media or comment id -> its comments or replies
        self.insights: dict[str, dict[str, int]] = {}  # Threads media id -> metric -> value
        self.containers: dict[str, dict] = {}
        self.published: list[dict] = []
        self.hidden: dict[str, bool] = {}
        super().__init__(IG_TOKEN)

    class Handler(GraphHandler):
        def do_POST(self) -> None:
            fake, body = self.fake, self._json_body()
            fake.requests.append(self.path)
            parts = self.route.strip("/").split("/")
            if parts[-1] == "threads":
                creation = f"cont{len(fake.containers)}"
                fake.containers[creation] = body
                self._send(200, {"id": creation})
            elif parts[-1] == "threads_publish":
                fake.published.append(fake.containers[body["creation_id"]])
                self._send(200, {"id": f"pub{len(fake.published)}"})
            elif parts[-1] == "replies":  # Instagram: a reply under a top-level comment
                replies = fake.comments.setdefault(parts[1], [])
                replies.append({"id": f"{parts[1]}_r{len(replies)}", "text": body["message"],
                                "timestamp": "2026-11-25T08:00:00+0000", "from": {"id": IG_USER}})
                self._send(200, {"id": replies[-1]["id"]})
            elif len(parts) == 2 or parts[-1] == "manage_reply":  # hide: Instagram, Threads
                fake.hidden[parts[1]] = body.get("hide")
                self._send(200, {"success": True})
            else:
                self._send(404, {"error": {"message": "Unknown path components", "code": 2500}})

        def do_GET(self) -> None:
            fake = self.fake
            if self.faulted() or not self.authorised():
                return
            _, owner, edge = self.route.strip("/").split("/")
            if edge == "insights":
                wanted = self.arg("metric").split(",")
                values = fake.insights.get(owner, {})
                self._send(200, {"data": [insight(owner, name, values[name]) for name in wanted if name in values]})
            elif edge in ("media", "threads"):
                self.send_list(fake.media)
            else:
                self.send_list(fake.comments.get(owner, []))
