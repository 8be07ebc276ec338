"""The validated knowledge base, pickled, so that later runs skip YAML and validation.

The file is named by a hash of the data files' bytes, the package version and the
source of the knowledge package, so a changed data file, a new release or changed code
(in a checkout) is a miss, never stale data.
Unpickling runs code, so a cache file is read only when it is a regular file of this
user's that nobody else can write; anything else, or anything that does not unpickle
into a knowledge base, is a miss: validated afresh and written again, owner-only
(0600), in one step. It lives in ``$PMO_ADVISOR_CACHE_DIR``, else
``$XDG_CACHE_HOME/pmo-advisor``, else ``~/.cache/pmo-advisor``; an empty
``PMO_ADVISOR_CACHE_DIR`` turns it off, as does a system without user ids (Windows),
where ownership cannot be checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from pmo_advisor import __version__

CACHE_ENV = "PMO_ADVISOR_CACHE_DIR"
#: The only names this module writes or removes in the cache directory.
_OURS = re.compile(r"knowledge-[0-9a-f]{40}\.pickle")


def cache_dir() -> Path | None:
    """Where the knowledge base is cached, or None when caching is off."""
    if not hasattr(os, "getuid"):
        return None  # no user ids (Windows): whose a cache file is cannot be checked
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if "HOME" in os.environ else ""
    )
    return Path(base, "pmo-advisor") if base else None


def cache_key(files: Mapping[str, bytes], code: Iterable[bytes]) -> str:
    """A name for these data files, read by this ``code`` (the source of the modules that
    check them and shape what is pickled) under this version of pmo-advisor."""
    digest = hashlib.sha256(__version__.encode())
    for source in code:
        digest.update(f"\0{len(source)}\0".encode() + source)
    for name in sorted(files):
        digest.update(f"\0{name}\0{len(files[name])}\0".encode() + files[name])
    return digest.hexdigest()[:40]


def size_limit(data_bytes: int) -> int:
    """The largest cache file that the data files' ``data_bytes`` can make."""
    return 1_000_000 + 8 * data_bytes


def load(key: str, data_bytes: int) -> object | None:
    """What was cached under ``key``, or None where nothing can be trusted there."""
    directory = cache_dir()
    if directory is None:
        return None
    from pmo_advisor.files import open_file

    path = directory / f"knowledge-{key}.pickle"
    try:  # a regular file, not a link (none is written here), not too large ...
        with open_file(path, "cache file", limit=size_limit(data_bytes), follow=False) as file:
            status = os.fstat(file.fileno())
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return None  # ... and this user's own, that nobody else can change
            found: object = pickle.loads(file.read())
            return found
    except Exception:  # refused, unreadable, or damaged (which fails in many ways): a miss
        return None


def save(key: str, knowledge: object) -> None:
    """Cache a validated knowledge base under ``key``, tidying away older ones of ours;
    a failure only costs the next run the time it would have saved."""
    directory = cache_dir()
    if directory is None:
        return
    from pmo_advisor.files import keep_private

    name = f"knowledge-{key}.pickle"
    with contextlib.suppress(OSError):
        keep_private(directory / name, pickle.dumps(knowledge, pickle.HIGHEST_PROTOCOL))
        for old in directory.iterdir():
            if old.name != name and _OURS.fullmatch(old.name):
                old.unlink()
