"""xiaobian (小編): social media management in the terminal, over one SQLite file."""

__version__ = "0.1.0"
