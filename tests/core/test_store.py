import sqlite3

import pytest

from xiaobian.errors import UserError
from xiaobian.models import (Account, Campaign, ChecklistItem, Comment, Handoff, MetricSnapshot,
                             Post, PostVariant, ReplyTemplate, SyncCounts)
from xiaobian.store import open_store


def comment(ext="c1", **kw):
    return Comment(platform="facebook", external_id=ext, created_at="2026-11-01T12:00:00Z",
                   text="請問門市幾點開？", author_name="小美", **kw)


def test_pragmas_wal_and_foreign_keys(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 10_000


def test_new_private_database_is_0600(tmp_path):
    path = tmp_path / "private.db"
    open_store(path, actor="me").close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_shared_database_is_group_writable(tmp_path, monkeypatch):
    import os
    old = os.umask(0o007)
    try:
        path = tmp_path / "team.db"
        open_store(path, actor="me", shared=True).close()
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o660


def test_comment_round_trip(store):
    comment_id = store.comments.upsert(comment(tags=["問題", "門市"]))
    got = store.comments.get(comment_id)
    assert got.text == "請問門市幾點開？" and got.tags == ["問題", "門市"] and got.id == comment_id


def test_reimport_is_idempotent_and_keeps_triage_state(store):
    assert store.comments.upsert_many([comment()]).new == 1
    store.db.execute("UPDATE comments SET status = 'done', assignee = 'amy'")
    store.db.conn.commit()
    again = store.comments.upsert_many([comment()])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    edited = store.comments.upsert_many([comment().model_copy(update={"text": "改過的留言"})])
    assert edited.updated == 1
    got = store.comments.get(1)
    assert (got.text, got.status, got.assignee) == ("改過的留言", "done", "amy")
    assert store.scalar("SELECT count(*) FROM comments") == 1


def test_post_with_variants_and_snapshots(store):
    account = store.accounts.upsert(Account(platform="instagram", handle="shanlan"))
    post_id = store.posts.save(Post(platform="instagram", account_id=account, external_id="p1",
                                    text="手沖日常", variants=[PostVariant(platform="threads", text="短")]))
    assert store.posts.get(post_id).variants[0].text == "短"
    snap = MetricSnapshot(post_id=post_id, taken_at="2026-11-02T00:00:00Z", reach=100, spend=1.5)
    assert store.posts.add_snapshot(snap) is True
    assert store.posts.add_snapshot(snap) is False
    assert store.posts.snapshots(post_id) == [snap.model_copy(update={"id": 1})]
    # the same external post imported again merges into one row
    assert store.posts.save(Post(platform="instagram", external_id="p1", text="手沖日常")) == post_id


def test_campaign_checklist_templates_handoffs(store):
    cid = store.campaigns.create(Campaign(name="冬季上市", kind="launch"), [
        ChecklistItem(campaign_id=0, phase="預熱", title="拍攝素材"),
        ChecklistItem(campaign_id=0, phase="開跑", title="發布貼文")])
    assert [i.title for i in store.checklists.items(cid)] == ["拍攝素材", "發布貼文"]  # as given
    store.campaigns.add_template(ReplyTemplate(name="thanks", body="謝謝 {author}！"))
    assert store.campaigns.templates()[0].body == "謝謝 {author}！"
    store.handoffs.add(Handoff(department="客服", created_by="tester",
                                        created_at="2026-11-01T00:00:00Z"))
    assert store.handoffs.all("open")[0].department == "客服"


def test_writes_are_audited_and_audit_is_append_only(store):
    store.campaigns.create(Campaign(name="x"))
    events = store.audit_log.since()
    assert [(e.actor, e.action) for e in events] == [("tester", "campaign.create")]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with store.write() as db:
            db.execute("DELETE FROM audit_events")


def test_failed_write_rolls_back_everything(store):
    with pytest.raises(RuntimeError):
        with store.write():
            store.comments.upsert_many([comment()])
            raise RuntimeError("boom")
    assert store.scalar("SELECT count(*) FROM comments") == 0
    assert store.scalar("SELECT count(*) FROM comments_fts") == 0


def test_sync_run_records_unfinished_then_done(store):
    run = store.sync_runs.start("export.zip", "facebook", "abc")
    assert store.sync_runs.get(run).finished_at is None
    store.sync_runs.finish(run, SyncCounts(new=3, skipped=1), ["row 4: no id"])
    got = store.sync_runs.get(run)
    assert (got.status, got.counts.new, got.errors) == ("done", 3, ["row 4: no id"])


def test_fts_finds_chinese_substrings(store):
    store.comments.upsert_many([comment("a"), comment("b").model_copy(update={"text": "咖啡很好喝"})])
    hits = store.query("SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?", ('"門市幾"',))
    assert [h["rowid"] for h in hits] == [1]


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(UserError, match="not a xiaobian database"):
        open_store(bogus, actor="me")


def test_missing_database_without_create(tmp_path):
    with pytest.raises(UserError, match="no database here"):
        open_store(tmp_path / "absent.db", actor="me", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_side_reads_do_not_wait_for_the_main_lock(store):
    import threading

    store.comments.upsert_many([comment()])
    result = []
    with store.read():  # a page query or write holds the main lock…
        worker = threading.Thread(target=lambda: result.append(store.side_scalar("SELECT count(*) FROM comments")))
        worker.start()
        worker.join(5)
    assert result == [1]  # …and the count still ran
