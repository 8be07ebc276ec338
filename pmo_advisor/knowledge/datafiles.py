"""The data files of a knowledge base: which they are, and reading and validating them
(the records they hold are :mod:`pmo_advisor.knowledge.records` and its kin)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: The largest data file read: the largest shipped is under 60 KB.
MAX_DATA_FILE_BYTES = 2_000_000

#: The data files, in the order they are read (their schemas: :data:`validate.FILES`).
FILE_NAMES = (
    "scopes.yaml",
    "focus.yaml",
    "activities.yaml",
    "levels.yaml",
    "titles.yaml",
    "courses.yaml",
    "title_words.yaml",
    "title_grammar.yaml",
    "delivery.yaml",
    "plan.yaml",
    "markets.yaml",
    "advert_phrases.yaml",
)


def read_files(
    directory: Traversable, label: Callable[[str], str]
) -> tuple[dict[str, bytes], list[str]]:
    """Each data file's bytes, and a problem for each that cannot be read; ``label``
    names a file as problems name it."""
    from pmo_advisor.files import FileRefused, read_limited

    contents: dict[str, bytes] = {}
    problems: list[str] = []
    for file_name in FILE_NAMES:
        try:
            if isinstance(directory, Path):
                # PMO_ADVISOR_DATA may point anywhere: a named pipe or a link to
                # /dev/zero there is refused, not waited on or read for ever.
                contents[file_name] = read_limited(
                    directory / file_name, MAX_DATA_FILE_BYTES, "data file"
                )
            else:  # inside the installed package's archive: ours, and regular
                contents[file_name] = (directory / file_name).read_bytes()
        except FileRefused as exc:
            missing = exc.problem == "does not exist"
            problems.append(f"{label(file_name)}: {'file is missing' if missing else exc.problem}")
        except FileNotFoundError:
            problems.append(f"{label(file_name)}: file is missing")
        except OSError as exc:
            problems.append(f"{label(file_name)}: cannot be read ({exc.strerror or exc})")
    return contents, problems


def validate_files(
    contents: Mapping[str, bytes], label: Callable[[str], str]
) -> tuple[dict[str, Any], list[str]]:
    """The records in the data files' bytes, and every problem found (empty when
    valid)."""
    # Imported here: a cached knowledge base never needs the YAML parser or validators.
    from pmo_advisor.knowledge.validate import validate

    texts: dict[str, str] = {}
    problems: list[str] = []
    for file_name, raw in contents.items():
        try:
            texts[file_name] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{label(file_name)}: not UTF-8 text (at byte {exc.start})")
    if problems:
        return {}, problems
    return validate(texts, label)
