from __future__ import annotations

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t


@click.command(help=t("cli.tui_help"))
@click.option("--theme", metavar="NAME", help=t("cli.theme_help"))
@click.pass_obj
def tui(obj: Context, theme: str | None) -> None:
    settings = obj.settings
    store = obj.open_store()
    from xiaobian.tui.app import XiaobianApp

    app = XiaobianApp(store, settings, theme=theme)
    try:
        app.run()
    finally:
        store.close()
    if app.return_code:  # a crash (Textual sets 1) must not look like a clean quit to a script
        raise SystemExit(app.return_code)
