"""User settings: one TOML file (``paths.config_file()``), validated; errors name file and key."""

from __future__ import annotations

import getpass
import os
import pwd
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from xiaobian import paths
from xiaobian.errors import UserError


def unix_login() -> str:
    """The OS account, not ``$USER`` (which anyone can set)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return getpass.getuser()


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BusinessHours(BaseModel):
    """When the team answers: response times are also measured in these hours only."""

    model_config = ConfigDict(extra="forbid")

    start: str = Field(default="09:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    end: str = Field(default="18:00", pattern=r"^([01]\d|2[0-4]):[0-5]\d$")
    days: list[str] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    """Lower-case English day abbreviations, ``mon`` … ``sun``."""

    @field_validator("days")
    @classmethod
    def _known_days(cls, days: list[str]) -> list[str]:
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown day {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
        return days

    @model_validator(mode="after")
    def _end_after_start(self) -> BusinessHours:
        start, end = self.minutes()
        if end <= start:
            raise ValueError("end must be after start")
        return self

    def minutes(self) -> tuple[int, int]:
        """Start and end as minutes after local midnight."""
        start, end = (int(x[:2]) * 60 + int(x[3:]) for x in (self.start, self.end))
        return start, end


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    db: Path | None = None
    """Database file; ``XIAOBIAN_DB`` and ``--db`` override it."""
    lang: str | None = None
    """``en`` or ``zh-TW``; unset follows ``LANG``."""
    theme: str = "xiaobian-dark"
    timezone: str | None = None
    """IANA zone for display, e.g. ``Asia/Taipei``; unset uses the system zone."""
    display_name: str = Field(default_factory=unix_login)
    """Who you are in the audit log and in claims."""
    sla_minutes: int = Field(default=60, ge=1)
    """First-response target; the queue's age column warns at 75 % and turns red past it."""
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    """Office hours for the business-hours response time (in ``timezone``)."""
    shared: bool = False
    """Create the database group-writable for a team on one server."""
    staff: list[str] = Field(default_factory=list)
    """Staff accounts (ids, handles or names) that a giveaway draw leaves out."""
    brand: str | None = None
    """Brand-voice guide to check posts and replies against: ``<config>/voice/<brand>.toml``;
    unset uses ``<config>/voice/default.toml`` over the shipped Taiwan-usage guide."""
    cadence_days: dict[str, int] = Field(default_factory=dict)
    """Platform -> quiet days before the calendar flags a gap, e.g. ``instagram = 3``; unset
    platforms are flagged after twice their usual interval (at least 4 days)."""
    keymap: dict[str, str] = Field(default_factory=dict)
    """Binding id -> keys, e.g. ``triage-done = "d,x"``."""


def load_settings(path: Path | None = None) -> Settings:
    path = path or paths.config_file()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"not valid TOML: {exc}", file=str(path), hint="fix or remove the file")
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise UserError(first["msg"], file=str(path), record=f"key {key}",
                        hint="see README, Configuration") from None


def resolve_db_path(cli_value: str | None, settings: Settings) -> Path:
    """``--db`` beats ``XIAOBIAN_DB`` beats the config file beats the default."""
    chosen = cli_value or os.environ.get("XIAOBIAN_DB") or settings.db
    return Path(chosen).expanduser() if chosen else paths.default_db_path()
