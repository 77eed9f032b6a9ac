"""How the page cache answered, counted inside each gunicorn worker (only ``wijkportaal.settings.bench``).

The mixed workload needs each page's hit rate. Reading ``X-Page-Cache`` in wrk takes a Lua ``response()``
callback, and with one wrk copies every body into a Lua string: for the GeoJSON (475 KB a request) the client
then used more of the two cores than the server, and the page measured the client. Here each worker counts
its own answers in a small file (``BENCH_COUNTS_DIR``/<pid>: hits, then misses, as two unsigned 64-bit numbers)
through ``mmap``: a memory write per request, nothing sent anywhere. The bench adds up the files before and
after a run.
"""

import mmap
import os
import struct
from pathlib import Path

SLOTS = {"hit": 0, "miss": 8}
FORMAT = "<Q"


class PageCacheCounter:
    def __init__(self, get_response):
        self.get_response = get_response
        self.counts = None
        folder = os.environ.get("BENCH_COUNTS_DIR")
        if folder:
            # Made in the worker itself (gunicorn loads the app after the fork), so one file per process.
            with open(Path(folder) / str(os.getpid()), "w+b") as file:
                file.truncate(16)
                self.counts = mmap.mmap(file.fileno(), 16)

    def __call__(self, request):
        response = self.get_response(request)
        offset = SLOTS.get(response.get("X-Page-Cache", ""))
        if self.counts is not None and offset is not None:
            (value,) = struct.unpack_from(FORMAT, self.counts, offset)
            struct.pack_into(FORMAT, self.counts, offset, value + 1)
        return response


def read(folder: Path) -> tuple[int, int]:
    """Hits and misses of every worker so far."""
    hits = misses = 0
    for path in folder.iterdir():
        data = path.read_bytes()
        if len(data) == 16:
            hits += struct.unpack_from(FORMAT, data, SLOTS["hit"])[0]
            misses += struct.unpack_from(FORMAT, data, SLOTS["miss"])[0]
    return hits, misses
