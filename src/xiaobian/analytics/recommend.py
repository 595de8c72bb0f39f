"""Concrete recommendations derived from a report's numbers. Each rule fires only on enough
data (``MIN_POSTS`` posts per compared group, a clear gap), cites the numbers it used, and keeps
them in ``evidence`` so a test can check every one against the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaobian.analytics.metrics import PostMetrics
from xiaobian.i18n import t
from xiaobian.sanitize import clean
from xiaobian.timeutil import local_display

if TYPE_CHECKING:
    from xiaobian.analytics.report import Recommendation, Report

MIN_POSTS = 3
MIN_LIFT = 1.2
SLA_TARGET = 0.8


def pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def fmt_name(kind: str) -> str:
    return t(f"analytics.format.{kind}")


def _rec(kind: str, evidence: dict, **shown) -> Recommendation:
    from xiaobian.analytics.report import Recommendation

    return Recommendation(kind, t(f"analytics.recommend.{kind}", **shown), evidence)


def _enough(rows: list[PostMetrics]) -> list[PostMetrics]:
    return [r for r in rows if r.posts >= MIN_POSTS and r.engagement_rate_reach.value]


def format_hour(report: Report) -> Recommendation | None:
    """The best format-and-hour cell against the most-posted other format."""
    cells = _enough(report.by_format_hour)
    if not cells:
        return None
    best = max(cells, key=lambda r: r.engagement_rate_reach.value)
    others = [r for r in _enough(report.by_format) if r.key["media_kind"] != best.key["media_kind"]]
    if not others:
        return None
    base = max(others, key=lambda r: (r.posts, -r.engagement_rate_reach.value))
    a, b = best.engagement_rate_reach.value, base.engagement_rate_reach.value
    if a / b < MIN_LIFT:
        return None
    evidence = {"format": best.key["media_kind"], "hour": best.key["local_hour"], "rate": a, "posts": best.posts,
                "base_format": base.key["media_kind"], "base_rate": b, "base_posts": base.posts, "ratio": a / b}
    return _rec("format_hour", evidence, format=fmt_name(best.key["media_kind"]), hour=f"{best.key['local_hour']:02d}:00",
                ratio=f"{a / b:.1f}", base=fmt_name(base.key["media_kind"]), rate=pct(a), base_rate=pct(b),
                posts=best.posts, base_posts=base.posts)


def hours(report: Report) -> Recommendation | None:
    """The best posting hour against the weakest."""
    rows = _enough(report.by_hour)
    if len(rows) < 2:
        return None
    best = max(rows, key=lambda r: r.engagement_rate_reach.value)
    worst = min(rows, key=lambda r: r.engagement_rate_reach.value)
    a, b = best.engagement_rate_reach.value, worst.engagement_rate_reach.value
    if a / b < MIN_LIFT:
        return None
    evidence = {"hour": best.key["local_hour"], "rate": a, "posts": best.posts, "base_hour": worst.key["local_hour"],
                "base_rate": b, "base_posts": worst.posts, "ratio": a / b}
    return _rec("hours", evidence, hour=f"{best.key['local_hour']:02d}:00", base_hour=f"{worst.key['local_hour']:02d}:00",
                ratio=f"{a / b:.1f}", rate=pct(a), base_rate=pct(b), posts=best.posts, base_posts=worst.posts)


def _busiest_window(report: Report, width: int = 4) -> tuple[int, int]:
    """(first local hour, messages) of the ``width`` consecutive hours with the most messages."""
    counts = {r.key["local_hour"]: r.inbound for r in report.inbound_by_hour}
    windows = [(sum(counts.get((h + i) % 24, 0) for i in range(width)), -h) for h in range(24)]
    total, start = max(windows)
    return -start, total


def response(report: Report) -> Recommendation | None:
    """Too few first replies within the target: say when messages arrive."""
    r = report.response
    if r is None or not r.responded or r.sla_rate.value >= SLA_TARGET:
        return None
    start, in_window = _busiest_window(report)
    evidence = {"within": r.sla_rate.value, "sla": report.sla_minutes, "median": round(r.median_minutes),
                "start": start, "end": (start + 4) % 24, "share": in_window / r.inbound}
    return _rec("response", evidence, within=pct(r.sla_rate.value), sla=report.sla_minutes,
                median=round(r.median_minutes), share=pct(in_window / r.inbound), start=f"{start:02d}:00",
                end=f"{(start + 4) % 24:02d}:00")


def spike(report: Report) -> Recommendation | None:
    if not report.spikes:
        return None
    s = max(report.spikes, key=lambda x: x.total)
    evidence = {"peak": s.peak_count, "baseline": s.baseline, "total": s.total, "day": s.peak_hour}
    return _rec("spike", evidence, day=local_display(s.peak_hour, report.tz, "%Y-%m-%d"), peak=s.peak_count,
                baseline=f"{s.baseline:g}", total=s.total)


def rising_keyword(report: Report) -> Recommendation | None:
    found = next((tr for tr in report.trends if tr.kind == "keyword" and tr.growth >= 3), None)
    if found is None:
        return None
    evidence = {"term": found.term, "count": found.count, "previous": found.previous}
    return _rec("keyword", evidence, term=clean(found.term, 40), count=found.count, previous=found.previous,
                before=report.previous.label)


def at_risk(report: Report) -> Recommendation | None:
    if not report.at_risk:
        return None
    first = report.at_risk[0]
    evidence = {"fans": len(report.at_risk), "name": first.author_name, "comments": first.comments}
    return _rec("at_risk", evidence, fans=len(report.at_risk), name=clean(first.author_name, 40),
                comments=first.comments)


def fatigue(report: Report) -> list[Recommendation]:
    out = []
    for ad in report.fatigued[:2]:
        evidence = {"ad": ad.ad_id, "freq_before": ad.before.frequency.value, "freq_after": ad.after.frequency.value,
                    "ctr_before": ad.before.ctr.value, "ctr_after": ad.after.ctr.value}
        out.append(_rec("fatigue", evidence, ad=clean(ad.ad_name or ad.ad_id, 60),
                        freq_before=f"{ad.before.frequency.value:.2f}", freq_after=f"{ad.after.frequency.value:.2f}",
                        ctr_before=pct(ad.before.ctr.value), ctr_after=pct(ad.after.ctr.value)))
    return out


def recommendations(report: Report) -> list[Recommendation]:
    found = [rule(report) for rule in (format_hour, hours, response, spike, rising_keyword, at_risk)]
    return [r for r in found if r is not None] + fatigue(report)
