"""Giving freed memory back to the system after each page: parse trees of every size leave glibc's heap
fragmented, and a worker's memory would creep up page after page (see `make bench`)."""
from __future__ import annotations

import ctypes

try:
    _libc = ctypes.CDLL("libc.so.6")
except OSError:   # not glibc: nothing to do
    _libc = None


def release_memory() -> None:
    if _libc is not None:
        _libc.malloc_trim(0)
