"""Connected accounts and their tokens: ``accounts.toml`` in the user config dir, mode 0600.

A token is stored in that file or named by an environment variable (``token_env``); it never
goes into the database, a log line or an error message. The file is rewritten whole through a
0600 temporary file and an atomic rename, so it is never briefly readable by others.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from xiaobian import paths
from xiaobian.errors import UserError
from xiaobian.live.platforms import NAMES


class Secret(str):
    """A token: usable as a string, shown as *** by repr (so crash screens that print local
    variables, and debuggers, never show it)."""

    def __repr__(self) -> str:
        return "Secret('***')"


@dataclass(frozen=True)
class Connected:
    platform: str
    handle: str
    server: str
    token: str = ""
    token_env: str = ""

    def resolve_token(self) -> Secret:
        token = os.environ.get(self.token_env, "") if self.token_env else self.token
        if not token:
            where = f"the environment variable {self.token_env}" if self.token_env else "accounts.toml"
            raise UserError(f"no token for {self.platform} account {self.handle} in {where}",
                            hint=f"run `xiaobian account add {self.platform} {self.handle}` again")
        return Secret(token)

    def __repr__(self) -> str:  # never print a token, even in a traceback's locals
        return f"Connected({self.platform!r}, {self.handle!r}, {self.server!r})"


def accounts_file() -> Path:
    return paths.config_dir() / "accounts.toml"


def load(path: Path | None = None) -> list[Connected]:
    path = path or accounts_file()
    if not path.exists():
        return []
    if path.stat().st_mode & 0o077:
        raise UserError("holds tokens but others can read it", file=str(path), hint=f"chmod 600 {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return [Connected(**entry) for entry in data.get("account", [])]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, TypeError) as exc:
        raise UserError(f"cannot read the accounts file ({type(exc).__name__})", file=str(path),
                        hint="fix it, or remove it and add the accounts again") from None


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save(accounts: list[Connected], path: Path | None = None) -> None:
    path = path or accounts_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the folder of a file with tokens
    lines = ["# xiaobian connected accounts: holds tokens, keep it 0600", ""]
    for account in accounts:
        lines.append("[[account]]")
        lines += [f"{key} = {_quote(value)}" for key, value in asdict(account).items() if value]
        lines.append("")
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def add(account: Connected, path: Path | None = None) -> None:
    if account.platform not in NAMES:
        raise UserError(f"live sync for {account.platform} is not available yet",
                        hint=f"supported: {', '.join(NAMES)}")
    others = [a for a in load(path) if (a.platform, a.handle) != (account.platform, account.handle)]
    save([*others, account], path)


def remove(handle: str, path: Path | None = None) -> Connected:
    accounts = load(path)
    gone = [a for a in accounts if a.handle == handle]
    if not gone:
        raise UserError(f"no connected account {handle}", hint="see `xiaobian account list`")
    save([a for a in accounts if a.handle != handle], path)
    return gone[0]
