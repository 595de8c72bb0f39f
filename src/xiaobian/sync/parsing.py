"""Shared parsing helpers for the format modules: text decoding, CSV with alias tables, numbers,
timestamps, Meta's mojibake, and the one error type a parser raises for a bad record."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, tzinfo

from xiaobian.sync.source import Source
from xiaobian.timeutil import to_iso

CSV_FIELD_LIMIT = 1024 * 1024
NOT_UTF8_HINT = "re-save it as UTF-8, or pass --encoding cp950 for a Big5 file"
MAX_JSON_BYTES = 512 * 1024**2
"""JSON files are read whole (CSV is streamed); past this, ask for a smaller export."""


class RecordError(Exception):
    """A record (or the whole file) a parser cannot read; the runner adds the file name."""

    def __init__(self, record: str | None, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.record = record
        self.message = message
        self.hint = hint


# ---- text ---------------------------------------------------------------------------------

def encoding_of(head: bytes, forced: str | None = None) -> str:
    if forced:
        return forced
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return "utf-8-sig"


def _whole_file_fits(source: Source) -> None:
    if source.size > MAX_JSON_BYTES:
        raise RecordError(None, f"this file is {source.size // 1024**2} MiB, too large to read at once",
                          "request the export for a shorter date range, or in parts")


def text_of(source: Source, forced: str | None = None) -> str:
    """The whole file as text (BOM and UTF-16 handled; ``forced`` names the encoding)."""
    _whole_file_fits(source)
    data = source.read()
    encoding = encoding_of(data[:4], forced)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RecordError(f"byte {exc.start}", f"not {encoding} text",
                          NOT_UTF8_HINT) from None


_ESCAPED_BYTE = re.compile(rb"(?<!\\)((?:\\\\)*)\\u00([0-9a-fA-F]{2})")


def restore_meta_utf8(data: bytes) -> bytes:
    """Meta's exports escape every UTF-8 byte as its own ``\\u00XX``; turn them back into bytes."""
    return _ESCAPED_BYTE.sub(lambda m: m.group(1) + bytes([int(m.group(2), 16)]), data)


def fix_mojibake(text: str) -> str:
    """Per-string repair for text already decoded the wrong way; unchanged if it was not mojibake."""
    if not text or max(text) > "\u00ff" or text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def load_json(source: Source, *, meta: bool = False, strip_prefix: bool = False):
    """Parse a JSON file; ``meta`` repairs the byte escapes, ``strip_prefix`` drops ``window.X = ``."""
    _whole_file_fits(source)
    data = source.read()
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if strip_prefix:
        start = min((i for i in (data.find(b"["), data.find(b"{")) if i >= 0), default=-1)
        if start < 0:
            raise RecordError(None, "no JSON data after the prefix")
        data = data[start:]
    if meta:
        try:
            restored = restore_meta_utf8(data)
            restored.decode("utf-8")
            data = restored
        except UnicodeDecodeError:
            pass  # not the byte-escape kind of file; keep it as it is
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise RecordError(f"line {exc.lineno} column {exc.colno}", f"broken JSON ({exc.msg})",
                          "the file may be truncated; download the export again") from None
    except UnicodeDecodeError:
        raise RecordError(None, "not UTF-8 JSON", "download the export again") from None


