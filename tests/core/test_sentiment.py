import time

import pytest

from xiaobian.analytics.sentiment import load_lexicon, score


@pytest.mark.parametrize("text, low, high", [
    ("超好喝！", 0.5, 1),
    ("好喝😍", 0.5, 1),
    ("Love it!! 😍😍", 0.7, 1),
    ("這杯不好喝", -1, -0.3),
    ("冷萃瓶蓋破掉 要退款 很爛", -1, -0.7),
    ("爛透了 😡", -1, -0.7),
    ("沒有失望", 0.01, 1),             # negated negative is not negative
    ("not bad", 0.01, 1),
    ("I don't love it", -1, -0.2),
    ("不錯喝", 0.2, 1),
    ("請問門市幾點開？", -0.05, 0.05),
    ("", 0, 0),
    ("   ", 0, 0),
    ("ＬＯＶＥ", 0.3, 1),              # full-width letters (NFKC)
    ("The coffee was great but the staff were rude", -0.6, 0.6),
])
def test_score_ranges(text, low, high):
    assert low <= score(text) <= high


def test_intensifier_strengthens():
    assert score("很好喝") > score("好喝") > 0
    assert score("超級難喝") < score("難喝") < 0


def test_clause_break_ends_negation():
    assert score("不是這樣，好喝") > 0.3


def test_emoji_skin_tone_and_variation_selector():
    assert score("👍🏽") == score("👍") > 0
    assert score("❤️") == score("❤") > 0


def test_user_lexicon_adds_terms(tmp_path):
    (tmp_path / "negative.txt").write_text("雷\t2\n", encoding="utf-8")
    assert score("這家很雷") == pytest.approx(0, abs=0.01)
    assert score("這家很雷", load_lexicon(tmp_path)) < -0.5


def test_huge_text_is_fast():
    start = time.perf_counter()
    assert -1 <= score("好喝" * 50_000 + "x" * 100_000) <= 1
    assert time.perf_counter() - start < 1.0
