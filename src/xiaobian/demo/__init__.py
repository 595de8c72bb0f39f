"""``xiaobian demo``: a believable Taiwanese coffee brand, written deterministically."""

from xiaobian.demo.write import DemoSummary, write_demo

__all__ = ["DemoSummary", "write_demo"]
