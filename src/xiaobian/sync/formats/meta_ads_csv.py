"""Meta Ads Manager export (Reports → Export table data → CSV): one row per ad per reporting
period, or per day with Breakdown → By time → Day. Each row becomes an ad stats record keyed by
the ad id and the period. The currency comes from the spend column's name (``Amount spent
(TWD)``) or a ``Currency`` column; English and Traditional Chinese headers, ``;``-separated
exports with ``1234,56`` decimals and duplicated header names are all read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from functools import partial

from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import (
    CsvTable,
    RecordError,
    check_id,
    from_format,
    head_rows,
    map_columns,
    normal_header,
    to_number,
)
from xiaobian.sync.records import AdStatsIn, Record, Skip
from xiaobian.sync.source import Source

ALIASES: dict[str, tuple[str, ...]] = {
    "starts": ("Reporting starts", "報告開始"),
    "ends": ("Reporting ends", "報告結束"),
    "day": ("Day", "日", "天"),
    "account_name": ("Account name", "帳號名稱"),
    "campaign_id": ("Campaign ID", "行銷活動編號"),
    "campaign_name": ("Campaign name", "行銷活動名稱"),
    "adset_id": ("Ad set ID", "廣告組合編號"),
    "adset_name": ("Ad set name", "廣告組合名稱"),
    "ad_id": ("Ad ID", "廣告編號"),
    "ad_name": ("Ad name", "廣告名稱"),
    "reach": ("Reach", "觸及人數"),
    "impressions": ("Impressions", "曝光次數"),
    "frequency": ("Frequency", "頻率"),
    "spend": ("Amount spent (*", "Amount spent", "花費金額 (*", "花費金額(*", "花費金額"),
    "currency": ("Currency", "幣別"),
    "results": ("Results", "成果"),
    "result_type": ("Result type", "Result indicator", "成果類型", "成果指標"),
    "link_clicks": ("Link clicks", "連結點擊次數"),
    "ctr": ("CTR (link click-through rate)", "CTR (連結點閱率)", "CTR(連結點閱率)"),
    "cpm": ("CPM (cost per 1,000 impressions*", "CPM (每千次廣告曝光成本*",
            "CPM(每千次廣告曝光成本*"),
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")
_SPEND_CURRENCY = re.compile(r"(?:amount spent|花費金額) ?\(([a-z]{3})\)")
_DOT_GROUPS = re.compile(r"-?\d{1,3}(?:\.\d{3})+")


def _delimiter(source: Source) -> str | None:
    """The separator of the header line among the first lines, None when there is none."""
    for delimiter, cells in head_rows(source):
        if {"starts", "spend"} <= map_columns(cells, ALIASES).keys():
            return delimiter
    return None


def sniff(source: Source) -> bool:
    return _delimiter(source) is not None


def _number(row: dict[str, str], record: str, field: str, *, european: bool) -> float | None:
    """``4,500.75``; in a ``;``-separated export ``1.234,56``, ``1 234,56`` and ``125.400``."""
    value = row.get(field, "").replace("\u202f", "")
    if european and ("," in value or _DOT_GROUPS.fullmatch(value)):
        value = value.replace(".", "").replace(",", ".")
    return to_number(value, record, field)


def _whole(number: float | None) -> int | None:
    return None if number is None else round(number)


def _date(value: str, record: str, field: str) -> str:
    if not value:
        raise RecordError(record, f"{field} is empty",
                          "export the report again with its date columns")
    return from_format(value, DATE_FORMATS, UTC, record, field)


def _currency(raw: dict[str, str]) -> str:
    """The ISO code in the spend column's name, e.g. ``Amount spent (TWD)``."""
    for header in raw:
        if match := _SPEND_CURRENCY.fullmatch(normal_header(header)):
            return match.group(1).upper()
    return ""


def _is_summary(row: dict[str, str]) -> bool:
    """``Total``, ``總計`` or a row with neither an ad id nor an ad name: not an ad."""
    ad_id = row["ad_id"]
    return not any(c.isdigit() for c in ad_id) and bool(ad_id or not row.get("ad_name"))


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    table = CsvTable(source, ALIASES, required=("starts", "spend"), encoding=ctx.encoding)
    european = _delimiter(source) == ";"
    seen: dict[tuple[str, str, str], int] = {}
    for line, row, raw in table.rows():
        if "ad_id" not in row:
            raise RecordError("header", "has no Ad ID column",
                              "in Ads Manager, export the Ads tab (ad level) with the Ad ID column")
        if _is_summary(row):
            yield Skip(reason="total_row")
            continue
        ad_id = check_id(row["ad_id"], f"line {line}", "Ad ID")
        record = f"line {line} (ad {ad_id})"
        if row.get("day"):
            start = end = _date(row["day"], record, "Day")
        else:
            start = _date(row["starts"], record, "Reporting starts")
            end = _date(row.get("ends", ""), record, "Reporting ends")
        if (key := (ad_id, start, end)) in seen:
            raise RecordError(record, f"repeats the ad and period of line {seen[key]}",
                              "export without breakdowns other than By time → Day")
        seen[key] = line
        number = partial(_number, row, record, european=european)
        yield AdStatsIn(
            ad_id=ad_id, ad_name=row.get("ad_name", ""), adset_id=row.get("adset_id", ""),
            adset_name=row.get("adset_name", ""), campaign_id=row.get("campaign_id", ""),
            campaign_name=row.get("campaign_name", ""), account_name=row.get("account_name", ""),
            period_start=start, period_end=end, reach=_whole(number("reach")),
            impressions=_whole(number("impressions")), frequency=number("frequency"),
            spend=number("spend"), currency=_currency(raw) or row.get("currency", "").upper(),
            results=number("results"), result_type=row.get("result_type", ""),
            link_clicks=_whole(number("link_clicks")), ctr=number("ctr"), cpm=number("cpm"))


FORMAT = Format(name="meta-ads-csv", sniff=sniff, parse=parse)
