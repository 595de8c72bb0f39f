"""``xiaobian competitor add|list``: accounts whose public posts we follow for comparison."""

from __future__ import annotations

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t
from xiaobian.live.platforms import names
from xiaobian.sanitize import clean


@click.group(help=t("competitor.help"))
def competitor() -> None:
    pass


@competitor.command(help=t("competitor.add_help"))
@click.argument("platform", type=click.Choice(names(competitors=True)))
@click.argument("handle")
@click.pass_obj
def add(obj: Context, platform: str, handle: str) -> None:
    from xiaobian.live import competitors

    store = obj.open_store()
    try:
        competitors.add(store, platform, handle)
    finally:
        store.close()
    click.echo(t("competitor.added", platform=platform, handle=clean(handle)))


@competitor.command(name="list", help=t("competitor.list_help"))
@click.pass_obj
def list_(obj: Context) -> None:
    store = obj.open_store(create=False)
    try:
        found = [a for a in store.accounts.all() if a.is_competitor]
    finally:
        store.close()
    if not found:
        click.echo(t("competitor.none"))
    for a in found:
        click.echo(clean(f"{a.platform:<10} {a.handle}"))
