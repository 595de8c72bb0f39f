"""The hand-written .ics parses back with the real icalendar library, field for field."""

from dataclasses import replace
from datetime import UTC, datetime

import icalendar
import pytest

from hostile import HOSTILE_STRINGS
from xiaobian.models import Campaign, Post
from xiaobian.planning.ics import fold, to_ics
from xiaobian.store.plan import PlanItem

LONG_CHINESE = "冬季限定焦糖肉桂拿鐵，今天起在全台門市開賣！" * 12


BASE = PlanItem(id=17, platform="instagram", status="scheduled", title="冬季限定", text="內文",
                media_kind="reel", at="2026-12-03T12:00:00Z", scheduled_at="2026-12-03T12:00:00Z",
                published_at=None, permalink=None, notes="", hashtags="", campaign_id=None,
                campaign="", plan_key=None)


def item(**changes) -> PlanItem:
    return replace(BASE, **changes)


def parse(data: bytes) -> list:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def ics(*items: PlanItem) -> bytes:
    return to_ics(items, name="山嵐 calendar", stamp="2026-11-26T08:00:00Z", tag="abc123")


def test_every_field_round_trips():
    data = ics(item(text="第一行\n第二行", hashtags="#冬季限定 #拿鐵", campaign="耶誕禮盒, 第二波",
                    notes="待設計; 確認", permalink="https://instagram.example/p/1"))
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["X-WR-CALNAME"] == "山嵐 calendar"
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "xiaobian" in str(calendar["PRODID"])
    [event] = parse(data)
    assert str(event["UID"]) == "post-17-abc123@xiaobian"
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 12, 30, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "[IG] 冬季限定"
    assert str(event["DESCRIPTION"]) == ("第一行\n第二行\n\n#冬季限定 #拿鐵\n\nCampaign: 耶誕禮盒, 第二波"
                                         "\n\nNotes: 待設計; 確認")
    assert [str(c) for c in event["CATEGORIES"].cats] == ["instagram", "scheduled", "耶誕禮盒, 第二波"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == "https://instagram.example/p/1"


@pytest.mark.parametrize("status, expected", [
    ("idea", "TENTATIVE"), ("draft", "TENTATIVE"), ("scheduled", "CONFIRMED"), ("published", "CONFIRMED")])
def test_status(status, expected):
    [event] = parse(ics(item(status=status)))
    assert str(event["STATUS"]) == expected


def test_escaping_of_backslash_semicolon_comma_newline():
    title = r"a\b;c,d" + "\ne"
    data = ics(item(title=title, text=title))
    assert rb"SUMMARY:[IG] a\\b\;c\,d\ne" in data
    [event] = parse(data)
    assert str(event["SUMMARY"]) == "[IG] " + title
    assert str(event["DESCRIPTION"]) == title


def test_long_chinese_is_folded_at_75_octets_without_splitting_a_character():
    data = ics(item(title=LONG_CHINESE, text=LONG_CHINESE + "\n" + "x" * 300))
    lines = data.split(b"\r\n")
    assert lines[-1] == b""  # ends with CRLF
    assert b"\n" not in b"".join(lines)  # every line ends with CRLF, no bare LF
    assert max(len(line) for line in lines) <= 75
    assert sum(line.startswith(b" ") for line in lines) > 10
    for line in lines:
        line.decode("utf-8")  # a multibyte character cut in two would raise here
    [event] = parse(data)
    assert str(event["SUMMARY"]) == "[IG] " + LONG_CHINESE
    assert str(event["DESCRIPTION"]) == LONG_CHINESE + "\n" + "x" * 300


def test_fold_exact_boundaries():
    assert fold("a" * 75) == b"a" * 75 + b"\r\n"
    assert fold("a" * 76) == b"a" * 75 + b"\r\n a\r\n"
    # 74 ASCII octets leave one octet: a 3-octet character moves to the next line whole
    assert fold("a" * 74 + "中") == b"a" * 74 + b"\r\n " + "中".encode() + b"\r\n"


def test_undated_posts_are_left_out_and_an_empty_calendar_parses():
    assert parse(ics(item(at=None, scheduled_at=None))) == []


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_strangers_text_cannot_inject_properties_or_escapes(hostile):
    data = ics(item(title=hostile, text=hostile + "\nEND:VEVENT\nBEGIN:VEVENT", notes=hostile,
                    permalink="https://x.example/a b\r\nX-EVIL:1"))
    text = data.decode("utf-8")
    assert not any(ch in text for ch in "\x00\x07\x1b\x9b\x9d\u202e\u2066")
    events = parse(data)
    assert len(events) == 1 and "URL" not in events[0] and "X-EVIL" not in events[0]


def test_uid_is_stable_per_database_and_differs_between_databases(tmp_path):
    from xiaobian.store import open_store

    tags = []
    for name in ("a.db", "b.db"):
        store = open_store(tmp_path / name, actor="t")
        store.campaigns.create(Campaign(name="x"))
        store.posts.save(Post(platform="instagram", title="t", scheduled_at="2026-12-03T12:00:00Z"))
        tags.append(store.plan.database_tag())
        assert store.plan.database_tag() == tags[-1]
        store.close()
    reopened = open_store(tmp_path / "a.db", actor="t")
    assert reopened.plan.database_tag() == tags[0] != tags[1]
    reopened.close()
