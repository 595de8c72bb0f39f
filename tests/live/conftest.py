"""A Mastodon-shaped HTTP server on 127.0.0.1, started by the tests; the real client talks to it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

TOKEN = "tok-SECRET-0123456789"


def notification(n: int, text: str = "請問雪嶺還有貨嗎？", *, reply_to: str | None = None,
                 visibility: str = "public") -> dict:
    return {"id": str(1000 + n), "type": "mention", "created_at": f"2026-11-24T0{n % 10}:00:00.000Z",
            "account": {"id": str(n), "acct": f"fan{n}@example.social", "display_name": f"粉絲{n}"},
            "status": {"id": str(5000 + n), "created_at": f"2026-11-24T0{n % 10}:00:00.000Z",
                       "in_reply_to_id": reply_to, "visibility": visibility, "spoiler_text": "",
                       "content": f"<p><span class=\"h-card\">@shop</span> {text}</p>",
                       "account": {"id": str(n), "acct": f"fan{n}@example.social",
                                   "display_name": f"粉絲{n}"}}}


class JsonHandler(BaseHTTPRequestHandler):
    """What every fake API shares: quiet logs, JSON bodies in and out."""

    def log_message(self, *args) -> None:
        pass

    def _json_body(self) -> dict:
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

    def _send(self, status: int, body, headers: dict | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def _serve(server):
    """Run a fake's HTTP server for one test."""
    thread = threading.Thread(target=server.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


class FakeMastodon:
    def __init__(self) -> None:
        self.notifications: list[dict] = []  # newest first, as Mastodon returns them
        self.faults: list[tuple] = []  # consumed one per request: ("status", code, headers) or ("drop",)
        self.requests: list[dict] = []
        self.drop_if = lambda query: False  # e.g. every request for a page after the first
        self.posted: list[dict] = []
        self.all_replies: dict[str, list[dict]] = {}  # thread id -> every reply, for comments.list  # statuses we were sent, as the server stored them
        self.post_faults: list[str] = []  # "drop-before", "drop-after" (posted, no answer), "500", "422"
        self.keys_seen: set[str] = set()
        self.token = TOKEN
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def add(self, *notes: dict) -> None:
        self.notifications = sorted([*self.notifications, *notes], key=lambda n: -int(n["id"]))

    def _page(self, query: dict) -> tuple[list[dict], str | None]:
        since = int(query.get("since_id", ["0"])[0])
        below = int(query.get("max_id", [str(10**18)])[0])
        limit = int(query.get("limit", ["20"])[0])
        matching = [n for n in self.notifications if since < int(n["id"]) < below]
        page = matching[:limit]
        if len(matching) > limit:
            params = f"max_id={page[-1]['id']}&limit={limit}" + (f"&since_id={since}" if since else "")
            return page, f'<{self.url}/api/v1/notifications?{params}>; rel="next"'
        return page, None

    def _handler(self):
        server = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.requests.append({"path": self.path, "auth": self.headers.get("Authorization")})
                if server.faults:
                    fault = server.faults.pop(0)
                    if fault[0] == "drop":
                        self.connection.shutdown(2)  # the network goes away mid-request
                        return
                    self._send(fault[1], {"error": "fault"}, fault[2] if len(fault) > 2 else {})
                    return
                if self.headers.get("Authorization") != f"Bearer {server.token}":
                    self._send(401, {"error": "The access token is invalid"})
                    return
                url = urlparse(self.path)
                if server.drop_if(parse_qs(url.query)):
                    self.connection.shutdown(2)
                    return
                if url.path.startswith("/api/v1/statuses/") and url.path.endswith("/context"):
                    self._context(url.path.split("/")[4])
                    return
                if url.path != "/api/v1/notifications":
                    self._send(404, {"error": "Record not found"})
                    return
                page, link = server._page(parse_qs(url.query))
                self._send(200, page, {"Link": link} if link else {})

            def do_POST(self) -> None:  # noqa: N802
                body = self._json_body()
                server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                        "body": body})
                if self.headers.get("Authorization") != f"Bearer {server.token}":
                    self._send(401, {"error": "The access token is invalid"})
                    return
                fault = server.post_faults.pop(0) if server.post_faults else ""
                if fault == "drop-before":
                    self.connection.shutdown(2)
                    return
                if fault in ("500", "422"):
                    self._send(int(fault), {"error": "Validation failed: Text can't be blank"})
                    return
                key = self.headers.get("Idempotency-Key", "")
                if key not in server.keys_seen:  # Mastodon returns the first status for a repeated key
                    server.keys_seen.add(key)
                    server.posted.append({"id": str(90000 + len(server.posted)), "content": f"<p>{body['status']}</p>",
                                          "in_reply_to_id": body.get("in_reply_to_id"),
                                          "account": {"acct": "shop"}})
                if fault == "drop-after":
                    self.connection.shutdown(2)
                    return
                self._send(200, server.posted[-1])

            def _context(self, status_id: str) -> None:
                self._send(200, {"ancestors": [],
                                 "descendants": [p for p in server.posted if p["in_reply_to_id"] == status_id]})


        return Handler


