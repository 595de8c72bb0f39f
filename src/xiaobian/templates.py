"""Reply templates: fill {author}, {post_title}, {campaign}, {agent}; anything else stays as written.

Plain ``{name}`` substitution, not ``str.format``: template authors and filled values must not
reach attribute access (``{author.__class__}``) or format specs (``{author:>999999}``).
"""

from __future__ import annotations

import re

VARIABLES = ("author", "post_title", "campaign", "agent")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(body: str, **values: str) -> str:
    """``fill("謝謝 {author}！", author="小美")`` → ``謝謝 小美！``."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)) or "", body)
