"""Turn the paths a user gives into sources: plain files, files in folders, members of archives.

Archives are never unpacked where the user can see: zip members are streamed from the file; a
tar member is copied once into a private temporary folder when first read (gzip cannot seek
back), removed at exit. Limits guard against bombs (member count, total and per-member size,
compression ratio); links, devices and paths that climb out of the archive are refused.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from xiaobian.errors import UserError

MAX_MEMBERS = 200_000
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_TOTAL_BYTES = 32 * 1024**3
MAX_RATIO = 200
HEAD_BYTES = 64 * 1024
SKIP_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".m4a", ".mp3",
                 ".webm", ".srt", ".vtt", ".ico", ".svg"}
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")


@dataclass
class Source:
    """One file to sniff and parse. ``member`` is its path inside the archive or folder."""

    name: str
    member: str
    size: int
    opener: Callable[[], BinaryIO]
    modified: datetime
    """When the export wrote the file: metrics in it are a snapshot as of then."""
    _head: bytes | None = field(default=None, repr=False)

    def open(self) -> BinaryIO:
        return self.opener()

    def head(self) -> bytes:
        if self._head is None:
            with self.open() as f:
                self._head = f.read(HEAD_BYTES)
        return self._head

    def read(self) -> bytes:
        with self.open() as f:
            return f.read()

    def digest(self) -> str:
        sha = hashlib.sha256()
        with self.open() as f:
            while chunk := f.read(1024 * 1024):
                sha.update(chunk)
        return sha.hexdigest()

    @property
    def basename(self) -> str:
        return PurePosixPath(self.member).name


# What reading a file or an archive member can raise when the file, not the code, is at fault:
# I/O errors, a CRC mismatch, a corrupt deflate stream, an encrypted or unsupported member.
READ_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, tarfile.TarError, RuntimeError,
               NotImplementedError)


@contextmanager
def reading(source: Source) -> Iterator[None]:
    """Turn an unreadable file or archive member into one clear UserError naming it."""
    try:
        yield
    except READ_ERRORS as exc:
        raise UserError(f"cannot read the file ({exc})", file=source.name,
                        hint="the archive may be incomplete or encrypted; download the export again") from None


def _wanted(member: str) -> bool:
    path = PurePosixPath(member)
    return (path.suffix.lower() not in SKIP_SUFFIXES and not path.name.startswith(".")
            and "__MACOSX" not in path.parts)


def _safe_member(archive: Path, name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        raise UserError("the archive holds a path that climbs out of it", file=str(archive),
                        record=name, hint="the archive may be tampered with; download it again")
    return str(path)


def _check_budget(archive: Path, count: int, total: int) -> None:
    if count > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
        raise UserError("the archive is too large to import safely", file=str(archive),
                        hint=f"at most {MAX_MEMBERS:,} files and {MAX_TOTAL_BYTES // 1024**3} GiB")


def _zip_sources(path: Path) -> Iterator[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UserError("not a readable zip archive", file=str(path),
                        hint="download the export again; it may be incomplete") from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    for info in infos:
        _safe_member(path, info.filename)
    infos = [i for i in infos if _wanted(i.filename)]  # media files are never read: not counted
    _check_budget(path, len(infos), sum(i.file_size for i in infos))
    archive_time = datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
    for info in infos:
        member = _safe_member(path, info.filename)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 1024**2 and ratio > MAX_RATIO):
            raise UserError("an archive member is suspiciously large (a zip bomb?)", file=str(path),
                            record=member, hint="import the files unpacked, if you trust them")
        try:
            modified = datetime(*info.date_time, tzinfo=UTC)
        except ValueError:  # a zeroed DOS date
            modified = archive_time
        yield Source(f"{path}:{member}", member, info.file_size,
                     lambda info=info: archive.open(info), modified)


def _staged(archive: tarfile.TarFile, info: tarfile.TarInfo, staged: Path) -> Callable[[], BinaryIO]:
    """An opener for a tar member that copies it out once, to ``staged`` in a private temporary
    folder: a gzip stream can only be re-read from its start, so sniffing, validating, hashing
    and importing a member straight from the archive would decompress all before it each time."""

    def opener() -> BinaryIO:
        if not staged.exists():
            with archive.extractfile(info) as member, staged.open("wb") as out:
                shutil.copyfileobj(member, out, 1024 * 1024)
        return staged.open("rb")

    return opener


def _tar_sources(path: Path) -> Iterator[Source]:
    try:
        archive = tarfile.open(path)
        members = [m for m in archive.getmembers() if not m.isdir()]
    except (tarfile.TarError, EOFError, OSError):
        raise UserError("not a readable tar archive", file=str(path),
                        hint="download the export again; it may be incomplete") from None
    for info in members:
        _safe_member(path, info.name)
    members = [m for m in members if m.isfile() and _wanted(m.name)]  # links and devices never followed
    _check_budget(path, len(members), sum(m.size for m in members))
    folder = Path(tempfile.mkdtemp(prefix="xiaobian-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for index, info in enumerate(members):
        member = _safe_member(path, info.name)
        if info.size > MAX_MEMBER_BYTES:
            raise UserError("an archive member is too large", file=str(path), record=member)
        yield Source(f"{path}:{member}", member, info.size, _staged(archive, info, folder / str(index)),
                     datetime.fromtimestamp(info.mtime, UTC))


def _file_source(path: Path, member: str) -> Source:
    stat = path.stat()
    return Source(str(path), member, stat.st_size, lambda: path.open("rb"),
                  datetime.fromtimestamp(int(stat.st_mtime), UTC))


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def expand(paths: list[Path]) -> Iterator[Source]:
    """Every importable file under the given paths, archives streamed member by member."""
    for path in paths:
        if not path.exists():
            raise UserError("no such file or folder", file=str(path))
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path).as_posix()
                if is_archive(child):
                    yield from _archive(child)
                elif _wanted(rel):
                    yield _file_source(child, rel)
        elif is_archive(path):
            yield from _archive(path)
        else:
            yield _file_source(path, path.name)


def _archive(path: Path) -> Iterator[Source]:
    if path.name.lower().endswith(".zip") or zipfile.is_zipfile(path):
        yield from _zip_sources(path)
    else:
        yield from _tar_sources(path)
