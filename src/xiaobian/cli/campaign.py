"""``xiaobian campaign``: templates, new, list, show, link, draw."""

from __future__ import annotations

import click

from xiaobian.cli.context import Context
from xiaobian.i18n import t
from xiaobian.sanitize import clean


@click.group(help=t("campaigns.cli_help"))
def campaign() -> None:
    pass


@campaign.command(help=t("campaigns.cli_templates_help"))
def templates() -> None:
    from xiaobian.campaigns import templates as catalog

    for key, template in catalog.available().items():
        where = t("campaigns.builtin") if catalog.BUILTIN_DIR.as_posix() in template.source else template.source
        click.echo(clean(f"{key:<12} {template.kind:<10} {len(template.items):>3} {t('campaigns.items')}"
                         f"  {template.name}  ({where})"))


@campaign.command(help=t("campaigns.cli_new_help"))
@click.option("--template", "template_key", required=True, metavar="NAME", help=t("campaigns.cli_template_opt"))
@click.option("--launch", required=True, metavar="YYYY-MM-DD", help=t("campaigns.cli_launch_opt"))
@click.option("--name", default="", help=t("campaigns.cli_name_opt"))
@click.option("--owner", default=None, help=t("campaigns.cli_owner_opt"))
@click.pass_obj
def new(obj: Context, template_key: str, launch: str, name: str, owner: str | None) -> None:
    from xiaobian.campaigns.templates import create_from_template
    from xiaobian.campaigns.text import parse_date

    launch_on = parse_date(launch)
    store = obj.open_store()
    try:
        campaign_id = create_from_template(store, template_key, launch_on, name=name,
                                           owner=obj.settings.display_name if owner is None else owner)
        created = store.campaigns.require(campaign_id)
        count = len(store.checklists.items(campaign_id))
    finally:
        store.close()
    click.echo(clean(t("campaigns.created", id=campaign_id, name=created.name, count=count,
                       launch=created.launch_on)))


def _today(obj: Context):
    from datetime import datetime

    from xiaobian.timeutil import zone

    return datetime.now(zone(obj.settings.timezone)).date()


@campaign.command("list", help=t("campaigns.cli_list_help"))
@click.pass_obj
def list_(obj: Context) -> None:
    from xiaobian.campaigns.text import progress_bar
    from xiaobian.campaigns.timeline import stage_label

    store = obj.open_store(create=False)
    try:
        summaries = store.campaigns.summaries(_today(obj).isoformat())
    finally:
        store.close()
    if not summaries:
        click.echo(t("campaigns.none"))
    for s in summaries:
        c = s.campaign
        late = f"  {t('campaigns.overdue_count', count=s.overdue)}" if s.overdue else ""
        click.echo(clean(f"{c.id:>4}  {t('campaigns.kind.' + c.kind):<6}  {c.name}  {c.starts_on or ''}–{c.ends_on or ''}"
                         f"  {stage_label(c.stage)}  {c.owner}  {progress_bar(s.progress)}{late}"))


@campaign.command(help=t("campaigns.cli_show_help"))
@click.argument("campaign_id", type=int)
@click.pass_obj
def show(obj: Context, campaign_id: int) -> None:
    from xiaobian.campaigns.report import render_campaign
    from xiaobian.timeutil import zone

    store = obj.open_store(create=False)
    try:
        click.echo(render_campaign(store, campaign_id, _today(obj), zone(obj.settings.timezone)), nl=False)
    finally:
        store.close()


@campaign.command(help=t("campaigns.cli_link_help"))
@click.argument("campaign_id", type=int)
@click.option("--post", "posts", type=int, multiple=True, metavar="ID", help=t("campaigns.cli_post_opt"))
@click.option("--comment", "comments", type=int, multiple=True, metavar="ID", help=t("campaigns.cli_comment_opt"))
@click.option("--unlink", is_flag=True, help=t("campaigns.cli_unlink_opt"))
@click.pass_obj
def link(obj: Context, campaign_id: int, posts: tuple[int, ...], comments: tuple[int, ...], unlink: bool) -> None:
    store = obj.open_store(create=False)
    try:
        store.campaigns.require(campaign_id)
        target = None if unlink else campaign_id
        with store.write():
            for post_id in posts:
                store.campaigns.link_post(post_id, target)
            for comment_id in comments:
                store.campaigns.link_comment(comment_id, target)
    finally:
        store.close()
    click.echo(t("campaigns.unlinked" if unlink else "campaigns.linked", posts=len(posts),
                 comments=len(comments), id=campaign_id))


@campaign.command(help=t("campaigns.cli_draw_help"))
@click.argument("campaign_id", type=int)
@click.option("--winners", default=1, show_default=True, type=click.IntRange(1, 10_000), help=t("campaigns.cli_winners_opt"))
@click.option("--deadline", default=None, metavar="TIME", help=t("campaigns.cli_deadline_opt"))
@click.option("--seed", default=None, type=click.IntRange(0), help=t("campaigns.cli_seed_opt"))
@click.option("--staff", multiple=True, metavar="NAME", help=t("campaigns.cli_staff_opt"))
@click.option("--dry-run", is_flag=True, help=t("campaigns.cli_dry_run_opt"))
@click.pass_obj
def draw(obj: Context, campaign_id: int, winners: int, deadline: str | None, seed: int | None,
         staff: tuple[str, ...], dry_run: bool) -> None:
    from xiaobian.campaigns.giveaway import draw as run_draw
    from xiaobian.campaigns.report import default_deadline, render_draw
    from xiaobian.campaigns.text import parse_moment
    from xiaobian.timeutil import to_iso, zone

    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        chosen = store.campaigns.require(campaign_id)
        cutoff = to_iso(parse_moment(deadline, tz)) if deadline else default_deadline(chosen, tz)
        result = run_draw(store, campaign_id, winners=winners, deadline=cutoff, seed=seed,
                          staff=[*obj.settings.staff, *staff], record=not dry_run, tz=tz)
    finally:
        store.close()
    click.echo(render_draw(result, tz), nl=False)
