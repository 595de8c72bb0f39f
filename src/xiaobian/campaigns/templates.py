"""Checklist templates: plain TOML files, due dates in days from the launch date.

Shipped templates live beside this module (``templates/*.toml``); a user's own go in
``~/.config/xiaobian/campaigns/`` and replace a shipped one of the same file name. A broken file
is reported with its name and the record at fault.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Campaign, CampaignKind, CampaignRole, ChecklistItem, ReplyTemplate

if TYPE_CHECKING:
    from xiaobian.store import Store

BUILTIN_DIR = Path(__file__).parent / "templates"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TemplateItem(_Strict):
    phase: str = Field(min_length=1)
    title: str = Field(min_length=1)
    due: int = 0
    """Days from the launch date; negative is before it."""
    owner: str = ""
    department: str = ""
    notes: str = ""
    role: str = ""
    milestone: str = ""


class TemplateRole(_Strict):
    key: str = Field(min_length=1)
    label: str = Field(min_length=1)


class Statement(_Strict):
    name: str = Field(min_length=1)
    body: str = Field(min_length=1)
    lang: str = "zh-TW"


class Template(_Strict):
    name: str = Field(min_length=1)
    kind: CampaignKind
    description: str = ""
    starts: int = 0
    """The campaign starts this many days from the launch date."""
    ends: int = 0
    """…and ends this many days from it (a giveaway's entries close at the end of that day)."""
    items: list[TemplateItem] = Field(min_length=1)
    roles: list[TemplateRole] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    key: str = ""
    """The file name without ``.toml`` (what ``--template`` takes); set on load."""
    source: str = ""

    @property
    def phases(self) -> list[str]:
        return list(dict.fromkeys(item.phase for item in self.items))


def user_dir() -> Path:
    from xiaobian.paths import config_dir

    return config_dir() / "campaigns"


def load_file(path: Path) -> Template:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(t("campaigns.template_not_toml", error=exc), file=str(path),
                        hint=t("campaigns.template_hint")) from None
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in first["loc"]).replace(".[", "[")
        raise UserError(first["msg"], file=str(path), record=where or None,
                        hint=t("campaigns.template_hint")) from None
    known_roles = {role.key for role in template.roles}
    for index, item in enumerate(template.items):
        if item.role and item.role not in known_roles:
            raise UserError(t("campaigns.template_unknown_role", role=item.role), file=str(path),
                            record=f"items[{index}].role", hint=t("campaigns.template_hint"))
    return template.model_copy(update={"key": path.stem, "source": str(path)})


def available(extra_dir: Path | None = None) -> dict[str, Template]:
    """Every template by key: the shipped ones, replaced or joined by the user's."""
    found: dict[str, Template] = {}
    for folder in (BUILTIN_DIR, extra_dir or user_dir()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = load_file(path)
    return found


def get(key: str, extra_dir: Path | None = None) -> Template:
    templates = available(extra_dir)
    if key not in templates:
        raise UserError(t("campaigns.template_unknown", name=key, known=", ".join(sorted(templates))),
                        hint=t("campaigns.template_where", path=extra_dir or user_dir()))
    return templates[key]


def instantiate(template: Template, launch: date, *, name: str = "", owner: str = "",
                people: dict[str, str] | None = None) -> tuple[Campaign, list[ChecklistItem], list[CampaignRole]]:
    """The campaign, its items (due dates from ``launch``) and roles; ``people`` maps role keys to
    who holds them, and their items' owner follows."""
    people = people or {}
    unknown = set(people) - {role.key for role in template.roles}
    if unknown:
        raise UserError(t("campaigns.error_no_role", role=min(unknown),
                          known=", ".join(r.key for r in template.roles) or "—"))

    def day(offset: int) -> str:
        return (launch + timedelta(days=offset)).isoformat()

    campaign = Campaign(name=name.strip() or f"{template.name} {launch.isoformat()}", kind=template.kind,
                        starts_on=day(template.starts), ends_on=day(template.ends), launch_on=launch.isoformat(),
                        stage=template.phases[0], owner=owner, notes=template.description,
                        template=template.key)
    items = [ChecklistItem(campaign_id=0, phase=i.phase, title=i.title, due_on=day(i.due),
                           owner=people.get(i.role, i.owner) or (owner if not i.role else ""),
                           department=i.department, notes=i.notes, role=i.role, milestone=i.milestone)
             for i in template.items]
    roles = [CampaignRole(campaign_id=0, role=r.key, label=r.label, person=people.get(r.key, ""))
             for r in template.roles]
    return campaign, items, roles


def create_from_template(store: Store, key: str, launch: date, *, name: str = "", owner: str = "",
                         people: dict[str, str] | None = None, detected_at: str | None = None,
                         now: datetime | str | None = None, extra_dir: Path | None = None) -> int:
    """``xiaobian campaign new --template giveaway --launch 2026-12-01`` in one call. A template's
    holding statements become reply templates, ready in triage's reply editor."""
    template = get(key, extra_dir)
    campaign, items, roles = instantiate(template, launch, name=name, owner=owner, people=people)
    if detected_at is not None:
        campaign = campaign.model_copy(update={"detected_at": detected_at})
    with store.write():
        campaign_id = store.campaigns.create(campaign, items, roles, now=now)
        for statement in template.statements:
            store.campaigns.add_template(ReplyTemplate(name=statement.name, body=statement.body,
                                                       lang=statement.lang))
    return campaign_id
