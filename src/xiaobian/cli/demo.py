from __future__ import annotations

import click

from xiaobian.cli.context import Context, CliError
from xiaobian.i18n import t


def _remove_database(path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@click.command(help=t("cli.demo_help"))
@click.option("--comments", default=5000, show_default=True, type=click.IntRange(0, 5_000_000),
              help=t("cli.demo_comments_help"))
@click.option("--seed", default=42, show_default=True, type=int, help=t("cli.demo_seed_help"))
@click.option("--force", is_flag=True, help=t("cli.demo_force_help"))
@click.pass_obj
def demo(obj: Context, comments: int, seed: int, force: bool) -> None:
    from rich.progress import Progress

    from xiaobian.demo import write_demo

    path = obj.db_path
    if force:
        _remove_database(path)
    store = obj.open_store()
    try:
        if not store.is_empty():
            raise CliError(f"{path}: {t('cli.demo_exists')} ({t('cli.demo_exists_hint')})")
        with Progress(transient=True) as progress:
            task = progress.add_task("demo", total=comments)
            summary = write_demo(store, comments=comments, seed=seed,
                                 progress=lambda done, total: progress.update(task, completed=done,
                                                                              total=total))
    finally:
        store.close()
    click.echo(t("cli.demo_done", path=path, comments=summary.comments, posts=summary.posts,
                 seconds=summary.seconds))
