"""Every message the campaigns code asks for by a literal key exists (in both languages, by the
catalog test), so a typo never shows a raw key to a user."""

from __future__ import annotations

import re
from pathlib import Path

from xiaobian import i18n

SRC = Path(__file__).parents[2] / "src" / "xiaobian"
KEY = re.compile(r"""\bt\(\s*["'](campaigns\.[a-z_.]+)["']\s*[,)]""")


def test_literal_campaign_keys_exist():
    files = [*SRC.glob("campaigns/*.py"), *SRC.glob("cli/*.py"), *SRC.glob("store/*.py"), *SRC.glob("tui/**/*.py")]
    used = {key for path in files for key in KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 100
    assert sorted(used - set(i18n.catalog("en"))) == []
