"""YouTube Takeout: our comments in every comments.csv layout and language, videos.csv, errors,
and the real rows from google_takeout_parser and the what-if Spanish export."""

from __future__ import annotations

import pytest

from xiaobian.sync.formats.youtube_takeout import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, PostIn

from .conftest import FIXTURES, parse_all, sample, sources

HERE = FIXTURES / "youtube-takeout"
YOUTUBE = HERE / "Takeout" / "YouTube and YouTube Music"
COMMENTS = YOUTUBE / "comments" / "comments.csv"
VIDEOS = YOUTUBE / "video metadata" / "videos.csv"
CHANNEL = "UCq3sLanKaFe1Tw8mZ2xYb9A"

OUR_COMMENTS = [
    CommentIn(platform="youtube", external_id="UgzK3mN8pQr5sT1uV2w4AaABAg",
              post_external_id="q7Lm2Xc9RtA", author_id=CHANNEL, is_ours=True,
              text="感謝收看！\n本集用的豆子在這裡：https://sanlan.coffee/alishan",
              created_at="2026-08-14T10:05:41Z"),
    CommentIn(platform="youtube", external_id="UgyF4nP2qW8eR7tY6u5iAaABAg.A1bC2dE3fG4A1bC9xYz0Qw",
              post_external_id="q7Lm2Xc9RtA", parent_external_id="UgyF4nP2qW8eR7tY6u5iAaABAg",
              kind="reply", author_id=CHANNEL, is_ours=True, text="謝謝支持～水溫建議 92°C 喔！",
              created_at="2026-08-15T01:22:09Z"),
    CommentIn(platform="youtube", external_id="UgwT7hJ2kL9mN4bV6cX1AaABAg",
              post_external_id="dQ4wXy9ZaB0", author_id=CHANNEL, is_ours=True,
              text='我們也推 "V60" 濾杯 👍', created_at="2026-09-02T12:30:00Z"),
]


def test_sniffs_comments_and_videos_only():
    claimed = {s.member for s in sources(HERE / "Takeout") if FORMAT.sniff(s)}
    assert claimed == {"YouTube and YouTube Music/comments/comments.csv",
                       "YouTube and YouTube Music/video metadata/videos.csv"}
    assert not FORMAT.sniff(sources(FIXTURES / "x-archive" / "data" / "tweets.js")[0])
    studio = FIXTURES / "youtube-studio" / "Content 2026-08-01_2026-11-23 山嵐咖啡"
    assert not any(FORMAT.sniff(s) for s in sources(studio))


@pytest.mark.parametrize("path", [
    COMMENTS,                                   # 2025: eight columns, top-level comment id
    HERE / "layouts" / "comments_2024.csv",     # 2024: Channel ID first, comma-joined segments
    HERE / "layouts" / "comments_pre2024.csv",  # before June 2024: one takeoutSegments object
    HERE / "layouts" / "留言.csv",               # zh-TW headers
    HERE / "layouts" / "comentarios.csv",       # Spanish headers
], ids=lambda p: p.name)
def test_every_comments_layout_gives_the_same_comments(path):
    assert FORMAT.sniff(sources(path)[0])
    assert parse_all(FORMAT, path) == OUR_COMMENTS


def test_comments_carry_the_account_when_given():
    first = parse_all(FORMAT, COMMENTS, account="sanlan.coffee")[0]
    assert (first.account, first.author_name) == ("sanlan.coffee", "sanlan.coffee")


@pytest.mark.parametrize("path", [VIDEOS, HERE / "layouts" / "影片.csv"], ids=lambda p: p.name)
def test_videos_become_posts(path):
    alishan, cold_brew, shorts, private = parse_all(FORMAT, path)
    assert alishan == PostIn(
        platform="youtube", external_id="q7Lm2Xc9RtA", title="阿里山單品手沖教學｜山嵐咖啡",
        text="這集帶大家用 V60 沖阿里山單品。\n豆子：山嵐咖啡 阿里山 淺焙", media_kind="video",
        permalink="https://www.youtube.com/watch?v=q7Lm2Xc9RtA",
        published_at="2026-08-14T10:00:05Z")
    assert (cold_brew.external_id, cold_brew.title) == ("-Zk3pQw8YbE", '在家做冷萃，"三個"小訣竅')
    assert (shorts.text, shorts.published_at) == ("", "2026-10-23T04:00:00Z")  # unlisted
    assert (private.title, private.published_at) == ("秋季新豆試飲（未公開）", None)


def test_import_links_our_comments_to_our_videos_and_is_idempotent(load, store):
    assert load(FORMAT, VIDEOS).counts["posts"].new == 4
    assert load(FORMAT, COMMENTS).counts["comments"].new == 3
    rows = store.query("SELECT c.kind, c.is_ours, c.status, p.external_id AS video FROM comments c"
                       " LEFT JOIN posts p ON p.id = c.post_id ORDER BY c.created_at")
    assert rows == [
        {"kind": "comment", "is_ours": 1, "status": "done", "video": "q7Lm2Xc9RtA"},
        {"kind": "reply", "is_ours": 1, "status": "done", "video": "q7Lm2Xc9RtA"},
        {"kind": "comment", "is_ours": 1, "status": "done", "video": None},  # someone else's video
    ]
    for path in (VIDEOS, COMMENTS):
        again = load(FORMAT, path)
        assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where, words", [
    ("bad_segments.csv", "line 3", "JSON segments"),
    ("bad_timestamp.csv", "line 2", "timestamp"),
    ("truncated.csv", "line 2", "unreadable CSV"),
    ("empty.csv", None, "empty"),
])
def test_bad_files_name_the_record(name, where, words):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / "broken" / name)
    assert (err.value.record, words in err.value.message) == (where, True)


def test_real_comments_in_both_english_layouts():
    old = parse_all(FORMAT, sample("youtube/takeout_comments_pre2024_format.csv"))
    assert [(c.kind, c.parent_external_id, c.post_external_id) for c in old] == [
        ("comment", None, "WtOskFeLmr4"), ("reply", "UgwDN8UeMxW4NDFbvY54AaABAg", "jH39c5-y6kg")]
    assert (old[0].text, old[0].created_at) == ("coalowl the legend", "2023-09-19T17:42:53Z")
    new = parse_all(FORMAT, sample("youtube/takeout_comments_2024_format.csv"))
    assert [c.external_id for c in new] == ["UgytHqobEtqoKm_-pYB4AaABAg", "UgiNMzGz_nAsjXfCoAEC"]
    assert new[0].text == ("> I am about to get buried in the concrete\n"
                           "the most normal  Veritasium video!")
    assert new[1].created_at == "2016-01-29T18:26:53Z"


@pytest.mark.parametrize("name", ["takeout_comentarios_es_whatif_test.csv",
                                  "takeout_videos_es_whatif_test.csv"])
def test_real_spanish_headers_map_but_scrambled_times_are_refused(name):
    path = sample(f"youtube/{name}")
    assert FORMAT.sniff(sources(path)[0])
    with pytest.raises(RecordError) as err:  # the what-if export scrambled its timestamps
        parse_all(FORMAT, path)
    assert err.value.record == "line 2" and "timestamp" in err.value.message
