"""Rising hashtags and keywords: what people mention more this period than the one before.

Chinese has no spaces, so keywords are character 2- and 3-grams of each run of Han characters
(plus English words of 3+ letters), minus grams holding a particle or pronoun (的 了 嗎 我 你 …),
grams starting or ending with a character words rarely start or end with (有 不 個 來 到 …), and a
short list of filler words. Why not a segmenter such as jieba: its dictionary is tens of MB,
loads in about a second, is built on Simplified Chinese, and splits new product words (冷萃,
瓶蓋破) no better than n-grams do; in short social comments a rising complaint shows up as a
rising gram. A 3-gram counts only where one of its 2-grams occurs mostly inside it (then it
replaces that 2-gram), and a gram that mostly appears in the same comments as a better-ranked one
is the same topic.

Counts are documents (a comment or post mentioning the term), so one person repeating a word
counts once; the two periods are compared as they are (a 31-day month against a 30-day one). Over ``SAMPLE_LIMIT`` comments a period is read as an evenly spread 1-in-k sample
(by id) and the counts are scaled back up; the report says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from xiaobian.analytics.period import Period
from xiaobian.store import Store

HASHTAG = re.compile(r"[#＃]([0-9A-Za-z_\u3400-\u9fff\uf900-\ufaff]+)")
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
PARTICLES = set("的了嗎呢吧啊喔哦耶呀啦嘛我你妳他她它們這那是在也都就很還又和跟與及或而之把被給讓")
# A word rarely starts or ends with these; a gram that does was cut across two words (到異物, 冷萃有).
EDGES = set("有不個來到哪裡以後再才又要會能可從對向一啦喔說")
FILLER = {"請問", "謝謝", "可以", "什麼", "一下", "真的", "就是", "還是", "沒有", "已經", "因為", "所以",
          "但是", "如果", "一個", "大家", "今天", "現在", "時候", "怎麼", "不是", "覺得", "有沒有", "可不可以"}
STOP_WORDS = {"the", "and", "for", "you", "your", "this", "that", "with", "are", "was", "have", "has",
              "but", "not", "can", "will", "just", "from", "they", "our", "all", "what", "when", "how", "does"}
SAMPLE_LIMIT = 20_000
MIN_COUNT = 5
MIN_HASHTAG = 2
MIN_RISE = 3
CANDIDATES = 60
TOGETHER = 0.5


@dataclass(frozen=True)
class Trend:
    term: str
    kind: str
    """``hashtag`` or ``keyword``."""
    count: int
    previous: int

    @property
    def growth(self) -> float:
        return (self.count + 1) / (self.previous + 1)


def keywords(text: str) -> set[str]:
    """The distinct keyword grams and words of one text."""
    found: set[str] = set()
    for run in HAN_RUN.findall(HASHTAG.sub(" ", text)):
        for size in (2, 3):
            for i in range(len(run) - size + 1):
                gram = run[i:i + size]
                if (not PARTICLES.intersection(gram) and gram[0] not in EDGES and gram[-1] not in EDGES
                        and gram not in FILLER):
                    found.add(gram)
    found.update(w.lower() for w in WORD.findall(text) if w.lower() not in STOP_WORDS)
    return found


def hashtags(text: str) -> set[str]:
    return {f"#{tag}" for tag in HASHTAG.findall(text)}


def _stride(store: Store, period: Period) -> int:
    n = store.scalar("SELECT count(*) FROM comments WHERE created_at >= ? AND created_at < ?",
                     (period.start, period.end)) or 0
    return max(1, math.ceil(n / SAMPLE_LIMIT))


def _texts(store: Store, period: Period, stride: int) -> tuple[list[str], list[str]]:
    comments = [r["text"] for r in store.query(
        "SELECT text FROM comments WHERE created_at >= ? AND created_at < ? AND is_ours = 0"
        " AND status != 'spam' AND id % ? = 0", (period.start, period.end, stride))]
    posts = [r["text"] for r in store.query(
        "SELECT title || ' ' || text || ' ' || hashtags AS text FROM posts WHERE status = 'published'"
        " AND published_at >= ? AND published_at < ?", (period.start, period.end))]
    return comments, posts


def _count(comments: list[str], posts: list[str]) -> tuple[Counter, Counter]:
    words: Counter = Counter()
    tags: Counter = Counter()
    for text in comments:
        words.update(keywords(text))
        tags.update(hashtags(text))
    for text in posts:
        tags.update(hashtags(text))
    return words, tags


def _fold(counts: Counter) -> Counter:
    """Keep a 3-gram only where it is the word: when one of its 2-grams occurs mostly inside it
    (瓶蓋 inside 瓶蓋破), and then drop that 2-gram; other 3-grams straddle two words (明一下)."""
    folded = Counter({term: n for term, n in counts.items() if len(term) != 3 or term.isascii()})
    for term, n in counts.items():
        if len(term) == 3 and not term.isascii():
            parts = [part for part in (term[:2], term[1:]) if part in counts and n >= 0.8 * counts[part]]
            if parts:
                folded[term] = n
                for part in parts:
                    folded.pop(part, None)
    return folded


def rising(store: Store, period: Period, previous: Period, limit: int = 10) -> tuple[list[Trend], int]:
    """Rising hashtags and keywords, best first, and the sampling stride used (1 = every comment)."""
    stride = max(_stride(store, period), _stride(store, previous))
    comments, posts = _texts(store, period, stride)
    now_words, now_tags = _count(comments, posts)
    before_words, before_tags = _count(*_texts(store, previous, stride))
    candidates = []
    for kind, now, before, least in (("hashtag", now_tags, before_tags, MIN_HASHTAG),
                                     ("keyword", _fold(now_words), before_words, MIN_COUNT)):
        for term, n in now.items():
            was = before.get(term, 0)
            if n * stride >= least and (n - was) * stride >= MIN_RISE:
                candidates.append(Trend(term, kind, n * stride, was * stride))
    candidates.sort(key=lambda tr: (-tr.growth, -tr.count, tr.term))
    return _one_per_topic(candidates[:CANDIDATES], comments, stride)[:limit], stride


def _one_per_topic(candidates: list[Trend], comments: list[str], stride: int) -> list[Trend]:
    """Keep a keyword only if most comments that mention it do not also mention a better-ranked
    kept keyword: grams cut from one phrase (已經寄 / 信客服 / 沒人理) are one topic."""
    terms = {t.term for t in candidates if t.kind == "keyword"}
    together: dict[str, Counter] = {term: Counter() for term in terms}
    for text in comments:
        present = keywords(text) & terms
        for term in present:
            together[term].update(present - {term})
    kept: list[Trend] = []
    for trend in candidates:
        if trend.kind == "keyword" and any(
                together[trend.term][k.term] * stride >= TOGETHER * trend.count for k in kept if k.kind == "keyword"):
            continue
        kept.append(trend)
    return kept
