"""Competitors' public posts from a local server in Bluesky, Mastodon and YouTube shapes."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from xiaobian.errors import UserError
from xiaobian.live import competitors

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
KEY = "AIza-fake-key"

ANSWERS = {
    "/xrpc/app.bsky.feed.getAuthorFeed": {"feed": [
        {"post": {"uri": "at://did:plc:rival/app.bsky.feed.post/1", "likeCount": 120, "replyCount": 8,
                  "repostCount": 10, "quoteCount": 2,
                  "record": {"text": "對手的冬季限定", "createdAt": "2026-11-20T02:00:00Z"}}},
        {"post": {"uri": "at://did:plc:other/app.bsky.feed.post/9", "record": {"text": "x", "createdAt": "2026-11-20T02:00:00Z"}},
         "reason": {"$type": "app.bsky.feed.defs#reasonRepost"}}]},
    "/api/v1/accounts/lookup": {"id": "77"},
    "/api/v1/accounts/77/statuses": [
        {"id": "111", "content": "<p>新店開幕</p>", "url": "https://rival.social/@cafe/111",
         "created_at": "2026-11-21T03:00:00.000Z", "favourites_count": 40, "reblogs_count": 5, "replies_count": 3}],
    "/youtube/v3/channels": {"items": [{"id": "UCrival", "contentDetails": {"relatedPlaylists": {"uploads": "UUrival"}}}]},
    "/youtube/v3/playlistItems": {"items": [{"contentDetails": {"videoId": "rv1"}}]},
    "/youtube/v3/videos": {"items": [{"id": "rv1", "snippet": {"title": "手沖教學", "description": "",
                                                               "publishedAt": "2026-11-19T10:00:00Z"},
                                      "statistics": {"viewCount": "15000", "likeCount": "900", "commentCount": "45"}}]},
}


@pytest.fixture
def public():
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            seen.append({"path": self.path, "key": self.headers.get("X-Goog-Api-Key"),
                         "query": parse_qs(url.query)})
            data = json.dumps(ANSWERS.get(url.path, {"error": "not found"}), ensure_ascii=False).encode()
            self.send_response(200 if url.path in ANSWERS else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}"
    yield {"bluesky": url, "mastodon": url, "youtube": url}, seen
    httpd.shutdown()
    httpd.server_close()


def test_public_posts_and_counts_of_each_competitor(store, public, monkeypatch):
    servers, seen = public
    monkeypatch.setenv("YOUTUBE_API_KEY", KEY)
    for platform, handle in (("bluesky", "rival.bsky.social"), ("mastodon", "cafe@rival.social"),
                             ("youtube", "UCrival")):
        competitors.add(store, platform, handle)
    done = competitors.pull(store, now=NOW, servers=servers, sleep=lambda s: None)
    assert done == {"bluesky:rival.bsky.social": 1, "mastodon:cafe@rival.social": 1, "youtube:UCrival": 1}
    rows = store.query("SELECT p.platform, a.is_competitor, m.reactions, m.shares, m.comments, m.video_views"
                       " FROM posts p JOIN accounts a ON a.id = p.account_id JOIN metric_snapshots m"
                       " ON m.post_id = p.id ORDER BY p.platform")
    assert rows == [{"platform": "bluesky", "is_competitor": 1, "reactions": 120, "shares": 12, "comments": 8, "video_views": None},
                    {"platform": "mastodon", "is_competitor": 1, "reactions": 40, "shares": 5, "comments": 3, "video_views": None},
                    {"platform": "youtube", "is_competitor": 1, "reactions": 900, "shares": None, "comments": 45, "video_views": 15000}]
    youtube_calls = [s for s in seen if s["path"].startswith("/youtube")]
    assert all(s["key"] == KEY and KEY not in s["path"] for s in youtube_calls)
    assert not any("/search" in s["path"] for s in youtube_calls)  # 100 quota units a call: uploads playlist instead
    assert store.scalar("SELECT count(*) FROM comments") == 0  # nothing lands in our triage queue


def test_youtube_needs_our_api_key(store, public, monkeypatch):
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    competitors.add(store, "youtube", "UCrival")
    with pytest.raises(UserError, match="YOUTUBE_API_KEY"):
        competitors.pull(store, now=NOW, servers=public[0])
