from __future__ import annotations

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t


@click.group(help=t("cli.db_group_help"))
def db() -> None:
    pass


def _human_size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


@db.command(help=t("cli.info_help"))
@click.pass_obj
def info(obj: Context) -> None:
    from xiaobian.store.info import db_info

    store = obj.open_store(create=False)
    try:
        report = db_info(store)
    finally:
        store.close()
    rows = [(t("info.path"), report.path), (t("info.size"), _human_size(report.size_bytes)),
            (t("info.schema"), str(report.schema_version)), (t("info.sqlite"), report.sqlite_version),
            (t("info.journal"), report.journal_mode)]
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        click.echo(f"{label + ':':<{width}}{value}")
    click.echo(f"{t('info.counts')}:")
    name_width = max(len(name) for name in report.counts)
    for name, count in report.counts.items():
        click.echo(f"  {name:<{name_width}}  {count:>10,}")
    if report.wal_bug:
        click.echo(t("info.wal_warning", version=report.sqlite_version), err=True)
