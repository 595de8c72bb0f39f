"""Instagram "Download Your Information" JSON: posts, reels, our comments, Threads, insights."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from xiaobian.models import MediaKind, Platform
from xiaobian.sync.formats import facebook_dyi
from xiaobian.sync.formats.instagram_dyi import FORMAT
from xiaobian.sync.parsing import RecordError, content_id
from xiaobian.sync.records import CommentIn, PostIn, Skip

from .conftest import FIXTURES, parse_all, sample, sources

ROOT = FIXTURES / "instagram-dyi"
EXPORT = ROOT / "instagram-shanlan.coffee-2026"
ACTIVITY = EXPORT / "your_instagram_activity"
STRAY = {  # parts of the download that are not ours to import
    "your_instagram_activity/likes/liked_posts.json": b'{"likes_media_likes": [{"title": "x", '
                                                      b'"string_list_data": [{"timestamp": 1}]}]}',
    "your_instagram_activity/likes/liked_comments.json": b'{"likes_comment_likes": []}',
    "your_instagram_activity/content/stories.json": b'{"ig_stories": [{"uri": "s.mp4"}]}',
    "your_instagram_activity/content/recently_deleted_content.json":
        b'{"ig_recently_deleted_media": []}',
    "your_instagram_activity/saved/saved_posts.json": b'{"saved_saved_media": []}',
    "your_instagram_activity/messages/inbox/amy_1/message_1.json": b'{"messages": []}',
    "your_instagram_activity/threads/liked_threads.json": b'{"text_post_app_media_likes": []}',
    "logged_information/past_instagram_insights/audience_insights.json":
        b'{"organic_insights_audience": []}',
    "your_instagram_activity/media/posts_1.txt": b'[{"media": []}]',
}


def post(when: str, text: str, kind: MediaKind, platform: Platform = Platform.INSTAGRAM) -> PostIn:
    return PostIn(platform=platform, external_id=content_id(when, text), text=text,
                  media_kind=kind, published_at=when)


def comment(when: str, text: str, account: str | None = None) -> CommentIn:
    return CommentIn(platform="instagram", external_id=content_id(when, text), account=account,
                     author_name=account or "", is_ours=True, text=text, created_at=when)


def test_posts_reels_and_threads():
    assert parse_all(FORMAT, ACTIVITY / "content") == [
        # one photo: caption and time on media[0]
        post("2026-09-23T21:46:40Z", "秋天就是要喝桂花烏龍拿鐵 🍂 #山嵐咖啡", MediaKind.PHOTO),
        # a carousel: caption and time on the post
        post("2026-09-25T01:33:22Z", "新豆到貨：肯亞 AA、哥倫比亞慧蘭 ☕", MediaKind.ALBUM),
        post("2026-09-25T15:26:40Z", "拉花練習中⋯⋯今天是天鵝", MediaKind.VIDEO),
        post("2026-09-26T05:20:00Z", "30 秒看懂手沖 ☕", MediaKind.REEL),
    ]
    assert parse_all(FORMAT, ACTIVITY / "threads") == [
        post("2026-09-27T09:06:40Z", "今天店裡的爵士樂歌單大家覺得如何？🎷", MediaKind.TEXT,
             Platform.THREADS),
        post("2026-09-28T12:53:21Z", "雨天限定：熱拿鐵第二杯半價 ☔", MediaKind.PHOTO,
             Platform.THREADS),
    ]


def test_the_byte_escapes_become_chinese():
    raw = (ACTIVITY / "content" / "posts_1.json").read_bytes()
    assert raw.isascii() and rb"\u00e7\u00a7\u008b" in raw  # 秋, byte by byte
    assert parse_all(FORMAT, ACTIVITY / "content")[0].text.startswith("秋天就是要喝桂花烏龍拿鐵")


def test_comments_we_wrote():
    assert parse_all(FORMAT, ACTIVITY / "comments", account="shanlan.coffee") == [
        comment("2026-09-24T00:33:20Z", "謝謝喜歡！週末見 ☺️", "shanlan.coffee"),
        comment("2026-09-24T03:20:00Z", "@小美 桂花烏龍拿鐵可以做冰的喔", "shanlan.coffee"),
        comment("2026-09-26T08:06:40Z", "手沖壺是用細口壺，下一支影片介紹！", "shanlan.coffee"),
    ]


def test_past_insights_are_skipped_because_they_name_no_post():
    insights = EXPORT / "logged_information" / "past_instagram_insights" / "posts.json"
    assert parse_all(FORMAT, insights) == [Skip(reason="insights_unmatched")] * 2


def test_older_media_folder():
    older = ROOT / "instagram-shanlan.coffee-2023"
    assert [FORMAT.sniff(s) for s in sources(older)] == [True]
    assert parse_all(FORMAT, older) == [
        post("2023-07-22T04:26:40Z", "山嵐咖啡三週年 🎉 謝謝每一位客人", MediaKind.PHOTO)]


def _zip(tmp_path, strays: dict[str, bytes]):
    """The fixture export (plus ``strays``) zipped as Instagram delivers it."""
    archive = tmp_path / "instagram-shanlan.coffee-2026-11-24.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(p for p in EXPORT.rglob("*") if p.is_file()):
            z.write(path, path.relative_to(EXPORT).as_posix())
        for member, data in strays.items():
            z.writestr(member, data)
    return archive


def test_sniff_claims_our_files_and_nothing_else(tmp_path):
    archive = _zip(tmp_path, STRAY)
    assert sorted(s.member for s in sources(archive) if FORMAT.sniff(s)) == [
        "logged_information/past_instagram_insights/posts.json",
        "your_instagram_activity/comments/post_comments_1.json",
        "your_instagram_activity/comments/reels_comments.json",
        "your_instagram_activity/content/posts_1.json",
        "your_instagram_activity/content/reels.json",
        "your_instagram_activity/threads/threads_and_replies.json",
    ]
    assert not any(facebook_dyi.FORMAT.sniff(s) for s in sources(archive))
    others = [s for s in sources(FIXTURES) if not s.member.startswith("instagram-dyi/")]
    assert [s.member for s in others if FORMAT.sniff(s)] == []


def test_zip_import_matches_the_folder_and_is_idempotent(tmp_path, load, store):
    archive = _zip(tmp_path, {})
    assert parse_all(FORMAT, archive) == parse_all(FORMAT, EXPORT)
    first = load(FORMAT, archive)
    assert (first.counts["posts"].new, first.counts["comments"].new) == (6, 3)
    assert first.skipped == {"insights_unmatched": 2}
    again = load(FORMAT, archive)
    assert all(c.new == c.updated == 0 for c in again.counts.values())
    by_platform = "SELECT platform, count(*) AS n FROM posts GROUP BY platform ORDER BY platform"
    assert store.query(by_platform) == [{"platform": "instagram", "n": 4},
                                        {"platform": "threads", "n": 2}]
    ours = "SELECT text FROM comments WHERE is_ours AND status = 'done' ORDER BY created_at"
    assert store.query(ours)[0] == {"text": "謝謝喜歡！週末見 ☺️"}


def test_html_download_is_refused_with_a_hint():
    html = ROOT / "instagram-shanlan-html"
    assert [FORMAT.sniff(s) for s in sources(html)] == [True]
    with pytest.raises(RecordError) as caught:
        parse_all(FORMAT, html)
    assert "HTML" in caught.value.message and "Format: JSON" in caught.value.hint


def test_broken_record_is_named():
    with pytest.raises(RecordError) as caught:
        parse_all(FORMAT, ROOT / "malformed")
    assert caught.value.record == "comment 2"


@pytest.mark.parametrize("cut", [0, 300])
def test_empty_or_truncated_file(tmp_path, cut):
    path = tmp_path / "posts_1.json"
    path.write_bytes((ACTIVITY / "content" / "posts_1.json").read_bytes()[:cut])
    with pytest.raises(RecordError, match="broken JSON"):
        parse_all(FORMAT, path)


def test_real_world_samples(tmp_path):
    # posts_1 was hand-trimmed to one object; real files are a list
    [single] = parse_all(FORMAT, sample("instagram/posts_1_whatif_test.json"))
    assert single == post("2024-07-19T16:54:34Z", "bla", MediaKind.ALBUM)
    comments = parse_all(FORMAT, sample("instagram/post_comments_1_whatif_test.json"))
    assert [(c.text, c.created_at) for c in comments] == [
        ("bla", "2025-01-02T12:53:13Z"), ("blabla", "1970-01-20T23:40:06Z"),
        ("BSC", "2024-09-16T06:31:47Z")]
    for name, member in (("liked_posts", "likes/liked_posts.json"),
                         ("stories", "content/stories.json")):
        path = tmp_path / "your_instagram_activity" / member
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample(f"instagram/{name}_whatif_test.json"), path)
    assert not any(FORMAT.sniff(s) for s in sources(tmp_path))
