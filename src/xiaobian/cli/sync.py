"""``xiaobian sync``: import export files (``--live`` API pulls arrive with the API issue)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.i18n import t
from xiaobian.sanitize import clean


@click.command(help=t("sync.help"))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", metavar="NAME", help=t("sync.format_help"))
@click.option("--list-formats", is_flag=True, help=t("sync.list_help"))
@click.option("--account", metavar="HANDLE", help=t("sync.account_help"))
@click.option("--encoding", metavar="CODEC", help=t("sync.encoding_help"))
@click.option("--map", "maps", metavar="FIELD=COLUMN", multiple=True, help=t("sync.map_help"))
@click.option("--mapping", "mapping_file", metavar="FILE.toml", type=click.Path(path_type=Path),
              help=t("sync.mapping_help"))
@click.option("--open-days", default=14, show_default=True, type=click.IntRange(0, 100_000),
              help=t("sync.open_days_help"))
@click.option("--check", is_flag=True, help=t("sync.check_help"))
@click.option("--history", is_flag=True, help=t("sync.history_help"))
@click.option("--live", is_flag=True, help=t("sync.live_help"))
@click.option("--competitors", is_flag=True, help=t("sync.competitors_help"))
@click.option("--watch", is_flag=True, help=t("sync.watch_help"))
@click.option("--interval", default=120, show_default=True, type=click.IntRange(15, 86_400),
              help=t("sync.interval_help"))
@click.pass_obj
def sync(obj: Context, paths: tuple[Path, ...], fmt: str | None, list_formats: bool,
         account: str | None, encoding: str | None, maps: tuple[str, ...], mapping_file: Path | None,
         open_days: int, check: bool, history: bool, live: bool, competitors: bool, watch: bool,
         interval: int) -> None:
    settings = obj.settings  # also settles the language
    if list_formats:
        _list_formats()
        return
    if history:
        _history(obj)
        return
    if competitors:
        _competitors(obj)
        return
    if watch and not live:
        raise CliError(t("sync.watch_needs_live"))
    if live:
        _live(obj, [str(p) for p in paths], open_days, watch, interval)
        return
    if not paths:
        raise CliError(t("sync.no_paths"))
    if encoding:
        _check_encoding(encoding)
    from xiaobian.sync import run
    from xiaobian.timeutil import utcnow, zone

    tz = zone(settings.timezone)
    mapping = _mapping(mapping_file, maps)
    the_plan = run.plan(list(paths), fmt)
    with _progress() as progress:
        task = progress.add_task(t("sync.checking"), total=None)
        run.validate(the_plan, tz=tz, encoding=encoding, account=account, mapping=mapping)
        progress.remove_task(task)
        if check:
            _echo_plan(the_plan)
            return
        store = obj.open_store()
        try:
            task = progress.add_task(t("sync.importing"), total=None)
            summary = run.write(
                store, the_plan, now=utcnow(), tz=tz, open_days=open_days, encoding=encoding,
                account=account, mapping=mapping,
                progress=lambda name, done, total: progress.update(
                    task, description=clean(Path(name.split(":")[-1]).name, max_chars=60),
                    completed=done, total=total))
        finally:
            store.close()
    _echo_summary(summary)


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True,
                    disable=not sys.stderr.isatty())


def _mapping(mapping_file: Path | None, maps: tuple[str, ...]) -> dict[str, str]:
    """``--mapping FILE.toml`` (constants at the top, ``[columns]`` below), then ``--map`` pairs."""
    mapping: dict[str, str] = {}
    if mapping_file is not None:
        import tomllib

        try:
            data = tomllib.loads(mapping_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CliError(f"{mapping_file}: {t('sync.bad_mapping')} ({exc})") from None
        columns = data.pop("columns", {})
        if not isinstance(columns, dict):
            raise CliError(f"{mapping_file}: {t('sync.bad_mapping')} ([columns])")
        mapping.update({str(k): str(v) for k, v in {**data, **columns}.items()})
    for pair in maps:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CliError(t("sync.bad_map", pair=pair))
        mapping[field.strip()] = column.strip()
    return mapping


def _check_encoding(encoding: str) -> None:
    import codecs

    try:
        text_codec = codecs.lookup(encoding)._is_text_encoding
    except LookupError:
        text_codec = False
    if not text_codec:
        raise CliError(t("sync.bad_encoding", codec=encoding))


def _echo(text: str) -> None:
    """File and member names come from archives made by others: neutralise escapes, one line."""
    click.echo(" ".join(clean(text).split("\n")))


def _list_formats() -> None:
    from xiaobian.sync.registry import FORMATS

    width = max(len(f.name) for f in FORMATS)
    for f in FORMATS:
        click.echo(f"{f.name:<{width}}  {t('format.' + f.name)}")


def _echo_plan(the_plan) -> None:
    for source, fmt in the_plan.files:
        _echo(t("sync.check_line", file=source.name, format=fmt.name,
                     records=the_plan.records.get(source.name, 0)))
    _echo_unrecognised(the_plan.unrecognised)


def _echo_unrecognised(names: list[str]) -> None:
    if names:
        _echo(t("sync.unrecognised", count=len(names)))
        for name in names[:10]:
            _echo(f"  {name}")
        if len(names) > 10:
            _echo(f"  … {len(names) - 10}")


def _echo_summary(summary) -> None:
    for result in summary.files:
        _echo(t("sync.file_line", file=result.source, format=result.format, records=result.records))
    for kind in ("posts", "metrics", "comments", "ads"):
        c = summary.total(kind)
        if c.new or c.updated or c.unchanged:
            _echo(t("sync.kind_line", kind=t("sync.kind_" + kind), new=c.new, updated=c.updated,
                         unchanged=c.unchanged))
    for reason, count in summary.skipped.most_common():
        _echo(t("sync.skipped_line", count=count, reason=t("skip." + reason)))
    _echo_unrecognised(summary.unrecognised)


def _live(obj: Context, handles: list[str], open_days: int, watch: bool = False, interval: int = 120) -> None:
    """PATHS are account handles here; none means every connected account. With ``watch``, pull
    every ``interval`` seconds until interrupted; an error in one round is printed, not fatal."""
    import time

    from xiaobian.errors import UserError
    from xiaobian.live import accounts
    from xiaobian.live.run import sync_account
    from xiaobian.timeutil import utcnow

    connected = accounts.load()
    unknown = set(handles) - {a.handle for a in connected}
    if unknown:
        raise CliError(t("sync.live_unknown", handles=clean(", ".join(sorted(unknown)))))
    chosen = [a for a in connected if not handles or a.handle in handles]
    if not chosen:
        raise CliError(t("sync.live_none"))
    store = obj.open_store()
    try:
        while True:
            for account in chosen:
                try:
                    result = sync_account(store, account, now=utcnow(), open_days=open_days)
                except UserError as exc:
                    if not watch:
                        raise
                    click.echo(f"{t('cli.error')}: {clean(str(exc))}", err=True)
                    continue
                c = result.counts
                _echo(t("sync.live_line", source=result.source, new=c.new, updated=c.updated,
                        unchanged=c.unchanged))
                if result.posts:
                    _echo(t("live.metrics_line", posts=result.posts))
                if result.outbox:
                    _echo(t("sync.outbox_line", states=", ".join(
                        f"{n} {t('sync.reply_' + state)}" for state, n in sorted(result.outbox.items()))))
            if not watch:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


def _competitors(obj: Context) -> None:
    from xiaobian.live import competitors
    from xiaobian.timeutil import utcnow

    store = obj.open_store()
    try:
        done = competitors.pull(store, now=utcnow())
    finally:
        store.close()
    if not done:
        raise CliError(t("sync.no_competitors"))
    for source, posts in done.items():
        _echo(t("sync.competitor_line", source=source, posts=posts))


def _history(obj: Context) -> None:
    store = obj.open_store(create=False)
    try:
        runs = store.sync_runs.recent(20)
    finally:
        store.close()
    if not runs:
        _echo(t("sync.no_history"))
    for r in runs:
        state = t("sync.state_" + r.status)
        c = r.counts
        _echo(f"#{r.id}  {r.started_at}  {state:<10}  {r.format:<18}  +{c.new} ~{c.updated} "
                   f"={c.unchanged} -{c.skipped}  {r.source}")
