"""``xiaobian audit``: who changed what, and when, from the append-only audit log."""

from __future__ import annotations

import json

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t
from xiaobian.sanitize import clean


@click.command(help=t("audit.help"))
@click.option("--since", default="24h", show_default=True, help=t("audit.since_help"))
@click.option("--actor", metavar="NAME", help=t("audit.actor_help"))
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 1_000_000))
@click.pass_obj
def audit(obj: Context, since: str, actor: str | None, limit: int) -> None:
    from xiaobian.analytics.shift import parse_since
    from xiaobian.timeutil import local_display, to_iso, utcnow, zone

    start = parse_since(since, utcnow())
    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        events = store.audit_log.since(to_iso(start), limit=limit, actor=actor)
    finally:
        store.close()
    if not events:
        click.echo(t("audit.none"))
    for e in events:
        record = f"{e.table_name}#{e.record_id}" if e.record_id is not None else e.table_name
        detail = json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""
        click.echo(clean(f"{local_display(e.at, tz, '%Y-%m-%d %H:%M:%S')}  {e.actor:<12}  {e.action:<18}"
                         f"  {record:<16}  {detail}", max_chars=2000))
