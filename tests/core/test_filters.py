import pytest

from xiaobian import filters
from xiaobian.errors import UserError
from xiaobian.store.queue import QueueFilter


@pytest.mark.parametrize("text, expected", [
    ("", QueueFilter()),
    ("platform:ig", QueueFilter(platform="instagram")),
    ("p:fb status:new,open sentiment:neg", QueueFilter(platform="facebook", statuses=("new", "open"),
                                                       sentiment="negative")),
    ("status:all tag:客訴 mine priority", QueueFilter(statuses=(), tag="客訴", mine=True, order="priority")),
    ("assignee:amy campaign:2 退款 瑕疵", QueueFilter(assignee="amy", campaign_id=2, search="退款 瑕疵")),
])
def test_parse(text, expected):
    assert filters.parse(text) == expected


@pytest.mark.parametrize("text", ["platform:myspace", "status:archived", "sentiment:meh",
                                  "campaign:abc", "order:random"])
def test_parse_rejects_with_a_hint(text):
    with pytest.raises(UserError) as info:
        filters.parse(text)
    assert info.value.hint


@pytest.mark.parametrize("text", ["platform:instagram status:new sentiment:negative tag:客訴 mine oldest 冷萃",
                                  "status:all assignee:amy campaign:3 priority"])
def test_describe_round_trips(text):
    parsed = filters.parse(text)
    assert filters.parse(filters.describe(parsed)) == parsed
