"""The content calendar as iCalendar (RFC 5545), for Google Calendar, Outlook and Apple Calendar.

Written by hand (it is small): one VEVENT per dated post, times in UTC, text escaped
(``\\ ; , newline``), lines ended with CRLF and folded at 75 octets without splitting a UTF-8
character. Post text may come from strangers' exports, so control and escape characters are
neutralised first (``sanitize.clean``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from xiaobian import __version__
from xiaobian.i18n import t
from xiaobian.kinds import platform_badge
from xiaobian.sanitize import clean
from xiaobian.store.plan import PlanItem
from xiaobian.timeutil import from_iso

DURATION = timedelta(minutes=30)
"""A post is a moment; calendars need an end, so each event lasts this long."""
LINE_OCTETS = 75
_STATUS = {"idea": "TENTATIVE", "draft": "TENTATIVE", "scheduled": "CONFIRMED", "published": "CONFIRMED"}


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11)."""
    return (clean(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets (§3.1)."""
    out = bytearray()
    room = LINE_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(encoded) > room:
            out += b"\r\n "
            room = LINE_OCTETS - 1
        out += encoded
        room -= len(encoded)
    return bytes(out + b"\r\n")


def _stamp(iso: str) -> str:
    return from_iso(iso).strftime("%Y%m%dT%H%M%SZ")


def _summary(item: PlanItem) -> str:
    title = item.title.strip() or item.text.strip().split("\n", 1)[0][:80]
    return f"[{platform_badge(item.platform)}] {title}"


def _description(item: PlanItem) -> str:
    parts = [item.text.strip(), item.hashtags.strip()]
    if item.campaign:
        parts.append(f"{t('calendar_io.ics_campaign')}: {item.campaign}")
    if item.notes.strip():
        parts.append(f"{t('calendar_io.ics_notes')}: {item.notes.strip()}")
    return "\n\n".join(p for p in parts if p)


def _url(permalink: str | None) -> str | None:
    link = clean(permalink or "").strip()
    ok = link.startswith(("https://", "http://")) and not any(c.isspace() or c in '"<>\\' for c in link)
    return link if ok else None


def event_lines(item: PlanItem, *, stamp: str, tag: str) -> list[str]:
    start = from_iso(item.at)
    lines = [
        "BEGIN:VEVENT",
        f"UID:post-{item.id}-{tag}@xiaobian",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
        f"DTEND:{start + DURATION:%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{escape(_summary(item))}",
    ]
    if description := _description(item):
        lines.append(f"DESCRIPTION:{escape(description)}")
    categories = [item.platform, item.status] + ([item.campaign] if item.campaign else [])
    lines.append("CATEGORIES:" + ",".join(escape(c) for c in categories))
    lines.append(f"STATUS:{_STATUS.get(item.status, 'TENTATIVE')}")
    lines.append("TRANSP:TRANSPARENT")  # a planned post does not make anyone busy
    if url := _url(item.permalink):
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def to_ics(items: Iterable[PlanItem], *, name: str, stamp: str, tag: str) -> bytes:
    """The calendar file; ``stamp`` (UTC ISO) is DTSTAMP, ``tag`` the database's id for UIDs."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//xiaobian//xiaobian {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for item in items:
        if item.at:
            lines += event_lines(item, stamp=stamp, tag=tag)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
