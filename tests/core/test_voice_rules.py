"""Every brand-voice rule, table-driven, in Traditional Chinese and in English: what it finds
(found → suggestion) and the texts it must leave alone."""

from __future__ import annotations

import pytest

from xiaobian import i18n, voice

BRAND = """
banned_words = {"最便宜" = "超值", "保證有效" = "", "cheapest" = "best value"}
tone_words = ["親們", "寶寶們", "lol"]
[hashtags]
required = ["#山嵐咖啡"]
forbidden = ["#便宜咖啡", "cheapcoffee"]
[hashtags.platform.instagram]
required = ["#shanlancoffee"]
[length.reply]
default = 12
"""
EMOJI_GUIDES = {"none": "[emoji]\nmax = 0\n", "max2": "[emoji]\nmax = 2\n",
                "allowed": '[emoji]\nallowed = ["☕", "👍"]\n'}


def guide_from(tmp_path, toml: str) -> voice.Guide:
    path = tmp_path / "brand.toml"
    path.write_text(toml, encoding="utf-8")
    return voice.load_guide(path)


@pytest.fixture
def brand(tmp_path):
    return guide_from(tmp_path, BRAND)


# rule, text, platform, kind, [(found, suggestion), ...]
FOUND = [
    ("banned-word", "全台最便宜的咖啡豆", None, "post", [("最便宜", "超值")]),
    ("banned-word", "這款保證有效", None, "reply", [("保證有效", "")]),
    ("banned-word", "The cheapest beans in town", None, "post", [("cheapest", "best value")]),
    ("banned-word", "CHEAPEST deal ever", None, "post", [("CHEAPEST", "best value")]),
    ("preferred-term", "請看這支視頻", None, "post", [("視頻", "影片")]),
    ("preferred-term", "網絡和軟件都更新了", None, "post", [("網絡", "網路"), ("軟件", "軟體")]),
    ("preferred-term", "這支豆子性價比很高 #視頻", None, "post", [("性價比", "CP 值"), ("視頻", "影片")]),
    ("preferred-term", "Scan the 二維碼 below", None, "post", [("二維碼", "QR Code")]),
    ("preferred-term", "Plug in the u盤 first", None, "post", [("u盤", "隨身碟")]),
    ("tone-word", "親們快來搶", None, "post", [("親們", "")]),
    ("tone-word", "lol see you soon", None, "reply", [("lol", "")]),
    ("required-hashtag", "冬季限定上市", None, "post", [("", "#山嵐咖啡")]),
    ("required-hashtag", "Winter blend is here #ShanlanCoffee", "instagram", "post",
     [("", "#山嵐咖啡")]),
    ("required-hashtag", "Winter blend is here", "instagram", "post",
     [("", "#山嵐咖啡"), ("", "#shanlancoffee")]),
    ("forbidden-hashtag", "冬季限定 #便宜咖啡", None, "post", [("#便宜咖啡", "")]),
    ("forbidden-hashtag", "Winter blend ＃CheapCoffee", None, "reply", [("＃CheapCoffee", "")]),
    ("full-width-punctuation", "謝謝你,我們會改進", None, "post", [(",", "，")]),
    ("full-width-punctuation", "謝謝你, 我們會改進", None, "post", [(", ", "，")]),
    ("full-width-punctuation", "好喝!!!", None, "post", [("!!!", "！！！")]),
    ("full-width-punctuation", "營業時間:早上八點", None, "post", [(":", "：")]),
    ("full-width-punctuation", "(限量)冷萃", None, "post", [("(", "（"), (")", "）")]),
    ("full-width-punctuation", "耶加雪菲(Ethiopia)", None, "post", [("(", "（"), (")", "）")]),
    ("full-width-punctuation", "謝謝大家.", None, "post", [(".", "。")]),
    ("full-width-punctuation", "謝謝 Amy!", None, "post", [("!", "！")]),
    ("full-width-punctuation", "Thanks for your 支持!", None, "post", [("!", "！")]),
    ("cjk-latin-space", "歡迎來店喝coffee", None, "post", [("喝c", "喝 c")]),
    ("cjk-latin-space", "今天3點開門", None, "post", [("天3", "天 3"), ("3點", "3 點")]),
    ("cjk-latin-space", "謝謝@shanlan_coffee的分享", None, "post", [("e的", "e 的")]),
    ("cjk-latin-space", "Try our冷萃 today", None, "post", [("r冷", "r 冷")]),
    ("cjk-latin-space", "Mail service@shop.tw謝謝", None, "post", [("w謝", "w 謝")]),
    ("length", "咖" * 141, "x", "post", [("", "")]),
    ("length", "a" * 281, "x", "post", [("", "")]),
    ("length", "咖" * 130 + " www.a.tw", "x", "post", [("", "")]),   # a short URL weighs 23
    ("length", "👨‍👩‍👧" * 141, "x", "post", [("", "")]),
    ("length", "字" * 501, "threads", "reply", [("", "")]),
    ("length", "Thanks! " * 276, "instagram", "reply", [("", "")]),
    ("length", "謝謝你的留言我們會盡快回覆", None, "reply", [("", "")]),
    ("length", "Thanks a lot!", None, "reply", [("", "")]),
]

