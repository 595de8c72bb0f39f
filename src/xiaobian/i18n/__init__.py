"""Message catalog: ``t("app.title")`` in the active language, English as the fallback.

Each language is a folder of TOML files beside this module (``en/``, ``zh_TW/``), one file per
area, merged into one table; a key defined in two files is an error. The two languages have the
same keys; a test asserts they match. Placeholders use ``str.format`` names: ``t("db.created", path=p)``.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh-TW")
_HERE = Path(__file__).parent
_active = "en"


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((_HERE / lang.replace("-", "_")).glob("*.toml")):
        table = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        if twice := merged.keys() & table.keys():
            raise ValueError(f"{path.name}: keys already defined in another file: {sorted(twice)}")
        merged.update(table)
    return merged


def normalize(lang: str | None) -> str | None:
    """Map ``zh_TW.UTF-8``, ``zh-Hant``, ``zh-tw``… to ``zh-TW``; ``en_US`` to ``en``."""
    if not lang:
        return None
    code = lang.split(".")[0].replace("_", "-").lower()
    if code.startswith("zh"):
        return "zh-TW"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def resolve_language(cli: str | None, configured: str | None) -> str:
    """``--lang`` beats the config file beats ``LC_ALL``/``LC_MESSAGES``/``LANG``; default English."""
    for candidate in (cli, configured, os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                      os.environ.get("LANG")):
        lang = normalize(candidate)
        if lang:
            return lang
    return "en"


def set_language(lang: str) -> None:
    global _active
    _active = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _active


def t(key: str, /, **values: object) -> str:
    text = catalog(_active).get(key) or catalog("en").get(key) or key
    return text.format(**values) if values else text
