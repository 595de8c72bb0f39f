"""``xiaobian fans top|new|at-risk [--csv FILE]`` and ``xiaobian fans perk HANDLE WHAT``."""

from __future__ import annotations

from pathlib import Path

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t


@click.group(help=t("analytics.fans.help"))
def fans() -> None:
    pass


def _segment_command(name: str):
    @click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3650),
                  help=t(f"analytics.fans.days_help_{name.replace('-', '_')}"))
    @click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000),
                  help=t("analytics.fans.limit_help"))
    @click.option("--csv", "csv_path", metavar="FILE", help=t("analytics.fans.csv_help"))
    @click.pass_obj
    def command(obj: Context, days: int, limit: int, csv_path: str | None) -> None:
        from datetime import timedelta

        from xiaobian.analytics import fans as segments
        from xiaobian.timeutil import utcnow

        now = utcnow()
        store = obj.open_store(create=False)
        try:
            if name == "top":
                found = segments.top_fans(store, now - timedelta(days=days), now, limit)
            elif name == "new":
                found = segments.new_fans(store, now - timedelta(days=days), now, limit)
            else:
                found = segments.at_risk_fans(store, now, quiet_days=days, limit=limit)
        finally:
            store.close()
        if csv_path:
            _write_csv(csv_path, found, obj.db_path)
            click.echo(t("analytics.fans.written", count=len(found), path=csv_path), err=True)
        else:
            _print(found)

    return fans.command(name=name, help=t(f"analytics.fans.{name.replace('-', '_')}_help"))(command)


for _name in ("top", "new", "at-risk"):
    _segment_command(_name)


def _print(found) -> None:
    from xiaobian.sanitize import clean

    if not found:
        click.echo(t("analytics.fans.none"))
        return
    click.echo(t("analytics.fans.header"))
    for fan in found:
        name = " ".join(clean(fan.author_name, 40).split())
        click.echo(f"{fan.comments:>7}  {fan.negative:>5}  {fan.mean_sentiment:>+6.2f}  {fan.last_seen[:10]}  "
                   f"{fan.perks:>3}  {fan.platform:<10} {name}  ({clean(fan.author_id, 60)})")


def _write_csv(path: str, found, database: Path) -> None:
    """The whole file or none of it, as private as the database (fans are customers)."""
    from xiaobian.analytics.fans import COLUMNS
    from xiaobian.export import write_rows
    from xiaobian.outfile import output_file, private_mode

    try:
        with output_file(path, mode=private_mode(database), encoding="utf-8-sig", newline="") as out:
            write_rows(out, COLUMNS, (fan.row() for fan in found))
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from None


@fans.command(help=t("analytics.fans.perk_help"))
@click.argument("handle")
@click.argument("what")
@click.option("--platform", help=t("analytics.fans.platform_help"))
@click.pass_obj
def perk(obj: Context, handle: str, what: str, platform: str | None) -> None:
    from xiaobian.sanitize import clean

    store = obj.open_store(create=False)
    try:
        fan = store.fans.find(handle, platform)
        store.fans.give_perk(fan, what)
    finally:
        store.close()
    click.echo(t("analytics.fans.perk_done", what=clean(" ".join(what.split()), 200),
                 name=clean(fan.author_name, 80), platform=fan.platform))
