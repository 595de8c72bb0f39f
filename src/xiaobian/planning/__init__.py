"""Content planning in the core: when-expressions, cadence gaps, the calendar's files (iCalendar, CSV)."""
