"""Meta Business Suite post CSV: Facebook and Instagram files, zh-TW headers, skips and errors."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from xiaobian.sync.formats.meta_posts_csv import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import MetricsIn, PostIn, Skip

from .conftest import FIXTURES, TAKEN, parse_all, sample, sources

HERE = FIXTURES / "meta-posts-csv"
FACEBOOK = HERE / "Oct-01-2026_Nov-23-2026_1098765432101234.csv"
INSTAGRAM = HERE / "ig_insights_shanlan.coffee.csv"
ZH_TW = HERE / "zh_tw_fb_posts.csv"
TAIPEI = ZoneInfo("Asia/Taipei")


def test_sniffs_post_csvs_by_header_only():
    assert all(FORMAT.sniff(sources(p)[0]) for p in (FACEBOOK, INSTAGRAM, ZH_TW))
    others = [HERE / "empty.csv", *(FIXTURES / "meta-ads-csv").glob("*.csv")]
    assert not any(FORMAT.sniff(sources(p)[0]) for p in others)


@pytest.mark.parametrize("name", ["youtube/studio_table_data_buildwithadi.csv",
                                  "youtube/takeout_comments_2024_format.csv",
                                  "linkedin/Shares_excerpt_sanand0.csv",
                                  "twitter/tweets_js_excerpt_milahu.js"])
def test_does_not_claim_real_exports_of_other_formats(name):
    assert not FORMAT.sniff(sources(sample(name))[0])


def test_facebook_page_posts():
    records = parse_all(FORMAT, FACEBOOK, tz=TAIPEI)
    assert [type(r) for r in records] == [PostIn, MetricsIn] * 5
    photo, photo_metrics, reel, reel_metrics = records[:4]
    assert photo == PostIn(
        platform="facebook", external_id="122158430000000101", account="山嵐咖啡 Shanlan Coffee",
        text="冬季限定「雪嶺」配方豆上市！\n門市試喝到 12/31，歡迎來坐坐 ☕", media_kind="photo",
        permalink="https://www.facebook.com/104857600123456/posts/122158430000000101",
        published_at="2026-11-10T13:00:00Z")
    assert photo_metrics == MetricsIn(
        platform="facebook", post_external_id="122158430000000101", taken_at=TAKEN, reach=9876,
        impressions=15230, reactions=356, comments=38, shares=18, clicks=274, video_views=0)
    assert reel.text.startswith("三分鐘學會在家手沖")  # Description is longer than Title
    assert (reel.media_kind, reel.published_at) == ("reel", "2026-11-12T00:30:00Z")
    assert (reel_metrics.impressions, reel_metrics.reach, reel_metrics.video_views) == (
        21480, 12003, 5400)
    assert [r.media_kind for r in records[4::2]] == ["link", "video", "text"]
    # math-bold letters are stored as written
    assert records[6].text == "𝗡𝗘𝗪 烘豆室直擊：烘豆師阿哲帶你看一爐豆子從生豆到一爆的 12 分鐘"
    assert records[9].clicks is None  # blank Total clicks


def test_instagram_columns_in_any_order_with_quoted_numbers():
    records = parse_all(FORMAT, INSTAGRAM, tz=TAIPEI)
    reel, metrics = records[2:4]
    assert reel == PostIn(
        platform="instagram", external_id="18034567890123402", account="shanlan.coffee",
        text="30 秒看懂義式濃縮萃取 ⏱️ #山嵐咖啡 #espresso", media_kind="reel",
        permalink="https://www.instagram.com/reel/DBy5e6F7g8H/",
        published_at="2026-11-13T12:15:00Z")
    assert metrics == MetricsIn(
        platform="instagram", post_external_id="18034567890123402", taken_at=TAKEN, reach=9876,
        impressions=12400, reactions=1203, comments=88, shares=130, saves=240, video_views=15230)
    assert [r.media_kind for r in records[::2]] == ["photo", "reel", "album", "story"]
    assert records[4].text == "冬季新品三連發：\n1. 雪嶺配方豆\n2. 黑糖燕麥拿鐵\n3. 柚香冷萃"


def test_zh_tw_headers_and_total_row():
    post, metrics, reel, _, total = parse_all(FORMAT, ZH_TW, tz=TAIPEI)
    assert (post.platform, post.external_id, post.media_kind, post.published_at) == (
        "facebook", "122158430000000201", "photo", "2026-11-22T01:30:00Z")
    assert post.text == "週末市集見！我們在華山文創園區 B 區攤位 12 號"
    assert metrics == MetricsIn(
        platform="facebook", post_external_id="122158430000000201", taken_at=TAKEN, reach=4100,
        impressions=5432, reactions=170, comments=21, shares=7, clicks=96)
    assert reel.media_kind == "reel"
    assert reel.text == "柚香冷萃回來了！限量 200 瓶，門市與官網同步開賣。"
    assert total == Skip(reason="total_row")


def test_lower_case_headers_and_localized_thousands(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        "post id,account id,description,publish time,post type,impressions,likes,plays\n"
        '18034567890123499,17841400123456789,拿鐵,11/01/2026 09:00,ig reel,12.400,"1,203",900\n',
        encoding="utf-8")
    post, metrics = parse_all(FORMAT, path, account="shanlan.coffee")
    assert (post.platform, post.account, post.media_kind, post.published_at) == (
        "instagram", "shanlan.coffee", "reel", "2026-11-01T09:00:00Z")
    assert (metrics.impressions, metrics.reactions, metrics.video_views) == (12400, 1203, 900)


def test_import_is_idempotent(load, store):
    first = load(FORMAT, FACEBOOK, tz=TAIPEI)
    assert (first.counts["posts"].new, first.counts["metrics"].new) == (5, 5)
    rows = store.query("SELECT p.external_id, p.media_kind, m.reach FROM posts p"
                       " JOIN metric_snapshots m ON m.post_id = p.id ORDER BY p.external_id")
    assert rows[1] == {"external_id": "122158430000000102", "media_kind": "reel", "reach": 12003}
    again = load(FORMAT, FACEBOOK, tz=TAIPEI)
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where, message", [
    ("broken_excel_ids.csv", "line 3", "rounded by a spreadsheet"),
    ("broken_time.csv", "line 2 (post 122158430000000101)", "Publish time"),
    ("truncated.csv", "line 3", "columns"),
    ("empty.csv", None, "empty"),
])
def test_bad_files_name_the_record(name, where, message):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / name)
    assert err.value.record == where and message in err.value.message


def test_bad_count_names_the_post(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("Post ID,Page ID,Publish time,Reach\n122158430000000101,104857600123456,"
                    "11/10/2026 21:00,很多\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, path)
    assert (err.value.record, err.value.message) == ("line 2 (post 122158430000000101)",
                                                     "reach is not a number: '很多'")
