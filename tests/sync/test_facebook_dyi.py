"""Facebook "Download Your Information" JSON: posts and our comments, every folder generation."""

from __future__ import annotations

import pytest

from xiaobian.models import MediaKind
from xiaobian.sync.formats import instagram_dyi
from xiaobian.sync.formats.facebook_dyi import FORMAT
from xiaobian.sync.parsing import RecordError, content_id
from xiaobian.sync.records import CommentIn, PostIn, Skip

from .conftest import FIXTURES, parse_all, sample, sources

ROOT = FIXTURES / "facebook-dyi"
EXPORT = ROOT / "facebook-shanlan-2024"
ACTIVITY = EXPORT / "your_facebook_activity"
POSTS_1 = ACTIVITY / "posts" / "your_posts__check_ins__photos_and_videos_1.json"


def post(when: str, text: str, kind: MediaKind) -> PostIn:
    return PostIn(platform="facebook", external_id=content_id(when, text), text=text,
                  media_kind=kind, published_at=when)


def comment(when: str, text: str, author: str = "山嵐咖啡") -> CommentIn:
    return CommentIn(platform="facebook", external_id=content_id(when, text), author_name=author,
                     is_ours=True, text=text, created_at=when)


def test_posts_are_mapped_with_their_media_kind():
    assert parse_all(FORMAT, POSTS_1) == [
        post("2026-09-21T14:13:20Z",
             "山嵐咖啡秋季限定「桂花烏龍拿鐵」今天開賣！☕ 週末來店買一送一", MediaKind.TEXT),
        post("2026-09-22T14:13:20Z", "烘豆日常：今天烘的是衣索比亞耶加雪菲 🌸", MediaKind.ALBUM),
        post("2026-09-23T14:13:20Z", "手沖教學：水溫 92°C、粉水比 1:15", MediaKind.VIDEO),
        post("2026-09-24T14:13:20Z", "我們上了《小日子》雜誌！謝謝大家一路支持", MediaKind.LINK),
        post("2026-09-25T14:13:20Z", "", MediaKind.PHOTO),  # a check-in photo with no text
        Skip(reason="no_content"),  # "… updated the Page's info." and nothing else
    ]


def test_the_byte_escapes_become_chinese():
    raw = POSTS_1.read_bytes()
    assert raw.isascii()
    assert rb"\u00e5\u00b1\u00b1\u00e5\u00b5\u0090" in raw  # 山嵐, byte by byte
    text = parse_all(FORMAT, POSTS_1)[0].text
    assert text.startswith("山嵐咖啡秋季限定「桂花烏龍拿鐵」") and text.endswith("買一送一")


def test_account_comes_from_the_command_line():
    records = parse_all(FORMAT, POSTS_1, account="shanlan.coffee")
    assert {r.account for r in records if isinstance(r, PostIn)} == {"shanlan.coffee"}


def test_our_comments_and_group_comments():
    assert parse_all(FORMAT, ACTIVITY / "comments_and_reactions" / "comments.json") == [
        comment("2026-09-22T18:00:00Z", "謝謝您的支持！歡迎再來店裡坐坐 😊"),
        comment("2026-09-23T21:46:40Z", "豆子今天寄出囉，請留意黑貓的簡訊通知"),
        Skip(reason="no_content"),
    ]
    assert parse_all(FORMAT, ACTIVITY / "groups" / "your_comments_in_groups.json") == [
        comment("2026-09-26T05:20:00Z", "本週六大安店有免費杯測，歡迎同好報名！"),
    ]


