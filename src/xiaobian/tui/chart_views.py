"""The charts of the charts screen: each turns core results (``analytics.metrics``/``series``)
into a ChartView, the drawing and its table of numbers. Runs in a thread worker; no SQL here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo

from xiaobian.analytics import competitors, metrics, series
from xiaobian.analytics.period import Period, month_period, span
from xiaobian.analytics.spikes import BASELINE_HOURS, Spike, detect
from xiaobian.i18n import t
from xiaobian.store import Store
from xiaobian.timeutil import from_iso
from xiaobian.tui.widgets.cells import platform_badge
from xiaobian.tui.widgets.chart import ChartView, Series

PERIODS = ("7d", "30d", "90d", "month")
RANK_LIMIT = 5
PERCENT = "{:.1%}"


def period_for(choice: str, now: datetime, tz: tzinfo) -> Period:
    """The last 7/30/90 local days up to and including today, or this calendar month."""
    today = now.astimezone(tz).date()
    if choice == "month":
        return month_period(f"{today:%Y-%m}", tz)
    end = datetime.combine(today + timedelta(days=1), time(0), tz)
    return span(end - timedelta(days=int(choice.removesuffix("d"))), end, tz)


def _bucket(period: Period) -> str:
    return "week" if period.days > 45 else "day"


def _platforms(rows, platform: str | None):
    return [r for r in rows if platform is None or r.key.get("platform") == platform]


def _posts_over_time(store: Store, period: Period, platform: str | None, engagement: bool) -> ChartView:
    bucket = _bucket(period)
    labels = series.buckets(period, bucket)
    rows = _platforms(metrics.post_metrics(store, period, (bucket, "platform")), platform)
    lines = []
    for name in sorted({r.key["platform"] for r in rows}):
        by_bucket = {r.key[bucket]: r for r in rows if r.key["platform"] == name}
        values = tuple((by_bucket[b].engagement_rate_reach.value if engagement else by_bucket[b].reach)
                       if b in by_bucket else None for b in labels)
        lines.append(Series(name, f"platform-{name}", values))
    table = tuple((str(r.key[bucket]), r.key["platform"], f"{r.posts:,}", f"{r.reach:,}", f"{r.engagements:,}",
                   _pct(r.engagement_rate_reach.value)) for r in rows)
    return ChartView("lines", tuple(labels), tuple(lines),
                     (t(f"charts.col.{bucket}"), t("charts.col.platform"), t("charts.col.posts"),
                      t("charts.col.reach"), t("charts.col.engagements"), t("charts.col.rate")),
                     table, PERCENT if engagement else "{:,.0f}")


def reach(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    return _posts_over_time(store, period, platform, engagement=False)


def engagement(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    return _posts_over_time(store, period, platform, engagement=True)


def _pct(value: float | None) -> str:
    return "" if value is None else PERCENT.format(value)


def posts(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    top, bottom = series.post_ranking(store, period, platform, limit=RANK_LIMIT)
    ranked = [("top", p) for p in top] + [("bottom", p) for p in bottom]
    labels = [f"{platform_badge(p.platform)} {p.title or t('charts.untitled')}" for _, p in ranked]
    values: list[float | None] = [p.rate for _, p in ranked]
    if top and bottom:  # a blank bar between the best and the worst
        labels.insert(len(top), "⋯")
        values.insert(len(top), None)
    table = tuple((t(f"charts.rank.{group}"), p.platform, f"{from_iso(p.published_at).astimezone(tz):%Y-%m-%d %H:%M}",
                   p.title, f"{p.reach:,}", f"{p.engagements:,}", _pct(p.rate)) for group, p in ranked)
    return ChartView("bars", tuple(labels), (Series(t("charts.col.rate"), "chart-1", tuple(values)),),
                     (t("charts.col.rank"), t("charts.col.platform"), t("charts.col.published"),
                      t("charts.col.title"), t("charts.col.reach"), t("charts.col.engagements"),
                      t("charts.col.rate")), table, PERCENT)


def hours(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    cells = series.posting_hours(store, period, platform)
    grid = {(c.weekday, c.hour): c.rate for c in cells}
    rows = tuple(Series(t(f"charts.weekday.{d}"), "chart-heat", tuple(grid.get((d, h)) for h in range(24)))
                 for d in range(7))
    table = tuple((t(f"charts.weekday.{c.weekday}"), f"{c.hour:02d}:00", f"{c.posts:,}", f"{c.reach:,}",
                   f"{c.engagements:,}", _pct(c.rate)) for c in cells)
    return ChartView("heat", tuple(s.label for s in rows), rows,
                     (t("charts.col.weekday"), t("charts.col.hour"), t("charts.col.posts"), t("charts.col.reach"),
                      t("charts.col.engagements"), t("charts.col.rate")), table, PERCENT)


def volume(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    """Messages per hour (7 days) or day, by sentiment; spikes of negative comments (all
    platforms, ``analytics.spikes``) marked on the bucket of their peak hour."""
    bucket = "hour" if period.days <= 7 else "day"
    points = series.comment_volume(store, period, bucket, platform)
    labels = tuple(p.bucket for p in points)
    peaks = {}
    for spike in _spikes(store, period):
        peaks.setdefault(series.local_bucket(spike.peak_hour, period.offset, bucket), spike)
    lines = (Series(t("charts.col.total"), "chart-1", tuple(p.total for p in points)),
             Series(t("charts.col.negative"), "sentiment-negative", tuple(p.negative for p in points)),
             Series(t("charts.col.positive"), "sentiment-positive", tuple(p.positive for p in points)))
    table = tuple((p.bucket.replace("T", " ") + ("h" if bucket == "hour" else ""), f"{p.total:,}",
                   f"{p.negative:,}", f"{p.neutral:,}", f"{p.positive:,}",
                   _spike_text(peaks[p.bucket], period) if p.bucket in peaks else "")
                  for p in points if p.total or p.bucket in peaks)
    notes = tuple(t("charts.spike_note", when=_spike_text(s, period), total=f"{s.total:,}") for s in peaks.values())
    return ChartView("lines", labels, lines,
                     (t(f"charts.col.{bucket}"), t("charts.col.total"), t("charts.col.negative"),
                      t("charts.col.neutral"), t("charts.col.positive"), t("charts.col.spike")), table,
                     marks=tuple(labels.index(b) for b in peaks if b in labels), notes=notes)


def _spikes(store: Store, period: Period) -> list[Spike]:
    """``spikes.find_spikes`` over the period, from the hourly rollup, leaving out what falls in
    the first week of the database's history (no week before it to judge it against)."""
    first = series.first_message(store)
    if first is None:
        return []
    judged_from = from_iso(f"{first}:00:00Z") + timedelta(hours=BASELINE_HOURS)
    start, end = from_iso(period.start), from_iso(period.end)
    found = detect(series.hourly_negative(store, start - timedelta(hours=BASELINE_HOURS), end))
    return [s for s in found if from_iso(s.start) >= max(start, judged_from)]


