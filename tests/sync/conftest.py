"""Helpers for importer tests: run one format over a fixture, sniff every fixture."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from xiaobian.store.imports import Imports
from xiaobian.sync.formats.base import Format, ParseContext
from xiaobian.sync.load import Loader
from xiaobian.sync.source import Source, expand

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "formats" / "samples"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TAKEN = "2026-11-24T09:00:00Z"


def sources(path: Path) -> list[Source]:
    return list(expand([path]))


def parse_all(fmt: Format, path: Path, **ctx) -> list:
    """Every record ``fmt`` yields for the file(s) at ``path``."""
    context = ParseContext(taken_at=TAKEN, **ctx)
    return [r for s in sources(path) for r in fmt.parse(s, context)]


@pytest.fixture
def load(store):
    """Import ``path`` with ``fmt`` into the test store; returns the Loader (counts, skipped)."""

    def run(fmt: Format, path: Path, **ctx) -> Loader:
        loader = Loader(store, now=NOW, open_days=100_000)
        for record in parse_all(fmt, path, **ctx):
            loader.add(record)
        loader.finish()
        Imports(store).link_parked()
        return loader

    return run


def sample(relative: str) -> Path:
    """A real-world excerpt from ../shared/formats/samples; the test skips when it is absent."""
    path = SAMPLES / relative
    if not path.exists():
        pytest.skip(f"shared sample {relative} not present")
    return path
