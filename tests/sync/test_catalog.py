"""Every format and every skip reason a parser can give is in both message catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xiaobian import i18n
from xiaobian.sync.registry import FORMATS

FORMATS_DIR = Path(__file__).parents[2] / "src" / "xiaobian" / "sync"
SKIP_KEYS = sorted({m for path in FORMATS_DIR.rglob("*.py")
                    for m in re.findall(r'(?:Skip\(reason=|skipped\[)"([a-z_]+)"', path.read_text())})


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_formats_and_skip_reasons_are_translated(lang):
    keys = [f"format.{f.name}" for f in FORMATS] + [f"skip.{k}" for k in SKIP_KEYS]
    missing = [k for k in keys if not i18n.catalog(lang).get(k)]
    assert SKIP_KEYS and not missing
