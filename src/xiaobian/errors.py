"""The one exception type the shells print as a clear line instead of a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix: names the file and record where known, and what to do."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.record = record
        self.hint = hint

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.record) if part)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class ConflictError(UserError):
    """Someone else changed or claimed the record first; nothing was written."""
