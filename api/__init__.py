"""The public, read-only open-data API (``/api/v1/``)."""
