"""``xiaobian alerts check``: for cron; prints each open alert and exits 1, or exits 0."""

from __future__ import annotations

import json

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t


@click.group(help=t("analytics.alerts.group_help"))
def alerts() -> None:
    pass


@alerts.command(help=t("analytics.alerts.check_help"))
@click.option("--since", default="3h", show_default=True, help=t("analytics.alerts.since_help"))
@click.option("--json", "as_json", is_flag=True, help=t("analytics.alerts.json_help"))
@click.pass_obj
def check(obj: Context, since: str, as_json: bool) -> None:
    from xiaobian.analytics.alerts import check as check_alerts
    from xiaobian.analytics.shift import parse_since
    from xiaobian.timeutil import utcnow, zone

    now = utcnow()
    start = parse_since(since, now)
    store = obj.open_store(create=False)
    try:
        found = check_alerts(store, now, start, zone(obj.settings.timezone))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({"alerts": [{"kind": a.kind, "text": a.text, **a.data} for a in found]},
                   ensure_ascii=False, indent=2))
    else:
        for alert in found:
            click.echo(alert.text)
        if not found:
            click.echo(t("analytics.alerts.none"))
    raise SystemExit(1 if found else 0)