@pytest.fixture
def mastodon():
    yield from _serve(FakeMastodon())


APP_PASSWORD = "abcd-efgh-ijkl-mnop"


def bsky_notification(n: int, reason: str = "mention", text: str = "@shop.bsky.social 請問有濾掛嗎？") -> dict:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": f"2026-11-24T0{n % 10}:00:00.000Z"}
    if reason == "reply":
        record["reply"] = {"root": {"uri": "at://did:plc:shop/app.bsky.feed.post/root1", "cid": "c"},
                           "parent": {"uri": "at://did:plc:shop/app.bsky.feed.post/root1", "cid": "c"}}
    return {"uri": f"at://did:plc:fan{n}/app.bsky.feed.post/{n:04d}", "cid": f"cid{n}",
            "author": {"did": f"did:plc:fan{n}", "handle": f"fan{n}.bsky.social", "displayName": f"藍天粉{n}"},
            "reason": reason, "record": record, "isRead": False,
            "indexedAt": f"2026-11-24T0{n % 10}:00:01.000Z"}


class FakeBluesky:
    """createSession and listNotifications, with body cursors, newest first."""

    def __init__(self) -> None:
        self.notifications: list[dict] = []
        self.faults: list[int] = []
        self.requests: list[str] = []
        self.password = APP_PASSWORD
        self.created: list[dict] = []  # records our client created
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def add(self, *notes: dict) -> None:
        self.notifications = sorted([*self.notifications, *notes], key=lambda n: n["indexedAt"], reverse=True)

    def _handler(self):
        server = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self._json_body()
                server.requests.append(self.path)
                if self.path.endswith("createRecord"):
                    uri = f"at://did:plc:shop/app.bsky.feed.post/r{len(server.created)}"
                    server.created.append({**body, "uri": uri})
                    self._send(200, {"uri": uri, "cid": "newcid"})
                    return
                if body.get("password") != server.password:
                    self._send(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
                    return
                self._send(200, {"accessJwt": "jwt-123", "refreshJwt": "r", "did": "did:plc:shop",
                                 "handle": body["identifier"]})

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                if server.faults:
                    self._send(server.faults.pop(0), {"error": "RateLimitExceeded"}, {"Retry-After": "2"})
                    return
                if self.headers.get("Authorization") != "Bearer jwt-123":
                    self._send(401, {"error": "ExpiredToken"})
                    return
                query = parse_qs(urlparse(self.path).query)
                if "getPosts" in self.path:
                    uri = query["uris"][0]
                    found = [n for n in server.notifications if n["uri"] == uri]
                    self._send(200, {"posts": [{"uri": n["uri"], "cid": n["cid"], "record": n["record"]}
                                               for n in found]})
                    return
                if "getPostThread" in self.path:
                    replies = [{"post": {"uri": c["uri"], "author": {"did": "did:plc:shop"}, "record": c["record"]}}
                               for c in server.created if c["record"]["reply"]["parent"]["uri"] == query["uri"][0]]
                    self._send(200, {"thread": {"replies": replies}})
                    return
                start = int(query.get("cursor", ["0"])[0])
                limit = int(query.get("limit", ["50"])[0])
                page = server.notifications[start:start + limit]
                more = start + limit < len(server.notifications)
                self._send(200, {"notifications": page, **({"cursor": str(start + limit)} if more else {})})


        return Handler


@pytest.fixture
def bluesky():
    yield from _serve(FakeBluesky())


YT_TOKEN = "ya29.fake-oauth-token"
CHANNEL = "UCshanlan000000000000000"


def yt_thread(n: int, *, replies: tuple[str, ...] = (), video: str = "vid001", author: str | None = None) -> dict:
    top = {"id": f"Ugx{n:04d}", "snippet": {
        "videoId": video, "textOriginal": f"第 {n} 則：這支開箱影片好實用", "textDisplay": "x",
        "authorDisplayName": f"觀眾{n}", "authorChannelId": {"value": author or f"UCfan{n}"},
        "publishedAt": f"2026-11-2{n % 10}T10:00:00Z", "updatedAt": f"2026-11-2{n % 10}T10:00:00Z"}}
    reply_items = [{"id": f"Ugx{n:04d}.r{i}", "snippet": {
        "parentId": f"Ugx{n:04d}", "videoId": video, "textOriginal": text, "authorDisplayName": "山嵐咖啡",
        "authorChannelId": {"value": CHANNEL}, "publishedAt": f"2026-11-2{n % 10}T11:0{i}:00Z",
        "updatedAt": f"2026-11-2{n % 10}T11:0{i}:00Z"}} for i, text in enumerate(replies)]
    return {"kind": "youtube#commentThread", "id": f"Ugx{n:04d}",
            "snippet": {"channelId": CHANNEL, "videoId": video, "topLevelComment": top,
                        "totalReplyCount": len(replies)},
            **({"replies": {"comments": reply_items}} if reply_items else {})}


class FakeYouTube:
    def __init__(self) -> None:
        self.threads: list[dict] = []  # newest activity first
        self.quota_exceeded = False
        self.requests: list[str] = []
        self.posted: list[dict] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def _handler(self):
        server = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self._json_body()
                server.posted.append(body)
                self._send(200, {"kind": "youtube#comment", "id": f"{body['snippet']['parentId']}.new{len(server.posted)}",
                                 "snippet": {**body["snippet"], "authorChannelId": {"value": CHANNEL}}})

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                if self.headers.get("Authorization") != f"Bearer {YT_TOKEN}":
                    self._send(401, {"error": {"code": 401, "message": "Invalid Credentials"}})
                    return
                if server.quota_exceeded:
                    self._send(403, {"error": {"code": 403, "errors": [{"reason": "quotaExceeded"}]}})
                    return
                query = parse_qs(urlparse(self.path).query)
                if urlparse(self.path).path == "/youtube/v3/comments":  # every reply of one thread
                    self._send(200, {"items": server.all_replies.get(query["parentId"][0], [])})
                    return
                start = int(query.get("pageToken", ["0"])[0])
                size = int(query.get("maxResults", ["20"])[0])
                page = server.threads[start:start + size]
                more = start + size < len(server.threads)
                self._send(200, {"kind": "youtube#commentThreadListResponse", "items": page,
                                 **({"nextPageToken": str(start + size)} if more else {})})


        return Handler


@pytest.fixture
def youtube():
    yield from _serve(FakeYouTube())


FB_TOKEN = "EAAB-page-token"
PAGE_ID = "104857600123456"


def fb_post(n: int) -> dict:
    return {"id": f"{PAGE_ID}_{n}", "message": f"冬季限定第 {n} 波", "created_time": f"2026-11-2{n}T02:00:00+0000",
            "permalink_url": f"https://www.facebook.com/{PAGE_ID}/posts/{n}", "shares": {"count": n},
            "reactions": {"data": [], "summary": {"total_count": 40 + n}},
            "comments": {"data": [], "summary": {"total_count": 2}}}


def fb_comment(post: int, n: int, *, parent: str | None = None, ours: bool = False, day: int = 4) -> dict:
    author = {"id": PAGE_ID, "name": "山嵐咖啡"} if ours else {"id": f"10{n}", "name": f"臉書朋友{n}"}
    return {"id": f"{post}_{n}", "message": f"留言 {n}：請問還有貨嗎？", "created_time": f"2026-11-2{day}T0{n % 10}:00:00+0000",
            "from": author, **({"parent": {"id": parent}} if parent else {})}


class FakeGraph:
    def __init__(self) -> None:
        self.posts: list[dict] = []  # newest first
        self.comments: dict[str, list[dict]] = {}  # post or comment id -> comments, oldest first
        self.requests: list[str] = []
        self.post_faults: list[str] = []  # "drop-after": stored, but the answer never arrives
        self.hidden: dict[str, bool] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def _handler(self):
        server = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802
                from datetime import datetime

                server.requests.append(self.path)
                if self.headers.get("Authorization") != f"Bearer {FB_TOKEN}":
                    self._send(400, {"error": {"type": "OAuthException", "code": 190, "message": "expired"}})
                    return
                url = urlparse(self.path)
                query = parse_qs(url.query)
                parts = url.path.strip("/").split("/")
                if parts[-1] == "feed":
                    items = server.posts
                else:
                    since = int(query.get("since", ["0"])[0])
                    items = [c for c in server.comments.get(parts[1], [])
                             if datetime.strptime(c["created_time"], "%Y-%m-%dT%H:%M:%S%z").timestamp() >= since]
                start = int(query.get("after", ["0"])[0])
                limit = int(query.get("limit", ["25"])[0])
                page = items[start:start + limit]
                body = {"data": page}
                if start + limit < len(items):
                    rest = "&".join(f"{k}={v[0]}" for k, v in query.items() if k != "after")
                    body["paging"] = {"next": f"{server.url}{url.path}?{rest}&after={start + limit}"}
                self._send(200, body)

            def do_POST(self) -> None:  # noqa: N802
                body = self._json_body()
                parts = urlparse(self.path).path.strip("/").split("/")
                if len(parts) == 2:  # POST /{version}/{comment}: moderation
                    server.hidden[parts[1]] = body.get("is_hidden")
                    self._send(200, {"success": True})
                    return
                target = parts[1]
                reply = {"id": f"{target}_r{len(server.comments.get(target, []))}", "message": body["message"],
                         "created_time": "2026-11-25T08:00:00+0000", "from": {"id": PAGE_ID, "name": "山嵐咖啡"}}
                server.comments.setdefault(target, []).append(reply)
                if server.post_faults and server.post_faults.pop(0) == "drop-after":
                    self.connection.shutdown(2)
                    return
                self._send(200, {"id": reply["id"]})


        return Handler


@pytest.fixture
def graph():
    yield from _serve(FakeGraph())


IG_TOKEN = "IGQ-long-lived"
IG_USER = "17841400000000001"


class FakeMetaMedia:
    """Instagram's /{user}/media + /{media}/comments (nested replies) and Threads' /{user}/threads
    + /{thread}/replies (flat, with replied_to), with paging.next."""

    def __init__(self) -> None:
        self.media: list[dict] = []  # newest first
        self.comments: dict[str, list[dict]] = {}
        self.requests: list[str] = []
        self.containers: dict[str, dict] = {}
        self.published: list[dict] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def _handler(self):
        server = self

        class Handler(JsonHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self._json_body()
                if self.path.endswith("/threads"):
                    creation = f"cont{len(server.containers)}"
                    server.containers[creation] = body
                    self._send(200, {"id": creation})
                elif self.path.endswith("/threads_publish"):
                    server.published.append(server.containers[body["creation_id"]])
                    self._send(200, {"id": f"pub{len(server.published)}"})
                else:
                    self._send(404, {"error": {"message": "unknown"}})

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                if self.headers.get("Authorization") != f"Bearer {IG_TOKEN}":
                    self._send(401, {"error": {"code": 190, "message": "Session has expired"}})
                    return
                url = urlparse(self.path)
                query = parse_qs(url.query)
                _, owner, edge = url.path.strip("/").split("/")
                items = server.media if edge in ("media", "threads") else server.comments.get(owner, [])
                start = int(query.get("after", ["0"])[0])
                limit = int(query.get("limit", ["25"])[0])
                body = {"data": items[start:start + limit]}
                if start + limit < len(items):
                    body["paging"] = {"next": f"{server.url}{url.path}?limit={limit}&after={start + limit}"}
                self._send(200, body)


        return Handler


@pytest.fixture
def meta_media():
    yield from _serve(FakeMetaMedia())
