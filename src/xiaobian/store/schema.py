"""The schema version this xiaobian writes: the number of migrations in ``store.migrations``.

Kept apart from the migrations so opening a current database needs neither them nor
sqlite-utils. Adding a migration means raising this number (a test checks the two agree).
"""

SCHEMA_VERSION = 11
