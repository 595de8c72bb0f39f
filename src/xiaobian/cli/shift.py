from __future__ import annotations

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t


@click.group(help=t("shift.group_help"))
def shift() -> None:
    pass


@shift.command(help=t("shift.report_help"))
@click.option("--since", default="8h", show_default=True, help=t("shift.since_help"))
@click.pass_obj
def report(obj: Context, since: str) -> None:
    from xiaobian.analytics.shift import parse_since, render_markdown, shift_report
    from xiaobian.timeutil import utcnow

    start = parse_since(since, utcnow())
    store = obj.open_store(create=False)
    try:
        click.echo(render_markdown(shift_report(store, since=start, sla_minutes=obj.settings.sla_minutes)),
                   nl=False)
    finally:
        store.close()
