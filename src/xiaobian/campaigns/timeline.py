"""A campaign's timeline events as sentences in the active language."""

from __future__ import annotations

from xiaobian.i18n import t
from xiaobian.models import DONE_STAGE, CampaignEvent

# detail fields whose values are codes with their own label
_LABELS = {"item.status": "campaigns.item_status.", "handoff.status": "campaigns.handoff_status."}


def stage_label(stage: str) -> str:
    return t("campaigns.stage_done") if stage == DONE_STAGE else stage


def describe(event: CampaignEvent) -> str:
    detail = {"title": "", "value": "", "text": "", "name": "", "id": "", "seed": "", "entrants": "",
              "role": "", "person": "", "phase": "", "fields": "", "source": "", "template": "",
              **event.detail}
    prefix = _LABELS.get(event.kind)
    if prefix and detail["value"]:
        detail["value"] = t(prefix + str(detail["value"]))
    if event.kind == "stage":
        detail["value"] = stage_label(detail.get("stage", ""))
    key = f"campaigns.timeline.{event.kind.replace('.', '_')}"
    text = t(key, **detail)
    return text if text != key else f"{event.kind} {event.detail}"
