"""YouTube Studio export: Table data, Chart data (running totals per day), Totals (skipped),
the zipped export folder, zh-TW and soft-hyphen headers, errors, and real exports."""

from __future__ import annotations

import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from xiaobian.sync.formats.youtube_studio import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import MetricsIn, PostIn, Skip

from .conftest import FIXTURES, TAKEN, parse_all, sample, sources

HERE = FIXTURES / "youtube-studio"
EXPORT = HERE / "Content 2026-08-01_2026-11-23 山嵐咖啡"
TAIPEI = ZoneInfo("Asia/Taipei")


def _zip(tmp_path: Path) -> Path:
    """The export as Studio downloads it: the folder's three CSVs in one zip."""
    path = tmp_path / f"{EXPORT.name}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("Chart data.csv", "Table data.csv", "Totals.csv"):
            archive.write(EXPORT / name, f"{EXPORT.name}/{name}")
    return path


def _views(records: list, video: str) -> list[tuple[str, int | None]]:
    return [(r.taken_at, r.video_views) for r in records
            if isinstance(r, MetricsIn) and r.post_external_id == video]


def test_sniffs_the_three_files_and_nothing_generic(tmp_path):
    assert all(FORMAT.sniff(s) for s in sources(_zip(tmp_path)))
    assert all(FORMAT.sniff(s) for s in sources(HERE / "zh-TW"))
    assert not any(FORMAT.sniff(s) for s in sources(FIXTURES / "youtube-takeout" / "Takeout"))
    other = tmp_path / "daily.csv"  # Totals.csv's columns under another name are not ours
    other.write_text("Date,Views\n2026-09-16,40\n")
    assert not FORMAT.sniff(sources(other)[0])


@pytest.mark.parametrize("path", [EXPORT / "Table data.csv", HERE / "zh-TW" / "表格資料.csv"],
                         ids=lambda p: p.name)
def test_table_rows_become_videos_with_a_snapshot(path):
    total, alishan, alishan_metrics, cold_brew, *rest = parse_all(FORMAT, path, tz=TAIPEI)
    assert total == Skip(reason="total_row")
    assert alishan == PostIn(platform="youtube", external_id="q7Lm2Xc9RtA",
                             title="阿里山單品手沖教學｜山嵐咖啡", media_kind="video",
                             permalink="https://www.youtube.com/watch?v=q7Lm2Xc9RtA",
                             published_at="2026-08-13T16:00:00Z")  # Aug 14 in Taipei
    assert alishan_metrics == MetricsIn(platform="youtube", post_external_id="q7Lm2Xc9RtA",
                                        taken_at=TAKEN, video_views=9120, impressions=118400,
                                        reactions=604, comments=122, shares=58)
    assert (cold_brew.external_id, cold_brew.title) == ("-Zk3pQw8YbE", '在家做冷萃，"三個"小訣竅')
    private = rest[-2]  # then its snapshot, all zeros
    assert (private.external_id, private.published_at) == ("b2RkP9sLmQe", None)
    assert len(rest) == 5


def test_chart_days_become_running_totals_from_publication():
    records = parse_all(FORMAT, EXPORT / "Chart data.csv", tz=TAIPEI)
    assert [r.external_id for r in records if isinstance(r, PostIn)] == [
        "q7Lm2Xc9RtA", "-Zk3pQw8YbE", "b2RkP9sLmQe"]
    assert records.count(Skip(reason="before_publish")) == 2  # Sep 16 and 17, before Sep 18
    assert _views(records, "-Zk3pQw8YbE") == [
        ("2026-09-18T15:59:59Z", 812), ("2026-09-19T15:59:59Z", 2016),
        ("2026-09-20T15:59:59Z", 2671)]
    assert [v for _, v in _views(records, "q7Lm2Xc9RtA")] == [40, 40, 75, 103, 134]
    assert [v for _, v in _views(records, "b2RkP9sLmQe")] == [0] * 5  # no publish time: kept


