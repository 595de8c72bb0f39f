"""Reusable widgets; DEFAULT_CSS allowed, colours only as theme $variables."""
