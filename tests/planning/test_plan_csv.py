"""Planning sheets: every cell validated before a write, all or nothing, idempotent, round trip."""

import io
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from xiaobian import i18n
from xiaobian.errors import UserError
from xiaobian.models import Campaign, Post
from xiaobian.planning.period import utc_bounds
from xiaobian.planning.plan_csv import export_csv, import_sheet, read_sheet
from xiaobian.planning.plan_sheet import parse_date, parse_time

TPE = ZoneInfo("Asia/Taipei")
HEADER = "date,time,platform,status,title,text,hashtags,campaign,media_kind,notes\n"
SHEET = HEADER + (
    "2026-12-01,20:00,ig,scheduled,耶誕倒數,禮盒開賣,\"咖啡, #耶誕\",耶誕禮盒,reels,找攝影\n"
    "2026/12/3,下午 12:30:00,臉書,草稿,門市活動,,,,圖片,\n"
    "2026-12-05,9:00,threads,,,早安,,,,\n"
)


def sheet(text: str, name="plan.csv", encoding=None, bom=False):
    data = text.encode(encoding or "utf-8")
    return read_sheet((b"\xef\xbb\xbf" if bom else b"") + data, name, encoding=encoding)


def all_posts(store):
    return store.query("SELECT id, platform, status, title, text, hashtags, media_kind, notes, scheduled_at,"
                       " campaign_id, plan_key FROM posts ORDER BY id")


@pytest.fixture
def campaign(store):
    return store.campaigns.create(Campaign(name="耶誕禮盒"))


def test_rows_are_read_with_aliases_and_local_times(store, campaign):
    rows = sheet(SHEET).rows
    assert [(r.row, r.platform, r.status, r.media_kind) for r in rows] == [
        (2, "instagram", "scheduled", "reel"), (3, "facebook", "draft", "photo"), (4, "threads", "draft", "text")]
    assert rows[0].hashtags == "#咖啡 #耶誕" and rows[1].time == time(12, 30)
    assert import_sheet(store, sheet(SHEET), TPE).__dict__ == {"new": 3, "updated": 0, "unchanged": 0}
    first = all_posts(store)[0]
    assert first["scheduled_at"] == "2026-12-01T12:00:00Z" and first["campaign_id"] == campaign
    assert first["notes"] == "找攝影" and first["plan_key"].startswith("sheet:")


def test_the_same_sheet_twice_changes_nothing(store, campaign):
    import_sheet(store, sheet(SHEET), TPE)
    before = all_posts(store)
    assert import_sheet(store, sheet(SHEET), TPE).__dict__ == {"new": 0, "updated": 0, "unchanged": 3}
    assert all_posts(store) == before


def test_chinese_headers_bom_and_big5(store, campaign):
    zh = "日期,時間,平台,狀態,標題,內文,主題標籤,活動,形式,備註\n2026-12-01,20:00,IG,已排程,耶誕倒數,,,耶誕禮盒,短影音,\n"
    assert sheet(zh, bom=True).rows[0].media_kind == "reel"
    assert sheet(zh, encoding="cp950").rows[0].title == "耶誕倒數"
    with pytest.raises(UserError, match="not utf-8-sig text") as caught:
        read_sheet(zh.encode("cp950"), "big5.csv")
    assert caught.value.hint.endswith("--encoding cp950 for a Big5 file")


def test_semicolons_and_an_unknown_extra_column():
    rows = sheet("date;time;platform;title;負責人\n2026-12-01;20:00;yt;影片;小雯\n")
    assert rows.rows[0].platform == "youtube" and rows.ignored == ["負責人"]


@pytest.mark.parametrize("text, expected", [
    ("2026-12-03", date(2026, 12, 3)), ("2026/12/3", date(2026, 12, 3)), ("2026年12月3日", date(2026, 12, 3))])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("20:00", time(20)), ("8:05", time(8, 5)), ("20:00:00", time(20)), ("下午 08:00:00", time(20)),
    ("上午 12:15", time(0, 15)), ("中午 12:30", time(12, 30)), ("8:00 PM", time(20)), ("20：00", time(20))])
def test_times(text, expected):
    assert parse_time(text) == expected


def test_a_date_cell_holding_the_time_too():
    assert sheet(HEADER + "2026/12/3 20:00,,ig,,t,,,,,\n").rows[0].time == time(20)


def test_a_bad_date_names_file_row_column_and_what_to_do():
    bad = HEADER + "2026-12-01,20:00,ig,,a,,,,,\n" * 5 + "2026-13-45,20:00,ig,,b,,,,,\n"
    with pytest.raises(UserError) as caught:
        sheet(bad)
    assert str(caught.value) == ("plan.csv: row 7, column date: not a date: '2026-13-45'"
                                 " (write the date as 2026-12-03 or 2026/12/3)")


def test_every_bad_row_is_counted_in_chinese():
    i18n.set_language("zh-TW")
    bad = "日期,時間,平台,標題\n2026-12-01,20:00,噗浪,a\n2026-12-02,25:00,ig,b\n"
    with pytest.raises(UserError) as caught:
        sheet(bad)
    assert str(caught.value).startswith("plan.csv: 第 2 列「平台」欄: 不認得的平台「噗浪」；另有 1 列有問題")


