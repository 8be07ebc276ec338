"""How course ids, names and aliases are compared; a module of its own so that the
knowledge base's checks and the rest of the program share it without a circle."""

from __future__ import annotations

import re

_NOT_ID = re.compile(r"[^0-9a-z]+")


def course_key(text: str) -> str:
    """How a course id, name or alias is compared: case, trade-mark signs, spaces and
    punctuation do not count, so "PRINCE2® Practitioner" is "prince2-practitioner"."""
    plain = text.casefold().replace("®", "").replace("™", "")
    return _NOT_ID.sub("-", plain).strip("-")
