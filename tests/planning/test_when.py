from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from xiaobian.errors import UserError
from xiaobian.planning.filters import PlanFilter, parse_plan_filter
from xiaobian.planning.when import parse_when

TPE = ZoneInfo("Asia/Taipei")
NOW = datetime(2026, 11, 26, 12, 30, tzinfo=TPE)  # a Thursday


@pytest.mark.parametrize("text, expected", [
    ("2026-12-03 20:00", datetime(2026, 12, 3, 20, 0)),
    ("2026-12-03T20:00", datetime(2026, 12, 3, 20, 0)),
    ("2027/1/2", datetime(2027, 1, 2, 12, 30)),
    ("12/3", datetime(2026, 12, 3, 12, 30)),
    ("12-03 9:05", datetime(2026, 12, 3, 9, 5)),
    ("20:00", datetime(2026, 11, 26, 20, 0)),
    ("+1d", datetime(2026, 11, 27, 12, 30)),
    ("-2h", datetime(2026, 11, 26, 10, 30)),
    ("+1w +30m", datetime(2026, 12, 3, 13, 0)),
    ("fri 20:00", datetime(2026, 11, 27, 20, 0)),
    ("thu", datetime(2026, 12, 3, 12, 30)),
    ("週一 9:30", datetime(2026, 11, 30, 9, 30)),
    ("明天 21:00", datetime(2026, 11, 27, 21, 0)),
    ("today 8:00", datetime(2026, 11, 26, 8, 0)),
])
def test_parse_when(text, expected):
    assert parse_when(text, NOW) == expected.replace(tzinfo=TPE)


@pytest.mark.parametrize("text", ["", "soon", "25:00", "2026-02-30", "+1y", "20", "13/40"])
def test_bad_times_name_the_input_and_the_forms(text):
    with pytest.raises(UserError) as caught:
        parse_when(text, NOW)
    assert "12/3" in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("", PlanFilter()),
    ("platform:ig,fb status:draft", PlanFilter(("instagram", "facebook"), ("draft",))),
    ("platform:threads platform:th campaign:耶誕", PlanFilter(("threads",), (), "耶誕")),
])
def test_plan_filter(text, expected):
    assert parse_plan_filter(text) == expected
    assert parse_plan_filter(expected.describe()) == expected


@pytest.mark.parametrize("text", ["ig", "platform:myspace", "status:late", "when:today", "platform:"])
def test_bad_plan_filter(text):
    with pytest.raises(UserError, match="platform:ig"):
        parse_plan_filter(text)