def html_to_text(html: str) -> str:
    import html as html_lib

    text = re.sub(r"<br\s*/?>|</p>\s*<p[^>]*>", "\n", html, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html_lib.unescape(text).strip()


# ---- CSV ----------------------------------------------------------------------------------

def normal_header(name: str) -> str:
    name = unicodedata.normalize("NFKC", name.replace("\u00ad", "").replace("\ufeff", ""))
    return re.sub(r"\s+", " ", name).strip().casefold()


class CsvTable:
    """A CSV file read as a stream: header found (after preambles), columns mapped by alias.

    ``aliases`` maps a field name to the header spellings it may have (any language); a
    trailing ``*`` in an alias matches a prefix, e.g. ``amount spent (*``.
    """

    def __init__(self, source: Source, aliases: Mapping[str, tuple[str, ...]], *,
                 required: tuple[str, ...] = (), encoding: str | None = None,
                 escapechar: str | None = None, header_marker: str | None = None) -> None:
        self.source = source
        self.aliases = aliases
        self.required = required
        self.encoding = encoding
        self.escapechar = escapechar
        self.header_marker = header_marker

    def _text(self) -> io.TextIOBase:
        raw = self.source.open()
        encoding = encoding_of(self.source.head()[:4], self.encoding)
        return io.TextIOWrapper(raw, encoding=encoding, newline="")

    def _dialect(self, sample: str) -> str:
        first = next((line for line in sample.splitlines() if line.strip() and not line.startswith("sep=")), "")
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        return max(counts, key=counts.get) if any(counts.values()) else ","

    def rows(self) -> Iterator[tuple[int, dict[str, str], dict[str, str]]]:
        """Yield (line number, {field: value} for mapped fields, {header: value} for all)."""
        csv.field_size_limit(CSV_FIELD_LIMIT)
        with self._text() as f:
            try:
                sample = f.read(8192)
            except UnicodeDecodeError:
                raise RecordError(None, "not UTF-8 text",
                                  NOT_UTF8_HINT) from None
            f.seek(0)
            reader = csv.reader(f, delimiter=self._dialect(sample), strict=True,
                                escapechar=self.escapechar, doublequote=self.escapechar is None)
            try:
                header, columns = self._header(reader)
                for row in reader:
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != len(header):
                        raise RecordError(f"line {reader.line_num}",
                                          f"{len(row)} columns where the header has {len(header)}",
                                          "the file may be cut off or hand-edited")
                    mapped = {name: row[i].strip() for name, i in columns.items()}
                    yield reader.line_num, mapped, dict(zip(header, row, strict=True))
            except csv.Error as exc:
                raise RecordError(f"line {reader.line_num}", f"unreadable CSV ({exc})",
                                  "the file may be cut off; export it again") from None
            except UnicodeDecodeError:
                raise RecordError(f"line {reader.line_num}", "not UTF-8 text",
                                  NOT_UTF8_HINT) from None

    def _header(self, reader) -> tuple[list[str], dict[str, int]]:
        for _ in range(10):  # preambles: "sep=,", report titles, date ranges, "Notes:" paragraphs
            try:
                header = next(reader)
            except StopIteration:
                raise RecordError(None, "the file is empty") from None
            columns = map_columns(header, self.aliases)
            if all(name in columns for name in self.required) and columns:
                return [h.strip() for h in header], columns
        missing = ", ".join(self.required)
        raise RecordError("header", f"none of the first lines has the columns {missing}",
                          "use --format to pick another format, or a mapping for generic CSV")


def head_rows(source: Source, lines: int = 5, encoding: str | None = None) -> list[tuple[str, list[str]]]:
    """The first lines of a file as (delimiter, cells), each line split on whichever of , ; tab
    it holds most: what sniffers look at. Never raises on bad bytes (sniffing must not)."""
    head = source.head()
    text = head.decode(encoding_of(head[:4], encoding), errors="ignore")
    rows = []
    for line in text.splitlines()[:lines]:
        delimiter = max((",", ";", "\t"), key=line.count)
        rows.append((delimiter, next(csv.reader([line], delimiter=delimiter), [])))
    return rows


def map_columns(header: list[str], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    normal = [normal_header(h) for h in header]
    columns: dict[str, int] = {}
    for name, spellings in aliases.items():
        for spelling in spellings:
            spelling = normal_header(spelling)
            for i, h in enumerate(normal):
                if h == spelling or (spelling.endswith("*") and h.startswith(spelling[:-1])):
                    columns[name] = i
                    break
            if name in columns:
                break
    return columns


# ---- values -------------------------------------------------------------------------------

_BLANK = {"", "-", "--", "n/a", "null", "none"}


MAX_NUMBER = 10**15
"""Past this no counter or amount is real (SQLite's INTEGER stops at 2**63-1): refuse it."""
BAD_NUMBER_HINT = "the file may be hand-edited or damaged: export it again, or fix that cell"


def to_number(value: str | int | float | None, record: str, field: str) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _bounded(value, record, field)
    if not isinstance(value, str):
        raise RecordError(record, f"{field} is not a number: {str(value)[:40]!r}", BAD_NUMBER_HINT)
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if text.lower() in _BLANK:
        return None
    text = text.rstrip("%")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", text):  # 1234,56 in European exports
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise RecordError(record, f"{field} is not a number: {value[:40]!r}") from None
    return _bounded(number, record, field, value)


def _bounded(number: float, record: str, field: str, shown: object = None) -> float:
    """A finite number no larger than MAX_NUMBER, else a RecordError naming the field."""
    try:
        result = float(number)
    except OverflowError:  # an int too large for a float
        result = math.inf
    if not math.isfinite(result) or abs(result) > MAX_NUMBER:
        text = str(number if shown is None else shown)[:40]
        raise RecordError(record, f"{field} is out of range: {text!r} (at most {MAX_NUMBER:,})",
                          BAD_NUMBER_HINT)
    return result


def to_int(value, record: str, field: str) -> int | None:
    number = to_number(value, record, field)
    return None if number is None else round(number)


def check_id(value: str, record: str, field: str) -> str:
    """Platform ids are text; an id Excel turned into ``1.22158E+17`` has lost its digits."""
    value = value.strip()
    if re.fullmatch(r"\d(\.\d+)?[eE]\+\d+", value):
        raise RecordError(record, f"{field} {value} was rounded by a spreadsheet",
                          "export the file again and import it without opening it in Excel")
    if not value:
        raise RecordError(record, f"{field} is empty")
    return value


def from_epoch(value, record: str, field: str = "timestamp") -> str:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise RecordError(record, f"{field} is not a Unix time: {value!r}") from None
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return to_iso(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        raise RecordError(record, f"{field} is out of range: {str(value)[:40]!r}") from None


def from_iso_any(value: str, record: str, field: str = "time") -> str:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise RecordError(record, f"{field} is not an ISO-8601 time: {str(value)[:40]!r}") from None
    return to_iso(moment)


def from_format(value: str, formats: tuple[str, ...], tz: tzinfo, record: str, field: str) -> str:
    """Parse a time in one of ``formats``; times without an offset are in ``tz``."""
    if not isinstance(value, str):
        raise RecordError(record, f"{field} is not a time: {str(value)[:40]!r}", BAD_NUMBER_HINT)
    for fmt in formats:
        try:
            moment = datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return to_iso(moment)
    raise RecordError(record, f"{field} is not a time we know: {value[:40]!r}")


def content_id(*parts: object) -> str:
    """A stable id for records whose export has none (Meta DYI posts, TikTok videos)."""
    text = "\x1f".join(str(p) for p in parts)
    return "h" + hashlib.sha256(text.encode()).hexdigest()[:24]
