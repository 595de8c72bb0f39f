"""A YouTube Data API v3-shaped server on 127.0.0.1: commentThreads, comments, channels,
playlistItems and videos, paged by nextPageToken."""

from __future__ import annotations

from .fake_http import FakeServer, JsonHandler, offset_page

YT_TOKEN = "ya29.fake-oauth-token"
CHANNEL = "UCshanlan000000000000000"
UPLOADS = "UU" + CHANNEL[2:]


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


def yt_video(n: int, *, views: int = 0, likes: int = 0, comments: int = 0) -> dict:
    """One of our uploads as ``videos.list(part=snippet,statistics)`` returns it (counts are strings)."""
    return {"kind": "youtube#video", "id": f"vid{n:03d}",
            "snippet": {"publishedAt": f"2026-11-{10 + n:02d}T10:00:00Z", "channelId": CHANNEL,
                        "title": f"山嵐咖啡開箱第 {n} 集", "description": "手沖教學"},
            "statistics": {"viewCount": str(views), "likeCount": str(likes), "favoriteCount": "0",
                           "commentCount": str(comments)}}


class FakeYouTube(FakeServer):
    def __init__(self) -> None:
        self.threads: list[dict] = []  # newest activity first
        self.all_replies: dict[str, list[dict]] = {}  # thread id -> every reply, for comments.list
        self.videos: list[dict] = []  # our uploads, newest first
        self.quota_exceeded = False
        self.posted: list[dict] = []
        self.moderated: dict[str, str] = {}
        super().__init__(YT_TOKEN)

    class Handler(JsonHandler):
        def refuse(self) -> None:
            self._send(401, {"error": {"code": 401, "message": "Invalid Credentials",
                                       "errors": [{"reason": "authError", "domain": "global"}]}})

        def do_POST(self) -> None:
            fake = self.fake
            fake.requests.append(self.path)
            if self.route.endswith("setModerationStatus"):
                fake.moderated[self.arg("id")] = self.arg("moderationStatus")
                self._send_bytes(204, b"")
                return
            body = self._json_body()
            fake.posted.append(body)
            self._send(200, {"kind": "youtube#comment", "id": f"{body['snippet']['parentId']}.new{len(fake.posted)}",
                             "snippet": {**body["snippet"], "authorChannelId": {"value": CHANNEL}}})

        def do_GET(self) -> None:
            fake, route = self.fake, self.route
            if self.faulted() or not self.authorised():
                return
            if fake.quota_exceeded:
                self._send(403, {"error": {"code": 403, "errors": [{"reason": "quotaExceeded"}]}})
                return
            start, size = int(self.arg("pageToken", "0")), int(self.arg("maxResults", "5"))
            if route == "/youtube/v3/comments":  # every reply of one thread
                self._send(200, {"items": fake.all_replies.get(self.arg("parentId"), [])})
            elif route == "/youtube/v3/channels":
                found = [{"id": CHANNEL, "contentDetails": {"relatedPlaylists": {"uploads": UPLOADS}}}]
                self._send(200, {"kind": "youtube#channelListResponse",
                                 "items": found if self.arg("id") == CHANNEL else []})
            elif route == "/youtube/v3/playlistItems" and self.arg("playlistId") == UPLOADS:
                page, token = offset_page(fake.videos, start, size)
                self._send(200, {"kind": "youtube#playlistItemListResponse",
                                 "items": [{"contentDetails": {"videoId": v["id"],
                                                               "videoPublishedAt": v["snippet"]["publishedAt"]}}
                                           for v in page], **({"nextPageToken": token} if token else {})})
            elif route == "/youtube/v3/videos":
                wanted = self.arg("id").split(",")
                self._send(200, {"kind": "youtube#videoListResponse",
                                 "items": [v for v in fake.videos if v["id"] in wanted]})
            elif route == "/youtube/v3/commentThreads":
                page, token = offset_page(fake.threads, start, size)
                self._send(200, {"kind": "youtube#commentThreadListResponse", "items": page,
                                 **({"nextPageToken": token} if token else {})})
            else:
                self._send(404, {"error": {"code": 404, "message": "Not Found"}})
