from __future__ import annotations

from typing import TYPE_CHECKING

from xiaobian.models import Account
from xiaobian.store._rows import to_row, upsert_sql

if TYPE_CHECKING:
    from xiaobian.store.db import Store

# Posts of competitors' accounts are theirs, not ours: every "our posts" query leaves them out.
OURS_SQL = "NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = {p}account_id AND a.is_competitor = 1)"
_COLUMNS = ("platform", "handle", "display_name", "is_competitor")
_UPSERT = upsert_sql("accounts", _COLUMNS, ("platform", "handle"), ("display_name",))


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def upsert(self, account: Account) -> int:
        """Insert or refresh by (platform, handle); returns the row id."""
        with self.store.write() as db:
            db.execute(_UPSERT, to_row(account))
            return db.execute("SELECT id FROM accounts WHERE platform = ? AND handle = ?",
                              (account.platform, account.handle)).fetchone()[0]

    def get(self, account_id: int) -> Account | None:
        rows = self.store.query("SELECT * FROM accounts WHERE id = ?", (account_id,))
        return Account.model_validate(rows[0]) if rows else None

    def all(self) -> list[Account]:
        return [Account.model_validate(r)
                for r in self.store.query("SELECT * FROM accounts ORDER BY platform, handle")]
