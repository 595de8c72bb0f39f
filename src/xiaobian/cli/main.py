"""``xiaobian``: the command group. Plain ``xiaobian`` opens the app."""

from __future__ import annotations

import click
from click_default_group import DefaultGroup

from xiaobian import __version__
from xiaobian.cli.context import CliError, Context, early_language
from xiaobian.errors import UserError
from xiaobian.i18n import LANGUAGES, t

early_language()

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class XiaobianGroup(DefaultGroup):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            raise CliError(str(exc)) from None


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


def _register() -> None:
    from xiaobian.cli import account, alerts, audit, competitor, db, demo, export, fans, locate, report, shift, sync, tui
    from xiaobian.cli import campaign, crisis, handoff
    from xiaobian.cli import lint
    from xiaobian.cli import calendar

    cli.add_command(tui.tui)
    cli.add_command(demo.demo)
    cli.add_command(db.db)
    cli.add_command(locate.locate)
    cli.add_command(shift.shift)
    cli.add_command(sync.sync)
    cli.add_command(audit.audit)
    cli.add_command(account.account)
    cli.add_command(export.export)
    cli.add_command(competitor.competitor)
    cli.add_command(alerts.alerts)
    cli.add_command(fans.fans)
    cli.add_command(report.report)
    cli.add_command(campaign.campaign)
    cli.add_command(crisis.crisis)
    cli.add_command(handoff.handoff)
    cli.add_command(lint.lint)
    cli.add_command(calendar.calendar)


_register()
