"""What is worked out once from an object that compares by value but is remembered by
identity: a knowledge base, a frozen record. Hashing one would walk it whole, and two
equal ones may be remembered apart. Pure functions of small hashable values use
:mod:`functools`' caches; everything remembered per object goes through this one."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

V = TypeVar("V")


_MISSING = object()


class IdentityMemo(Generic[V]):
    """A value per object (and, optionally, per key beside it), remembered by the
    object's identity. Each object is kept alive while its value is remembered, so its
    id cannot be reused by another; past ``size`` values, the least recently used is
    forgotten. Threads may share it. A value two threads ask for at once may be made
    twice, and one of them kept, unless the memo makes values ``once``: then one thread
    makes it while the others wait, for values that cost more to make than to wait for
    (a title reader, an advert phrasebook)."""

    def __init__(self, size: int, *, once: bool = False) -> None:
        self._size = size
        self._held: OrderedDict[tuple[int, Hashable], tuple[object, V]] = OrderedDict()
        self._lock = threading.Lock()
        # Re-entrant: a value may be made of others this memo makes.
        self._making = threading.RLock() if once else None

    def get(self, owner: object, make: Callable[[], V], key: Hashable = None) -> V:
        """The value remembered for ``owner`` (and ``key``), made by ``make`` the first
        time."""
        slot = (id(owner), key)
        found = self._found(slot, owner)
        if found is not _MISSING:
            return cast(V, found)
        if self._making is None:
            return self._keep(slot, owner, make())
        with self._making:
            found = self._found(slot, owner)  # made while this thread waited
            if found is not _MISSING:
                return cast(V, found)
            return self._keep(slot, owner, make())

    def _found(self, slot: tuple[int, Hashable], owner: object) -> object:
        with self._lock:
            held = self._held.get(slot)
            if held is None or held[0] is not owner:
                return _MISSING
            self._held.move_to_end(slot)
            return held[1]

    def _keep(self, slot: tuple[int, Hashable], owner: object, value: V) -> V:
        with self._lock:
            self._held[slot] = (owner, value)
            self._held.move_to_end(slot)
            if len(self._held) > self._size:
                self._held.popitem(last=False)
        return value