def _spike_text(spike: Spike, period: Period) -> str:
    peak = from_iso(spike.peak_hour) + timedelta(minutes=period.offset)
    if spike.ratio is None:
        return t("charts.spike_peak_from_quiet", hour=f"{peak:%m-%d %H}:00", count=spike.peak_count)
    return t("charts.spike_peak", hour=f"{peak:%m-%d %H}:00", count=spike.peak_count, ratio=f"{spike.ratio:.1f}")


def response_day(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    by_day = {r.key: r for r in series.response_times(store, period, "day", platform)}
    labels = tuple(series.buckets(period, "day"))
    lines = (Series(t("charts.col.median"), "chart-1",
                    tuple(by_day[d].median_minutes if d in by_day else None for d in labels)),
             Series(t("charts.col.p90"), "chart-2", tuple(by_day[d].p90_minutes if d in by_day else None for d in labels)))
    return ChartView("lines", labels, lines, _response_columns("day"), _response_rows(by_day.values()), t("charts.minutes"))


def response_person(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    people = series.response_times(store, period, "person", platform)
    labels = tuple(r.key or t("charts.page") for r in people)
    bars = (Series(t("charts.col.median"), "chart-1", tuple(r.median_minutes for r in people)),
            Series(t("charts.col.p90"), "chart-2", tuple(r.p90_minutes for r in people)))
    return ChartView("bars", labels, bars, _response_columns("person"), _response_rows(people), t("charts.minutes"))


def _response_columns(key: str) -> tuple[str, ...]:
    return (t(f"charts.col.{key}"), t("charts.col.answered"), t("charts.col.median"), t("charts.col.p90"))


def _response_rows(rows) -> tuple[tuple[str, ...], ...]:
    minutes = t("charts.minutes")
    return tuple((r.key or t("charts.page"), f"{r.responded:,}", minutes.format(r.median_minutes),
                  minutes.format(r.p90_minutes)) for r in rows)


def _ads(store: Store, period: Period, platform: str | None, results: bool) -> ChartView:
    rows = _platforms(metrics.ad_metrics(store, period, ("day", "platform")), platform)
    labels = tuple(series.buckets(period, "day"))
    lines = []
    for currency in sorted({r.currency for r in rows}):
        sums: dict[str, float] = {}
        for r in rows:
            if r.currency == currency:
                sums[r.key["day"]] = sums.get(r.key["day"], 0) + (r.results if results else r.spend)
        name = t("charts.col.results") if results else t("charts.col.spend")
        lines.append(Series(f"{name} {currency}".strip(), f"chart-{len(lines) % 3 + 1}",
                            tuple(sums.get(d) for d in labels)))
    table = tuple((r.key["day"], r.key["platform"], r.currency, f"{r.spend:,.2f}", f"{r.results:,.0f}",
                   f"{r.link_clicks:,}", "" if r.cost_per_result.value is None else f"{r.cost_per_result.value:,.2f}")
                  for r in rows)
    notes = () if rows else (t("charts.no_ads"),)
    return ChartView("lines", labels, tuple(lines),
                     (t("charts.col.day"), t("charts.col.platform"), t("charts.col.currency"), t("charts.col.spend"),
                      t("charts.col.results"), t("charts.col.clicks"), t("charts.col.cost_per_result")),
                     table, "{:,.0f}", notes=notes)


def ad_spend(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    return _ads(store, period, platform, results=False)


def ad_results(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    return _ads(store, period, platform, results=True)


def rivals(store: Store, period: Period, platform: str | None, tz: tzinfo) -> ChartView:
    """Our accounts beside the competitors' (``analytics.competitors``): engagements per post as
    bars, cadence, formats and top post in the table."""
    rows = [a for a in competitors.compare(store, period) if platform in (None, a.platform)]
    labels = tuple(f"{platform_badge(a.platform)} {a.handle or t('charts.ours')}"
                   + ("" if not a.competitor else f" ({t('charts.rival')})") for a in rows)
    values = tuple(a.engagement_per_post.value for a in rows)
    table = tuple((a.platform, a.handle or t("charts.ours"), t("charts.rival") if a.competitor else t("charts.ours"),
                   f"{a.posts:,}", f"{a.per_week:,.1f}", "" if a.engagement_per_post.value is None
                   else f"{a.engagement_per_post.value:,.1f}", " ".join(f"{k} {n}" for k, n in a.formats.items()),
                   f"{a.top_title} ({a.top_engagements:,})") for a in rows)
    notes = () if competitors.has_competitors(rows) else (t("charts.no_rivals"),)
    return ChartView("bars", labels, (Series(t("charts.col.per_post"), "chart-1", values),),
                     (t("charts.col.platform"), t("charts.col.account"), t("charts.col.side"), t("charts.col.posts"),
                      t("charts.col.per_week"), t("charts.col.per_post"), t("charts.col.formats"),
                      t("charts.col.top_post")), table, "{:,.1f}", notes=notes)


CHARTS: dict[str, Callable[[Store, Period, str | None, tzinfo], ChartView]] = {
    "reach": reach, "engagement": engagement, "posts": posts, "hours": hours, "volume": volume,
    "response_day": response_day, "response_person": response_person, "ad_spend": ad_spend,
    "ad_results": ad_results, "rivals": rivals,
}
