"""``xiaobian export comments``: the queue, under any filter, as a CSV for a spreadsheet."""

from __future__ import annotations

import sys

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t


@click.group(help=t("export.help"))
def export() -> None:
    pass


@export.command(help=t("export.comments_help"))
@click.option("--filter", "filter_text", default="status:all", show_default=True, metavar="FILTER",
              help=t("export.filter_help"))
@click.option("--out", "out_path", default="-", metavar="FILE", help=t("export.out_help"))
@click.pass_obj
def comments(obj: Context, filter_text: str, out_path: str) -> None:
    from xiaobian import filters
    from xiaobian.export import export_comments
    from xiaobian.timeutil import zone

    the_filter = filters.parse(filter_text)
    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        if out_path == "-":
            count = export_comments(store, the_filter, sys.stdout, tz)
        else:
            from xiaobian.outfile import output_file, private_mode

            try:
                with output_file(out_path, mode=private_mode(store.path), encoding="utf-8-sig",
                                 newline="") as out:
                    count = export_comments(store, the_filter, out, tz)
            except OSError as exc:
                raise CliError(f"{out_path}: {exc.strerror}") from None
            click.echo(t("export.done", count=count, path=out_path), err=True)
    finally:
        store.close()
