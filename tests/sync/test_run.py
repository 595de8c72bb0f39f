"""The whole ``sync`` pipeline: sources from folders and archives, detection, all-or-nothing
validation, SyncRuns, and archive safety."""

from __future__ import annotations

import io
import shutil
import sqlite3
import tarfile
import zipfile

import pytest

from xiaobian.errors import UserError
from xiaobian.sync import run
from xiaobian.sync.source import expand

from .conftest import FIXTURES, NOW

TWEETS = FIXTURES / "x-archive" / "data" / "tweets.js"


def _sync(store, *paths, fmt=None, **kw):
    plan = run.plan(list(paths), fmt)
    run.validate(plan, tz=NOW.tzinfo, **kw)
    return run.write(store, plan, now=NOW, tz=NOW.tzinfo, open_days=100_000, **kw)


def _zip(tmp_path, files: dict[str, bytes], name="export.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in files.items():
            z.writestr(member, data)
    return path


def test_zip_archive_is_streamed_and_detected_by_content(store, tmp_path):
    archive = _zip(tmp_path, {"data/tweets.js": TWEETS.read_bytes(), "data/like.js": b"window.YTD.like.part0 = []",
                              "Your archive.html": b"<html></html>", "assets/x.png": b"\x89PNG"})
    summary = _sync(store, archive)
    assert [r.format for r in summary.files] == ["x-archive"]
    assert summary.total("posts").new == 1
    assert set(summary.unrecognised) == {f"{archive}:data/like.js", f"{archive}:Your archive.html"}
    run_row = store.sync_runs.get(summary.files[0].run_id)
    assert (run_row.status, run_row.counts.new, run_row.counts.skipped) == ("done", 3, 2)
    assert len(run_row.file_digest) == 64


def test_folder_and_tar_gz(store, tmp_path):
    folder = tmp_path / "exports"
    (folder / "fb").mkdir(parents=True)
    shutil.copy(FIXTURES / "generic" / "exportcomments.csv", folder / "fb" / "comments.csv")
    (folder / "readme.txt").write_text("not an export")
    with tarfile.open(tmp_path / "x.tar.gz", "w:gz") as tar:
        tar.add(TWEETS, arcname="data/tweets.js")
    summary = _sync(store, folder, tmp_path / "x.tar.gz")
    assert sorted(r.format for r in summary.files) == ["comment-csv", "x-archive"]
    assert summary.unrecognised == [str(folder / "readme.txt")]


def test_a_bad_record_anywhere_writes_nothing(store, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(TWEETS, folder / "a_tweets.js")
    shutil.copy(FIXTURES / "x-archive" / "broken_tweets.js", folder / "b_tweets.js")
    with pytest.raises(UserError) as err:
        _sync(store, folder)
    assert str(err.value).startswith(f"{folder / 'b_tweets.js'}: tweet 1")
    assert store.scalar("SELECT count(*) FROM posts") == 0
    assert store.scalar("SELECT count(*) FROM sync_runs") == 0


def test_nothing_recognised_is_one_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(UserError, match="found no export file"):
        run.plan([tmp_path])
    with pytest.raises(UserError, match="no such file"):
        run.plan([tmp_path / "missing.zip"])
    with pytest.raises(UserError, match="unknown format"):
        run.plan([tmp_path], "myspace")


def test_zip_slip_and_bombs_are_refused(tmp_path):
    slip = _zip(tmp_path, {"../../etc/evil.js": b"x"}, "slip.zip")
    with pytest.raises(UserError, match="climbs out"):
        list(expand([slip]))
    bomb = _zip(tmp_path, {"data/tweets.js": b"\0" * (20 * 1024**2)}, "bomb.zip")
    with pytest.raises(UserError, match="zip bomb"):
        list(expand([bomb]))
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UserError, match="not a readable zip"):
        list(expand([tmp_path / "broken.zip"]))


def test_tar_links_are_never_followed(tmp_path):
    path = tmp_path / "links.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        link = tarfile.TarInfo("outbox.json")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        data = b"window.YTD.tweets.part0 = []"
        info = tarfile.TarInfo("data/tweets.js")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert [s.member for s in expand([path])] == ["data/tweets.js"]


def test_reimport_is_unchanged_and_keeps_triage_state(store, tmp_path):
    path = FIXTURES / "generic" / "exportcomments.csv"
    _sync(store, path)
    comment_id = store.scalar("SELECT id FROM comments WHERE author_name = '陳小美'")
    store.triage.apply(comment_id, "done", actor="amy")
    again = _sync(store, path)
    assert (again.total("comments").new, again.total("comments").updated) == (0, 0)
    assert store.scalar("SELECT status FROM comments WHERE id = ?", (comment_id,)) == "done"


def _service_csv(rows: list[str]) -> str:
    return "Comment ID,Name,Date,Comment\n" + "".join(f"{r}\n" for r in rows)


def test_a_bad_last_row_after_many_batches_writes_nothing(store, tmp_path):
    good = [f"c{i},小安,2026-11-20 10:00:00,第 {i} 則留言" for i in range(5000)]
    path = tmp_path / "comments.csv"
    path.write_text(_service_csv([*good, "c-bad,小安,不是時間,壞掉"]), encoding="utf-8")
    with pytest.raises(UserError, match="line 5002"):
        _sync(store, path)
    assert store.scalar("SELECT count(*) FROM comments") == 0


def test_big5_csv_needs_its_encoding_named(store, tmp_path):
    path = tmp_path / "line_export.csv"
    path.write_bytes(_service_csv(["m1,小安,2026-11-20 10:00:00,請問有濾掛嗎"]).encode("cp950"))
    with pytest.raises(UserError, match="--encoding cp950"):
        _sync(store, path, fmt="comment-csv")
    _sync(store, path, fmt="comment-csv", encoding="cp950")
    assert store.scalar("SELECT text FROM comments") == "請問有濾掛嗎"


def test_an_unrecognised_big5_file_gets_the_encoding_hint(tmp_path):
    path = tmp_path / "line_export.csv"
    path.write_bytes("編號,暱稱,時間,留言\nm1,小安,2026-11-20 10:00:00,請問有濾掛嗎\n".encode("cp950"))
    with pytest.raises(UserError, match="--encoding cp950"):
        run.plan([path])


def test_an_oversized_json_file_is_refused_before_reading(store, tmp_path, monkeypatch):
    from xiaobian.sync import parsing

    monkeypatch.setattr(parsing, "MAX_JSON_BYTES", 100)
    with pytest.raises(UserError, match="too large to read at once"):
        _sync(store, TWEETS)


def test_runs_are_done_only_after_links_are_resolved(store, monkeypatch):
    from xiaobian.store.imports import Imports

    def crash(self, batch=2000):
        raise KeyboardInterrupt  # stands in for kill -9 while linking

    monkeypatch.setattr(Imports, "link_parked", crash)
    with pytest.raises(KeyboardInterrupt):
        _sync(store, TWEETS)
    assert [r.status for r in store.sync_runs.recent()] == ["running"]


def test_a_corrupt_archive_member_is_one_clear_error(tmp_path):
    stored = tmp_path / "stored.zip"
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr("data/tweets.js", TWEETS.read_bytes())
    raw = bytearray(stored.read_bytes())
    body = raw.find(b'"tweet"')
    raw[body:body + 7] = b'"tweeX"'  # the bytes change, the CRC in the header does not
    stored.write_bytes(raw)
    with pytest.raises(UserError, match="cannot read the file"):
        the_plan = run.plan([stored])
        run.validate(the_plan, tz=NOW.tzinfo)


def test_a_record_the_model_refuses_is_one_clear_error(store, tmp_path):
    from xiaobian.sync.formats.base import Format
    from xiaobian.sync.records import CommentIn

    def parse(source, ctx):
        yield CommentIn(platform="x", external_id="", created_at="2026-11-24T00:00:00Z")

    bad = Format(name="bad", sniff=lambda s: True, parse=parse)
    the_plan = run.Plan(files=[(next(expand([TWEETS])), bad)])
    with pytest.raises(UserError, match="external_id"):
        run.validate(the_plan, tz=NOW.tzinfo)


def test_a_failure_while_writing_marks_the_run_failed(store, monkeypatch):
    from xiaobian.sync.load import Loader

    def boom(self, record):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Loader, "add", boom)
    with pytest.raises(sqlite3.OperationalError):
        _sync(store, TWEETS)
    assert [(r.status, r.errors) for r in store.sync_runs.recent()] == [("failed", ["disk I/O error"])]


def test_media_files_do_not_count_against_the_archive_budget(tmp_path, monkeypatch):
    from xiaobian.sync import source

    monkeypatch.setattr(source, "MAX_TOTAL_BYTES", 10_000)
    archive = _zip(tmp_path, {"data/tweets.js": TWEETS.read_bytes(), "media/clip.mp4": b"\0" * 50_000})
    assert [s.member for s in expand([archive])] == ["data/tweets.js"]


def test_out_of_range_epoch_is_a_record_error():
    from xiaobian.sync.parsing import RecordError, from_epoch

    for value in ("1" * 300, "99999999999999999999"):
        with pytest.raises(RecordError, match="out of range"):
            from_epoch(value, "post 1")
