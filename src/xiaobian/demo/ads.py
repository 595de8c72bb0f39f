"""Four weeks of daily Meta Ads rows for three ads, as Ads Manager exports them (Breakdown →
By time → Day): a carousel holding up, a subscription ad flat, and a gift-box video tiring in its
last week (frequency up, CTR down), so the report and ``alerts check`` have fatigue to show."""

from __future__ import annotations

import random
from datetime import date, timedelta

COLUMNS = ("platform", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name",
           "account_name", "period_start", "period_end", "reach", "impressions", "frequency", "spend",
           "currency", "results", "result_type", "link_clicks", "ctr", "cpm")
DAYS = 28
# ad id, name, ad set, daily reach, frequency at the start, its rise per day in the last week,
# CTR at the start, its drop per day in the last week
ADS = (("120210000000000031", "冬季雪嶺-輪播A", "台北 25-44 咖啡愛好者", 3200, 1.45, 0.0, 0.021, 0.0),
       ("120210000000000032", "耶誕禮盒-短影音B", "全台 再行銷", 2600, 1.6, 0.12, 0.018, 0.0012),
       ("120210000000000033", "訂閱制-單圖C", "全台 類似受眾", 1800, 1.3, 0.0, 0.012, 0.0))


def ad_rows(rng: random.Random, today: date) -> list[tuple]:
    rows = []
    for ad_id, name, adset, reach_base, freq, rise, ctr, drop in ADS:
        for back in range(DAYS, 0, -1):
            day = today - timedelta(days=back)
            tired = max(0, 7 - back + 1)  # 1…7 over the last week
            reach = int(reach_base * rng.uniform(0.85, 1.15) * (0.8 if tired else 1))
            frequency = freq + rise * tired + rng.uniform(-0.03, 0.03)
            impressions = int(reach * frequency)
            clicks = int(impressions * max(ctr - drop * tired, 0.002) * rng.uniform(0.9, 1.1))
            spend = round(impressions * 0.32, 2)
            stamp = f"{day:%Y-%m-%d}T00:00:00Z"
            rows.append(("facebook", ad_id, name, "12021000000000002" + ad_id[-1], adset, "120210000000000011",
                         "冬季雪嶺配方豆上市", "山嵐咖啡廣告帳號", stamp, stamp, reach, impressions,
                         round(impressions / reach, 2), spend, "TWD", clicks, "Link clicks", clicks,
                         round(clicks / impressions * 100, 2), round(spend / impressions * 1000, 2)))
    return rows
