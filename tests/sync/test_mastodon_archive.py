"""Mastodon outbox.json: posts, our replies and DMs, boosts, the .tar.gz, errors, real excerpt."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from xiaobian.sync.formats.base import ParseContext
from xiaobian.sync.formats.mastodon_archive import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, PostIn, Skip

from .conftest import FIXTURES, TAKEN, parse_all, sample, sources

HERE = FIXTURES / "mastodon-archive"
OUTBOX = HERE / "archive" / "outbox.json"
ME = "shanlan@mastodon.example"


def _tar(tmp_path: Path) -> Path:
    """The archive as Mastodon ships it: outbox.json, actor.json and media in a .tar.gz."""
    path = tmp_path / "archive-20261124090000-0123456789abcdef0123456789abcdef.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name in ("outbox.json", "actor.json"):
            tar.add(HERE / "archive" / name, arcname=name)
        jpeg = tarfile.TarInfo("mastodonexample/media_attachments/files/113/400/original/a1.jpeg")
        jpeg.size = 4
        tar.addfile(jpeg, io.BytesIO(b"\xff\xd8\xff\xd9"))
    return path


def _sniffed(path: Path) -> list:
    ctx = ParseContext(taken_at=TAKEN)
    return [r for s in sources(path) if FORMAT.sniff(s) for r in FORMAT.parse(s, ctx)]


def test_sniffs_the_outbox_only(tmp_path):
    found = {s.basename: FORMAT.sniff(s) for s in sources(_tar(tmp_path))}
    assert found == {"outbox.json": True, "actor.json": False}
    spaced = tmp_path / "backup.json"  # pretty-printed, renamed: the id still tells
    spaced.write_text('{\n  "id" : "outbox.json",\n  "type" : "OrderedCollection"\n}')
    assert FORMAT.sniff(sources(spaced)[0])
    likes = tmp_path / "likes.json"
    likes.write_text('{"id":"likes.json","type":"OrderedCollection","orderedItems":[]}')
    assert not FORMAT.sniff(sources(likes)[0])
    assert not FORMAT.sniff(sources(FIXTURES / "tiktok-export" / "user_data_tiktok.json")[0])


def test_maps_every_kind_of_status(tmp_path):
    album, video, reply, boost, dm, followers_only, thread = _sniffed(_tar(tmp_path))
    assert album == PostIn(
        platform="mastodon", external_id="113400000000000001", account=ME,
        text="山嵐咖啡秋季限定「桂花烏龍拿鐵」今天上市！\n每杯都用阿里山烏龍冷萃。\n"
             "門市與線上同步開賣 #山嵐咖啡 https://shanlan.example/autumn-latte",
        media_kind="album", permalink="https://mastodon.example/@shanlan/113400000000000001",
        published_at="2026-10-01T01:30:00Z")
    assert isinstance(video, PostIn)  # unlisted (Public only in cc) is still a post
    assert (video.media_kind, video.text) == (
        "video", "CW: 咖啡因警告\n\n烘豆室實況：一爐 12 公斤的衣索比亞日曬 & 哥倫比亞水洗。")
    assert reply == CommentIn(
        platform="mastodon", external_id="113400000000000003", kind="reply", is_ours=True,
        parent_external_id="113399999999999999", post_external_id="113399999999999999",
        account=ME, author_name=ME, text="@coffeefan 謝謝支持！週末門市有免費試飲喔 ☕",
        created_at="2026-10-02T06:15:00Z")
    assert boost == Skip(reason="repost")
    assert isinstance(dm, CommentIn)
    assert (dm.kind, dm.is_ours, dm.parent_external_id, dm.post_external_id) == (
        "dm", True, None, None)
    assert dm.text == "@coffeefan 您的訂單編號 SL-2026-1003 已出貨，請留意簡訊。"
    assert isinstance(followers_only, PostIn) and followers_only.media_kind == "text"
    assert isinstance(thread, CommentIn) and thread.parent_external_id == "113400000000000001"


def test_account_override():
    records = parse_all(FORMAT, OUTBOX, account="shanlan_tw")
    assert {r.account for r in records if not isinstance(r, Skip)} == {"shanlan_tw"}


def test_import_links_our_thread_reply_and_is_idempotent(load, store):
    first = load(FORMAT, OUTBOX)
    assert (first.counts["posts"].new, first.counts["comments"].new) == (3, 3)
    assert first.skipped["repost"] == 1
    rows = store.query("SELECT c.external_id, c.kind, c.status, p.external_id AS post"
                       " FROM comments c LEFT JOIN posts p ON p.id = c.post_id"
                       " ORDER BY c.external_id")
    assert rows == [
        {"external_id": "113400000000000003", "kind": "reply", "status": "done", "post": None},
        {"external_id": "113400000000000005", "kind": "dm", "status": "done", "post": None},
        {"external_id": "113400000000000007", "kind": "reply", "status": "done",
         "post": "113400000000000001"},
    ]
    handles = store.query("SELECT DISTINCT a.handle FROM posts p"
                          " JOIN accounts a ON a.id = p.account_id")
    assert handles == [{"handle": ME}]
    again = load(FORMAT, OUTBOX)
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where", [("bad_date_outbox.json", "item 2 (113400000000000002)"),
                                         ("truncated_outbox.json", "line 1 column")])
def test_bad_files_name_the_record(name, where):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / name)
    assert (err.value.record or "").startswith(where)


def test_empty_and_foreign_json(tmp_path):
    empty = tmp_path / "outbox.json"
    empty.write_bytes(b"")
    with pytest.raises(RecordError):
        parse_all(FORMAT, empty)
    empty.write_text('{"id":"outbox.json","type":"OrderedCollection"}')
    with pytest.raises(RecordError, match="orderedItems"):
        parse_all(FORMAT, empty)


def test_real_outbox_excerpt():
    path = sample("mastodon/outbox_excerpt_dealingwith.json")
    assert FORMAT.sniff(sources(path)[0])
    reply, photo, dm = parse_all(FORMAT, path)
    assert isinstance(reply, CommentIn) and reply.kind == "reply"
    assert reply.parent_external_id == "109308078398027392"
    assert isinstance(photo, PostIn)
    assert (photo.external_id, photo.media_kind, photo.account) == (
        "109333840388857217", "photo", "dealingwith@indieweb.social")
    assert photo.text.startswith('"#caterday is serious business')
    assert isinstance(dm, CommentIn) and dm.kind == "dm"
