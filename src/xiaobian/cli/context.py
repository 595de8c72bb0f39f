"""What every command shares: settings, language and the store, resolved once per run."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from xiaobian import i18n
from xiaobian.config import Settings, load_settings, resolve_db_path
from xiaobian.errors import UserError
from xiaobian.i18n import t


class CliError(click.ClickException):
    """One clear line on stderr, exit status 1, no traceback."""

    def show(self, file=None) -> None:
        from xiaobian.sanitize import clean

        # Messages quote file names and values from strangers' exports: no escapes reach the terminal.
        click.echo(f"{t('cli.error')}: {clean(self.format_message())}", err=True, file=file)


def early_language() -> None:
    """Pick the language before click renders help: ``--lang`` on the command line, then LANG."""
    argv = sys.argv[1:]
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    i18n.set_language(i18n.resolve_language(chosen, None))


@dataclass
class Context:
    db_option: str | None = None
    config_option: str | None = None
    lang_option: str | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(Path(self.config_option) if self.config_option else None)
            i18n.set_language(i18n.resolve_language(self.lang_option, self._settings.lang))
        return self._settings

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option, self.settings)

    def open_store(self, *, create: bool = True):
        from xiaobian.store import open_store

        return open_store(self.db_path, actor=self.settings.display_name,
                          shared=self.settings.shared, create=create)


def user_errors_as_cli_errors(func):
    """Decorator: a UserError from the core becomes one clear CLI line."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            raise CliError(str(exc)) from None

    return wrapper
