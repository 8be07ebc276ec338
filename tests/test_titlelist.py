"""Title lists are cut into lines the same way wherever the reads happen to end."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor import titlelist

BOM = b"\xef\xbb\xbf"


def reference(data: bytes, longest: int) -> list[tuple[bytes, int]]:
    """Each line (cut at ``longest`` bytes) and where it starts, read a byte at a time:
    lines end at \\n, \\r\\n or \\r, and a byte-order mark at the start is skipped."""
    found = []
    index = line_start = 3 if data.startswith(BOM) else 0
    while index < len(data):
        byte = data[index : index + 1]
        if byte in (b"\n", b"\r"):
            found.append((data[line_start:index][:longest], line_start))
            if data[index : index + 2] == b"\r\n":
                index += 1
            line_start = index + 1
        index += 1
    if line_start < len(data):
        found.append((data[line_start:][:longest], line_start))
    return found


lines = st.lists(
    st.tuples(
        st.binary(max_size=14).map(lambda b: b.replace(b"\n", b"x").replace(b"\r", b"y")),
        st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    lines,
    st.booleans(),
    st.booleans(),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=12),
)
def test_lines_are_cut_alike_whatever_the_reads(
    parts: list[tuple[bytes, bytes]], bom: bool, ended: bool, chunk: int, longest: int
) -> None:
    data = (BOM if bom else b"") + b"".join(text + end for text, end in parts)
    if not ended and parts:
        data = data.rstrip(b"\r\n") + b"tail"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(titlelist, "_CHUNK", chunk)
        patch.setattr(titlelist, "MAX_LINE_BYTES", longest)
        patch.setattr(titlelist, "RUNAWAY_LINE_BYTES", 10_000)
        got = list(titlelist._raw_lines(io.BytesIO(data), "test"))
    assert got == reference(data, longest)
