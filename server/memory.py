"""Giving freed memory back to the system after each page: parse trees in the workers, and request bodies of
every size in the HTTP threads, leave glibc's heaps fragmented, and memory would creep up page after page (see
`make bench`)."""
from __future__ import annotations

import ctypes

try:
    _libc = ctypes.CDLL("libc.so.6")
except OSError:   # not glibc: nothing to do
    _libc = None


def release_memory() -> None:
    if _libc is not None:
        _libc.malloc_trim(0)


M_ARENA_MAX = -8   # glibc's mallopt() parameter


def limit_heaps() -> None:
    """Two heaps for all the HTTP threads: with a heap per thread, bodies of every size fragment each one and the
    serving process grew 30% over 1,000 requests."""
    if _libc is not None:
        _libc.mallopt(M_ARENA_MAX, 2)
