"""LinkedIn member export: Shares.csv (quoting bug repaired), Comments.csv, errors, real files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from xiaobian.sync.formats.linkedin_export import FORMAT
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, PostIn

from .conftest import FIXTURES, parse_all, sample, sources

HERE = FIXTURES / "linkedin-export"
FEED = "https://www.linkedin.com/feed/update/"


def _zip(tmp_path: Path) -> Path:
    """The export as LinkedIn ships it: CSVs at the root of a zip."""
    path = tmp_path / "Basic_LinkedInDataExport_11-24-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("Comments.csv", "Shares.csv"):
            archive.write(HERE / "export" / name, name)
        archive.writestr("Profile.csv", "First Name,Last Name,Headline\n山嵐,咖啡,台灣小農精品咖啡\n")
    return path


def test_sniffs_shares_and_comments_only(tmp_path):
    found = {s.basename: FORMAT.sniff(s) for s in sources(_zip(tmp_path))}
    assert found == {"Comments.csv": True, "Shares.csv": True, "Profile.csv": False}
    other = tmp_path / "notes.csv"  # the same three columns under another name is not ours
    other.write_text("Date,Link,Message\n2026-10-01 09:00:00,https://example.com,hi\n")
    assert not FORMAT.sniff(sources(other)[0])
    assert not FORMAT.sniff(sources(FIXTURES / "tiktok-export" / "user_data_tiktok.json")[0])


def test_shares_become_posts_with_the_stray_quotes_removed():
    launch, video, award, hiring = parse_all(FORMAT, HERE / "export" / "Shares.csv")
    assert launch == PostIn(
        platform="linkedin", external_id="urn:li:share:7380000000000000001",
        text="山嵐咖啡秋季限定「桂花烏龍拿鐵」今天上市！\n\n每杯都用阿里山烏龍冷萃，限量三週。\n"
             '店長說："好咖啡不用趕"\n\n#山嵐咖啡 #秋季限定',
        media_kind="photo", permalink=FEED + "urn%3Ali%3Ashare%3A7380000000000000001",
        published_at="2026-10-01T09:30:00Z")
    assert (video.external_id, video.media_kind) == ("urn:li:ugcPost:7380000000000000002", "video")
    assert (award.external_id, award.media_kind) == ("urn:li:activity:7380000000000000003", "link")
    assert (hiring.media_kind, hiring.text, hiring.published_at) == (
        "text", "我們正在招募門市夥伴（台北大安店），歡迎私訊。", "2026-10-20T18:45:10Z")


def test_comments_with_backslash_escaped_quotes():
    path = HERE / "export" / "Comments.csv"
    ours, quoted, other = parse_all(FORMAT, path, account="shanlan-coffee")
    assert isinstance(quoted, CommentIn)
    assert quoted.text == '陳美玲 感謝推薦！我們的"日曬耶加"這週剛好到貨，\n\n歡迎來店裡喝一杯。'
    assert (quoted.is_ours, quoted.created_at, quoted.account, quoted.post_external_id) == (
        True, "2026-10-16T21:03:05Z", "shanlan-coffee", "urn:li:activity:7381111111111111111")
    assert quoted.external_id.startswith("h") and len({ours.external_id, quoted.external_id,
                                                       other.external_id}) == 3


def test_notes_preamble_suffixed_name_and_posts_url():
    path = HERE / "notes" / "Shares_155814142.csv"
    assert FORMAT.sniff(sources(path)[0])
    [post] = parse_all(FORMAT, path)
    assert (post.external_id, post.text, post.media_kind) == (
        "urn:li:activity:7390000000000000009", "冬季配方豆「雪見」預購開跑。", "link")


def test_import_links_our_comment_to_our_share_and_is_idempotent(load, store):
    first = load(FORMAT, HERE / "export")
    assert (first.counts["posts"].new, first.counts["comments"].new) == (4, 3)
    linked = store.query("SELECT c.text, c.is_ours, c.status, p.external_id AS post FROM comments c"
                         " JOIN posts p ON p.id = c.post_id")
    assert linked == [{"text": "謝謝大家的祝福！週末門市有得獎豆試飲。", "is_ours": 1, "status": "done",
                       "post": "urn:li:activity:7380000000000000003"}]
    assert store.scalar("SELECT count(*) FROM comments WHERE post_id IS NULL") == 2
    again = load(FORMAT, HERE / "export")
    assert all(c.new == c.updated == 0 for c in again.counts.values())


@pytest.mark.parametrize("name, where", [("Comments.csv", "line 3"), ("Shares.csv", "line 2")])
def test_bad_rows_name_the_line(name, where):
    with pytest.raises(RecordError) as err:
        parse_all(FORMAT, HERE / "broken" / name)
    assert err.value.record == where


def test_empty_file(tmp_path):
    empty = tmp_path / "Shares.csv"
    empty.write_bytes(b"")
    assert not FORMAT.sniff(sources(empty)[0])
    with pytest.raises(RecordError, match="empty"):
        parse_all(FORMAT, empty)


def test_real_excerpts():
    shares = parse_all(FORMAT, sample("linkedin/Shares_excerpt_sanand0.csv"))
    assert [p.external_id for p in shares] == [
        "urn:li:share:7345821826846990338", "urn:li:share:7345736358277103616",
        "urn:li:share:7345704252889059331"]
    assert shares[1].text.startswith(
        'If someone asked me, "What\'s changed this year in LLMs", here\'s my list:\n\n')
    assert not any(line.startswith('"') or line.endswith('"')
                   for p in shares for line in p.text.splitlines())
    path = sample("linkedin/Comments_excerpt_sanand0.csv")
    assert FORMAT.sniff(sources(path)[0])
    comments = parse_all(FORMAT, path)
    assert len(comments) == 37 and all(isinstance(c, CommentIn) and c.is_ours for c in comments)
    assert any('"This is what a country searches for"' in c.text for c in comments)
