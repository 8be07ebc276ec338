"""A cache of the validated knowledge base, so that start-up skips YAML and validation.

Parsing the YAML and building pydantic's validators costs more than everything else a
scripted command does. Once the data files have been validated, their records are saved
as JSON under a name made from a hash of the files' exact bytes; later runs with the same
bytes rebuild the records from that JSON without validating again. Any change to a data
file changes the hash, so a stale cache is never used.

The cache is trusted no further than it can be checked cheaply: its first line holds
the key and a SHA-256 of the records below it, so a file edited or cut short is noticed,
and every value is rebuilt with the exact type its field has. A cache that fails any of
this, or cannot be read, is a miss: the data files are validated and the cache written
again. Only files named ``knowledge-<40 hex digits>.json`` are ever replaced or removed,
and a temporary file is removed whatever stops the write.

The cache lives in ``$PMO_ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/pmo-advisor``, else
``~/.cache/pmo-advisor``; setting ``PMO_ADVISOR_CACHE_DIR`` to an empty value turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import operator
import os
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmo_advisor import __version__

CACHE_ENV = "PMO_ADVISOR_CACHE_DIR"
#: Bump when the cache's layout changes, so old caches are not read.
_FORMAT = 2
#: The only names this module writes or removes in the cache directory.
_OURS = re.compile(r"knowledge-[0-9a-f]{40}\.json")


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
        header, _, body = (directory / f"knowledge-{key}.json").read_bytes().partition(b"\n")
        meta = json.loads(header)
        if meta != {"key": key, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        data = json.loads(body)
        return {field: _construct(annotation, data[field]) for field, annotation in fields.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def save(key: str, records: Mapping[str, Any]) -> None:
    """Cache validated records under a key; failures are ignored."""
    directory = cache_dir()
    if directory is None:
        return
    body = json.dumps({field: _plain(value) for field, value in records.items()}).encode()
    header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    import tempfile  # only a run that validated the data files gets here

    name = f"knowledge-{key}.json"
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=directory, prefix=f".{name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = handle.name
            handle.write(header + b"\n" + body)
        os.replace(temporary, directory / name)
        temporary = None
        for old in directory.iterdir():
            if old.name != name and _OURS.fullmatch(old.name):
                old.unlink()
    except OSError:
        pass  # a cache only ever saves time
    finally:
        if temporary is not None:  # also on an interrupt: never leave one behind
            with contextlib.suppress(OSError):
                os.unlink(temporary)


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
        fields = [f for f in dataclasses.fields(annotation) if f.init]
        if set(value) != {f.name for f in fields}:
            raise TypeError(f"fields of {annotation.__name__} do not match")
        return annotation(**{f.name: _construct(hints[f.name], value[f.name]) for f in fields})
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        built = _construct(args[0], value)
        for limit in args[1:]:
            _check_limit(limit, built)
        return built
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        return tuple(_construct(args[0], item) for item in value)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        return _construct(next(a for a in args if a is not type(None)), value)
    if origin is typing.Literal:
        if value not in args:
            raise ValueError(f"{value!r} is not one of {args}")
        return value
    if origin is dict:
        if not isinstance(value, dict) or not all(
            type(k) is str and type(v) is str for k, v in value.items()
        ):
            raise TypeError("expected a mapping of text to text")
        return value
    return _leaf(annotation, value)


def _check_limit(limit: Any, value: Any) -> None:
    # The annotated-types limits the records declare (Interval, Ge, Len, MinLen...).
    size = len(value) if isinstance(value, str | tuple) else None
    checks = (
        ("ge", value, operator.ge),
        ("gt", value, operator.gt),
        ("le", value, operator.le),
        ("lt", value, operator.lt),
        ("min_length", size, operator.ge),
        ("max_length", size, operator.le),
    )
    for name, got, holds in checks:
        bound = getattr(limit, name, None)
        if bound is not None and (got is None or not holds(got, bound)):
            raise ValueError(f"{value!r} is outside {limit!r}")


def _leaf(annotation: Any, value: Any) -> Any:
    # Exact types, as the validator insists on: no bool for an int, no text for a number.
    if annotation is float and type(value) in (int, float):
        return float(value) if type(value) is int else value
    if annotation in (int, str, bool) and type(value) is not annotation:
        raise TypeError(f"expected {annotation.__name__}, got {type(value).__name__}")
    if annotation not in (int, str, bool, float):
        raise TypeError(f"cannot rebuild a {annotation!r}")
    return value
