"""Mastodon- and Bluesky-shaped servers on 127.0.0.1; the real clients talk to them."""

from __future__ import annotations

from .fake_http import FakeServer, JsonHandler, offset_page

TOKEN = "tok-SECRET-0123456789"
OUR_ID = "1"


def notification(n: int, text: str = "請問雪嶺還有貨嗎？", *, reply_to: str | None = None,
                 visibility: str = "public") -> dict:
    return {"id": str(1000 + n), "type": "mention", "created_at": f"2026-11-24T0{n % 10}:00:00.000Z",
            "account": {"id": str(n), "acct": f"fan{n}@example.social", "display_name": f"粉絲{n}"},
            "status": {"id": str(5000 + n), "created_at": f"2026-11-24T0{n % 10}:00:00.000Z",
                       "in_reply_to_id": reply_to, "visibility": visibility, "spoiler_text": "",
                       "content": f"<p><span class=\"h-card\">@shop</span> {text}</p>",
                       "account": {"id": str(n), "acct": f"fan{n}@example.social",
                                   "display_name": f"粉絲{n}"}}}


def status(n: int, *, favourites: int = 0, reblogs: int = 0, replies: int = 0,
           created: str = "2026-11-20T02:00:00.000Z") -> dict:
    """One of our own statuses, as ``/api/v1/accounts/:id/statuses`` lists it."""
    return {"id": str(7000 + n), "created_at": created, "in_reply_to_id": None,
            "visibility": "public", "url": f"https://example.social/@shop/{7000 + n}", "reblog": None,
            "content": f"<p>冬季限定第 {n} 波</p>", "replies_count": replies, "reblogs_count": reblogs,
            "favourites_count": favourites, "account": {"id": OUR_ID, "acct": "shop"}}


class FakeMastodon(FakeServer):
    def __init__(self) -> None:
        self.notifications: list[dict] = []  # newest first, as Mastodon returns them
        self.statuses: list[dict] = []  # our own, newest first
        self.posted: list[dict] = []  # statuses we were sent, as the server stored them
        self.post_faults: list[str] = []  # "drop-before", "drop-after" (posted, no answer), "500", "422"
        self.keys_seen: set[str] = set()
        super().__init__(TOKEN)

    def add(self, *notes: dict) -> None:
        self.notifications = sorted([*self.notifications, *notes], key=lambda n: -int(n["id"]))

    def page(self, items: list[dict], route: str, query: dict) -> tuple[list[dict], str | None]:
        """Mastodon's paging: ``since_id``/``max_id`` and a ``Link: rel="next"`` to older items."""
        since = int(query.get("since_id", ["0"])[0])
        below = int(query.get("max_id", [str(10**18)])[0])
        limit = int(query.get("limit", ["20"])[0])
        matching = [n for n in items if since < int(n["id"]) < below]
        page = matching[:limit]
        if len(matching) > limit:
            params = f"max_id={page[-1]['id']}&limit={limit}" + (f"&since_id={since}" if since else "")
            return page, f'<{self.url}{route}?{params}>; rel="next"'
        return page, None

    class Handler(JsonHandler):
        def do_GET(self) -> None:
            fake, route = self.fake, self.route
            if self.faulted() or not self.authorised():
                return
            if route == "/api/v1/accounts/verify_credentials":
                self._send(200, {"id": OUR_ID, "acct": "shop", "username": "shop", "display_name": "山嵐咖啡"})
            elif route.startswith("/api/v1/statuses/") and route.endswith("/context"):
                status_id = route.split("/")[4]
                self._send(200, {"ancestors": [],
                                 "descendants": [p for p in fake.posted if p["in_reply_to_id"] == status_id]})
            elif route in ("/api/v1/notifications", f"/api/v1/accounts/{OUR_ID}/statuses"):
                items = fake.notifications if route.endswith("notifications") else fake.statuses
                page, link = fake.page(items, route, self.query)
                self._send(200, page, {"Link": link} if link else {})
            else:
                self._send(404, {"error": "Record not found"})

        def do_POST(self) -> None:
            fake, body = self.fake, self._json_body()
            fake.requests.append(self.path)
            if not self.authorised():
                return
            fault = fake.post_faults.pop(0) if fake.post_faults else ""
            if fault == "drop-before":
                self._drop()
                return
            if fault in ("500", "422"):
                self._send(int(fault), {"error": "Validation failed: Text can't be blank"})
                return
            key = self.headers.get("Idempotency-Key", "")
            if key not in fake.keys_seen:  # Mastodon returns the first status for a repeated key
                fake.keys_seen.add(key)
                fake.posted.append({"id": str(90000 + len(fake.posted)), "content": f"<p>{body['status']}</p>",
                                    "in_reply_to_id": body.get("in_reply_to_id"), "account": {"acct": "shop"}})
            if fault == "drop-after":
                self._drop()
                return
            self._send(200, fake.posted[-1])