# rule, text, platform, kind: nothing of that rule
CLEAN = [
    ("banned-word", "全台最超值的咖啡豆", None, "post"),
    ("banned-word", "Our cheaper blend, https://shop.tw/cheapest", None, "post"),
    ("preferred-term", "通信息息相關，誠信息息相關", None, "post"),
    ("preferred-term", "質量守恆定律；歡迎在線上購買；簡短信件", None, "post"),
    ("preferred-term", "iPhone 用戶也能看影片", None, "post"),
    ("preferred-term", "Great video quality", None, "post"),
    ("tone-word", "我們親自烘豆", None, "post"),
    ("tone-word", "A lollipop for you", None, "post"),
    ("required-hashtag", "冬季限定上市 #山嵐咖啡", None, "post"),
    ("required-hashtag", "冬季限定 ＃山嵐咖啡", None, "post"),
    ("required-hashtag", "Winter blend #山嵐咖啡 #ShanLanCoffee", "instagram", "post"),
    ("required-hashtag", "謝謝你的留言", "instagram", "reply"),
    ("required-hashtag", "Thanks for the kind words", None, "reply"),
    ("forbidden-hashtag", "冬季限定 #山嵐咖啡", None, "post"),
    ("forbidden-hashtag", "Cheap coffee? Never. https://shop.tw/#cheapcoffee", None, "post"),
    ("full-width-punctuation", "Thanks, see you!", None, "post"),
    ("full-width-punctuation", "Open 8:00-20:00 (weekends 9:00).", None, "post"),
    ("full-width-punctuation", "營業時間 8:00–20:00，價格 1,200 元，3.5 折", None, "post"),
    ("full-width-punctuation", "詳見 https://shop.tw/?a=1,b=2 或寫信到 a.b@shop.tw", None, "post"),
    ("full-width-punctuation", "好吃:) 好喝...", None, "post"),
    ("full-width-punctuation", "v2.0 版", None, "post"),
    ("full-width-punctuation", "謝謝你，我們會改進！", None, "post"),
    ("cjk-latin-space", "歡迎來店喝 coffee，下午 3 點見。", None, "post"),
    ("cjk-latin-space", "Hi，你好；「iPhone」新品", None, "post"),
    ("cjk-latin-space", "#山嵐coffee 與 @shanlan", None, "post"),
    ("cjk-latin-space", "https://zh.wikipedia.org/wiki/咖啡abc", None, "post"),
    ("cjk-latin-space", "Hello world, 2026", None, "post"),
    ("cjk-latin-space", "學 C#語言", None, "post"),
    ("length", "咖" * 140, "x", "post"),
    ("length", "a" * 280, "x", "post"),
    ("length", "👨‍👩‍👧" * 140, "x", "post"),
    ("length", "https://shanlan.tw/" + "a" * 300, "x", "post"),
    ("length", "謝謝留言", None, "reply"),
    ("length", "a" * 5000, None, "post"),
    ("length", "Thanks a lot", "facebook", "post"),
]


def _ids(table):
    return [f"{row[0]}:{row[1][:16]}" for row in table]


@pytest.mark.parametrize("rule, text, platform, kind, expected", FOUND, ids=_ids(FOUND))
def test_rule_finds(brand, rule, text, platform, kind, expected):
    findings = [f for f in voice.check(text, brand, platform=platform, kind=kind) if f.rule == rule]
    assert [(f.found, f.suggestion) for f in findings] == expected
    for f in findings:
        assert text[f.start:f.end].strip() == f.found.strip() or rule in ("length",
                                                                           "required-hashtag")
        assert f.severity == voice.DEFAULT_SEVERITY[rule]
        assert f.message and "{" not in f.message


