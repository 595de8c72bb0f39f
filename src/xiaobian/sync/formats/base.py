"""The contract every format module fulfils."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, tzinfo

from xiaobian.sync.records import Record
from xiaobian.sync.source import Source


@dataclass(frozen=True)
class ParseContext:
    """What a parser may need beyond the file: the zone of times written without an offset,
    when the export was taken (metrics are snapshots as of then), overrides from the CLI."""

    taken_at: str
    tz: tzinfo = UTC
    encoding: str | None = None
    account: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Format:
    name: str
    """Used with ``--format``; the catalog key ``format.<name>`` says what it brings in."""
    sniff: Callable[[Source], bool]
    """Cheap content check (head bytes, member path); True when this format reads the file."""
    parse: Callable[[Source, ParseContext], Iterator[Record]]
    """Yield records; raise ``RecordError`` for a record that cannot be read."""
