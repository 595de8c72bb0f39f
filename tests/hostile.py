"""Text strangers write that must never become markup, actions or terminal escapes."""

MARKUP = [
    "hi [bold red]RED[/bold red] x",
    "[@click=app.quit]CLICKQUIT[/]",
    "[ @click=app.quit]CLICKSPACE[/]",
    "[link=https://evil.example/p]PROFILE[/link]",
    "oops [/] x",
    "[/",
    "[$accent]VAR[/] x",
    "[B]up[/B]",
    "nested [a[0]] x",
    ":smile: :warning:",
]
TERMINAL = [
    "clip\x1b]52;c;cHduZWQ=\x07board",
    "clip\x1b]52;c;cHduZWQ=\x1b\\st",
    "link\x1b]8;;https://evil.example\x1b\\text\x1b]8;;\x1b\\",
    "title\x1b]0;pwned\x07",
    "dcs\x1bPq#0;2;0;0;0\x1b\\",
    "clear\x1b[2Jscreen\x1b[6n\x1b[10A",
    "c1\x9b31mred\x9dosc",
    "nul\x00byte",
    "rlo\u202egnp.exe",
    "lri\u2066x\u2069",
    "zw\u200bsp",
    "unterminated\x1b]52;c;abc",
    "sep\u2028line\u2029para",
    "tag\U000e0041\U000e0042\U000e007fchars",
    "filler\u3164\u115f\u1160\uffa0name",
]
WIDE = [
    "中文留言很長" * 40,
    "👨‍👩‍👧 family 🇹🇼 flag ❤️ heart",
    "x" * 10_000,
    "line one\nline two\r\nline three",
]
HOSTILE_STRINGS = MARKUP + TERMINAL + WIDE
