"""``xiaobian report --period 2026-10 [--format md|html] [--out FILE]``: the monthly report."""

from __future__ import annotations

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t


@click.command(help=t("analytics.report.help"))
@click.option("--period", required=True, metavar="YYYY-MM", help=t("analytics.report.period_help"))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help=t("analytics.report.format_help"))
@click.option("--out", "out_path", metavar="FILE", help=t("analytics.report.out_help"))
@click.pass_obj
def report(obj: Context, period: str, fmt: str, out_path: str | None) -> None:

    from xiaobian import i18n
    from xiaobian.analytics.report import build
    from xiaobian.analytics.report_doc import document
    from xiaobian.timeutil import zone

    settings = obj.settings
    store = obj.open_store(create=False)
    try:
        data = build(store, period, zone(settings.timezone), sla_minutes=settings.sla_minutes,
                     hours=settings.business_hours)
    finally:
        store.close()
    if fmt == "html":
        from xiaobian.analytics.report_html import render_html

        text = render_html(document(data), i18n.language())
    else:
        from xiaobian.analytics.report_md import render_markdown

        text = render_markdown(document(data))
    if not out_path:
        click.echo(text, nl=False)
        return
    from xiaobian.outfile import output_file, private_mode

    try:
        with output_file(out_path, mode=private_mode(obj.db_path)) as out:
            out.write(text)
    except OSError as exc:
        raise CliError(f"{out_path}: {exc.strerror}") from None
    click.echo(t("analytics.report.written", period=data.period.label, path=out_path), err=True)
