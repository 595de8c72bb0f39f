"""Every format, in sniffing order (most specific first; the generic mapping is never sniffed)."""

from __future__ import annotations

from xiaobian.errors import UserError
from xiaobian.sync.formats import generic, x_archive
from xiaobian.sync.formats.base import Format
from xiaobian.sync.source import Source

FORMATS: tuple[Format, ...] = (
    x_archive.FORMAT,
    generic.COMMENT_CSV,
    generic.GENERIC,
)
BY_NAME = {f.name: f for f in FORMATS}


def by_name(name: str) -> Format:
    try:
        return BY_NAME[name]
    except KeyError:
        raise UserError(f"unknown format {name!r}",
                        hint="see `xiaobian sync --list-formats`") from None


def detect(source: Source) -> Format | None:
    return next((f for f in FORMATS if f.sniff(source)), None)
