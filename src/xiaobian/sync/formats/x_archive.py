"""X (Twitter) archive: ``data/tweets.js`` (``window.YTD.tweets.part0 = [...]``), parts and the
older ``tweet.js``. Our own tweets become posts with a metrics snapshot; our replies become
comments marked as ours; retweets are skipped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime

from xiaobian.models import CommentKind, MediaKind, Platform
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.parsing import RecordError, load_json, to_int
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Record, Skip
from xiaobian.sync.source import Source
from xiaobian.timeutil import to_iso

_PREFIX = re.compile(rb"^\s*window\.YTD\.(tweets?)\.part\d+\s*=")
_MEDIA = {"photo": MediaKind.PHOTO, "video": MediaKind.VIDEO, "animated_gif": MediaKind.VIDEO}


def sniff(source: Source) -> bool:
    return bool(_PREFIX.match(source.head()))


def _text(tweet: dict) -> str:
    text = tweet.get("full_text") or tweet.get("text") or ""
    for url in (tweet.get("entities") or {}).get("urls") or []:
        if url.get("url") and url.get("expanded_url"):
            text = text.replace(url["url"], url["expanded_url"])
    return html.unescape(text)


def _media(tweet: dict) -> MediaKind:
    media = (tweet.get("extended_entities") or tweet.get("entities") or {}).get("media") or []
    if not media:
        return MediaKind.TEXT
    return _MEDIA.get(media[0].get("type"), MediaKind.PHOTO)


def parse(source: Source, ctx: ParseContext) -> Iterator[Record]:
    items = load_json(source, strip_prefix=True)
    if not isinstance(items, list):
        raise RecordError(None, "expected a list of tweets after the window.YTD prefix")
    for n, item in enumerate(items, 1):
        record = f"tweet {n}"
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not (tweet.get("id_str") or tweet.get("id")):
            raise RecordError(record, "has no id_str", "is this an X archive's tweets.js?")
        tweet_id = str(tweet.get("id_str") or tweet["id"])
        try:
            created = datetime.strptime(tweet["created_at"], "%a %b %d %H:%M:%S %z %Y")
        except (KeyError, ValueError):
            raise RecordError(f"{record} ({tweet_id})", "created_at is missing or not an X timestamp") from None
        if created.year < 2006:
            yield Skip(reason="before_platform")
            continue
        text = _text(tweet)
        if tweet.get("retweeted") or text.startswith("RT @"):
            yield Skip(reason="repost")
            continue
        parent = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
        if parent:
            yield CommentIn(platform=Platform.X, external_id=tweet_id, kind=CommentKind.REPLY,
                            parent_external_id=str(parent), post_external_id=str(parent),
                            account=ctx.account, is_ours=True, text=text, created_at=to_iso(created),
                            author_name=ctx.account or "")
            continue
        yield PostIn(platform=Platform.X, external_id=tweet_id, account=ctx.account, text=text,
                     media_kind=_media(tweet), published_at=to_iso(created),
                     permalink=f"https://x.com/i/web/status/{tweet_id}")
        yield MetricsIn(platform=Platform.X, post_external_id=tweet_id, taken_at=ctx.taken_at,
                        reactions=to_int(tweet.get("favorite_count"), record, "favorite_count"),
                        shares=to_int(tweet.get("retweet_count"), record, "retweet_count"))


FORMAT = Format(name="x-archive", sniff=sniff, parse=parse)
