"""The only package that contains SQL."""

from xiaobian.store.db import Store, open_store
from xiaobian.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
