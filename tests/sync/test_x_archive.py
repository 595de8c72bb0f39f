"""X archive tweets.js: posts, our replies, skips, errors, and the real excerpt."""

from __future__ import annotations

import pytest

from xiaobian.sync.formats.x_archive import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, MetricsIn, PostIn, Skip

from .conftest import FIXTURES, TAKEN, parse_all, sample, sources

TWEETS = FIXTURES / "x-archive" / "data" / "tweets.js"


def test_sniffs_the_ytd_prefix_only():
    assert FORMAT.sniff(sources(TWEETS)[0])
    assert not FORMAT.sniff(sources(FIXTURES / "generic" / "exportcomments.csv")[0])


def test_posts_replies_and_skips():
    records = parse_all(FORMAT, TWEETS, account="shanlan_coffee")
    post, metrics, reply, repost, glitch = records
    assert isinstance(post, PostIn)
    assert post.text == "冬季限定「雪嶺」配方豆上市 & 門市試喝 #山嵐咖啡 https://shanlan.example/beans"
    assert (post.external_id, post.published_at, post.media_kind, post.account) == (
        "1860000000000000001", "2026-11-20T04:00:00Z", "photo", "shanlan_coffee")
    assert post.permalink == "https://x.com/i/web/status/1860000000000000001"
    assert isinstance(metrics, MetricsIn)
    assert (metrics.reactions, metrics.shares, metrics.taken_at) == (128, 12, TAKEN)
    assert isinstance(reply, CommentIn)
    assert (reply.is_ours, reply.kind, reply.parent_external_id) == (True, "reply", "1860000000000000001")
    assert repost == Skip(reason="repost")
    assert glitch == Skip(reason="before_platform")


def test_import_links_our_reply_to_the_post_and_is_idempotent(load, store):
    first = load(FORMAT, TWEETS)
    assert (first.counts["posts"].new, first.counts["comments"].new) == (1, 1)
    row = store.query("SELECT c.status, c.is_ours, p.external_id AS post FROM comments c"
                      " JOIN posts p ON p.id = c.post_id")[0]
    assert row == {"status": "done", "is_ours": 1, "post": "1860000000000000001"}
    again = load(FORMAT, TWEETS)
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where", [("broken_tweets.js", "tweet 1"), ("truncated_tweets.js", "line 2")])
def test_bad_files_name_the_record(name, where):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, FIXTURES / "x-archive" / name)
    assert (err.value.record or "").startswith(where)


def test_real_archive_excerpt():
    records = parse_all(FORMAT, sample("twitter/tweets_js_excerpt_milahu.js"))
    assert records and all(isinstance(r, PostIn | MetricsIn | CommentIn | Skip) for r in records)
    assert any(isinstance(r, CommentIn) and r.parent_external_id for r in records)
