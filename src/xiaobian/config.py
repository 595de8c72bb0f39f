"""User settings: one TOML file (``paths.config_file()``), validated; errors name file and key.

Plain dataclasses checked by hand rather than pydantic: the settings are read before the app's
first frame, and pydantic's import alone would be a fifth of the start-up budget. The records
in ``xiaobian.models`` stay pydantic; they load after the first frame.
"""

from __future__ import annotations

import getpass
import os
import pwd
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from xiaobian import paths
from xiaobian.errors import UserError
from xiaobian.i18n import t


def unix_login() -> str:
    """The OS account, not ``$USER`` (which anyone can set)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return getpass.getuser()


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d|24:00")


@dataclass(frozen=True)
class BusinessHours:
    """When the team answers: response times are also measured in these hours only."""

    start: str = "09:00"
    end: str = "18:00"
    days: tuple[str, ...] = WEEKDAYS[:5]
    """Lower-case English day abbreviations, ``mon`` … ``sun``."""

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _HH_MM.fullmatch(value) or value == "24:00" and name == "start":
                raise ValueError(t("config.time", name=name, value=repr(value)))
        object.__setattr__(self, "days", tuple(_strings(self.days)))
        unknown = [d for d in self.days if d not in WEEKDAYS]
        if unknown:
            raise ValueError(t("config.day", day=repr(unknown[0]), days=", ".join(WEEKDAYS)))
        start, end = self.minutes()
        if end <= start:
            raise ValueError(t("config.end_after_start"))

    def minutes(self) -> tuple[int, int]:
        """Start and end as minutes after local midnight."""
        start, end = (int(x[:2]) * 60 + int(x[3:]) for x in (self.start, self.end))
        return start, end


@dataclass(frozen=True)
class Settings:
    db: Path | None = None
    """Database file; ``XIAOBIAN_DB`` and ``--db`` override it."""
    lang: str | None = None
    """``en`` or ``zh-TW``; unset follows ``LANG``."""
    theme: str = "xiaobian-dark"
    timezone: str | None = None
    """IANA zone for display, e.g. ``Asia/Taipei``; unset uses the system zone."""
    display_name: str = field(default_factory=unix_login)
    """Who you are in the audit log and in claims."""
    sla_minutes: int = 60
    """First-response target; the queue's age column warns at 75 % and turns red past it."""
    business_hours: BusinessHours = field(default_factory=BusinessHours)
    """Office hours for the business-hours response time (in ``timezone``)."""
    shared: bool = False
    """Create the database group-writable for a team on one server."""
    staff: tuple[str, ...] = ()
    """Staff accounts (ids, handles or names) that a giveaway draw leaves out."""
    brand: str | None = None
    """Brand-voice guide to check posts and replies against: ``<config>/voice/<brand>.toml``;
    unset uses ``<config>/voice/default.toml`` over the shipped Taiwan-usage guide."""
    cadence_days: dict[str, int] = field(default_factory=dict)
    """Platform -> quiet days before the calendar flags a gap, e.g. ``instagram = 3``; unset
    platforms are flagged after twice their usual interval (at least 4 days)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. ``triage-done = "d,x"``."""

    def __post_init__(self) -> None:
        for name, check in _CHECKS.items():
            value = getattr(self, name)
            if value is None and name in _OPTIONAL:
                continue
            try:
                object.__setattr__(self, name, check(value))
            except SettingError as exc:
                raise SettingError(f"{name}.{exc.key}", exc.message) from None
            except (TypeError, ValueError) as exc:
                raise SettingError(name, str(exc)) from None

    @classmethod
    def from_toml(cls, data: dict) -> Settings:
        """Settings from a parsed config file. Raises ``SettingError`` naming the key."""
        return cls(**_known_keys(cls, data))


class SettingError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key, self.message = key, message


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(t("config.text", kind=_kind(value)))
    return value


def _whole(value: object, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(t("config.whole", kind=_kind(value)))
    if value < minimum:
        raise ValueError(t("config.at_least", minimum=minimum))
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(t("config.flag", kind=_kind(value)))
    return value


def _strings(value: object) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError(t("config.list"))
    return list(value)


def _table(value: object, check) -> dict:
    if not isinstance(value, dict):
        raise TypeError(t("config.table", kind=_kind(value)))
    out = {}
    for key, item in value.items():
        try:
            out[key] = check(item)
        except (TypeError, ValueError) as exc:
            raise SettingError(key, str(exc)) from None
    return out


def _zone_name(name: str) -> str:
    """An IANA zone that exists (``Asia/Taipei``); a typo is not silently the server's zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(t("config.zone", name=name)) from None
    return name


def _path(value: object) -> Path:
    return value if isinstance(value, Path) else Path(_text(value))


def _hours(value: object) -> BusinessHours:
    if isinstance(value, BusinessHours):
        return value
    return BusinessHours(**_known_keys(BusinessHours, _table(value, lambda item: item)))


def _known_keys(cls: type, table: dict) -> dict:
    """``table`` if each of its keys is a field of the dataclass ``cls``."""
    known = {f.name for f in fields(cls)}
    for key in table:
        if key not in known:
            raise SettingError(key, t("config.unknown"))
    return table


def _kind(value: object) -> str:
    kinds = {bool: "bool", int: "number", float: "number", str: "text", list: "list", dict: "table"}
    kind = kinds.get(type(value))
    return t(f"config.kind.{kind}") if kind else type(value).__name__


_OPTIONAL = {"db", "lang", "timezone", "brand"}
_CHECKS = {
    "db": _path,
    "lang": _text,
    "theme": _text,
    "timezone": lambda v: _zone_name(_text(v)),
    "display_name": _text,
    "sla_minutes": _whole,
    "business_hours": _hours,
    "shared": _flag,
    "staff": lambda v: tuple(_strings(v)),
    "brand": _text,
    "cadence_days": lambda v: _table(v, _whole),
    "keymap": lambda v: _table(v, _text),
}


def load_settings(path: Path | None = None) -> Settings:
    """The config file's settings. A file the user named (``--config``, ``XIAOBIAN_CONFIG``) must
    exist; the default one may be absent."""
    named = path is not None or bool(os.environ.get("XIAOBIAN_CONFIG"))
    path = path or paths.config_file()
    if path.is_dir():
        raise UserError(t("config.directory"), file=str(path), hint=t("config.missing_hint"))
    if not path.exists():
        if named:
            raise UserError(t("config.missing"), file=str(path), hint=t("config.missing_hint"))
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(t("config.unreadable", error=exc.strerror), file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(t("config.not_toml", error=exc), file=str(path), hint=t("config.not_toml_hint"))
    try:
        return Settings.from_toml(data)
    except SettingError as exc:
        raise UserError(exc.message, file=str(path), record=t("config.key", key=exc.key),
                        hint=t("config.hint")) from None


def resolve_db_path(cli_value: str | None, settings: Settings) -> Path:
    """``--db`` beats ``XIAOBIAN_DB`` beats the config file beats the default."""
    chosen = cli_value or os.environ.get("XIAOBIAN_DB") or settings.db
    return Path(chosen).expanduser() if chosen else paths.default_db_path()
