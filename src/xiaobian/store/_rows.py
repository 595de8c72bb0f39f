"""Small helpers shared by the repositories: model <-> row, and upsert SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


def to_row(model: BaseModel, exclude: Iterable[str] = ()) -> dict:
    row = model.model_dump(exclude={"id", *exclude})
    return {k: int(v) if isinstance(v, bool) else v for k, v in row.items()}


def upsert_sql(table: str, columns: Sequence[str], conflict: Sequence[str],
               update: Sequence[str]) -> str:
    """INSERT … ON CONFLICT DO UPDATE that only writes when a platform-owned value changed.

    Rows whose ``update`` columns are unchanged are left alone, so ``rowcount`` counts only
    new and changed rows and re-importing the same data writes nothing.
    """
    cols = ", ".join(columns)
    marks = ", ".join(f":{c}" for c in columns)
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    changed = " OR ".join(f"{c} IS NOT excluded.{c}" for c in update)
    return (f"INSERT INTO {table} ({cols}) VALUES ({marks}) "
            f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {sets} WHERE {changed}")


@dataclass
class Counts:
    """What an upsert did: rows inserted, rows whose platform-owned values changed, rows as before."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


def counted_upsert(db, table: str, sql: str, rows: Sequence[dict]) -> Counts:
    """Run an ``upsert_sql`` statement over ``rows`` inside the caller's transaction.

    New rows are those above the largest id before the batch (cheap on any table size);
    ``rowcount`` counts new and changed rows, so the rest were unchanged.
    """
    if not rows:
        return Counts()
    top = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    changed = db.conn.executemany(sql, rows).rowcount
    new = db.execute(f"SELECT count(*) FROM {table} WHERE id > ?", (top,)).fetchone()[0]
    return Counts(new=new, updated=changed - new, unchanged=len(rows) - changed)