@pytest.mark.parametrize(("export", "expected"), [
    ("facebook-shanlan-2023",  # your_activity_across_facebook/
     [post("2023-07-22T04:26:40Z", "山嵐咖啡三週年，感謝一路相伴的每一位客人 🎉", MediaKind.TEXT)]),
    ("facebook-shanlan-2021",  # posts/your_posts_1.json; comments.json with "comments"
     [comment("2021-01-08T10:00:00Z", "試營運期間每天早上八點開門喔"),
      post("2021-01-07T06:13:20Z", "山嵐咖啡試營運開始！前一百位客人送濾掛包", MediaKind.TEXT)]),
    ("facebook-shanlan-page-2025",  # a Page: this_profile's_activity_across_facebook/
     [post("2025-10-09T08:53:20Z", "冬季熱可可回歸，加一點肉桂更暖 ❄️", MediaKind.TEXT)]),
])
def test_older_folder_generations_and_page_exports(export, expected):
    assert all(FORMAT.sniff(s) for s in sources(ROOT / export))
    assert parse_all(FORMAT, ROOT / export) == expected


def test_sniff_claims_every_file_of_the_export():
    assert sorted(s.member for s in sources(EXPORT) if FORMAT.sniff(s)) == [
        "your_facebook_activity/comments_and_reactions/comments.json",
        "your_facebook_activity/groups/your_comments_in_groups.json",
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json",
    ]


def test_sniff_leaves_stray_json_alone(tmp_path):
    activity = "your_facebook_activity/"
    stray = {
        activity + "comments_and_reactions/likes_and_reactions_1.json": b'[{"timestamp": 1}]',
        activity + "posts/edits_you_made_to_posts.json": b'[{"timestamp": 1, "data": []}]',
        activity + "posts/album/0.json": b'{"name": "x", "photos": []}',
        activity + "backup/your_posts_1.json": b'[{"timestamp": 1}]',  # not in a posts folder
        activity + "posts/your_posts_2.json": b'{"status_updates": []}',  # not a list of posts
        activity + "posts/your_posts_3.html": b'[{"timestamp": 1}]',  # not HTML
        "your_instagram_activity/comments/comments.json": b'{"media_comments": [[1, "x", "y"]]}',
    }
    for member, data in stray.items():
        (tmp_path / member).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / member).write_bytes(data)
    assert [s.member for s in sources(tmp_path) if FORMAT.sniff(s)] == []


def test_sniffers_do_not_claim_each_others_or_other_formats_fixtures():
    others = [s for s in sources(FIXTURES) if not s.member.startswith("facebook-dyi/")]
    assert [s.member for s in others if FORMAT.sniff(s)] == []
    assert [s.member for s in sources(ROOT) if instagram_dyi.FORMAT.sniff(s)] == []


def test_html_download_is_refused_with_a_hint():
    html = ROOT / "facebook-shanlan-html"
    assert [FORMAT.sniff(s) for s in sources(html)] == [True]
    with pytest.raises(RecordError) as caught:
        parse_all(FORMAT, html)
    assert "HTML" in caught.value.message and "Format: JSON" in caught.value.hint


def test_import_is_idempotent(load, store):
    first = load(FORMAT, EXPORT)
    assert (first.counts["posts"].new, first.counts["comments"].new) == (6, 3)
    assert first.skipped == {"no_content": 2}
    again = load(FORMAT, EXPORT)
    for kind in ("posts", "comments"):
        assert (again.counts[kind].new, again.counts[kind].updated) == (0, 0)
    rows = store.query("SELECT text, is_ours, status FROM comments ORDER BY created_at")
    assert rows[0] == {"text": "謝謝您的支持！歡迎再來店裡坐坐 😊", "is_ours": 1, "status": "done"}


def test_broken_record_is_named():
    with pytest.raises(RecordError) as caught:
        parse_all(FORMAT, ROOT / "malformed")
    assert caught.value.record == "post 2"


@pytest.mark.parametrize("cut", [0, 200])
def test_empty_or_truncated_file(tmp_path, cut):
    path = tmp_path / "your_posts_1.json"
    path.write_bytes(POSTS_1.read_bytes()[:cut])
    with pytest.raises(RecordError, match="broken JSON"):
        parse_all(FORMAT, path)


def test_real_world_sample():
    [record] = parse_all(FORMAT, sample("facebook/your_posts_1_deface_test_fixture.json"))
    assert record == post("1970-01-01T00:11:05Z", "Ooh pretty!", MediaKind.ALBUM)
