"""``xiaobian account add|list|remove``: connect accounts for live sync (tokens stay 0600)."""

from __future__ import annotations

import sys

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t
from xiaobian.live.platforms import NAMES, PLATFORMS
from xiaobian.sanitize import clean


@click.group(help=t("account.help"))
def account() -> None:
    pass


@account.command(help=t("account.add_help"))
@click.argument("platform", type=click.Choice(NAMES))
@click.argument("handle")
@click.option("--server", metavar="URL", help=t("account.server_help"))
@click.option("--token-env", metavar="VAR", help=t("account.token_env_help"))
@click.pass_obj
def add(obj: Context, platform: str, handle: str, server: str, token_env: str | None) -> None:
    from xiaobian.live import accounts

    obj.settings  # noqa: B018 - settles the language
    server = server or PLATFORMS[platform].default_server
    from urllib.parse import urlparse

    parts = urlparse(server)
    if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost"))):
        raise CliError(t("account.bad_server", server=clean(server, max_chars=100)))
    token = ""
    if not token_env:
        if sys.stdin.isatty():
            token = click.prompt(t("account.token_prompt"), hide_input=True).strip()
        else:
            token = sys.stdin.readline().strip()
        if not token:
            raise CliError(t("account.no_token"))
    accounts.add(accounts.Connected(platform, handle, server.rstrip("/"), token, token_env or ""))
    click.echo(t("account.added", platform=platform, handle=clean(handle), path=accounts.accounts_file()))


@account.command(name="list", help=t("account.list_help"))
@click.pass_obj
def list_(obj: Context) -> None:
    from xiaobian.live import accounts

    obj.settings  # noqa: B018
    found = accounts.load()
    if not found:
        click.echo(t("account.none"))
    for a in found:
        where = t("account.token_in_env", var=a.token_env) if a.token_env else t("account.token_stored")
        click.echo(clean(f"{a.platform:<10} {a.handle:<24} {a.server}  {where}"))


@account.command(help=t("account.remove_help"))
@click.argument("handle")
@click.pass_obj
def remove(obj: Context, handle: str) -> None:
    from xiaobian.live import accounts

    obj.settings  # noqa: B018
    gone = accounts.remove(handle)
    click.echo(t("account.removed", platform=gone.platform, handle=clean(gone.handle)))
