"""TikTok data download: videos with likes, our comments, deleted posts, old layout, errors."""

from __future__ import annotations

import pytest

from xiaobian.sync.formats.tiktok_export import FORMAT
from xiaobian.sync.parsing import RecordError, content_id
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Skip

from .conftest import FIXTURES, TAKEN, parse_all, sample, sources

HERE = FIXTURES / "tiktok-export"
CURRENT = HERE / "user_data_tiktok.json"


def test_sniffs_tiktok_json_only(tmp_path):
    assert FORMAT.sniff(sources(CURRENT)[0])
    assert FORMAT.sniff(sources(HERE / "user_data.json")[0])
    other = tmp_path / "data.json"
    other.write_text('{"Activity": {"steps": 1200}, "Sleep": []}')
    assert not FORMAT.sniff(sources(other)[0])
    assert not FORMAT.sniff(sources(FIXTURES / "mastodon-archive" / "archive" / "outbox.json")[0])


def test_videos_comments_and_deleted_posts():
    records = parse_all(FORMAT, CURRENT)
    latte, latte_likes, lesson, lesson_likes, deleted, first, second = records
    title = "秋季限定桂花烏龍拿鐵開賣啦 #山嵐咖啡 #台北咖啡"
    assert latte == PostIn(platform="tiktok", external_id=content_id("2026-10-01 18:30:00", title),
                           account="shanlan.coffee", text=title, media_kind="video",
                           published_at="2026-10-01T18:30:00Z")
    assert latte.permalink is None  # the Link is a signed download URL that expires
    assert latte_likes == MetricsIn(platform="tiktok", post_external_id=latte.external_id,
                                    taken_at=TAKEN, reactions=1204)
    assert isinstance(lesson, PostIn) and isinstance(lesson_likes, MetricsIn)
    assert lesson_likes.reactions == 59
    assert deleted == Skip(reason="deleted_post")
    assert first == CommentIn(
        platform="tiktok", external_id=content_id("2026-10-03 20:15:42", "謝謝大家！桂花烏龍拿鐵限量三週 🍂"),
        account="shanlan.coffee", is_ours=True, author_name="shanlan.coffee",
        text="謝謝大家！桂花烏龍拿鐵限量三週 🍂", created_at="2026-10-03T20:15:42Z")
    assert isinstance(second, CommentIn) and second.text == "門市週末 10 點開門喔～"


def test_older_layout_with_null_lists():
    post, likes = parse_all(FORMAT, HERE / "user_data.json", account="shanlan_tw")
    assert isinstance(post, PostIn)
    assert (post.text, post.account, post.published_at) == (
        "山嵐咖啡第一支影片：開幕囉！", "shanlan_tw", "2023-05-20T09:00:00Z")
    assert isinstance(likes, MetricsIn) and likes.reactions is None


def test_import_is_idempotent(load, store):
    first = load(FORMAT, CURRENT)
    assert [first.counts[kind].new for kind in ("posts", "metrics", "comments")] == [2, 2, 2]
    assert first.skipped["deleted_post"] == 1
    rows = store.query("SELECT status, is_ours FROM comments")
    assert rows == [{"status": "done", "is_ours": 1}] * 2
    again = load(FORMAT, CURRENT)
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where", [("bad_date_user_data_tiktok.json", "video 2"),
                                         ("truncated_user_data_tiktok.json", "line ")])
def test_bad_files_name_the_record(name, where):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / name)
    assert (err.value.record or "").startswith(where)


def test_empty_and_non_object(tmp_path):
    path = tmp_path / "user_data_tiktok.json"
    path.write_bytes(b"")
    assert not FORMAT.sniff(sources(path)[0])
    with pytest.raises(RecordError):
        parse_all(FORMAT, path)
    path.write_text("[]")
    with pytest.raises(RecordError, match="JSON object"):
        parse_all(FORMAT, path)


def test_real_anonymised_export():
    path = sample("tiktok/user_data_tiktok_whatif_test.json")
    assert FORMAT.sniff(sources(path)[0])
    post, likes, *rest = parse_all(FORMAT, path)
    assert isinstance(post, PostIn)
    assert (post.published_at, post.permalink, post.account) == (
        "2024-11-24T08:53:18Z", None, "user6bxn5e3em4")
    assert isinstance(likes, MetricsIn) and likes.reactions == 59
    assert rest[:2] == [Skip(reason="deleted_post")] * 2
    assert [c.text for c in rest if isinstance(c, CommentIn)] == ["so cute 🥺", "beautiful"]
