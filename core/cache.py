"""The shared cache without Redis: Django's file cache, with a cheaper look at its size.

Django's `FileBasedCache` lists every file of its folder on every write, to see whether it
must drop some (`_cull`): a write costs time in proportion to the entries, and the frame cache
holds one per active person and page (up to 100,000). This one looks at most once every
CULL_EVERY seconds per process; in between, a folder can grow past MAX_ENTRIES by the writes
of those seconds, and the next look drops the surplus as Django does (a third at random).
"""

from __future__ import annotations

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 10.0


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._next_cull = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + CULL_EVERY
        super()._cull()
