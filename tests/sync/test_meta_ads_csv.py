"""Meta Ads Manager CSV: daily TWD rows, a ;-separated EUR export, zh-TW headers, errors."""

from __future__ import annotations

import pytest

from xiaobian.sync.formats.meta_ads_csv import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import AdStatsIn, Skip

from .conftest import FIXTURES, parse_all, sample, sources

HERE = FIXTURES / "meta-ads-csv"
DAILY = HERE / "shanlan-ads-daily-Nov-2026.csv"
EUR = HERE / "shanlan-ads-eur.csv"
ZH_TW = HERE / "zh_tw_ads.csv"
CAMPAIGN = {"campaign_id": "120210000000000011", "campaign_name": "冬季雪嶺配方豆上市",
            "account_name": "山嵐咖啡廣告帳號"}


def test_sniffs_ads_reports_by_header_only():
    assert all(FORMAT.sniff(sources(p)[0]) for p in (DAILY, EUR, ZH_TW))
    others = [HERE / "empty.csv", *(FIXTURES / "meta-posts-csv").glob("*.csv")]
    assert not any(FORMAT.sniff(sources(p)[0]) for p in others)


@pytest.mark.parametrize("name", ["youtube/studio_table_data_buildwithadi.csv",
                                  "youtube/takeout_comments_2024_format.csv",
                                  "linkedin/Shares_excerpt_sanand0.csv",
                                  "twitter/tweets_js_excerpt_milahu.js"])
def test_does_not_claim_real_exports_of_other_formats(name):
    assert not FORMAT.sniff(sources(sample(name))[0])


def test_daily_breakdown_in_twd():
    # the file also repeats the header "Result value type", as real exports do
    first, second, video, idle = parse_all(FORMAT, DAILY)
    assert first == AdStatsIn(
        ad_id="120210000000000031", ad_name="雪嶺-輪播A", adset_id="120210000000000021",
        adset_name="台北 25-44 咖啡愛好者", **CAMPAIGN, period_start="2026-11-01T00:00:00Z",
        period_end="2026-11-01T00:00:00Z", reach=3120, impressions=4860, frequency=1.56,
        spend=4500.75, currency="TWD", results=36, result_type="Messaging conversations started",
        link_clicks=100, ctr=2.06, cpm=926.08)
    assert (second.period_start, second.period_end, second.spend) == (
        "2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z", 4450.5)
    assert (video.results, video.result_type, video.link_clicks, video.ctr) == (
        1980, "ThruPlay", None, None)
    assert (idle.reach, idle.spend, idle.results, idle.frequency) == (0, 0, None, None)


def test_semicolon_export_with_decimal_commas():
    pop_up, _ = parse_all(FORMAT, EUR)
    assert pop_up == AdStatsIn(
        ad_id="120210000000000131", ad_name="快閃店-單圖", adset_id="120210000000000121",
        adset_name="Berlin 25-44", campaign_id="120210000000000111",
        campaign_name="山嵐咖啡 柏林快閃店", account_name="Shanlan Coffee Europe",
        period_start="2026-10-01T00:00:00Z",
        period_end="2026-10-31T00:00:00Z", reach=38204, impressions=125400, frequency=3.28,
        spend=1234.56, currency="EUR", results=412, result_type="actions:link_click",
        link_clicks=412, ctr=0.33, cpm=9.84)


def test_zh_tw_headers_currency_column_and_total_row():
    total, ad = parse_all(FORMAT, ZH_TW)
    assert total == Skip(reason="total_row")
    assert (ad.ad_id, ad.ad_name, ad.campaign_name, ad.period_start, ad.period_end) == (
        "120210000000000231", "門市-單圖", "門市來客",
        "2026-11-01T00:00:00Z", "2026-11-23T00:00:00Z")
    assert (ad.spend, ad.currency, ad.results, ad.result_type, ad.ctr, ad.link_clicks) == (
        9876, "TWD", 312, "觸及人數", 1.74, 420)


def test_import_is_idempotent(load, store):
    first = load(FORMAT, DAILY)
    assert first.counts["ads"].new == 4
    totals = store.query("SELECT sum(spend) AS spend, count(DISTINCT ad_id) AS ads FROM ad_stats")
    assert totals == [{"spend": 10161.25, "ads": 2}]
    again = load(FORMAT, DAILY).counts["ads"]
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4)


@pytest.mark.parametrize("name, where, message", [
    ("broken_campaign_level.csv", "header", "has no Ad ID column"),
    ("broken_excel_ids.csv", "line 2", "rounded by a spreadsheet"),
    ("broken_age_breakdown.csv", "line 3 (ad 120210000000000031)", "period of line 2"),
    ("broken_date.csv", "line 2 (ad 120210000000000031)", "Reporting starts"),
    ("empty.csv", None, "empty"),
])
def test_bad_files_name_the_record(name, where, message):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / name)
    assert err.value.record == where and message in err.value.message
