"""One screen per file. Area screens are app MODES; modals end in ``Modal``."""
