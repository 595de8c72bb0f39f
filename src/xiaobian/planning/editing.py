"""The post editor's form as data: load a post into it, validate it, save it.

Times are typed in the user's zone (``planning.when`` forms); a published post keeps the time
the platform gave it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from xiaobian.errors import UserError
from xiaobian.models import Post, PostStatus, PostVariant
from xiaobian.planning.when import parse_when
from xiaobian.timeutil import from_iso, to_iso

WHEN_FORMAT = "%Y-%m-%d %H:%M"
_TAG = re.compile(r"#?([^\s#,，、]+)")


@dataclass
class PostDraft:
    platform: str
    status: str = PostStatus.DRAFT
    media_kind: str = "text"
    when: str = ""
    title: str = ""
    text: str = ""
    variants: dict[str, str] = field(default_factory=dict)
    hashtags: str = ""
    campaign_id: int | None = None
    notes: str = ""
    post_id: int | None = None

    @property
    def published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    def texts(self) -> dict[str, str]:
        """Platform -> the text that goes out there: the main text, then each variant."""
        return {self.platform: self.text, **{p: v for p, v in self.variants.items() if p != self.platform}}


def normalize_hashtags(text: str) -> str:
    """``咖啡 #冬季限定, coffee`` -> ``#咖啡 #冬季限定 #coffee`` (each tag once)."""
    return " ".join(dict.fromkeys(f"#{m.group(1)}" for m in _TAG.finditer(text)))


def draft_from_post(post: Post, tz: tzinfo) -> PostDraft:
    at = post.published_at or post.scheduled_at
    return PostDraft(
        platform=post.platform, status=post.status, media_kind=post.media_kind,
        when=from_iso(at).astimezone(tz).strftime(WHEN_FORMAT) if at else "", title=post.title,
        text=post.text, variants={v.platform: v.text for v in post.variants}, hashtags=post.hashtags,
        campaign_id=post.campaign_id, notes=post.notes, post_id=post.id)


def save_draft(store, draft: PostDraft, now: datetime) -> int:
    """Validate and write; ``now`` is aware, in the user's zone (relative times start there)."""
    when = parse_when(draft.when, now) if draft.when.strip() else None
    if draft.status == PostStatus.SCHEDULED and when is None:
        raise UserError("a scheduled post needs a time", hint="type one, e.g. 2026-12-03 20:00")
    if not (draft.title.strip() or draft.text.strip()):
        raise UserError("a post needs a title or a text")
    post = store.posts.get(draft.post_id) if draft.post_id is not None else Post(platform=draft.platform)
    if post is None:
        raise UserError("no such post", record=f"post {draft.post_id}")
    changes = {
        "platform": draft.platform, "status": draft.status, "media_kind": draft.media_kind,
        "title": draft.title.strip(), "text": draft.text, "hashtags": normalize_hashtags(draft.hashtags),
        "campaign_id": draft.campaign_id, "notes": draft.notes,
        "variants": [PostVariant(platform=p, text=v) for p, v in draft.variants.items() if p != draft.platform],
    }
    if post.status != PostStatus.PUBLISHED:
        changes["scheduled_at"] = to_iso(when) if when else None
    return store.posts.save(post.model_copy(update=changes))
