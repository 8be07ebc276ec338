"""A cache of the validated knowledge base, so that start-up skips YAML and validation.

Parsing the YAML and building pydantic's validators costs more than everything else a
scripted command does. Once the data files have been validated, their records are saved
as JSON under a name made from a hash of the files' exact bytes; later runs with the same
bytes rebuild the records from that JSON without validating again. Any change to a data
file changes the hash, so a stale cache is never used. A cache that cannot be read or
written is simply skipped: it only ever saves time.

The cache lives in ``$PMO_ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/pmo-advisor``, else
``~/.cache/pmo-advisor``; setting ``PMO_ADVISOR_CACHE_DIR`` to an empty value turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmo_advisor import __version__

CACHE_ENV = "PMO_ADVISOR_CACHE_DIR"
#: Bump when the cache's layout changes, so old caches are not read.
_FORMAT = 1


def cache_dir() -> Path | None:
    """Where cached knowledge is kept, or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if "HOME" in os.environ else ""
    )
    return Path(base, "pmo-advisor") if base else None


def cache_key(files: Mapping[str, bytes]) -> str:
    """A name for these exact data files under this version of pmo-advisor."""
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}".encode())
    for name in sorted(files):
        digest.update(f"\0{name}\0{len(files[name])}\0".encode())
        digest.update(files[name])
    return digest.hexdigest()[:40]


def load(key: str, fields: Mapping[str, Any]) -> dict[str, Any] | None:
    """The cached records for a key, or None when there are none that can be used."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        data = json.loads((directory / f"knowledge-{key}.json").read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return {
            field: _construct(annotation, data["records"][field])
            for field, annotation in fields.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def save(key: str, records: Mapping[str, Any]) -> None:
    """Cache validated records under a key; failures are ignored."""
    directory = cache_dir()
    if directory is None:
        return
    payload = {
        "key": key,
        "records": {field: _plain(value) for field, value in records.items()},
    }
    import tempfile  # only a run that validated the data files gets here

    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=directory, prefix=".knowledge-", delete=False
        ) as handle:
            json.dump(payload, handle)
        os.replace(handle.name, directory / f"knowledge-{key}.json")
        for old in directory.glob("knowledge-*.json"):
            if old.name != f"knowledge-{key}.json":
                old.unlink()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


@functools.cache
def _hints(record: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(record)


def _construct(annotation: Any, value: Any) -> Any:
    """Rebuild a value of a field's type from its JSON form, without validating it."""
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {annotation.__name__}")
        hints = _hints(annotation)
        return annotation(
            **{
                f.name: _construct(hints[f.name], value[f.name])
                for f in dataclasses.fields(annotation)
            }
        )
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _construct(args[0], value)
    if origin is tuple:
        return tuple(_construct(args[0], item) for item in value)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return _construct(next(a for a in args if a is not type(None)), value)
    return value
