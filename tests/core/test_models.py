import pytest
from pydantic import ValidationError

from xiaobian.models import Comment, CommentStatus, Post, PostStatus, PostVariant


def test_comment_defaults_and_enum_values():
    c = Comment(platform="instagram", external_id="c1", created_at="2026-11-01T00:00:00Z")
    assert c.status == CommentStatus.NEW == "new"
    assert c.kind == "comment" and c.version == 0 and c.tags == []


@pytest.mark.parametrize("field, value", [
    ("platform", "myspace"), ("external_id", ""), ("sentiment", 1.5), ("priority", 101),
    ("status", "archived"), ("kind", "tweet"),
])
def test_comment_rejects_bad_values(field, value):
    data = {"platform": "x", "external_id": "1", "created_at": "2026-11-01T00:00:00Z", field: value}
    with pytest.raises(ValidationError):
        Comment(**data)


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Post(platform="facebook", txt="typo")


def test_post_variants_round_trip_through_json():
    post = Post(platform="facebook", status=PostStatus.SCHEDULED, text="冬季限定",
                variants=[PostVariant(platform="threads", text="短版")])
    assert Post.model_validate_json(post.model_dump_json()) == post