APP_PASSWORD = "abcd-efgh-ijkl-mnop"
SESSION = "jwt-123"


def bsky_notification(n: int, reason: str = "mention", text: str = "@shop.bsky.social 請問有濾掛嗎？") -> dict:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": f"2026-11-24T0{n % 10}:00:00.000Z"}
    if reason == "reply":
        record["reply"] = {"root": {"uri": "at://did:plc:shop/app.bsky.feed.post/root1", "cid": "c"},
                           "parent": {"uri": "at://did:plc:shop/app.bsky.feed.post/root1", "cid": "c"}}
    return {"uri": f"at://did:plc:fan{n}/app.bsky.feed.post/{n:04d}", "cid": f"cid{n}",
            "author": {"did": f"did:plc:fan{n}", "handle": f"fan{n}.bsky.social", "displayName": f"藍天粉{n}"},
            "reason": reason, "record": record, "isRead": False,
            "indexedAt": f"2026-11-24T0{n % 10}:00:01.000Z"}


def bsky_post(n: int, *, likes: int = 0, replies: int = 0, reposts: int = 0, quotes: int = 0,
              day: int = 20) -> dict:
    """One of our own posts as ``getAuthorFeed`` lists it (a ``feedViewPost``)."""
    return {"post": {"uri": f"at://did:plc:shop/app.bsky.feed.post/root{n}", "cid": f"root{n}",
                     "author": {"did": "did:plc:shop", "handle": "shop.bsky.social"},
                     "record": {"$type": "app.bsky.feed.post", "text": f"冬季限定第 {n} 波",
                                "createdAt": f"2026-11-{day:02d}T02:00:00.000Z"},
                     "replyCount": replies, "repostCount": reposts, "likeCount": likes, "quoteCount": quotes,
                     "indexedAt": f"2026-11-{day:02d}T02:00:01.000Z"}}


class FakeBluesky(FakeServer):
    """createSession, listNotifications and getAuthorFeed, with body cursors, newest first."""

    def __init__(self) -> None:
        self.notifications: list[dict] = []
        self.feed: list[dict] = []  # our author feed
        self.password = APP_PASSWORD
        self.created: list[dict] = []  # records our client created
        super().__init__(SESSION)

    def add(self, *notes: dict) -> None:
        self.notifications = sorted([*self.notifications, *notes], key=lambda n: n["indexedAt"], reverse=True)

    class Handler(JsonHandler):
        def refuse(self) -> None:
            self._send(401, {"error": "ExpiredToken", "message": "Token has expired"})

        def do_POST(self) -> None:
            fake, body = self.fake, self._json_body()
            fake.requests.append(self.path)
            if self.path.endswith("createRecord"):
                uri = f"at://did:plc:shop/app.bsky.feed.post/r{len(fake.created)}"
                fake.created.append({**body, "uri": uri})
                self._send(200, {"uri": uri, "cid": "newcid"})
            elif body.get("password") != fake.password:
                self._send(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
            else:
                self._send(200, {"accessJwt": SESSION, "refreshJwt": "r", "did": "did:plc:shop",
                                 "handle": body["identifier"]})

        def do_GET(self) -> None:
            fake, route = self.fake, self.route
            if self.faulted() or not self.authorised():
                return
            start, limit = int(self.arg("cursor", "0")), int(self.arg("limit", "50"))
            if route.endswith("getPosts"):
                found = [n for n in fake.notifications if n["uri"] == self.arg("uris")]
                self._send(200, {"posts": [{"uri": n["uri"], "cid": n["cid"], "record": n["record"]} for n in found]})
            elif route.endswith("getPostThread"):
                replies = [{"post": {"uri": c["uri"], "author": {"did": "did:plc:shop"}, "record": c["record"]}}
                           for c in fake.created if c["record"]["reply"]["parent"]["uri"] == self.arg("uri")]
                self._send(200, {"thread": {"replies": replies}})
            elif route.endswith("getAuthorFeed"):
                page, cursor = offset_page(fake.feed, start, limit)
                self._send(200, {"feed": page, **({"cursor": cursor} if cursor else {})})
            elif route.endswith("listNotifications"):
                page, cursor = offset_page(fake.notifications, start, limit)
                self._send(200, {"notifications": page, **({"cursor": cursor} if cursor else {})})
            else:
                self._send(404, {"error": "MethodNotImplemented"})
