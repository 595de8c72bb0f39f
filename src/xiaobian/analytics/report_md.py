"""The report's blocks as Markdown. Strangers' text (names, post titles) cannot open links,
tables or emphasis: Markdown's special characters are escaped. Charts are HTML-only."""

from __future__ import annotations

import re

from xiaobian.analytics.report_doc import Block, Chart, Heading, Items, Para, Table


def escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", text)


def _inline(text: str) -> str:
    """Catalog text may quote commands in backticks; everything else is escaped."""
    parts = text.split("`")
    return "`".join(part if i % 2 else escape(part) for i, part in enumerate(parts))


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + escape(block.text), ""]
        elif isinstance(block, Para):
            out += [_inline(block.text), ""]
        elif isinstance(block, Items):
            out += [f"- {escape(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(escape(h) for h in block.header) + " |")
            out.append("|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.header))) + "|")
            out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Chart):
            continue
    return "\n".join(out).rstrip() + "\n"
