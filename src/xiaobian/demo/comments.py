"""Seeded stream of comments: daily rhythms, Zipf authors (superfans, first-timers, fans who
went quiet), our replies, and a product-defect crisis three weeks ago. Rows are generated one
day at a time, so a million comments never sit in memory at once."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from xiaobian import templates
from xiaobian.analytics.priority import crisis_terms, priority
from xiaobian.analytics.sentiment import score
from xiaobian.demo import phrases
from xiaobian.demo.posts import DAYS, TAIPEI, taipei
from xiaobian.timeutil import to_iso

COLUMNS = ("id", "platform", "external_id", "account_id", "post_id", "parent_id", "campaign_id",
           "kind", "author_id", "author_name", "is_ours", "text", "created_at", "status", "priority",
           "sentiment", "assignee", "claimed_by", "claim_expires", "replied_at", "version")
HOUR_WEIGHTS = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1, 1, 1.1, 1.5, 1.2, 1, 1, 1.1, 1.3,
                1.6, 1.9, 2.2, 2.3, 1.8, 0.9]
CATEGORIES = (("question", 0.25), ("praise", 0.33), ("complaint", 0.1), ("casual", 0.2),
              ("spam", 0.04), ("dm", 0.05), ("mention", 0.03))
POOLS = {"question": phrases.QUESTIONS, "praise": phrases.PRAISE, "complaint": phrases.COMPLAINTS,
         "casual": phrases.CASUAL, "spam": phrases.SPAM, "crisis": phrases.CRISIS,
         "dm": phrases.QUESTIONS + phrases.COMPLAINTS, "mention": phrases.PRAISE + phrases.CASUAL}
TAGS = {"question": "問題", "complaint": "客訴", "crisis": "客訴", "spam": "spam", "praise": "稱讚"}
REPLY_TEMPLATE = {"question": 1, "dm": 4, "complaint": 3, "crisis": 3, "praise": 0, "casual": 0,
                  "mention": 0}
PUBLIC_SHARE = 0.74  # of the requested rows; our replies make up the rest
CRISIS_SHARE = 0.08
CRISIS_DAYS_AGO = 21
FRESH_HOURS = 36


@dataclass
class Context:
    rng: random.Random
    today: date
    posts: list[tuple]  # (published_at datetime, id, platform, account_id, campaign_id), by time
    account_ids: dict[str, int]
    n_total: int
    next_id: int = 1
    tags: list[tuple[int, str]] = field(default_factory=list)
    handoffs: list[tuple] = field(default_factory=list)
    _scores: dict = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        return taipei(self.today, 17)

    def score(self, text: str, kind: str) -> tuple[float, int]:
        key = (text, kind)
        if key not in self._scores:
            sentiment = score(text)
            self._scores[key] = (sentiment, priority(text, sentiment, kind=kind))
        return self._scores[key]


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` exactly (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[:total - sum(counts)]:
        counts[i] += 1
    return counts


def _author(ctx: Context, idx: int) -> tuple[str, str]:
    if idx % 5 == 4:
        return f"u{idx}", f"{phrases.EN_NAMES[idx % len(phrases.EN_NAMES)]}_{idx // 15}"
    name = phrases.SURNAMES[idx % len(phrases.SURNAMES)] + phrases.GIVEN[(idx // 30) % len(phrases.GIVEN)]
    return f"u{idx}", name if idx < 600 else f"{name}{idx // 600}"


def _times(ctx: Context, day: date, count: int, last_hour: int = 24) -> list[datetime]:
    hours = ctx.rng.choices(range(last_hour), weights=HOUR_WEIGHTS[:last_hour], k=count)
    return sorted(taipei(day, h, ctx.rng.randrange(60)) + timedelta(seconds=ctx.rng.randrange(60))
                  for h in hours)


def _crisis_times(ctx: Context, count: int) -> dict[date, list[datetime]]:
    """A sharp rise over ~12 hours, a long tail to 36 hours."""
    start = taipei(ctx.today - timedelta(days=CRISIS_DAYS_AGO), 9)
    times = sorted(start + timedelta(hours=ctx.rng.triangular(0, 36, 10)) for _ in range(count))
    by_day: dict[date, list[datetime]] = {}
    for moment in times:
        by_day.setdefault(moment.astimezone(TAIPEI).date(), []).append(moment)
    return by_day


def _status(ctx: Context, category: str, age_hours: float, replied: bool) -> tuple[str, str | None]:
    rng = ctx.rng
    if age_hours < FRESH_HOURS:
        return ("open" if rng.random() < 0.15 else "new"), None
    if category == "spam":
        return ("spam" if rng.random() < 0.8 else "new"), None
    if category == "crisis" and rng.random() < 0.3:
        return "escalated", rng.choice(phrases.STAFF)
    if replied:
        return "replied", None
    return ("new" if rng.random() < 0.04 else "done"), None


def generate(ctx: Context) -> Iterator[tuple]:
    rng = ctx.rng
    n_public = max(1, int(ctx.n_total * PUBLIC_SHARE)) if ctx.n_total > 1 else ctx.n_total
    n_crisis = int(n_public * CRISIS_SHARE)
    start = ctx.today - timedelta(days=DAYS - 1)
    days = [start + timedelta(days=i) for i in range(DAYS)]
    per_day = _allocate(n_public - n_crisis, [(1.25 if d.weekday() >= 5 else 1) * (0.8 + i / DAYS * 0.4)
                                              for i, d in enumerate(days)])
    crisis = _crisis_times(ctx, n_crisis)
    authors = max(300, n_public // 8)
    cum = list(itertools.accumulate(1 / (i + 1) ** 1.05 for i in range(authors)))
    post_times = [p[0] for p in ctx.posts]
    fresh_cut = ctx.now - timedelta(hours=FRESH_HOURS)
    emitted = 0
    replies_left = ctx.n_total - n_public
    eligible_left = sum(c for d, c in zip(days, per_day, strict=True) if taipei(d, 0) < fresh_cut) + n_crisis
    for day_index, day in enumerate(days):
        regular = _times(ctx, day, per_day[day_index], 17 if day == ctx.today else 24)
        stream = [(t, None) for t in regular] + [(t, "crisis") for t in crisis.get(day, ())]
        stream.sort(key=lambda item: item[0])
        for moment, forced in stream:
            if emitted >= ctx.n_total:
                return
            category = forced or rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
            author_idx = rng.choices(range(authors), cum_weights=cum)[0]
            if 5 <= author_idx < 40 and day_index > DAYS // 2:  # at-risk fans went quiet
                author_idx += 40
            old = moment < fresh_cut
            if old:
                eligible_left -= 1
            wants_reply = (old and category != "spam" and replies_left > 0
                           and rng.random() < replies_left / max(eligible_left + 1, 1))
            row = _public(ctx, category, author_idx, moment, post_times, wants_reply)
            yield row
            emitted += 1
            if wants_reply and emitted < ctx.n_total:
                yield _ours(ctx, row, category, moment)
                replies_left -= 1
                emitted += 1
    # an unspent reply budget becomes fresh comments today, so the count is exactly n_total
    for moment in _times(ctx, ctx.today, ctx.n_total - emitted, 17):
        category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
        yield _public(ctx, category, rng.choices(range(authors), cum_weights=cum)[0], moment,
                      post_times, False)


def _public(ctx: Context, category: str, author_idx: int, moment: datetime, post_times: list,
            wants_reply: bool) -> tuple:
    rng = ctx.rng
    text = rng.choice(POOLS[category]) + rng.choice(phrases.EMOJI_TAILS)
    kind = {"dm": "dm", "mention": "mention"}.get(category, "comment")
    post = None
    if kind == "comment":
        i = bisect.bisect_left(post_times, moment)
        if i:
            post = ctx.posts[rng.randrange(max(0, i - 8), i)]
    platform = post[2] if post else rng.choice(phrases.PLATFORMS)
    author_id, author_name = _author(ctx, author_idx)
    sentiment, prio = ctx.score(text, kind)
    age_hours = (ctx.now - moment).total_seconds() / 3600
    status, assignee = _status(ctx, category, age_hours, wants_reply)
    comment_id = ctx.next_id
    ctx.next_id += 1
    if category in TAGS and (category != "praise" or rng.random() < 0.3):
        ctx.tags.append((comment_id, TAGS[category]))
    if category == "crisis" and crisis_terms(text):
        ctx.tags.append((comment_id, "退款" if "退" in text or "refund" in text.lower() else "品質"))
    if status == "escalated":
        ctx.handoffs.append(("品管 Quality", f"冷萃瓶蓋瑕疵回報：{text[:30]}", comment_id, assignee,
                             to_iso(moment + timedelta(hours=2)), "open" if age_hours < 24 * 14 else "resolved"))
    replied_at = to_iso(moment + _reply_delay(ctx, category)) if wants_reply else None
    row = (comment_id, platform, f"{platform}-c{comment_id}", ctx.account_ids[platform],
           post[1] if post else None, None, post[4] if post else None, kind, f"{platform}:{author_id}",
           author_name, 0, text, to_iso(moment), status, prio, sentiment, assignee, None, None,
           replied_at, 0)
    return row


def _reply_delay(ctx: Context, category: str) -> timedelta:
    hours = ctx.rng.uniform(3, 20) if category == "crisis" else ctx.rng.uniform(0.1, 4)
    return timedelta(hours=hours)


def _ours(ctx: Context, parent: tuple, category: str, moment: datetime) -> tuple:
    name, body, _ = phrases.TEMPLATES[REPLY_TEMPLATE.get(category, 0)]
    text = templates.fill(body, author=parent[9], agent=ctx.rng.choice(phrases.STAFF),
                          campaign="留言抽耶誕禮盒", post_title="")
    comment_id = ctx.next_id
    ctx.next_id += 1
    platform = parent[1]
    sentiment, prio = ctx.score(text, "reply")
    return (comment_id, platform, f"{platform}-c{comment_id}", parent[3], parent[4], parent[0], parent[6],
            "reply", f"{platform}:{phrases.HANDLE}", phrases.BRAND, 1, text, parent[19],
            "done", prio, sentiment, None, None, None, None, 0)
