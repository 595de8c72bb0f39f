"""The report laid out once as plain blocks (headings, paragraphs, tables, charts); Markdown and
HTML render the same blocks. Text here is plain: each renderer escapes for its own format."""

from __future__ import annotations

from dataclasses import dataclass, field

from xiaobian.analytics.recommend import fmt_name, pct
from xiaobian.analytics.report import Kpi, Report
from xiaobian.i18n import t
from xiaobian.sanitize import clean
from xiaobian.timeutil import local_display


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    """Columns aligned right."""


@dataclass(frozen=True)
class Chart:
    title: str
    labels: list[str]
    values: list[float]
    unit: str = "count"
    """``count`` or ``percent``."""


Block = Heading | Para | Items | Table | Chart


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "percent":
        return pct(value)
    if unit == "minutes":
        return f"{value:,.0f} {t('analytics.report.min')}"
    if unit == "money":
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def _change(kpi: Kpi) -> str:
    change = kpi.change
    return "–" if change is None else f"{change * 100:+.1f}%"


def _text(text: str, limit: int = 60) -> str:
    return " ".join(clean(text, limit).split())


def _rate(rows, key, value) -> str:
    row = next((r for r in rows if r.key.get(key) == value), None)
    return pct(row.engagement_rate_reach.value) if row and row.engagement_rate_reach.value else "–"


def _posts(r: Report) -> list[Block]:
    blocks: list[Block] = [Heading(t("analytics.report.top_posts"))]
    if not r.top_posts:
        return [*blocks, Para(t("analytics.report.no_posts"))]
    overall = pct(r.posts.engagement_rate_reach.value) if r.posts and r.posts.engagement_rate_reach.value else "–"
    rows = []
    for i, p in enumerate(r.top_posts, 1):
        why = t("analytics.report.why", format=fmt_name(p.media_kind), format_rate=_rate(r.by_format, "media_kind", p.media_kind),
                hour=f"{p.local_hour:02d}:00", hour_rate=_rate(r.by_hour, "local_hour", p.local_hour), overall=overall)
        rows.append([str(i), p.platform, fmt_name(p.media_kind), local_display(p.published_at, r.tz, "%m-%d %H:%M"),
                     _text(p.title or p.text), f"{p.reach:,}", pct(p.engagement_rate_reach.value or 0), why])
    blocks.append(Table([t(f"analytics.report.col.{c}") for c in
                         ("rank", "platform", "format", "posted", "topic", "reach", "er", "why")], rows, {0, 5, 6}))
    for title, key, rows_of in ((t("analytics.report.by_format"), "media_kind", r.by_format),
                                (t("analytics.report.by_hour"), "local_hour", r.by_hour)):
        label = (lambda k: fmt_name(k)) if key == "media_kind" else (lambda k: f"{k:02d}:00")
        blocks += [Heading(title, 3), Table(
            [t("analytics.report.col.group"), t("analytics.report.col.posts"), t("analytics.report.col.er"),
             t("analytics.report.col.er_impressions")],
            [[label(m.key[key]), str(m.posts), _num(m.engagement_rate_reach.value, "percent"),
              _num(m.engagement_rate_impressions.value, "percent")] for m in rows_of], {1, 2, 3}),
            Chart(title, [label(m.key[key]) for m in rows_of], [m.engagement_rate_reach.value or 0 for m in rows_of],
                  "percent")]
    return blocks


def _community(r: Report) -> list[Block]:
    blocks: list[Block] = [Heading(t("analytics.report.community"))]
    cols = ("platform", "inbound", "responded", "median", "median_business", "within_sla")
    blocks.append(Table([t(f"analytics.report.col.{c}", sla=r.sla_minutes) for c in cols], [
        [m.key["platform"], f"{m.inbound:,}", _num(m.response_rate.value, "percent"),
         _num(m.median_minutes, "minutes"), _num(m.median_business_minutes, "minutes"), _num(m.sla_rate.value, "percent")]
        for m in r.response_by_platform], {1, 2, 3, 4, 5}))
    blocks.append(Chart(t("analytics.report.inbound_by_day"), [m.key["day"][5:] for m in r.inbound_by_day],
                        [m.inbound for m in r.inbound_by_day]))
    for title, fans in ((t("analytics.report.top_fans"), r.top_fans), (t("analytics.report.new_fans"), r.new_fans),
                        (t("analytics.report.at_risk", count=len(r.at_risk)), r.at_risk[:5])):
        blocks.append(Heading(title, 3))
        blocks.append(Items([t("analytics.report.fan", name=_text(f.author_name, 40), platform=f.platform,
                                 comments=f.comments, last=f.last_seen[:10]) for f in fans]
                            or [t("analytics.report.none")]))
    blocks.append(Heading(t("analytics.report.spikes"), 3))
    blocks.append(Items([t("analytics.report.spike", start=local_display(s.start, r.tz), peak=s.peak_count,
                           baseline=f"{s.baseline:g}", total=s.total) for s in r.spikes] or [t("analytics.report.none")]))
    return blocks


