"""Comment-export services (sniffed) and the generic mapped CSV/JSON importer."""

from __future__ import annotations

import pytest

from xiaobian.sync.formats.generic import COMMENT_CSV, GENERIC
from xiaobian.sync.parsing import RecordError
from xiaobian.sync.records import CommentIn, Skip

from .conftest import FIXTURES, parse_all, sources

LINE_MAP = {"platform": "line", "time_format": "%Y/%m/%d %H:%M", "external_id": "訊息ID",
            "author_name": "暱稱", "created_at": "時間", "text": "訊息內容"}


def test_service_export_is_sniffed_and_platform_comes_from_the_url():
    source = sources(FIXTURES / "generic" / "exportcomments.csv")[0]
    assert COMMENT_CSV.sniff(source)
    first, second = parse_all(COMMENT_CSV, FIXTURES / "generic" / "exportcomments.csv")
    assert (first.platform, first.author_name, first.author_id) == ("facebook", "陳小美", "100012345")
    assert first.post_external_id == "https://www.facebook.com/shanlan/posts/555"
    assert second.text == "Shipping took 9 days. Not happy."


def test_service_sniffer_leaves_other_csvs_alone():
    assert not COMMENT_CSV.sniff(sources(FIXTURES / "generic" / "line_oa.csv")[0])
    assert not GENERIC.sniff(sources(FIXTURES / "generic" / "line_oa.csv")[0])


def test_mapped_csv_in_local_time():
    records = parse_all(GENERIC, FIXTURES / "generic" / "line_oa.csv", mapping=LINE_MAP,
                        tz=__import__("zoneinfo").ZoneInfo("Asia/Taipei"))
    first, second, sticker = records
    assert first == CommentIn(platform="line", external_id="m001", author_name="小安",
                              created_at="2026-11-23T12:15:00Z", text="請問雪嶺配方還有貨嗎？")
    assert second.text.endswith("想退款")
    assert sticker == Skip(reason="empty_text")


def test_json_lines_with_replies(load, store):
    mapping = {"platform": "other", "external_id": "id", "author_name": "user", "created_at": "when",
               "text": "body", "parent": "reply_to"}
    loader = load(GENERIC, FIXTURES / "generic" / "dcard.jsonl", mapping=mapping)
    assert loader.counts["comments"].new == 2
    reply = store.query("SELECT c.kind, p.external_id AS parent, c.created_at FROM comments c"
                        " JOIN comments p ON p.id = c.parent_id")[0]
    assert reply == {"kind": "reply", "parent": "d-9001", "created_at": "2026-11-22T05:30:00Z"}


def test_sentiment_and_priority_are_scored_at_import(load, store):
    load(GENERIC, FIXTURES / "generic" / "line_oa.csv", mapping=LINE_MAP)
    rows = {r["external_id"]: r for r in store.query("SELECT * FROM comments")}
    assert rows["m002"]["sentiment"] < 0
    assert rows["m002"]["priority"] > rows["m001"]["priority"] > 0


@pytest.mark.parametrize("mapping, message", [
    ({"text": "訊息內容"}, "no column for created_at"),
    ({"text": "a", "created_at": "b", "colour": "c"}, "unknown mapping keys: colour"),
    ({**LINE_MAP, "platform": "myspace"}, "unknown platform"),
])
def test_bad_mappings_say_what_to_fix(mapping, message):
    with pytest.raises(RecordError, match=message):
        parse_all(GENERIC, FIXTURES / "generic" / "line_oa.csv", mapping=mapping)


def test_unknown_time_names_the_line_and_the_fix():
    with pytest.raises(RecordError) as err:
        parse_all(COMMENT_CSV, FIXTURES / "generic" / "broken_time.csv")
    assert err.value.record == "line 2" and "time_format" in err.value.hint


def test_sniffs_a_big_file_whose_head_ends_mid_character(tmp_path):
    path = tmp_path / "big.csv"
    row = "c{},小安,2026-11-20 10:00:00,請問還有貨嗎x\n"
    path.write_text("Comment ID,Name,Date,Comment\n" + "".join(row.format(i) for i in range(5000)),
                    encoding="utf-8")
    head = path.read_bytes()[:64 * 1024]
    with pytest.raises(UnicodeDecodeError):  # the 64 KiB head really ends inside 貨
        head.decode("utf-8")
    assert COMMENT_CSV.sniff(sources(path)[0])
