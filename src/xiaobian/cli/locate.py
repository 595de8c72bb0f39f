from __future__ import annotations

import click

from xiaobian import paths
from xiaobian.cli.context import Context
from xiaobian.i18n import t


@click.command(help=t("cli.locate_help"))
@click.argument("what", type=click.Choice(["config", "data", "db", "themes"]))
@click.pass_obj
def locate(obj: Context, what: str) -> None:
    location = {
        "config": lambda: paths.config_file(),
        "data": paths.data_dir,
        "db": lambda: obj.db_path,
        "themes": paths.user_theme_dir,
    }[what]()
    click.echo(str(location))
