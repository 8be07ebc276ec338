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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pmo_advisor import __version__
from pmo_advisor.text import is_safe

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


def size_limit(data_bytes: int) -> int:
    """The largest cache file the data files' ``data_bytes`` can make: JSON escapes
    every non-ASCII character and names every field, so it is a few times their size."""
    return 1_000_000 + 8 * data_bytes


def load(key: str, fields: Mapping[str, Any], data_bytes: int) -> dict[str, Any] | None:
    """The cached records for a key, or None when there are none that can be used.

    Only a regular file (not a link: this module writes none) of at most
    :func:`size_limit` bytes is read; anything else is a miss, rebuilt and replaced."""
    directory = cache_dir()
    if directory is None:
        return None
    from pmo_advisor.files import FileRefused, read_limited

    path = directory / f"knowledge-{key}.json"
    try:
        raw = read_limited(path, size_limit(data_bytes), "cache file", follow=False)
    except FileRefused:
        return None
    try:
        header, _, body = raw.partition(b"\n")
        meta = json.loads(header)
        if meta != {"key": key, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        if _UNSAFE_ESCAPE.search(body) or not is_safe(body.decode("utf-8")):
            return None  # text a terminal would act on: never from our own saves
        data = json.loads(body)
        return {field: _construct(annotation, data[field]) for field, annotation in fields.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


#: JSON escapes of the characters text.is_safe refuses (controls, C1, bidirectional
#: marks, line separators). Saved JSON escapes every non-ASCII character, so these are
#: how such characters would appear in a cache file; one found makes the file a miss.
_UNSAFE_ESCAPE = re.compile(
    rb"\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|061[cC]|200[eEfF]"
    rb"|202[89a-eA-E]|206[6-9])"
)


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


def _construct(annotation: Any, value: Any) -> Any:
    """Rebuild a value of a field's type from its JSON form, without validating it."""
    return _builder(annotation)(value)


#: A function that rebuilds one value of a type from its JSON form.
Builder = Callable[[Any], Any]


@functools.cache
def _builder(annotation: Any) -> Builder:
    """The rebuilding function for a type, worked out once per type: a cached knowledge
    base rebuilds thousands of values at every start, so the type is read only once."""
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return _record_builder(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _limited(_builder(args[0]), tuple(_limit_checks(limit) for limit in args[1:]))
    if origin is tuple:
        return _tuple_of(_builder(args[0]))
    if origin in (typing.Union, types.UnionType):
        return _optional(_builder(next(a for a in args if a is not type(None))), type(None) in args)
    if origin is typing.Literal:
        return _one_of(args)
    if origin is dict:
        return _text_mapping
    return functools.partial(_leaf, annotation)


def _record_builder(record: type[Any]) -> Builder:
    hints = typing.get_type_hints(record)
    fields = tuple((f.name, _builder(hints[f.name])) for f in dataclasses.fields(record) if f.init)
    names = frozenset(name for name, _ in fields)

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {record.__name__}")
        if value.keys() != names:
            raise TypeError(f"fields of {record.__name__} do not match")
        return record(**{name: field(value[name]) for name, field in fields})

    return build


def _limited(inner: Builder, checks: tuple[tuple[_Check, ...], ...]) -> Builder:
    def build(value: Any) -> Any:
        built = inner(value)
        for limit in checks:
            for uses_size, holds, bound in limit:
                got = (
                    (len(built) if isinstance(built, str | tuple) else None) if uses_size else built
                )
                if got is None or not holds(got, bound):
                    raise ValueError(f"{built!r} is outside a limit")
        return built

    return build


def _tuple_of(item: Builder) -> Builder:
    def build(value: Any) -> Any:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        return tuple(item(element) for element in value)

    return build


def _optional(inner: Builder, allows_none: bool) -> Builder:
    def build(value: Any) -> Any:
        if value is None and allows_none:
            return None
        return inner(value)

    return build


def _one_of(choices: tuple[Any, ...]) -> Builder:
    def build(value: Any) -> Any:
        if value not in choices:
            raise ValueError(f"{value!r} is not one of {choices}")
        return value

    return build


def _text_mapping(value: Any) -> Any:
    if not isinstance(value, dict) or not all(
        type(k) is str and type(v) is str for k, v in value.items()
    ):
        raise TypeError("expected a mapping of text to text")
    return value


#: One bound of an annotated-types limit: whether it bounds the size, the test, the bound.
_Check = tuple[bool, Callable[[Any, Any], bool], Any]


def _limit_checks(limit: Any) -> tuple[_Check, ...]:
    """The bounds a limit the records declare (Interval, Ge, Len, MinLen...) sets."""
    names = (
        ("ge", False, operator.ge),
        ("gt", False, operator.gt),
        ("le", False, operator.le),
        ("lt", False, operator.lt),
        ("min_length", True, operator.ge),
        ("max_length", True, operator.le),
    )
    return tuple(
        (uses_size, holds, getattr(limit, name))
        for name, uses_size, holds in names
        if getattr(limit, name, None) is not None
    )


def _leaf(annotation: Any, value: Any) -> Any:
    # Exact types, as the validator insists on: no bool for an int, no text for a number.
    if annotation is float and type(value) in (int, float):
        return float(value) if type(value) is int else value
    if annotation in (int, str, bool) and type(value) is not annotation:
        raise TypeError(f"expected {annotation.__name__}, got {type(value).__name__}")
    if annotation not in (int, str, bool, float):
        raise TypeError(f"cannot rebuild a {annotation!r}")
    return value
