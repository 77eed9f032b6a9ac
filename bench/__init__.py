"""``make bench``: builds realistic volumes in a scratch database and prints ``bench: ...`` lines."""
