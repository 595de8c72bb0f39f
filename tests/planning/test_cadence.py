from datetime import date, timedelta

import pytest

from xiaobian.planning.cadence import MIN_GAP_DAYS, Gap, find_gaps, threshold
from xiaobian.planning.period import add_months

D = date(2026, 11, 1)


def days(*offsets):
    return {D + timedelta(days=o) for o in offsets}


def test_a_daily_account_is_flagged_after_four_quiet_days():
    posted = days(*range(10), *range(14, 30))  # quiet on the 11th..14th
    gaps = find_gaps({"instagram": posted}, D, D + timedelta(days=29), history_start=D)
    assert gaps == [Gap("instagram", D + timedelta(days=10), D + timedelta(days=13))]
    assert gaps[0].days == MIN_GAP_DAYS


def test_three_quiet_days_are_not_a_gap():
    posted = days(*range(10), *range(13, 30))
    assert find_gaps({"instagram": posted}, D, D + timedelta(days=29), history_start=D) == []


def test_a_weekly_channel_learns_its_own_rhythm():
    weekly = days(0, 7, 14, 21, 28)
    assert threshold(weekly, None) == 14
    assert find_gaps({"youtube": weekly}, D + timedelta(days=14), D + timedelta(days=45),
                     history_start=D) == [Gap("youtube", D + timedelta(days=29), D + timedelta(days=45))]


def test_the_setting_beats_the_learnt_rhythm():
    weekly = days(0, 7, 14)
    assert find_gaps({"youtube": weekly}, D, D + timedelta(days=14), history_start=D,
                     configured={"youtube": 3}) == [
        Gap("youtube", D + timedelta(days=1), D + timedelta(days=6)),
        Gap("youtube", D + timedelta(days=8), D + timedelta(days=13))]


def test_a_gap_that_ends_before_the_view_is_not_shown_and_unused_platforms_never():
    posted = days(0, *range(6, 20))
    assert find_gaps({"instagram": posted, "x": set()}, D + timedelta(days=8), D + timedelta(days=19),
                     history_start=D) == []


def test_nothing_planned_ahead_is_a_gap_up_to_the_end_of_the_view():
    posted = days(*range(10))
    assert find_gaps({"facebook": posted}, D + timedelta(days=5), D + timedelta(days=20),
                     history_start=D) == [Gap("facebook", D + timedelta(days=10), D + timedelta(days=20))]


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 1, 15), -1, date(2025, 12, 15)),
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
