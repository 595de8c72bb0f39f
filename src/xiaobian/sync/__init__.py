"""Import the platforms' own export files: detect by content, validate all, then upsert in batches.

Flow: ``sources`` (files, folders, archives) → a format's ``sniff`` and ``parse`` (records in
``records``) → ``load`` (normalize and upsert, keyed by platform + external id) → a SyncRun.
"""
