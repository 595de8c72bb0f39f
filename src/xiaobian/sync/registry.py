"""Every format, in sniffing order (most specific first; the generic mapping is never sniffed)."""

from __future__ import annotations

from xiaobian.errors import UserError
from xiaobian.sync.formats import (
    facebook_dyi,
    generic,
    instagram_dyi,
    linkedin_export,
    mastodon_archive,
    meta_ads_csv,
    meta_posts_csv,
    tiktok_export,
    x_archive,
    youtube_studio,
    youtube_takeout,
)
from xiaobian.sync.formats.base import Format
from xiaobian.sync.source import Source

FORMATS: tuple[Format, ...] = (
    x_archive.FORMAT,
    mastodon_archive.FORMAT,
    facebook_dyi.FORMAT,
    instagram_dyi.FORMAT,
    tiktok_export.FORMAT,
    meta_posts_csv.FORMAT,
    meta_ads_csv.FORMAT,
    youtube_takeout.FORMAT,
    youtube_studio.FORMAT,
    linkedin_export.FORMAT,
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
