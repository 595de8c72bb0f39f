"""One row of a planning spreadsheet: its columns (English or 中文 headers), the words people
type in its cells (``ig``, ``臉書``, ``草稿``, ``下午 08:00``, ``2026/12/3``), and the validated row.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, field_validator

from xiaobian.i18n import t
from xiaobian.models import MediaKind, Platform, PostStatus
from xiaobian.sanitize import clean, looks_like_formula

MAX_CELL = 32_000
"""Excel's cell limit is 32,767 characters; the CSV export cuts at the same place."""

# field: (English header, 中文 header, other accepted headers)
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "id": ("id", "編號", ("貼文編號", "post id", "#")),
    "date": ("date", "日期", ("發文日期", "day")),
    "time": ("time", "時間", ("發文時間", "hour")),
    "platform": ("platform", "平台", ("平臺", "network", "channel", "頻道")),
    "status": ("status", "狀態", ()),
    "title": ("title", "標題", ("主旨",)),
    "text": ("text", "內文", ("內容", "文案", "caption", "body", "copy")),
    "hashtags": ("hashtags", "主題標籤", ("hashtag", "標籤", "tags")),
    "campaign": ("campaign", "活動", ("行銷活動", "專案")),
    "media_kind": ("media_kind", "形式", ("media", "format", "類型", "素材")),
    "notes": ("notes", "備註", ("note", "說明", "memo")),
}
REQUIRED = ("date", "time", "platform")
"""And ``title`` or ``text``."""

PLATFORMS = {
    "fb": "facebook", "臉書": "facebook", "粉專": "facebook", "ig": "instagram", "insta": "instagram",
    "哀居": "instagram", "th": "threads", "脆": "threads", "yt": "youtube", "油管": "youtube",
    "ln": "line", "line官方帳號": "line", "line oa": "line", "tw": "x", "twitter": "x", "推特": "x",
    "tt": "tiktok", "抖音": "tiktok", "in": "linkedin", "領英": "linkedin", "長毛象": "mastodon",
    "bsky": "bluesky", "其他": "other",
}
STATUSES = {
    "點子": "idea", "想法": "idea", "構想": "idea", "草稿": "draft", "排程": "scheduled",
    "已排程": "scheduled", "預約": "scheduled", "已發布": "published", "已發佈": "published",
    "已發文": "published",
}
MEDIA = {
    "文字": "text", "純文字": "text", "圖片": "photo", "照片": "photo", "單圖": "photo", "image": "photo",
    "相簿": "album", "多圖": "album", "輪播": "album", "carousel": "album", "影片": "video",
    "reels": "reel", "短影音": "reel", "連續短片": "reel", "限動": "story", "限時動態": "story",
    "stories": "story", "連結": "link", "直播": "live",
}

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"(上午|下午|早上|中午|晚上)?\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?"
                   r"\s*([ap]\.?m\.?)?", re.IGNORECASE)
_AFTERNOON = ("下午", "晚上", "pm", "p.m.", "p.m", "pm.")


class CellError(ValueError):
    """A cell that cannot be read; ``hint`` says what to type instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def header_field(header: str) -> str | None:
    name = " ".join(header.replace("\ufeff", "").split()).lower()
    for field, (english, chinese, others) in COLUMNS.items():
        if name in (english, chinese, *others) or name == english.replace("_", " "):
            return field
    return None


def text_cell(value: str) -> str:
    """Cleaned text; the ``'`` our export puts before ``= + - @`` comes off again."""
    value = clean(value, max_chars=MAX_CELL)
    if value.startswith("'") and looks_like_formula(value[1:]):
        value = value[1:]
    return value.strip()


def _word(value: str, aliases: dict[str, str], known: type, what: str, hint: str) -> str:
    word = " ".join(value.split()).lower()
    word = aliases.get(word, word)
    if word not in {k.value for k in known}:
        raise CellError(t("calendar_io.unknown_value", what=what, value=value), hint)
    return word


def platform_of(value: str) -> str:
    return _word(value, PLATFORMS, Platform, t("calendar_io.platform"), t("calendar_io.platform_hint"))


def parse_date(value: str) -> dt.date:
    match = _DATE.fullmatch(value.strip())
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise CellError(t("calendar_io.bad_date", value=value), t("calendar_io.date_hint"))


def parse_time(value: str) -> dt.time:
    match = _TIME.fullmatch(value.strip())
    if match:
        before, hour, minute, second, after = match.groups()
        hour, minute = int(hour), int(minute)
        half = (before or after or "").lower()
        if half and hour <= 12:
            if half in _AFTERNOON or (half == "中午" and hour < 6):
                hour = hour % 12 + 12
            elif half != "中午":
                hour = hour % 12
        if hour < 24 and minute < 60 and int(second or 0) < 60:
            return dt.time(hour, minute)
    raise CellError(t("calendar_io.bad_time", value=value), t("calendar_io.time_hint"))


def split_date_time(cells: dict[str, str]) -> None:
    """A date cell that also holds the time (``2026/12/3 20:00``) fills an empty time cell."""
    day, _, clock = cells.get("date", "").strip().replace("T", " ").partition(" ")
    if clock.strip() and not cells.get("time", "").strip():
        cells["date"], cells["time"] = day, clock.strip()


def normalize_hashtags(value: str) -> str:
    """``咖啡, #冬季限定、拿鐵`` -> ``#咖啡 #冬季限定 #拿鐵``."""
    tags = [tag.lstrip("#＃") for tag in re.split(r"[\s,，、;；]+", value)]
    return " ".join(f"#{tag}" for tag in tags if tag)


class PlanRow(BaseModel):
    """A validated sheet row; ``row`` is the number the spreadsheet shows (the header is row 1)."""

    model_config = ConfigDict(frozen=True)

    row: int
    id: int | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    platform: Platform
    status: PostStatus = PostStatus.DRAFT
    title: str = ""
    text: str = ""
    hashtags: str = ""
    campaign: str = ""
    media_kind: MediaKind = MediaKind.TEXT
    notes: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: str | None) -> int | None:
        value = (value or "").strip().lstrip("#")
        if not value:
            return None
        if re.fullmatch(r"\d+(\.0+)?", value):
            return int(float(value))
        raise CellError(t("calendar_io.bad_id", value=value), t("calendar_io.id_hint"))

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: str | None) -> dt.date | None:
        return parse_date(value) if (value or "").strip() else None

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: str | None) -> dt.time | None:
        return parse_time(value) if (value or "").strip() else None

    @field_validator("platform", mode="before")
    @classmethod
    def _platform(cls, value: str | None) -> str:
        if not (value or "").strip():
            raise CellError(t("calendar_io.empty_platform"), t("calendar_io.platform_hint"))
        return platform_of(value)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: str | None) -> str:
        if not (value or "").strip():
            return PostStatus.DRAFT.value
        return _word(value, STATUSES, PostStatus, t("calendar_io.status"), t("calendar_io.status_hint"))

    @field_validator("media_kind", mode="before")
    @classmethod
    def _media(cls, value: str | None) -> str:
        if not (value or "").strip():
            return MediaKind.TEXT.value
        return _word(value, MEDIA, MediaKind, t("calendar_io.media_kind"), t("calendar_io.media_hint"))

    @field_validator("title", "text", "campaign", "notes", mode="before")
    @classmethod
    def _text(cls, value: str | None) -> str:
        return text_cell(value or "")

    @field_validator("hashtags", mode="before")
    @classmethod
    def _hashtags(cls, value: str | None) -> str:
        return normalize_hashtags(text_cell(value or ""))
