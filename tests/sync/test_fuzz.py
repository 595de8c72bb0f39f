"""Mutated exports of every format: never a traceback, always a clean import or one clear
UserError, and never a partial write (a failing file leaves the database as it was).

The default run tries a few mutations per fixture; ``pytest -m soak tests/sync/test_fuzz.py``
tries many more."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from xiaobian.errors import UserError
from xiaobian.store import open_store
from xiaobian.sync import registry, run
from xiaobian.sync.source import expand

from .conftest import FIXTURES, NOW

GOOD = sorted(FIXTURES / s.member for s in expand([FIXTURES]) if registry.detect(s)
              and not {"broken", "malformed"} & set(Path(s.member).parts)
              and not s.basename.startswith(("broken", "truncated", "bad_", "empty"))
              and not s.basename.endswith(".html"))  # refused on purpose: "export as JSON"


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["truncate", "flip", "insert", "delete", "duplicate", "splice"])
    if not data:
        return b"\xff"
    at = rng.randrange(len(data))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if kind == "insert":
        junk = rng.choice([b'"', b",", b"\n", b"{", b"]", b"\x00", b"\\u00", "爛".encode(), b"\xef\xbb\xbf"])
        return data[:at] + junk + data[at:]
    if kind == "delete":
        return data[:at] + data[at + rng.randrange(1, 40):]
    if kind == "duplicate":
        return data[:at] + data[at:at + 200] + data[at:]
    other = data[rng.randrange(len(data)):]
    return data[:at] + other[:300]


def _rows(store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}")
            for t in ("posts", "comments", "metric_snapshots", "ad_stats", "accounts")}


def check_one(tmp_path: Path, fixture: Path, seed: int) -> str:
    """Import one mutation (seed -1: the fixture as it is); returns 'imported' or 'refused'."""
    rng = random.Random(seed)
    folder = tmp_path / f"m{seed}"
    folder.mkdir()
    target = folder / fixture.relative_to(FIXTURES)
    target.parent.mkdir(parents=True)
    data = fixture.read_bytes()
    target.write_bytes(data if seed < 0 else mutate(data, rng))
    store = open_store(tmp_path / f"m{seed}.db", actor="fuzz")
    try:
        before = _rows(store)
        try:
            the_plan = run.plan([folder])  # paths inside the folder, as in a real export
            run.validate(the_plan, tz=NOW.tzinfo)
        except UserError as exc:
            assert str(exc).strip()
            assert _rows(store) == before
            return "refused"
        run.write(store, the_plan, now=NOW, tz=NOW.tzinfo)
        assert store.scalar("PRAGMA integrity_check") == "ok"
        return "imported"
    finally:
        store.close()


@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_mutations_fail_cleanly(tmp_path, fixture):
    assert check_one(tmp_path, fixture, -1) == "imported"  # the harness reaches the parser
    for seed in range(4):
        check_one(tmp_path, fixture, seed)


@pytest.mark.soak
@pytest.mark.parametrize("fixture", GOOD, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_mutations_fail_cleanly_soak(tmp_path, fixture):
    for seed in range(4, 200):
        check_one(tmp_path, fixture, seed)
