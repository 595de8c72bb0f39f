"""``xiaobian lint [FILE|-]``: brand-voice findings for a text, for people and for scripts.

Exit status: 1 when any finding is an error, 0 for warnings only, 2 for a usage or guide problem.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_right
from pathlib import Path

import click

from xiaobian.cli.context import CliError, Context
from xiaobian.errors import UserError
from xiaobian.i18n import t
from xiaobian.models import Platform
from xiaobian.sanitize import clean


class GuideError(CliError):
    """A usage or guide problem: one line, exit status 2 (as click's own usage errors)."""

    exit_code = 2


def _one_line(text: str) -> str:
    return clean(text).replace("\n", "\\n")


def _read(source: str) -> str:
    try:
        raw = (sys.stdin.buffer.read() if source == "-"
               else Path(source).read_bytes())
    except OSError as exc:
        raise GuideError(f"{source}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GuideError(f"{source}: {t('lint.not_utf8')}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _init_guide(brand: str, force: bool) -> None:
    from xiaobian import voice
    from xiaobian.voice.guide import EXAMPLE_GUIDE

    try:
        path = voice.guide_path(brand)
    except UserError as exc:
        raise GuideError(str(exc)) from None
    if path.exists() and not force:
        raise GuideError(f"{path}: {t('lint.guide_exists')} ({t('lint.guide_exists_hint')})")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE_GUIDE.read_text(encoding="utf-8").replace("{brand}", brand),
                    encoding="utf-8")
    option = "" if brand == "default" else f"--brand {brand} "
    click.echo(t("lint.guide_written", path=path, brand_option=option))


def _location(text: str):
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def line_col(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return line_col


def _detail(found: str, suggestion: str) -> str:
    if found and suggestion:
        return f" ({found} → {suggestion})"
    if found or suggestion:
        return f" ({found})" if found else f" (→ {suggestion})"
    return ""


@click.command(help=t("lint.help"))
@click.argument("source", metavar="[FILE|-]", required=False, default="-")
@click.option("--brand", metavar="BRAND", help=t("lint.brand_help"))
@click.option("--guide", "guide_file", metavar="PATH", type=click.Path(dir_okay=False),
              help=t("lint.guide_help"))
@click.option("--platform", type=click.Choice([p.value for p in Platform], case_sensitive=False),
              help=t("lint.platform_help"))
@click.option("--kind", type=click.Choice(["post", "reply"]), default="post", show_default=True,
              help=t("lint.kind_help"))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=t("lint.format_help"))
@click.option("--init-guide", is_flag=True, help=t("lint.init_help"))
@click.option("--force", is_flag=True, help=t("lint.force_help"))
@click.pass_obj
def lint(obj: Context, source: str, brand: str | None, guide_file: str | None,
         platform: str | None, kind: str, output: str, init_guide: bool, force: bool) -> None:
    from xiaobian import voice

    _ = obj.settings  # reads the config: its language applies before any message
    if init_guide:
        _init_guide(brand or (source if source != "-" else "default"), force)
        return
    try:
        guide = voice.load_guide(Path(guide_file) if guide_file else None, brand=brand or obj.settings.brand)
    except UserError as exc:
        raise GuideError(str(exc)) from None
    text = _read(source)
    findings = voice.check(text, guide, platform=platform, kind=kind)
    name = "<stdin>" if source == "-" else source
    line_col = _location(text)
    rows = []
    for f in findings:
        line, col = line_col(f.start)
        rows.append({"file": name, "line": line, "col": col, "start": f.start, "end": f.end,
                     "severity": f.severity, "rule": f.rule, "message": f.message,
                     "found": f.found, "suggestion": f.suggestion})
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            click.echo(_one_line(f"{row['file']}:{row['line']}:{row['col']}: {row['severity']} "
                                 f"{row['rule']}: {row['message']}"
                                 f"{_detail(row['found'], row['suggestion'])}"))
        errors = sum(f.severity == "error" for f in findings)
        click.echo(t("lint.summary", errors=errors, warnings=len(findings) - errors) if findings
                   else t("lint.clean"), err=True)
    if any(f.severity == "error" for f in findings):
        raise SystemExit(1)
