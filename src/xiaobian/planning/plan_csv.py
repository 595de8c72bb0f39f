"""Plan a month in a spreadsheet: the calendar as CSV out, and a CSV sheet in.

Import is all or nothing and idempotent. Every row is validated before anything is written;
a bad cell stops the import with its file, row (as the spreadsheet numbers it) and column.
A row with an ``id`` updates that post; a row without one is keyed by a hash of platform, date,
time and title (``plan_key``), so the same sheet twice changes nothing. Published posts are
never changed by a sheet. Files are written UTF-8 with a BOM (Excel), read with or without one,
or in another encoding (``cp950`` for Big5) when asked.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TextIO

from pydantic import ValidationError

from xiaobian.errors import UserError
from xiaobian.export import write_rows
from xiaobian.i18n import language, t
from xiaobian.planning.plan_sheet import (
    COLUMNS,
    REQUIRED,
    CellError,
    PlanRow,
    header_field,
    normalize_hashtags,
    split_date_time,
)
from xiaobian.sanitize import clean
from xiaobian.store.plan import PlanItem
from xiaobian.sync.parsing import NOT_UTF8_HINT, encoding_of
from xiaobian.timeutil import from_iso, to_iso

MAX_BYTES = 20 * 1024**2
MAX_ROWS = 20_000


@dataclass
class Sheet:
    """A validated sheet: its rows, the header each field came from, and columns it ignored."""

    name: str
    rows: list[PlanRow]
    headers: dict[str, str]
    ignored: list[str] = field(default_factory=list)

    def error(self, row: int, column: str, message: str, hint: str | None = None) -> UserError:
        where = t("calendar_io.where", row=row, column=self.headers.get(column, column))
        return UserError(message, file=self.name, record=where, hint=hint)


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


# ---- export ---------------------------------------------------------------------------------

def export_csv(items: Iterable[PlanItem], out: TextIO, tz: tzinfo) -> int:
    """The plan as a sheet that imports back unchanged; headers in the active language."""
    chinese = language() == "zh-TW"
    header = [chinese_name if chinese else english for english, chinese_name, _ in COLUMNS.values()]

    def rows():
        for item in items:
            local = from_iso(item.at).astimezone(tz) if item.at else None
            yield (item.id, f"{local:%Y-%m-%d}" if local else "", f"{local:%H:%M}" if local else "",
                   item.platform, item.status, item.title, item.text, item.hashtags, item.campaign,
                   item.media_kind, item.notes)

    return write_rows(out, header, rows())


# ---- reading --------------------------------------------------------------------------------

def _decode(data: bytes, name: str, encoding: str | None) -> str:
    if len(data) > MAX_BYTES:
        raise UserError(t("calendar_io.too_large"), file=name, hint=t("calendar_io.split_hint"))
    chosen = encoding_of(data[:4], encoding)
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as exc:
        raise UserError(t("calendar_io.not_text", encoding=chosen), file=name,
                        record=f"byte {exc.start}", hint=NOT_UTF8_HINT) from None
    except LookupError:
        raise UserError(t("calendar_io.bad_encoding", codec=encoding), file=name) from None


def _delimiter(text: str) -> str:
    """Excel writes ``;`` in some locales and tabs for "Unicode text"; the header tells which."""
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _header(cells: list[str], name: str) -> tuple[dict[str, int], dict[str, str], list[str]]:
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for i, cell in enumerate(cells):
        label = clean(cell).strip()
        field_name = header_field(label)
        if field_name is None:
            if label:
                ignored.append(label)
            continue
        if field_name in positions:
            raise UserError(t("calendar_io.twice", column=label, other=headers[field_name]), file=name,
                            record=t("calendar_io.header_row"), hint=t("calendar_io.twice_hint"))
        positions[field_name], headers[field_name] = i, label
    missing = [f for f in REQUIRED if f not in positions]
    if "title" not in positions and "text" not in positions:
        missing.append("title")
    if missing:
        english, chinese, _ = COLUMNS[missing[0]]
        raise UserError(t("calendar_io.missing_column", column=f"{english} / {chinese}"), file=name,
                        record=t("calendar_io.header_row"), hint=t("calendar_io.columns_hint"))
    return positions, headers, ignored


def read_sheet(data: bytes, name: str, *, encoding: str | None = None) -> Sheet:
    """Parse and validate every row (bytes in, rows out); raises on the first bad cell."""
    text = _decode(data, name, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    row_number = 0
    try:
        header = next(reader, None)
        if header is None:
            raise UserError(t("calendar_io.empty_file"), file=name, hint=t("calendar_io.columns_hint"))
        positions, headers, ignored = _header(header, name)
        row_number = 1
        sheet = Sheet(name, [], headers, ignored)
        problems: list[UserError] = []
        for row_number, cells in enumerate(reader, start=2):
            if row_number > MAX_ROWS + 1:
                raise UserError(t("calendar_io.too_many_rows", limit=MAX_ROWS), file=name,
                                hint=t("calendar_io.split_hint"))
            if not any(c.strip() for c in cells):
                continue
            values = {f: cells[i] if i < len(cells) else "" for f, i in positions.items()}
            try:
                sheet.rows.append(_row(sheet, row_number, values))
            except UserError as exc:
                problems.append(exc)
    except csv.Error as exc:
        raise UserError(t("calendar_io.bad_csv", reason=str(exc)), file=name,
                        record=t("calendar_io.row", row=row_number + 1), hint=t("calendar_io.csv_hint")) from None
    if problems:
        first = problems[0]
        if len(problems) > 1:
            first.message += t("calendar_io.more_problems", count=len(problems) - 1)
        raise first
    _no_repeats(sheet)
    return sheet


def _row(sheet: Sheet, number: int, values: dict[str, str]) -> PlanRow:
    split_date_time(values)
    try:
        row = PlanRow.model_validate({"row": number, **values})
    except ValidationError as exc:
        error = exc.errors()[0]
        column = str(error["loc"][0]) if error["loc"] else "date"
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, CellError):
            raise sheet.error(number, column, str(cause), cause.hint) from None
        raise sheet.error(number, column, error["msg"]) from None
    if not (row.title or row.text):
        raise sheet.error(number, "title", t("calendar_io.no_title"), t("calendar_io.no_title_hint"))
    if row.date and not row.time:
        raise sheet.error(number, "time", t("calendar_io.no_time"), t("calendar_io.time_hint"))
    if row.time and not row.date:
        raise sheet.error(number, "date", t("calendar_io.no_date"), t("calendar_io.date_hint"))
    if row.status == "scheduled" and not row.date:
        raise sheet.error(number, "date", t("calendar_io.scheduled_needs_date"), t("calendar_io.date_hint"))
    return row


def _no_repeats(sheet: Sheet) -> None:
    seen: dict[object, int] = {}
    for row in sheet.rows:
        key = ("id", row.id) if row.id is not None else ("key", plan_key(row))
        if key in seen:
            column = "id" if row.id is not None else "title"
            raise sheet.error(row.row, column, t("calendar_io.repeated", other=seen[key]),
                              t("calendar_io.repeated_hint"))
        seen[key] = row.row


def plan_key(row: PlanRow) -> str:
    """Where a row without an id came from: platform, local date and time, title (or text)."""
    when = f"{row.date.isoformat()} {row.time:%H:%M}" if row.date and row.time else ""
    source = "\x1f".join((row.platform, when, row.title or row.text))
    return "sheet:" + hashlib.sha256(source.encode()).hexdigest()[:20]


# ---- import ---------------------------------------------------------------------------------

def _values(sheet: Sheet, row: PlanRow, tz: tzinfo, campaigns: dict[str, int]) -> dict[str, object]:
    """The post columns the sheet sets for this row (columns it lacks are left alone)."""
    when = None
    if row.date and row.time:
        when = to_iso(datetime.combine(row.date, row.time, tz))
    values: dict[str, object] = {"platform": row.platform, "scheduled_at": when}
    for name in ("status", "title", "text", "hashtags", "media_kind", "notes"):
        if name in sheet.headers:
            values[name] = getattr(row, name)
    if "campaign" in sheet.headers:
        values["campaign_id"] = _campaign(sheet, row, campaigns)
    return values


def _campaign(sheet: Sheet, row: PlanRow, campaigns: dict[str, int]) -> int | None:
    if not row.campaign:
        return None
    name = " ".join(row.campaign.split()).casefold()
    if name in campaigns:
        return campaigns[name]
    raise sheet.error(row.row, "campaign", t("calendar_io.unknown_campaign", name=row.campaign),
                      t("calendar_io.campaign_hint", names=", ".join(sorted(campaigns)) or "—"))


def _campaign_names(store) -> dict[str, int]:
    """Name (and ``#id``) -> id; a name two campaigns share only works as ``#id``."""
    names: dict[str, int] = {}
    shared: set[str] = set()
    for campaign_id, name in store.plan.campaigns():
        key = " ".join(name.split()).casefold()
        if key in names:
            shared.add(key)
        names[key] = campaign_id
        names[f"#{campaign_id}"] = campaign_id
    return {k: v for k, v in names.items() if k not in shared}


def _current(item: PlanItem, name: str) -> object:
    """The stored value as the sheet would show it (times to the minute, text cleaned)."""
    if name == "scheduled_at":
        at = item.published_at if item.status == "published" else item.scheduled_at
        return at[:16] if at else None
    if name in ("title", "text", "notes"):
        return clean(getattr(item, name), max_chars=32_000).strip()
    if name == "hashtags":
        return normalize_hashtags(item.hashtags)
    return getattr(item, name)


def _changes(item: PlanItem, values: dict[str, object]) -> dict[str, object]:
    changed = {}
    for name, value in values.items():
        wanted = value[:16] if name == "scheduled_at" and value else value
        if _current(item, name) != wanted:
            changed[name] = value
    return changed


def import_sheet(store, sheet: Sheet, tz: tzinfo, *, check: bool = False) -> ImportSummary:
    """Apply a validated sheet in one transaction (or, with ``check``, only count)."""
    summary = ImportSummary()
    with nullcontext() if check else store.write():
        campaigns = _campaign_names(store)
        keys = {row.row: plan_key(row) for row in sheet.rows if row.id is None}
        by_id, by_key = store.plan.matching([r.id for r in sheet.rows if r.id is not None], keys.values())
        targets: dict[int, int] = {}
        for row in sheet.rows:
            values = _values(sheet, row, tz, campaigns)
            item = by_id.get(row.id) if row.id is not None else by_key.get(keys[row.row])
            if row.id is not None and item is None:
                raise sheet.error(row.row, "id", t("calendar_io.no_post", id=row.id), t("calendar_io.no_post_hint"))
            if item is None:
                if row.status == "published":
                    raise sheet.error(row.row, "status", t("calendar_io.cannot_publish"),
                                      t("calendar_io.cannot_publish_hint"))
                summary.new += 1
                if not check:
                    store.plan.insert(values, keys[row.row])
                continue
            if item.id in targets:
                raise sheet.error(row.row, "id", t("calendar_io.same_post", id=item.id, other=targets[item.id]),
                                  t("calendar_io.repeated_hint"))
            targets[item.id] = row.row
            changes = _changes(item, values)
            if not changes:
                summary.unchanged += 1
                continue
            if item.status == "published" or changes.get("status") == "published":
                column = "status" if item.status != "published" else next(iter(changes))
                raise sheet.error(row.row, _column(column), t("calendar_io.published", id=item.id),
                                  t("calendar_io.published_hint"))
            summary.updated += 1
            if not check:
                store.plan.update(item.id, changes)
        if not check:
            store.audit("calendar.import", "posts", None, file=sheet.name, new=summary.new,
                        updated=summary.updated, unchanged=summary.unchanged)
    return summary


def _column(post_column: str) -> str:
    return {"scheduled_at": "date", "campaign_id": "campaign"}.get(post_column, post_column)
