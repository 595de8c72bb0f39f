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
    import os
    import tempfile
    from pathlib import Path

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
    target = Path(out_path)
    try:  # beside the target, then moved over it: never half a report
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        raise CliError(f"{out_path}: {exc.strerror}") from None
    click.echo(t("analytics.report.written", period=data.period.label, path=out_path), err=True)