def _trends(r: Report) -> list[Block]:
    blocks: list[Block] = [Heading(t("analytics.report.trends"))]
    if not r.trends:
        return [*blocks, Para(t("analytics.report.none"))]
    if r.trend_stride > 1:
        blocks.append(Para(t("analytics.report.sampled", stride=r.trend_stride)))
    blocks.append(Table([t("analytics.report.col.term"), t("analytics.report.col.kind"), r.period.label, r.previous.label],
                        [[_text(tr.term, 40), t(f"analytics.report.{tr.kind}"), f"{tr.count:,}", f"{tr.previous:,}"]
                         for tr in r.trends], {2, 3}))
    return blocks


def _ads(r: Report) -> list[Block]:
    if not r.ads and not r.fatigued:
        return []
    blocks: list[Block] = [Heading(t("analytics.report.ads"))]
    blocks.append(Table([t(f"analytics.report.col.{c}") for c in ("currency", "spend", "impressions", "ctr", "cpm", "frequency")],
                        [[a.currency, f"{a.spend:,.2f}", f"{a.impressions:,}", _num(a.ctr.value, "percent"),
                          _num(a.cpm.value, "money"), _num(a.frequency.value, "money")] for a in r.ads], {1, 2, 3, 4, 5}))
    if r.fatigued:
        blocks.append(Items([t("analytics.report.fatigued", ad=_text(ad.ad_name or ad.ad_id, 60),
                                 freq_before=f"{ad.before.frequency.value:.2f}", freq_after=f"{ad.after.frequency.value:.2f}",
                                 ctr_before=pct(ad.before.ctr.value), ctr_after=pct(ad.after.ctr.value))
                               for ad in r.fatigued]))
    return blocks


def _competitors(r: Report) -> list[Block]:
    blocks: list[Block] = [Heading(t("analytics.report.competitors"))]
    if not any(a.competitor for a in r.competitors):
        return [*blocks, Para(t("analytics.report.no_competitors"))]
    rows = [[(t("analytics.report.theirs") if a.competitor else t("analytics.report.ours")) + f" {a.platform} {_text(a.handle, 30)}",
             str(a.posts), f"{a.per_week:.1f}", f"{a.engagement_per_post.value or 0:,.1f}",
             ", ".join(f"{fmt_name(k)} {n}" for k, n in a.formats.items()), _text(a.top_title, 40)]
            for a in r.competitors]
    blocks.append(Table([t(f"analytics.report.col.{c}") for c in ("account", "posts", "per_week", "per_post", "formats", "top_post")],
                        rows, {1, 2, 3}))
    blocks.append(Chart(t("analytics.report.per_post_chart"), [f"{a.platform} {_text(a.handle, 16)}" for a in r.competitors],
                        [a.engagement_per_post.value or 0 for a in r.competitors]))
    return blocks


def document(r: Report) -> list[Block]:
    head = [Heading(t("analytics.report.title", period=r.period.label), 1),
            Para(t("analytics.report.window", start=r.period.local_start, previous=r.previous.label,
                   generated=local_display(r.generated_at, r.tz)))]
    recs = [Heading(t("analytics.report.recommendations")),
            Items([rec.text for rec in r.recommendations] or [t("analytics.report.none")])]
    kpis = [Heading(t("analytics.report.kpis")),
            Table([t("analytics.report.col.kpi"), r.period.label, r.previous.label, t("analytics.report.col.change")],
                  [[t(f"analytics.report.kpi.{k.key}"), _num(k.value, k.unit), _num(k.previous, k.unit), _change(k)]
                   for k in r.kpis], {1, 2, 3}),
            Chart(t("analytics.report.weekly_chart"), [str(m.key["week"])[5:] for m in r.weekly],
                  [m.engagement_rate_reach.value or 0 for m in r.weekly], "percent")]
    return [*head, *recs, *kpis, *_posts(r), *_community(r), *_trends(r), *_ads(r), *_competitors(r)]
