import pytest

from xiaobian.analytics.priority import crisis_terms, is_question, load_rules, priority
from xiaobian.analytics.sentiment import load_lexicon, score
from xiaobian.errors import UserError
from xiaobian.paths import config_dir


@pytest.mark.parametrize("text, expected", [
    ("請問門市幾點開", True), ("有賣耳掛包嗎", True), ("When do you open?", True),
    ("好喝！", False), ("Canada trip", False),
])
def test_is_question(text, expected):
    assert is_question(text) is expected


def test_crisis_terms_found_in_both_languages():
    assert crisis_terms("瓶蓋破掉 要退款") == ["退款", "破掉"]
    assert crisis_terms("I want a REFUND, it was moldy") == ["refund", "moldy"]
    assert crisis_terms("refunded") == []


def test_ordering():
    crisis = priority("請問瓶子破掉可以退款嗎？", -0.8)
    praise = priority("好喝！", 0.8)
    assert crisis > priority("好喝嗎？", 0.0) > praise
    assert priority("hi", 0, author_is_vip=True) > priority("hi", 0)
    assert priority("hi", 0, kind="dm") > priority("hi", 0)


def test_age_boost_is_capped_and_total_clamped():
    assert priority("hi", 0, age_hours=5) - priority("hi", 0) == 10
    assert priority("hi", 0, age_hours=500) - priority("hi", 0) == 20
    assert priority("請問破掉退款？", -1, author_is_vip=True, kind="dm", age_hours=99) == 100


def test_user_rules_override(tmp_path):
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text("vip = 50\n")
    rules = load_rules(rules_file)
    assert rules.vip == 50 and rules.question == 15


@pytest.mark.parametrize("body, key", [("vipp = 1\n", "key vipp"), ("vip = 'a lot'\n", "key vip"),
                                       ("crisis_words = 3\n", "key crisis_words")])
def test_bad_user_rules_name_file_and_key(tmp_path, body, key):
    rules_file = tmp_path / f"bad{hash(body)}.toml"
    rules_file.write_text(body)
    with pytest.raises(UserError) as info:
        load_rules(rules_file)
    assert info.value.file == str(rules_file) and info.value.record == key


@pytest.fixture
def fresh_rules():
    load_rules.cache_clear(), load_lexicon.cache_clear()
    yield
    load_rules.cache_clear(), load_lexicon.cache_clear()


def test_rules_and_word_lists_in_the_config_dir_override_the_shipped_ones(fresh_rules):
    before = priority("請問雪嶺還有貨嗎", 0.0)
    assert score("這杯很有山嵐味") == 0.0
    (config_dir() / "lexicon").mkdir(parents=True)
    (config_dir() / "priority_rules.toml").write_text("question = 60\n", encoding="utf-8")
    (config_dir() / "lexicon" / "positive.txt").write_text("山嵐味\t2\n", encoding="utf-8")
    load_rules.cache_clear(), load_lexicon.cache_clear()
    assert priority("請問雪嶺還有貨嗎", 0.0) > before
    assert score("這杯很有山嵐味") > 0.5


def test_a_bad_user_word_list_names_file_and_line(fresh_rules):
    (config_dir() / "lexicon").mkdir(parents=True)
    (config_dir() / "lexicon" / "negative.txt").write_text("爛\t1\n難喝\tvery\n", encoding="utf-8")
    with pytest.raises(UserError, match="line 2"):
        load_lexicon()
