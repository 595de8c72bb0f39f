import pytest

from xiaobian import templates, voice


@pytest.mark.parametrize("body, values, expected", [
    ("謝謝 {author}！", {"author": "小美"}, "謝謝 小美！"),
    ("Hi {author}, about {post_title}", {"author": "Amy", "post_title": "冬季限定"}, "Hi Amy, about 冬季限定"),
    ("{unknown} stays", {}, "{unknown} stays"),
    ("broken {", {"author": "x"}, "broken {"),
    ("{author.__class__}", {"author": "x"}, "{author.__class__}"),
])
def test_fill(body, values, expected):
    assert templates.fill(body, **values) == expected


@pytest.mark.parametrize("text, rule, suggestion", [
    ("請看這支視頻", "preferred-term", "影片"),
    ("我們很重視質量", "preferred-term", "品質"),
    ("歡迎來店喝coffee", "cjk-latin-space", "喝 c"),
    ("今天3點開門", "cjk-latin-space", "天 3"),
    ("謝謝你,我們會改進", "full-width-punctuation", "，"),
])
def test_voice_findings(text, rule, suggestion):
    findings = voice.check(text)
    assert any(f.rule == rule and f.suggestion == suggestion for f in findings), findings


@pytest.mark.parametrize("text", ["謝謝您的影片分享！", "歡迎來店喝 coffee，下午 3 點見。", "Thanks, see you!"])
def test_clean_text_has_no_findings(text):
    assert voice.check(text) == []
