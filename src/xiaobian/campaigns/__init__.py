"""Campaign work beyond storage: checklist templates, giveaway draws, crises (open, close,
post-mortem, drill) and hand-off exports. No Textual here; the TUI and CLI call these."""
