"""Brand-voice checks on text we publish: posts and replies, in the editors and ``xiaobian lint``.

Taiwan usage first (影片, not 視頻), full-width punctuation in Chinese, a space between Chinese and
Latin letters or digits, and whatever the brand's guide adds: banned and tone words, hashtags,
emoji, lengths. Findings are data, so every editor and the CLI show the same thing::

    guide = voice.load_guide(brand="shanlan")
    for finding in voice.check(text, guide, platform="instagram", kind="post"): ...
"""

from xiaobian.voice.guide import DEFAULT_SEVERITY, Guide, default_guide, guide_path, load_guide
from xiaobian.voice.limits import KINDS, PLATFORM_LIMITS, count_chars, limit_for
from xiaobian.voice.lint import Finding, check

__all__ = [
    "DEFAULT_SEVERITY",
    "KINDS",
    "PLATFORM_LIMITS",
    "Finding",
    "Guide",
    "check",
    "count_chars",
    "default_guide",
    "guide_path",
    "limit_for",
    "load_guide",
]
