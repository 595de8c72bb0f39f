"""``xiaobian handoff``: the hand-offs other departments are working on, and a CSV for their boards."""

from __future__ import annotations

import sys

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t
from xiaobian.sanitize import clean

STATUSES = ("open", "in_progress", "resolved")


@click.group(help=t("campaigns.handoff_help"))
def handoff() -> None:
    pass


def _statuses(include_all: bool) -> tuple[str, ...]:
    from xiaobian.store.handoffs import UNRESOLVED

    return STATUSES if include_all else UNRESOLVED


@handoff.command("list", help=t("campaigns.handoff_list_help"))
@click.option("--department", default=None, help=t("campaigns.handoff_department_opt"))
@click.option("--all", "include_all", is_flag=True, help=t("campaigns.handoff_all_opt"))
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100_000))
@click.pass_obj
def list_(obj: Context, department: str | None, include_all: bool, limit: int) -> None:
    from xiaobian.timeutil import local_display, zone

    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        if department:
            department = store.handoffs.department_named(department)
        counts = store.handoffs.departments(_statuses(include_all))
        rows = store.handoffs.page(department, _statuses(include_all), limit=limit)
    finally:
        store.close()
    if not rows:
        click.echo(t("campaigns.handoff_none"))
        return
    click.echo(clean("  ".join(f"{name}: {count}" for name, count in counts)))
    for row in rows:
        status = t(f"campaigns.handoff_status.{row.status}")
        click.echo(clean(f"{row.id:>6}  {local_display(row.created_at, tz)}  {row.department}  {status}"
                         f"  {' '.join(row.subject.split())[:80]}", max_chars=400))


@handoff.command(help=t("campaigns.handoff_export_help"))
@click.option("--csv", "as_csv", is_flag=True, default=True, help=t("campaigns.handoff_csv_opt"))
@click.option("--out", "out_path", default="-", metavar="FILE", help=t("campaigns.handoff_out_opt"))
@click.option("--department", default=None, help=t("campaigns.handoff_department_opt"))
@click.option("--all", "include_all", is_flag=True, help=t("campaigns.handoff_all_opt"))
@click.pass_obj
def export(obj: Context, as_csv: bool, out_path: str, department: str | None, include_all: bool) -> None:
    from xiaobian.campaigns.handoff_csv import export_handoffs
    from xiaobian.timeutil import zone

    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        if department:
            department = store.handoffs.department_named(department)
        if out_path == "-":
            count = export_handoffs(store, sys.stdout, tz, department=department, statuses=_statuses(include_all))
        else:
            from xiaobian.outfile import output_file, private_mode

            try:
                with output_file(out_path, mode=private_mode(store.path), newline="") as out:
                    count = export_handoffs(store, out, tz, department=department,
                                            statuses=_statuses(include_all))
            except OSError as exc:
                raise CliError(f"{out_path}: {exc.strerror}") from None
            click.echo(t("campaigns.handoff_exported", count=count, path=out_path), err=True)
    finally:
        store.close()


@handoff.command(help=t("campaigns.handoff_status_help"))
@click.argument("handoff_id", type=int)
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--answer", default="", metavar="TEXT", help=t("campaigns.handoff_answer_opt"))
@click.pass_obj
def status(obj: Context, handoff_id: int, status: str, answer: str) -> None:
    store = obj.open_store(create=False)
    try:
        store.handoffs.set_status(handoff_id, status, answer=answer)
    finally:
        store.close()
    click.echo(t("campaigns.handoff_set", id=handoff_id, status=t(f"campaigns.handoff_status.{status}")))
