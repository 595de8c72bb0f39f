"""Every location xiaobian reads or writes. Nothing else computes a path.

XDG paths on every OS (the app lives on Linux servers over SSH); ``XIAOBIAN_CONFIG`` and
``XIAOBIAN_DB`` override the config file and database.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "xiaobian"

PACKAGE_DIR = Path(__file__).resolve().parent


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_file() -> Path:
    override = os.environ.get("XIAOBIAN_CONFIG")
    return Path(override).expanduser() if override else config_dir() / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "xiaobian.db"


def user_theme_dir() -> Path:
    return config_dir() / "themes"


def voice_guide_dir() -> Path:
    """Brand-voice guides, one ``<brand>.toml`` each; ``default.toml`` when no brand is named."""
    return config_dir() / "voice"


def builtin_theme_dir() -> Path:
    """Themes ship in the wheel as ``xiaobian/themes``; in a source checkout they sit at the top."""
    packaged = PACKAGE_DIR / "themes"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent.parent / "themes"
