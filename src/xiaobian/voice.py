"""Brand-voice checks on text we publish (replies now; posts with the calendar).

Taiwan usage first: mainland terms get the local word suggested, and Chinese next to Latin
letters or digits wants a space. Findings are data, so the reply editor and ``xiaobian lint``
show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# mainland term -> Taiwan term
PREFERRED_TERMS = {
    "視頻": "影片", "信息": "訊息", "質量": "品質", "軟件": "軟體", "網絡": "網路",
    "屏幕": "螢幕", "默認": "預設", "優化": "改善", "點贊": "按讚", "用戶": "使用者",
    "短信": "簡訊", "打印": "列印", "激活": "啟用", "反饋": "回饋", "客服熱線": "客服專線",
}
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_LATIN = r"[A-Za-z0-9]"
_MISSING_SPACE = re.compile(rf"({_HAN})({_LATIN})|({_LATIN})({_HAN})")
_HALF_WIDTH_PUNCT = re.compile(rf"(?<={_HAN})[,!?;:](?=\s|{_HAN}|$)")


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int
    end: int
    found: str
    suggestion: str
    severity: str = "warning"


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for wrong, right in PREFERRED_TERMS.items():
        for match in re.finditer(re.escape(wrong), text):
            findings.append(Finding("preferred-term", match.start(), match.end(), wrong, right, "error"))
    for match in _MISSING_SPACE.finditer(text):
        pair = match.group(0)
        findings.append(Finding("cjk-latin-space", match.start(), match.end(), pair,
                                f"{pair[0]} {pair[1]}"))
    full = {",": "，", "!": "！", "?": "？", ";": "；", ":": "："}
    for match in _HALF_WIDTH_PUNCT.finditer(text):
        findings.append(Finding("full-width-punctuation", match.start(), match.end(), match.group(0),
                                full[match.group(0)]))
    return sorted(findings, key=lambda f: (f.start, f.rule))
