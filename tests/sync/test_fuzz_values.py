"""Structure-aware fuzzing: every JSON leaf and CSV cell of every good fixture replaced by a
hostile value (null, NaN, Infinity, 10^30, a list, a dict, a boolean, a huge string, 9999,
0001). Each import must end clean or in one UserError, never a traceback, and never write part
of itself (row counts unchanged, or the whole import).

By default a small deterministic sample runs; ``pytest -m soak tests/sync/test_fuzz_values.py``
tries every leaf with every value."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from xiaobian.analytics.sentiment import _read
from xiaobian.errors import UserError
from xiaobian.store import open_store
from xiaobian.sync import run

from .conftest import FIXTURES, NOW
from .test_fuzz import GOOD, _rows

JSON_VALUES = [None, float("nan"), float("inf"), 10**30, [1, "x"], {"a": 1}, True, "字" * 100_000,
               9999, "0001", 99999999999999999999, -1.5e308]
CSV_VALUES = ["", "NaN", "Infinity", "-inf", "1e30", "99999999999999999999", "[1, 2]", '{"a": 1}',
              "true", "字" * 100_000, "9999", "0001"]


def _split_js(text: str) -> tuple[str, str]:
    """X archives wrap their JSON as ``window.YTD.tweets.part0 = [...]``."""
    if text.lstrip().startswith("window."):
        at = text.index("=") + 1
        return text[:at] + " ", text[at:]
    return "", text


def _load(fixture: Path):
    """(kind, parsed, prefix) for a fixture we can mutate, else None."""
    raw = fixture.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    prefix, body = _split_js(text)
    try:
        return "json", json.loads(body), prefix
    except ValueError:
        pass
    if fixture.suffix.lower() == ".csv":
        return "csv", list(csv.reader(io.StringIO(text, newline=""))), ""
    return None


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _leaves(child, (*path, i))
    else:
        yield path


def _replaced(node, path, value):
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copy


def places(fixture: Path) -> list:
    loaded = _load(fixture)
    if loaded is None:
        return []
    kind, data, _ = loaded
    if kind == "json":
        return list(_leaves(data))
    return [(r, c) for r, row in enumerate(data) for c in range(len(row))]


def mutated(fixture: Path, place, value_index: int) -> bytes:
    kind, data, prefix = _load(fixture)
    if kind == "json":
        return (prefix + json.dumps(_replaced(data, place, JSON_VALUES[value_index]),
                                    ensure_ascii=False)).encode()
    rows = [list(row) for row in data]
    rows[place[0]][place[1]] = CSV_VALUES[value_index]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def check(tmp_path: Path, fixture: Path, data: bytes, name: str) -> str:
    folder = tmp_path / name
    target = folder / fixture.relative_to(FIXTURES)
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    store = open_store(tmp_path / f"{name}.db", actor="fuzz")
    try:
        before = _rows(store)
        try:
            the_plan = run.plan([folder])
            run.validate(the_plan, tz=NOW.tzinfo)
            run.write(store, the_plan, now=NOW, tz=NOW.tzinfo)
        except UserError as exc:
            assert str(exc).strip()
            assert _rows(store) == before, "a refused import wrote rows"
            return "refused"
        assert store.scalar("PRAGMA integrity_check") == "ok"
        return "imported"
    finally:
        store.close()


MUTABLE = [f for f in GOOD if places(f)]


def _cases(fixture: Path, every: bool) -> list[tuple[object, int]]:
    spots = places(fixture)
    values = range(len(JSON_VALUES))
    if every:
        return [(p, v) for p in spots for v in values]
    rng = random.Random(str(fixture.relative_to(FIXTURES)))
    return [(rng.choice(spots), v) for v in rng.sample(list(values), 3)]


def _run(tmp_path: Path, fixture: Path, every: bool) -> int:
    count = 0
    for i, (place, value) in enumerate(_cases(fixture, every)):
        try:
            check(tmp_path, fixture, mutated(fixture, place, value), f"v{i}")
        except AssertionError:
            raise
        except Exception as exc:  # a traceback the user would see
            raise AssertionError(f"{fixture.name} {place!r} <- value #{value}: {exc!r}") from exc
        count += 1
    return count


def test_fuzzer_reaches_every_format():
    assert len(MUTABLE) >= len(GOOD) - 1


@pytest.mark.parametrize("fixture", MUTABLE, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_hostile_values_fail_cleanly(tmp_path, fixture):
    _run(tmp_path, fixture, every=False)


@pytest.mark.soak
@pytest.mark.parametrize("fixture", MUTABLE, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_hostile_values_fail_cleanly_soak(tmp_path, fixture):
    _run(tmp_path, fixture, every=True)


def test_huge_reach_refused_before_any_write(tmp_path):
    """The issue's case: a value past SQLite's INTEGER in row 2,501 of 3,000 writes nothing."""
    fixture = FIXTURES / "meta-posts-csv" / "Oct-01-2026_Nov-23-2026_1098765432101234.csv"
    rows = list(csv.reader(io.StringIO(fixture.read_bytes().decode("utf-8-sig"), newline="")))
    header, template = rows[0], rows[1]
    ids = [i for i, name in enumerate(header) if name == "Post ID"]
    reach = header.index("Reach")
    body = []
    for n in range(3000):
        row = list(template)
        for i in ids:
            row[i] = str(9_000_000_000 + n)
        row[reach] = "99999999999999999999" if n == 2500 else "12"
        body.append(row)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *body])
    assert check(tmp_path, fixture, out.getvalue().encode(), "big") == "refused"  # and 0 rows


def test_nan_lexicon_weight_refused(tmp_path):
    path = tmp_path / "positive.txt"
    path.write_text("好喝\tnan\n", encoding="utf-8")
    with pytest.raises(UserError, match="not a number"):
        _read(path)