@pytest.mark.parametrize("text, message", [
    ("time,platform,title\n20:00,ig,a\n", "row 1 (the header): no date / 日期 column"),
    ("date,time,platform\n2026-12-01,20:00,ig\n", "no title / 標題 column"),
    ("date,time,platform,title,標題\n", "column '標題' means the same as 'title'"),
    ("", "the file is empty"),
    (HEADER + "2026-12-01,20:00,ig,,\"unclosed,,,,,\n", "row 2: the CSV cannot be read"),
    (HEADER + "2026-12-01,,ig,,t,,,,,\n", "row 2, column time: a date without a time"),
    (HEADER + ",,ig,scheduled,t,,,,,\n", "row 2, column date: a scheduled post needs a date"),
    (HEADER + "2026-12-01,20:00,ig,,,,,,,\n", "row 2, column title: the row has neither a title nor a text"),
    (HEADER + "2026-12-01,20:00,ig,,t,,,,,\n2026-12-01,20:00,IG,,t,,,,,\n", "row 3, column title: the same post as row 2"),
    (HEADER + "2026-12-01,20:00,ig,maybe,t,,,,,\n", "row 2, column status: unknown status 'maybe'"),
    (HEADER + "2026-12-01,20:00,ig,,t,,,,gif,\n", "row 2, column media_kind: unknown media kind 'gif'"),
    ("id,date,time,platform,title\nabc,2026-12-01,20:00,ig,t\n", "row 2, column id: not a post number"),
])
def test_bad_sheets(text, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        sheet(text)


def test_unknown_campaign_is_an_error_with_the_known_names(store, campaign):
    with pytest.raises(UserError) as caught:
        import_sheet(store, sheet(HEADER + "2026-12-01,20:00,ig,,t,,,春節,,\n"), TPE)
    assert "row 2, column campaign: no campaign called '春節'" in str(caught.value)
    assert "耶誕禮盒" in caught.value.hint and all_posts(store) == []


def test_a_refusal_late_in_the_sheet_writes_nothing(store, campaign):
    published = store.posts.save(Post(platform="instagram", external_id="ig1", title="上週", status="published",
                                      published_at="2026-11-20T04:00:00Z"))
    text = ("id,date,time,platform,status,title\n"
            ",2026-12-01,20:00,ig,,a\n"
            ",2026-12-02,20:00,ig,,b\n"
            f"{published},2026-11-20,12:00,ig,published,改標題\n")
    with pytest.raises(UserError, match=f"row 4, column title: post #{published} is already published"):
        import_sheet(store, sheet(text), TPE)
    assert [p["id"] for p in all_posts(store)] == [published]
    assert store.scalar("SELECT count(*) FROM audit_events WHERE action = 'post.import'") == 0


def test_a_sheet_cannot_publish(store):
    with pytest.raises(UserError, match="column status: a sheet cannot publish a post"):
        import_sheet(store, sheet(HEADER + "2026-12-01,20:00,ig,published,a,,,,,\n"), TPE)


def test_rows_with_an_id_update_that_post_and_unknown_ids_are_refused(store, campaign):
    post = store.posts.save(Post(platform="instagram", title="舊標題", status="draft", notes="keep",
                                 scheduled_at="2026-12-01T12:00:00Z"))
    text = f"id,date,time,platform,title\n{post},2026-12-02,21:00,fb,新標題\n"
    assert import_sheet(store, sheet(text), TPE, check=True).updated == 1
    assert store.posts.get(post).title == "舊標題"  # --check wrote nothing
    assert import_sheet(store, sheet(text), TPE).updated == 1
    saved = store.posts.get(post)
    assert (saved.title, saved.platform, saved.scheduled_at, saved.notes) == (
        "新標題", "facebook", "2026-12-02T13:00:00Z", "keep")  # no notes column: notes kept
    with pytest.raises(UserError, match="row 2, column id: there is no post #999"):
        import_sheet(store, sheet("id,date,time,platform,title\n999,,,ig,x\n"), TPE)


def _export(store, first=date(2026, 11, 1), last=date(2026, 12, 31)):
    out = io.StringIO()
    export_csv(store.plan.items(*utc_bounds(first, last, TPE)), out, TPE)
    return out.getvalue()


def test_export_imports_back_unchanged_even_published_posts_and_formulas(store, campaign):
    store.posts.save(Post(platform="instagram", external_id="ig1", title="=HYPERLINK(\"x\")", text="-5% 折扣",
                          status="published", published_at="2026-11-20T04:00:07Z", hashtags="#a #b"))
    store.posts.save(Post(platform="threads", title="idea", status="idea"))  # undated: not in the range
    import_sheet(store, sheet(SHEET), TPE)
    exported = _export(store)
    assert "'=HYPERLINK" in exported and "'-5% 折扣" in exported
    assert exported.splitlines()[0] == "id,date,time,platform,status,title,text,hashtags,campaign,media_kind,notes"
    before = all_posts(store)
    assert import_sheet(store, read_sheet(exported.encode("utf-8-sig"), "x.csv"), TPE).__dict__ == {
        "new": 0, "updated": 0, "unchanged": 4}
    assert all_posts(store) == before


def test_export_headers_follow_the_language(store):
    i18n.set_language("zh-TW")
    store.posts.save(Post(platform="line", title="t", scheduled_at="2026-12-01T01:00:00Z"))
    exported = _export(store)
    assert exported.splitlines()[0].startswith("編號,日期,時間,平台,狀態,標題,內文")
    assert sheet(exported).rows[0].time == time(9)


def test_strangers_text_is_cleaned_on_the_way_in(store):
    import_sheet(store, sheet(HEADER + "2026-12-01,20:00,ig,,\"a\x1b]52;c;x\x07b\",,,,,\n"), TPE)
    assert "\x1b" not in all_posts(store)[0]["title"]



def test_an_undated_idea_and_a_campaign_by_number(store, campaign):
    text = HEADER + f",,th,點子,聖誕倒數,,,#{campaign},,\n"
    assert import_sheet(store, sheet(text), TPE).new == 1
    idea = all_posts(store)[0]
    assert (idea["status"], idea["scheduled_at"], idea["campaign_id"]) == ("idea", None, campaign)
    assert import_sheet(store, sheet(text), TPE).unchanged == 1
