"""``check(text)``: every brand-voice rule over one text, as sorted findings with messages."""

from __future__ import annotations

from dataclasses import dataclass

from xiaobian.i18n import t
from xiaobian.voice.guide import Guide, default_guide
from xiaobian.voice.limits import KINDS
from xiaobian.voice.rules import RULES, Context
from xiaobian.voice.text import Scanned


@dataclass(frozen=True)
class Finding:
    rule: str
    """Stable rule id, e.g. ``banned-word``."""
    start: int
    end: int
    """``text[start:end]`` is what was found (empty for a missing hashtag, at the end)."""
    found: str
    suggestion: str
    severity: str = "warning"
    """``error`` or ``warning``."""
    message: str = ""
    """One short line in the active language."""


def check(text: str, guide: Guide | None = None, *, platform: str | None = None,
          kind: str = "post") -> list[Finding]:
    """Findings for ``text`` under ``guide`` (the shipped default when None; pass ``load_guide()``
    for the user's), sorted by position. ``platform`` picks length limits and per-platform
    hashtags; ``kind`` is ``post`` or ``reply`` (replies need no required hashtags)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    guide = guide or default_guide()
    ctx = Context(Scanned(text), guide, platform.lower() if platform else None, kind)
    findings = []
    for rule, find in RULES.items():
        severity = guide.severity_of(rule)
        if severity == "off":
            continue
        for hit in find(ctx):
            message = t(f"voice.msg.{hit.message or rule}", found=hit.found,
                        suggestion=hit.suggestion, **hit.values)
            findings.append(Finding(rule, hit.start, hit.end, hit.found, hit.suggestion, severity,
                                    message))
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))
