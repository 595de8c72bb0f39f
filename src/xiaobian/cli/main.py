"""``xiaobian``: the command group. Plain ``xiaobian`` opens the app."""

from __future__ import annotations

import importlib
import sqlite3

import click
from click_default_group import DefaultGroup

from xiaobian import __version__
from xiaobian.cli.context import CliError, Context, early_language
from xiaobian.errors import UserError
from xiaobian.i18n import LANGUAGES, t

early_language()

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Each subcommand is defined by the module of its name under ``xiaobian.cli``. A module is
# imported only when its command runs or help lists it, so opening the app does not pay for
# every command's imports (pydantic models, the voice rules, the importers).
COMMANDS = ("tui", "demo", "db", "locate", "shift", "sync", "audit", "account", "export",
            "competitor", "alerts", "fans", "report", "campaign", "crisis", "handoff", "lint",
            "calendar")


class XiaobianGroup(DefaultGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module = importlib.import_module(f"xiaobian.cli.{cmd_name}")
            self.add_command(getattr(module, cmd_name))
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise CliError(str(exc)) from None
        except sqlite3.Error as exc:  # a read, outside the store's write path: same messages
            from xiaobian.store.failures import explain

            error = explain(exc, ctx.obj.db_path) if isinstance(ctx.obj, Context) else None
            if error is None:
                raise
            raise CliError(str(error)) from None


@click.group(cls=XiaobianGroup, default="tui", default_if_no_args=True, invoke_without_command=True,
             context_settings=CONTEXT_SETTINGS, help=t("cli.help"))
@click.version_option(__version__, "-V", "--version", prog_name="xiaobian")
@click.option("--db", "db_option", metavar="PATH", help=t("cli.db_help"))
@click.option("--config", "config_option", metavar="PATH", help=t("cli.config_help"))
@click.option("--lang", "lang_option", type=click.Choice(LANGUAGES, case_sensitive=False),
              help=t("cli.lang_help"))
@click.pass_context
def cli(ctx: click.Context, db_option: str | None, config_option: str | None,
        lang_option: str | None) -> None:
    ctx.obj = Context(db_option, config_option, lang_option)
    if ctx.invoked_subcommand is None:  # `xiaobian --db team.db` opens the app too
        from xiaobian.cli.tui import tui

        ctx.invoke(tui)

