"""Themes from TOML files (built-in ``themes/`` and the user's) into Textual ``Theme`` objects.

A broken file never crashes the app: it is returned as a problem and skipped.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

DEFAULT_THEME = "xiaobian-dark"
ANSI_THEME = "xiaobian-ansi"
_THEME_FIELDS = {f.name for f in fields(Theme)}
_COLOUR_FIELDS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground",
                  "background", "surface", "panel", "boost")

# App variables every theme must define (themes/README.md); these defaults only keep a partial
# user theme usable, taking Textual's base colours.
VARIABLE_DEFAULTS: dict[str, str] = {
    **{f"platform-{p}": "$foreground" for p in (
        "facebook", "instagram", "threads", "youtube", "line", "x", "tiktok", "linkedin",
        "mastodon", "bluesky", "other")},
    "triage-urgent": "$error", "triage-high": "$warning", "triage-normal": "$foreground",
    "triage-low": "$text-muted",
    "sla-ok": "$text-muted", "sla-warning": "$warning", "sla-danger": "$error",
    "sentiment-positive": "$success", "sentiment-neutral": "$text-muted",
    "sentiment-negative": "$error",
    "status-new": "$primary", "status-open": "$secondary", "status-replied": "$success",
    "status-escalated": "$accent", "status-hide_requested": "$warning", "status-spam": "$text-muted",
    "status-done": "$success",
    "claim-other": "$accent", "banner-alert": "$error",
    "chart-1": "$primary", "chart-2": "$secondary", "chart-3": "$accent", "chart-axis": "$foreground",
    "chart-spike": "$error", "chart-heat": "$primary",
    "post-idea": "$text-muted", "post-draft": "$secondary", "post-scheduled": "$primary",
    "post-published": "$success", "calendar-gap": "$warning", "calendar-today": "$accent",
}


@dataclass(frozen=True)
class ThemeProblem:
    file: str
    error: str


def theme_from_file(path: Path) -> Theme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - _THEME_FIELDS
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    if "name" not in data or "primary" not in data:
        raise ValueError("needs at least name and primary")
    for key in _COLOUR_FIELDS:
        if key in data:
            Color.parse(data[key])
    variables = data.get("variables", {})
    for name, value in variables.items():
        if not isinstance(value, str):
            raise ValueError(f"variable {name} must be a string")
        if not value.startswith("$") and name in VARIABLE_DEFAULTS:
            Color.parse(value)
    return Theme(**data)


def load_themes(builtin_dir: Path, user_dir: Path | None) -> tuple[list[Theme], list[ThemeProblem]]:
    """Built-ins first, then user themes (a user theme with a built-in's name replaces it)."""
    themes: dict[str, Theme] = {}
    problems: list[ThemeProblem] = []
    for folder in (builtin_dir, user_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_file(path)
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, TypeError,
                    ColorParseError) as exc:
                problems.append(ThemeProblem(str(path), str(exc) or type(exc).__name__))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def resolve_colour(value: str | None, variables: dict[str, str]) -> Color | None:
    """A theme variable's value as a Color, following ``$name`` references; None if unusable."""
    seen = set()
    while value and value.startswith("$") and value not in seen:
        seen.add(value)
        value = variables.get(value[1:])
    if not value:
        return None
    try:
        return Color.parse(value)
    except ColorParseError:
        return None
