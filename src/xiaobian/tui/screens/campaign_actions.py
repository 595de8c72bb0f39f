"""What the campaigns list and a checklist both offer: new from a template, open a crisis, close,
post-mortem, giveaway draw. Each step asks with a prompt and runs a core function in a worker."""

from __future__ import annotations

from datetime import timedelta

from textual import work

from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Campaign, CampaignKind
from xiaobian.timeutil import from_iso, local_display, zone
from xiaobian.tui.safe_text import clean
from xiaobian.tui.screens.prompt import PromptModal
from xiaobian.tui.screens.text_modal import TextModal

NEW_LAUNCH_DAYS = 14


class CampaignActions:
    """Mixed into area screens, which define ``load()`` (called again after a change)."""

    def _warn(self, exc: UserError) -> None:
        self.app.call_from_thread(self.notify, clean(str(exc)), severity="warning", markup=False)

    def open_checklist(self, campaign_id: int) -> None:
        from xiaobian.tui.screens.checklist import ChecklistScreen

        self.app.push_screen(ChecklistScreen(campaign_id))

    # ---- new campaign: template, launch date, name ------------------------------------------
    def ask_new(self) -> None:
        from xiaobian.campaigns import templates

        try:
            found = templates.available()
        except UserError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return
        keys = sorted(found)

        def chosen(key: str | None) -> None:
            if key in found:
                self._ask_launch(found[key])
        self.app.push_screen(PromptModal(t("campaigns.prompt_template"), suggestions=keys), chosen)

    def _ask_launch(self, template) -> None:
        today = self.app.clock().astimezone(zone(self.app.settings.timezone)).date()
        default = (today + timedelta(days=NEW_LAUNCH_DAYS)).isoformat()

        def launched(text: str | None) -> None:
            if text:
                self.app.push_screen(PromptModal(t("campaigns.prompt_name"), value=f"{template.name} {text}"),
                                     lambda name: name and self._create(template.key, text, name))
        self.app.push_screen(PromptModal(t("campaigns.prompt_launch", template=clean(template.name)),
                                         value=default), launched)

    @work(thread=True, group="actions")
    def _create(self, key: str, launch: str, name: str) -> None:
        from xiaobian.campaigns.templates import create_from_template
        from xiaobian.campaigns.text import parse_date

        try:
            campaign_id = create_from_template(self.app.store, key, parse_date(launch), name=name,
                                               owner=self.app.store.actor, now=self.app.clock())
        except UserError as exc:
            self._warn(exc)
            return
        self.app.call_from_thread(self.open_checklist, campaign_id)

    # ---- crisis ------------------------------------------------------------------------------
    def ask_crisis(self) -> None:
        """While the spike banner shows a spike, the crisis is detected when that spike began."""
        from xiaobian.tui.widgets.alert_banner import AlertBanner

        spike_start = self.query_one(AlertBanner).spike_start
        title = t("campaigns.prompt_crisis_spike") if spike_start else t("campaigns.prompt_crisis")
        self.app.push_screen(PromptModal(title), lambda text: text and self._open_crisis(text, spike_start))

    @work(thread=True, group="actions")
    def _open_crisis(self, title: str, detected_at: str | None) -> None:
        from xiaobian.campaigns.crisis import open_crisis

        try:
            crisis_id = open_crisis(self.app.store, title, detected_at, owner=self.app.store.actor,
                                    source="spike" if detected_at else "manual",
                                    tz=zone(self.app.settings.timezone), now=self.app.clock())
        except UserError as exc:
            self._warn(exc)
            return
        self.app.call_from_thread(self.open_checklist, crisis_id)

    @work(thread=True, group="actions")
    def close_campaign(self, campaign: Campaign) -> None:
        """Close it; a crisis shows its post-mortem."""
        try:
            self.app.store.campaigns.close(campaign.id, now=self.app.clock())
        except UserError as exc:
            self._warn(exc)
            return
        if campaign.kind == CampaignKind.CRISIS:
            self._postmortem(campaign.id)
        self.app.call_from_thread(self.load)

    def show_postmortem(self, campaign: Campaign) -> None:
        if campaign.kind != CampaignKind.CRISIS:
            self.notify(t("campaigns.not_crisis"), markup=False)
            return
        self.run_worker(lambda: self._postmortem(campaign.id), thread=True, group="actions")

    def _postmortem(self, campaign_id: int) -> None:
        from xiaobian.campaigns import postmortem

        tz = zone(self.app.settings.timezone)
        text = postmortem.render(postmortem.build(self.app.store, campaign_id, now=self.app.clock(), tz=tz), tz)
        self.app.call_from_thread(self.app.push_screen, TextModal(text))

    # ---- giveaway draw -----------------------------------------------------------------------
    def ask_draw(self, campaign: Campaign) -> None:
        if campaign.kind != CampaignKind.GIVEAWAY:
            self.notify(t("campaigns.not_giveaway"), markup=False)
            return
        from xiaobian.campaigns.report import default_deadline

        try:  # said before anyone types a number of winners
            deadline = default_deadline(campaign, zone(self.app.settings.timezone))
            if from_iso(deadline) > self.app.clock():
                raise UserError(t("campaigns.draw_still_open",
                                  deadline=local_display(deadline, zone(self.app.settings.timezone))))
        except UserError as exc:
            self.notify(clean(str(exc)), severity="warning", markup=False)
            return
        self.app.push_screen(PromptModal(t("campaigns.prompt_winners"), value="1"),
                             lambda count: count and self._draw(campaign, count))

    @work(thread=True, group="actions")
    def _draw(self, campaign: Campaign, count: str) -> None:
        from xiaobian.campaigns.giveaway import draw
        from xiaobian.campaigns.report import default_deadline, render_draw

        tz = zone(self.app.settings.timezone)
        try:
            deadline = default_deadline(campaign, tz)
            if from_iso(deadline) > self.app.clock():
                raise UserError(t("campaigns.draw_still_open", deadline=local_display(deadline, tz)))
            if not count.strip().isdigit():
                raise UserError(t("campaigns.draw_bad_count", count=clean(count)))
            result = draw(self.app.store, campaign.id, winners=int(count), deadline=deadline,
                          staff=self.app.settings.staff, now=self.app.clock(), tz=tz)
        except UserError as exc:
            self._warn(exc)
            return
        self.app.call_from_thread(self.app.push_screen, TextModal(render_draw(result, tz)))
        self.app.call_from_thread(self.load)
