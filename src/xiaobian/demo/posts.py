"""Seeded posts with metric snapshots over ~90 days, with a real signal in them:
reels at 20:00 reach further and engage more than photos at noon."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from xiaobian.demo import phrases
from xiaobian.timeutil import to_iso

TAIPEI = ZoneInfo("Asia/Taipei")
DAYS = 90
# platform: (probability of a post on a day, media kinds, hours in Taipei, base reach)
CADENCE = {
    "instagram": (0.9, ("photo", "reel", "album"), (12, 20), 4200),
    "facebook": (0.8, ("photo", "link", "video"), (9, 12, 19), 3100),
    "threads": (0.7, ("text", "photo"), (10, 21), 1800),
    "youtube": (1 / 7, ("video",), (18,), 2600),
    "line": (2 / 7, ("text", "photo"), (11,), 9000),
    "x": (0.6, ("text", "link"), (8, 13, 22), 900),
}
MEDIA_LIFT = {"reel": 1.9, "video": 1.4, "album": 1.1, "photo": 1.0, "text": 0.7, "link": 0.6}
HOUR_LIFT = {20: 1.35, 21: 1.2, 19: 1.15, 12: 1.0}


def taipei(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TAIPEI).astimezone(UTC)


def caption(rng: random.Random, media: str) -> str:
    text = rng.choice(phrases.CAPTIONS[media])
    return text.format(bean=rng.choice(phrases.BEANS), note=rng.choice(phrases.NOTES))


def generate_posts(rng: random.Random, today: date, account_ids: dict[str, int],
                   campaign_ids: tuple[int, int]) -> tuple[list[dict], list[dict]]:
    """Published posts of the last DAYS days and the plan for the next two weeks."""
    posts: list[dict] = []
    start = today - timedelta(days=DAYS)
    for offset in range(DAYS):
        day = start + timedelta(days=offset)
        for platform, (chance, kinds, hours, _) in CADENCE.items():
            if rng.random() >= chance:
                continue
            media = rng.choice(kinds)
            hour = 20 if media == "reel" and rng.random() < 0.7 else rng.choice(hours)
            published = taipei(day, hour, rng.randrange(0, 30))
            text = caption(rng, media)
            n = len(posts) + 1
            posts.append({
                "platform": platform, "account_id": account_ids[platform],
                "external_id": f"{platform}-{day:%Y%m%d}-{n}", "title": text[:24], "text": text,
                "media_kind": media, "permalink": f"https://{platform}.example/shanlan/posts/{n}",
                "status": "published", "scheduled_at": None, "published_at": to_iso(published),
                "campaign_id": campaign_ids[0] if "冬季限定" in text else None, "notes": "",
            })
    plan = []
    for offset in range(1, 15, 1):
        if offset % 3 and offset != 1:
            continue
        day = today + timedelta(days=offset)
        platform = ("instagram", "facebook", "threads", "line", "youtube")[offset % 5]
        status = ("scheduled", "draft", "idea")[offset % 3]
        text = caption(rng, "photo")
        plan.append({
            "platform": platform, "account_id": account_ids[platform], "external_id": None,
            "title": text[:24], "text": text, "media_kind": "photo", "permalink": None, "status": status,
            "scheduled_at": to_iso(taipei(day, 20)), "published_at": None,
            "campaign_id": campaign_ids[1] if offset > 6 else None, "notes": "待設計確認圖片",
        })
    return posts, plan


def snapshots(rng: random.Random, post_id: int, post: dict, now: datetime) -> list[dict]:
    """Cumulative counters at +2 h, +1 d and +7 d (those already in the past)."""
    published = datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    hour = published.astimezone(TAIPEI).hour
    reach_full = (CADENCE[post["platform"]][3] * MEDIA_LIFT[post["media_kind"]]
                  * HOUR_LIFT.get(hour, 0.9) * rng.uniform(0.6, 1.4))
    engage = 0.045 * MEDIA_LIFT[post["media_kind"]] ** 0.5 * HOUR_LIFT.get(hour, 0.9) * rng.uniform(0.7, 1.3)
    boosted = rng.random() < 0.12
    rows = []
    for delay, share in ((timedelta(hours=2), 0.35), (timedelta(days=1), 0.8), (timedelta(days=7), 1.0)):
        taken = published + delay
        if taken > now:
            break
        reach = int(reach_full * share * (1.8 if boosted else 1))
        reactions = int(reach * engage * 0.7)
        rows.append({
            "post_id": post_id, "taken_at": to_iso(taken), "reach": reach,
            "impressions": int(reach * rng.uniform(1.2, 1.6)), "reactions": reactions,
            "comments": int(reactions * 0.12), "shares": int(reactions * 0.05),
            "saves": int(reactions * (0.2 if post["media_kind"] in ("reel", "album") else 0.06)),
            "clicks": int(reach * 0.012), "video_views": int(reach * 0.8) if post["media_kind"] in ("reel", "video") else None,
            "conversions": int(reach * 0.0015), "spend": round(reach * 0.09, 2) if boosted else None,
        })
    return rows
