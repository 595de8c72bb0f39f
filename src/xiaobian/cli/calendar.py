"""``xiaobian calendar``: the content calendar to and from files, monthly themes, best hours."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t

DATE = click.DateTime(["%Y-%m-%d"])
_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})")


@click.group(help=t("calendar_io.help"))
def calendar() -> None:
    pass


def _platforms(text: str | None) -> tuple[str, ...]:
    from xiaobian.planning.plan_sheet import CellError, platform_of

    try:
        return tuple(platform_of(word) for word in (text or "").split(",") if word.strip())
    except CellError as exc:
        raise CliError(f"--platform: {exc} ({exc.hint})") from None


def _statuses(text: str | None) -> tuple[str, ...]:
    from xiaobian.models import PostStatus
    from xiaobian.planning.plan_sheet import STATUSES

    names = []
    for word in (text or "").split(","):
        name = STATUSES.get(word.strip(), word.strip().lower())
        if name and name not in {s.value for s in PostStatus}:
            raise CliError(f"--status: {t('calendar_io.unknown_value', what=t('calendar_io.status'), value=word)}"
                           f" ({t('calendar_io.status_hint')})")
        if name:
            names.append(name)
    return tuple(names)


def _write(path: str, data: bytes) -> None:
    """The whole file at once, through a temporary file beside it: never half a file."""
    if path == "-":
        with click.open_file("-", "wb") as out:
            out.write(data)
        return
    from xiaobian.outfile import output_file

    try:  # a plan, no customers' words: an ordinary new file's mode
        with output_file(path, binary=True) as out:
            out.write(data)
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from None


@calendar.command("export", help=t("calendar_io.export_help"))
@click.option("--ics", "ics_path", metavar="FILE", help=t("calendar_io.ics_help"))
@click.option("--csv", "csv_path", metavar="FILE", help=t("calendar_io.csv_help"))
@click.option("--from", "first", type=DATE, metavar="DATE", help=t("calendar_io.from_help"))
@click.option("--to", "last", type=DATE, metavar="DATE", help=t("calendar_io.to_help"))
@click.option("--platform", "platforms", metavar="ig,fb", help=t("calendar_io.platform_help"))
@click.option("--status", "statuses", metavar="draft,scheduled", help=t("calendar_io.status_help"))
@click.pass_obj
def export(obj: Context, ics_path: str | None, csv_path: str | None, first: datetime | None,
           last: datetime | None, platforms: str | None, statuses: str | None) -> None:
    from xiaobian.planning.ics import to_ics
    from xiaobian.planning.period import utc_bounds
    from xiaobian.planning.plan_csv import export_csv
    from xiaobian.store.calendar import Filters
    from xiaobian.timeutil import now_iso, zone

    if bool(ics_path) == bool(csv_path):
        raise CliError(t("calendar_io.one_format"))
    tz = zone(obj.settings.timezone)
    today = datetime.now(tz).date()
    start = first.date() if first else today - timedelta(days=7)
    end = last.date() if last else today + timedelta(days=60)
    if end < start:
        raise CliError(t("calendar_io.bad_range", first=start, last=end))
    filters = Filters(platforms=_platforms(platforms), statuses=_statuses(statuses))
    store = obj.open_store(create=False)
    try:
        items = store.plan.items(*utc_bounds(start, end, tz), filters)
        if ics_path:
            name = f"{t('calendar_io.ics_name')} ({obj.db_path.stem})"
            data = to_ics(items, name=name, stamp=now_iso(), tag=store.plan.database_tag())
        else:
            text = io.StringIO(newline="")
            export_csv(items, text, tz)
            data = text.getvalue().encode("utf-8" if csv_path == "-" else "utf-8-sig")
    finally:
        store.close()
    path = ics_path or csv_path
    _write(path, data)
    if path != "-":
        click.echo(t("calendar_io.exported", count=len(items), path=path,
                     first=start, last=end), err=True)


@calendar.command("import", help=t("calendar_io.import_help"))
@click.argument("path", metavar="FILE.csv")
@click.option("--encoding", metavar="CODEC", help=t("calendar_io.encoding_help"))
@click.option("--check", is_flag=True, help=t("calendar_io.check_help"))
@click.pass_obj
def import_(obj: Context, path: str, encoding: str | None, check: bool) -> None:
    from xiaobian.planning.plan_csv import import_sheet, read_sheet
    from xiaobian.timeutil import zone

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from None
    sheet = read_sheet(data, path, encoding=encoding)
    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        summary = import_sheet(store, sheet, tz, check=check)
    finally:
        store.close()
    key = "calendar_io.would_import" if check else "calendar_io.imported"
    click.echo(t(key, new=summary.new, updated=summary.updated, unchanged=summary.unchanged))
    if sheet.ignored:
        from xiaobian.sanitize import clean

        click.echo(t("calendar_io.ignored", columns=clean(", ".join(sheet.ignored))))


@calendar.command("theme", help=t("calendar_io.theme_help"))
@click.argument("month", metavar="YYYY-MM")
@click.argument("theme", required=False)
@click.option("--clear", is_flag=True, help=t("calendar_io.clear_help"))
@click.pass_obj
def theme(obj: Context, month: str, theme: str | None, clear: bool) -> None:
    match = _MONTH.fullmatch(month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CliError(t("calendar_io.bad_month", month=month))
    month = f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    if clear and theme:
        raise CliError(t("calendar_io.theme_or_clear"))
    store = obj.open_store(create=False)
    try:
        if clear or theme is not None:
            if not clear and not theme.strip():
                raise CliError(t("calendar_io.empty_theme"))
            store.calendar.set_theme(month, "" if clear else theme)
        current = store.calendar.themes([month]).get(month)
    finally:
        store.close()
    from xiaobian.sanitize import clean

    click.echo(t("calendar_io.theme_is", month=month, theme=clean(current)) if current
               else t("calendar_io.no_theme", month=month))


@calendar.command("best-times", help=t("calendar_io.best_help"))
@click.option("--platform", "platforms", metavar="ig,fb", help=t("calendar_io.platform_help"))
@click.option("--days", default=90, show_default=True, type=click.IntRange(1, 3650),
              help=t("calendar_io.days_help"))
@click.option("--top", default=3, show_default=True, type=click.IntRange(1, 24), help=t("calendar_io.top_help"))
@click.pass_obj
def best_times(obj: Context, platforms: str | None, days: int, top: int) -> None:
    from xiaobian.analytics.best_times import best_hours, platforms_with_posts
    from xiaobian.timeutil import zone

    tz = zone(obj.settings.timezone)
    store = obj.open_store(create=False)
    try:
        chosen = _platforms(platforms) or tuple(platforms_with_posts(store, days=days))
        tables = [(p, best_hours(store, p, tz, days=days, top=top)) for p in chosen]
    finally:
        store.close()
    click.echo(t("calendar_io.best_title", days=days))
    for platform, scores in tables:
        click.echo(f"\n{platform}")
        if not scores:
            click.echo("  " + t("calendar_io.best_none"))
            continue
        click.echo(f"  {_pad(t('calendar_io.hour'), 7)}{_pad(t('calendar_io.posts'), 7, right=True)}"
                   f"{_pad(t('calendar_io.rate'), 10, right=True)}  {t('calendar_io.lift')}")
        for s in scores:
            click.echo(f"  {s.hour:02d}:00  {s.posts:>7}{s.engagement_rate * 100:>8.1f} %  {_lift(s.lift)}")


def _lift(lift: float) -> str:
    change = round((lift - 1) * 100)
    return f"+{change} %" if change >= 0 else f"−{-change} %"


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to a terminal width: a Chinese character takes two cells."""
    from rich.cells import cell_len

    space = " " * max(0, width - cell_len(text))
    return space + text if right else text + space
