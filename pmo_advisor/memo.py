"""What is worked out once from an object that compares by value but is remembered by
identity: a knowledge base, a frozen record. Hashing one would walk it whole, and two
equal ones may be remembered apart. Pure functions of small hashable values use
:mod:`functools`' caches; everything remembered per object goes through this one."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """A value per object (and, optionally, per key beside it), remembered by the
    object's identity. Each object is kept alive while its value is remembered, so its
    id cannot be reused by another; past ``size`` values, the least recently used is
    forgotten. Threads may share it: a value two threads ask for at once may be made
    twice, and one of them is kept."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._held: OrderedDict[tuple[int, Hashable], tuple[object, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, owner: object, make: Callable[[], V], key: Hashable = None) -> V:
        """The value remembered for ``owner`` (and ``key``), made by ``make`` the first
        time."""
        slot = (id(owner), key)
        with self._lock:
            held = self._held.get(slot)
            if held is not None and held[0] is owner:
                self._held.move_to_end(slot)
                return held[1]
        value = make()
        with self._lock:
            self._held[slot] = (owner, value)
            self._held.move_to_end(slot)
            if len(self._held) > self._size:
                self._held.popitem(last=False)
        return value