@pytest.mark.parametrize("rule, text, platform, kind", CLEAN, ids=_ids(CLEAN))
def test_rule_leaves_alone(brand, rule, text, platform, kind):
    assert [f for f in voice.check(text, brand, platform=platform, kind=kind) if f.rule == rule] == []


@pytest.mark.parametrize("policy, text, expected", [
    ("none", "好喝 ☕", ["☕"]),
    ("none", "Great ❤️ and 1️⃣", ["❤️", "1️⃣"]),
    ("max2", "好喝☕☕☕", ["☕"]),
    ("max2", "👍🏽👨‍👩‍👧🇹🇼 thanks", ["🇹🇼"]),
    ("allowed", "好喝 ☕😡", ["😡"]),
    ("allowed", "Nice 👍🏽 🍩", ["🍩"]),
    ("none", "好喝 ★ → ❤ 〜", []),
    ("none", "Love it <3 :)", []),
    ("max2", "好喝☕☕", []),
    ("allowed", "Nice 👍🏽 ☕️", []),
], ids=lambda v: v if isinstance(v, str) else None)
def test_emoji_policy(tmp_path, policy, text, expected):
    guide = guide_from(tmp_path, EMOJI_GUIDES[policy])
    assert [f.found for f in voice.check(text, guide) if f.rule == "emoji"] == expected


def test_length_finding_starts_where_the_limit_is_passed():
    [finding] = voice.check("咖" * 141, platform="x")
    assert (finding.start, finding.end) == (140, 141)
    assert finding.message == "282 characters, over the limit of 280 on X"


@pytest.mark.parametrize("text, platform, count", [
    ("咖啡", "x", 4), ("咖啡", "threads", 2), ("Hi 咖啡！", "x", 9), ("☕👨‍👩‍👧", "x", 4),
    ("☕👨‍👩‍👧", "instagram", 2), ("see https://shanlan.tw/a/very/long/path", "x", 27),
    ("e\u0301", None, 1),
])
def test_count_chars(text, platform, count):
    assert voice.count_chars(text, platform) == count


def test_platform_limits_cover_the_issue():
    limits = {p: voice.limit_for(p, "post") for p in ("x", "threads", "instagram", "facebook", "line")}
    assert limits == {"x": 280, "threads": 500, "instagram": 2200, "facebook": 63206, "line": 5000}
    assert voice.limit_for("youtube", "reply") == 10000 and voice.limit_for("other") is None


def test_findings_are_sorted_and_localized(brand):
    text = "親們,請看視頻#便宜咖啡 ☕"
    en = voice.check(text, brand)
    assert [f.start for f in en] == sorted(f.start for f in en)
    i18n.set_language("zh-TW")
    zh = voice.check(text, brand)
    assert [(f.rule, f.start) for f in zh] == [(f.rule, f.start) for f in en]
    messages = {f.rule: f.message for f in zh}
    assert messages["preferred-term"] == "台灣用語：請寫「影片」，不要寫「視頻」"
    assert messages["forbidden-hashtag"] == "不可使用主題標籤 #便宜咖啡"
    assert all(f.message != e.message for f, e in zip(zh, en, strict=True))


def test_severity_is_configurable_per_rule(tmp_path):
    guide = guide_from(tmp_path, '[severity]\ncjk-latin-space = "off"\npreferred-term = "warning"\n'
                                 'full-width-punctuation = "error"\n')
    findings = voice.check("請看視頻,今天3點", guide)
    assert {(f.rule, f.severity) for f in findings} == {("preferred-term", "warning"),
                                                        ("full-width-punctuation", "error")}


def test_rules_and_severities_match():
    from xiaobian.voice.rules import RULES

    assert list(RULES) == list(voice.DEFAULT_SEVERITY)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        voice.check("hi", kind="story")


@pytest.mark.parametrize(("text", "found"), [
    ("寄到 shop.tw@gmail.com 或私訊", ["shop.tw@gmail.com"]),
    ("a" * 64 + "@example.com", ["a" * 64 + "@example.com"]),
    ("a" * 65 + "@example.com", []),          # longer than an address can be: a name, not an e-mail
    ("名字" + "x" * 40_000, []),              # a stranger's 40k-letter name: no address, and no stall
])
def test_email_addresses_within_the_rfc_bound(text, found):
    from xiaobian.voice.text import Scanned

    scanned = Scanned(text)
    assert [s.text(text) for s in scanned.spans if s.kind == "email"] == found