def test_zh_tw_chart_maps_likes_and_dates():
    post, day1, day2 = parse_all(FORMAT, HERE / "zh-TW" / "圖表資料.csv", tz=TAIPEI)
    assert post.published_at == "2026-10-22T16:00:00Z"
    assert [(m.taken_at, m.reactions, m.video_views) for m in (day1, day2)] == [
        ("2026-10-23T15:59:59Z", 41, None), ("2026-10-24T15:59:59Z", 58, None)]


def test_soft_hyphens_in_headers_are_ignored():
    post, metrics = parse_all(FORMAT, HERE / "soft-hyphen" / "Table data.csv")
    assert (post.title, post.published_at) == ("烘豆師的一天 #shorts", "2026-10-23T00:00:00Z")
    assert (metrics.video_views, metrics.impressions, metrics.comments, metrics.reactions) == (
        1730, 23930, 14, None)


def test_totals_are_skipped_with_a_reason():
    assert parse_all(FORMAT, EXPORT / "Totals.csv") == [Skip(reason="channel_totals")] * 5


def test_zipped_export_imports_once(load, store, tmp_path):
    path = _zip(tmp_path)
    first = load(FORMAT, path, tz=TAIPEI)
    assert (first.counts["posts"].new, first.counts["metrics"].new) == (4, 17)
    assert first.skipped == {"channel_totals": 5, "before_publish": 2, "total_row": 1}
    rows = store.query("SELECT m.taken_at, m.video_views, m.reactions FROM metric_snapshots m"
                       " JOIN posts p ON p.id = m.post_id WHERE p.external_id = '-Zk3pQw8YbE'"
                       " ORDER BY m.taken_at")
    assert [tuple(r.values()) for r in rows] == [
        ("2026-09-18T15:59:59Z", 812, None), ("2026-09-19T15:59:59Z", 2016, None),
        ("2026-09-20T15:59:59Z", 2671, None), (TAKEN, 4980, 318)]
    again = load(FORMAT, path, tz=TAIPEI)
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where, words", [
    ("table_bad_views.csv", "line 4", "Views is not a number"),
    ("chart_bad_date.csv", "line 3", "date"),
    ("chart_same_day_twice.csv", "line 3", "a second row"),
    ("table_truncated.csv", "line 2", "unreadable CSV"),
    ("empty.csv", None, "empty"),
])
def test_bad_files_name_the_record(name, where, words):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / "broken" / name)
    assert (err.value.record, words in err.value.message) == (where, True)


def test_real_table_exports():
    adi = parse_all(FORMAT, sample("youtube/studio_table_data_buildwithadi.csv"))
    assert adi[0] == Skip(reason="total_row")
    assert adi[1].external_id == "oEDe6JMwL7Q" and adi[1].published_at == "2020-04-29T00:00:00Z"
    assert (adi[2].video_views, adi[2].impressions, adi[2].reactions) == (58005, 797168, None)
    josh = parse_all(FORMAT, sample("youtube/studio_table_data_joshcirre_excerpt.csv"))
    posts = {r.external_id: r for r in josh if isinstance(r, PostIn)}
    assert {"-HHGH-TTqYM", "-PtBwSiKP6w", "-2B7awALB8c"} <= posts.keys()  # leading spaces gone
    assert posts["Gu83gy01gi4"].published_at is None
    views = {r.post_external_id: r.video_views for r in josh if isinstance(r, MetricsIn)}
    assert (views["6xFxE92I6Nk"], views["-HHGH-TTqYM"]) == (27102, 82)


def test_real_chart_with_a_metric_we_do_not_store():
    path = sample("youtube/studio_chart_data_joshcirre_excerpt.csv")
    assert FORMAT.sniff(sources(path)[0])
    post, *skips = parse_all(FORMAT, path)
    assert (post.external_id, post.published_at) == ("6xFxE92I6Nk", "2024-09-27T00:00:00Z")
    assert skips == [Skip(reason="metric_not_stored")] * 3
