"""``xiaobian sync PATH...`` as a core function: detect, validate everything, then write.

Nothing is written until every file has parsed cleanly, so a bad record anywhere stops the
run with one message and an untouched database. Writing then goes in short transactions, one
SyncRun per file; a run killed half-way stays ``running`` and a re-run completes it exactly
(every write is an idempotent upsert).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from pydantic import ValidationError

from xiaobian.errors import UserError
from xiaobian.models import SyncCounts, SyncStatus
from xiaobian.store._rows import Counts
from xiaobian.store.db import Store
from xiaobian.store.imports import Imports
from xiaobian.sync import registry
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.load import KINDS, Loader
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.source import Source, expand, reading
from xiaobian.timeutil import to_iso

BAD_VALUE_HINT = "the file may be hand-edited or damaged: export it again from the platform"

Progress = Callable[[str, int, int], None]
"""Called as (file name, records written, records in the file)."""


@dataclass
class FileResult:
    source: str
    format: str
    records: int
    counts: dict[str, Counts]
    skipped: Counter[str]
    run_id: int


@dataclass
class Plan:
    files: list[tuple[Source, Format]] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    files: list[FileResult]
    unrecognised: list[str]

    def total(self, kind: str) -> Counts:
        total = Counts()
        for result in self.files:
            total.add(result.counts[kind])
        return total

    @property
    def skipped(self) -> Counter[str]:
        return sum((r.skipped for r in self.files), Counter())


def plan(paths: list[Path], fmt: str | None = None) -> Plan:
    forced = registry.by_name(fmt) if fmt else None
    result = Plan()
    not_utf8 = False
    for source in expand(paths):
        with reading(source):
            chosen = forced or registry.detect(source)
        if chosen is None:
            result.unrecognised.append(source.name)
            with reading(source):
                not_utf8 = not_utf8 or not _looks_utf8(source.head())
        else:
            result.files.append((source, chosen))
    if not result.files:
        shown = ", ".join(str(p) for p in paths)
        hint = ("it is not UTF-8: name its encoding and format, e.g. --encoding cp950 --format comment-csv"
                if not_utf8 else "see `xiaobian sync --list-formats`, or force one with --format")
        raise UserError("found no export file xiaobian can read", file=shown, hint=hint)
    return result


def _looks_utf8(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the end of the sample
    return True


def _context(source: Source, tz: tzinfo, encoding: str | None, account: str | None,
             mapping: dict[str, str]) -> ParseContext:
    return ParseContext(taken_at=to_iso(source.modified), tz=tz, encoding=encoding,
                        account=account, mapping=mapping)


def _records(source: Source, fmt: Format, ctx: ParseContext):
    number = 0
    try:
        with reading(source):
            for number, record in enumerate(fmt.parse(source, ctx), 1):
                yield record
    except RecordError as exc:
        raise UserError(exc.message, file=source.name, record=exc.record, hint=exc.hint) from None
    except ValidationError as exc:  # a value the parser passed on that a record refuses
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UserError(f"{where}: {first['msg']}", file=source.name,
                        hint="the file may be hand-edited or from an unknown export version") from None
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError) as exc:
        # a value of a type or size the format never has (a list for a date, NaN, 10**30):
        # refused while validating, so nothing is written
        raise UserError(f"record {number + 1} has a value xiaobian cannot read ({type(exc).__name__})",
                        file=source.name, hint=BAD_VALUE_HINT) from None


def validate(the_plan: Plan, *, tz: tzinfo, encoding: str | None = None, account: str | None = None,
             mapping: dict[str, str] | None = None) -> None:
    """Parse every file without writing; the first bad record raises a UserError."""
    for source, fmt in the_plan.files:
        ctx = _context(source, tz, encoding, account, mapping or {})
        the_plan.records[source.name] = sum(1 for _ in _records(source, fmt, ctx))


def write(store: Store, the_plan: Plan, *, now: datetime, tz: tzinfo, open_days: int = 14,
          encoding: str | None = None, account: str | None = None,
          mapping: dict[str, str] | None = None, progress: Progress | None = None) -> Summary:
    results = []
    for source, fmt in the_plan.files:
        ctx = _context(source, tz, encoding, account, mapping or {})
        with reading(source):
            run_id = store.sync_runs.start(source.name, fmt.name, source.digest())
        loader = Loader(store, now=now, open_days=open_days, account=account)
        total = the_plan.records.get(source.name, 0)
        done = 0
        try:
            for record in _records(source, fmt, ctx):
                loader.add(record)
                done += 1
                if progress and done % 1000 == 0:
                    progress(source.name, done, total)
            loader.finish()
        except Exception as exc:
            store.sync_runs.finish(run_id, SyncCounts(), [str(exc)], SyncStatus.FAILED)
            raise
        if progress:
            progress(source.name, done, total)
        results.append(FileResult(source.name, fmt.name, done, loader.counts, loader.skipped, run_id))
    Imports(store).link_parked()  # parked links live in a temp table: runs are done only after this
    for result in results:
        _finish(store, result)
    return Summary(results, the_plan.unrecognised)


def _finish(store: Store, result: FileResult) -> None:
    counts = SyncCounts(**{k: sum(getattr(result.counts[kind], k) for kind in KINDS)
                           for k in ("new", "updated", "unchanged")},
                        skipped=sum(result.skipped.values()))
    with store.write():  # the run and its audit event commit together
        store.sync_runs.finish(result.run_id, counts,
                               [f"{n} skip.{reason}" for reason, n in result.skipped.items()], SyncStatus.DONE)
        store.audit("sync.import", "sync_runs", result.run_id, file=result.source, format=result.format,
                    **counts.model_dump())

