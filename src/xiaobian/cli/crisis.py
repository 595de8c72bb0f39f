"""``xiaobian crisis``: open, log, close (with its post-mortem), report, drill."""

from __future__ import annotations

from pathlib import Path

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t
from xiaobian.sanitize import clean


@click.group(help=t("campaigns.crisis_help"))
def crisis() -> None:
    pass


def _roles(pairs: tuple[str, ...]) -> dict[str, str]:
    people = {}
    for pair in pairs:
        role, sep, person = pair.partition("=")
        if not sep or not role.strip() or not person.strip():
            raise CliError(t("campaigns.crisis_bad_role", value=pair))
        people[role.strip()] = person.strip()
    return people


@crisis.command("open", help=t("campaigns.crisis_open_help"))
@click.argument("title", default="")
@click.option("--detected", default=None, metavar="TIME", help=t("campaigns.crisis_detected_opt"))
@click.option("--from-spike", is_flag=True, help=t("campaigns.crisis_from_spike_opt"))
@click.option("--role", "roles", multiple=True, metavar="ROLE=NAME", help=t("campaigns.crisis_role_opt"))
@click.option("--template", default="crisis", show_default=True, metavar="NAME", help=t("campaigns.cli_template_opt"))
@click.pass_obj
def open_(obj: Context, title: str, detected: str | None, from_spike: bool, roles: tuple[str, ...],
          template: str) -> None:
    from xiaobian.campaigns.crisis import open_crisis, open_from_spike
    from xiaobian.campaigns.text import parse_moment
    from xiaobian.timeutil import zone

    if not title and not from_spike:
        raise CliError(t("campaigns.crisis_needs_title"))
    tz = zone(obj.settings.timezone)
    people = _roles(roles)
    owner = people.get("lead", obj.settings.display_name)
    store = obj.open_store(create=not from_spike)
    try:
        if from_spike:
            crisis_id = open_from_spike(store, title=title, tz=tz, owner=owner, people=people)
        else:
            crisis_id = open_crisis(store, title, parse_moment(detected, tz) if detected else None,
                                    template=template, people=people, owner=owner, tz=tz)
        opened = store.campaigns.require(crisis_id)
        count = len(store.checklists.items(crisis_id))
    finally:
        store.close()
    click.echo(clean(t("campaigns.crisis_opened", id=crisis_id, name=opened.name, count=count)))


@crisis.command(help=t("campaigns.crisis_log_help"))
@click.argument("text")
@click.option("--statement", "kind", flag_value="statement", help=t("campaigns.crisis_statement_opt"))
@click.option("--lesson", "kind", flag_value="lesson", help=t("campaigns.crisis_lesson_opt"))
@click.option("--id", "crisis_id", type=int, default=None, help=t("campaigns.crisis_id_opt"))
@click.pass_obj
def log(obj: Context, text: str, kind: str | None, crisis_id: int | None) -> None:
    from xiaobian.campaigns.crisis import resolve

    store = obj.open_store(create=False)
    try:
        target = resolve(store, crisis_id)
        store.campaigns.log(target.id, kind or "note", text)
    finally:
        store.close()
    click.echo(clean(t("campaigns.crisis_logged", name=target.name)))


def _write(text: str, out: str | None) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    from xiaobian.outfile import PRIVATE, output_file

    try:  # a post-mortem quotes customers
        with output_file(out, mode=PRIVATE) as handle:
            handle.write(text)
    except OSError as exc:
        raise CliError(f"{out}: {exc.strerror}") from None
    click.echo(t("campaigns.written", path=out), err=True)


@crisis.command(help=t("campaigns.crisis_close_help"))
@click.option("--id", "crisis_id", type=int, default=None, help=t("campaigns.crisis_id_opt"))
@click.option("--out", default=None, metavar="FILE", help=t("campaigns.crisis_out_opt"))
@click.pass_obj
def close(obj: Context, crisis_id: int | None, out: str | None) -> None:
    from xiaobian.campaigns import postmortem
    from xiaobian.campaigns.crisis import close_crisis
    from xiaobian.timeutil import zone

    store = obj.open_store(create=False)
    try:
        closed = close_crisis(store, crisis_id)
        text = postmortem.render(postmortem.build(store, closed.id, tz=zone(obj.settings.timezone)),
                                 zone(obj.settings.timezone))
    finally:
        store.close()
    _write(text, out)


@crisis.command(help=t("campaigns.crisis_report_help"))
@click.option("--id", "crisis_id", type=int, default=None, help=t("campaigns.crisis_id_opt"))
@click.option("--out", default=None, metavar="FILE", help=t("campaigns.crisis_out_opt"))
@click.pass_obj
def report(obj: Context, crisis_id: int | None, out: str | None) -> None:
    from xiaobian.campaigns import postmortem
    from xiaobian.campaigns.crisis import resolve
    from xiaobian.timeutil import zone

    store = obj.open_store(create=False)
    try:
        text = postmortem.render(postmortem.build(store, resolve(store, crisis_id).id, tz=zone(obj.settings.timezone)),
                                 zone(obj.settings.timezone))
    finally:
        store.close()
    _write(text, out)


@crisis.command(help=t("campaigns.drill_help"))
@click.option("--from", "start", required=True, metavar="TIME", help=t("campaigns.drill_from_opt"))
@click.option("--to", "end", required=True, metavar="TIME", help=t("campaigns.drill_to_opt"))
@click.option("--speed", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help=t("campaigns.drill_speed_opt"))
@click.option("--sandbox", default=None, metavar="FILE", help=t("campaigns.drill_sandbox_opt"))
@click.pass_obj
def drill(obj: Context, start: str, end: str, speed: float, sandbox: str | None) -> None:
    from datetime import datetime

    from xiaobian.campaigns import drill as drills
    from xiaobian.campaigns.text import parse_moment
    from xiaobian.timeutil import to_iso, zone

    tz = zone(obj.settings.timezone)
    begin, finish = to_iso(parse_moment(start, tz)), to_iso(parse_moment(end, tz))
    store = obj.open_store(create=False)
    path = Path(sandbox) if sandbox else drills.default_path(store.path, datetime.now())
    try:
        plan = drills.prepare(store, path, begin, finish)
    finally:
        store.close()
    minutes = (plan.end - plan.start).total_seconds() / 60 / speed
    click.echo(t("campaigns.drill_ready", path=path, count=len(plan.comments), speed=f"{speed:g}",
                 minutes=f"{minutes:.1f}"), err=True)
    try:
        count = drills.replay(plan, speed, progress=lambda done, total: click.echo(
            f"\r{t('campaigns.drill_progress', done=done, total=total)}", nl=False, err=True))
    except KeyboardInterrupt:
        click.echo("", err=True)
        raise CliError(t("campaigns.drill_stopped", path=path)) from None
    finally:
        plan.sandbox.close()
    click.echo("", err=True)
    click.echo(t("campaigns.drill_done", count=count, path=path))
