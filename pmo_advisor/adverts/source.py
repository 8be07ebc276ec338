"""An advert's file made plain text: its title and its lines, nothing a terminal acts on.

Adverts are untrusted text. A file is read within :data:`MAX_ADVERT_BYTES`; a saved web
page (``.html``, ``.htm``) has its main text taken out by trafilatura, which is given the
page's text and never fetches anything (no links followed, no images, no scripts run);
Markdown loses its markup (``#``, ``*``, links keep their words), and plain text is read
the same way, as most plain-text adverts are Markdown in all but name; a paragraph
wrapped over several lines is joined again. Control characters, bidirectional marks and
any tag left in plain text are dropped, so nothing of an advert's markup is echoed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from pmo_advisor.safetext import valid_unicode

#: The largest advert read: 2 MB. Real adverts are a few kilobytes; a saved web page
#: with its styles inlined reaches a few hundred.
MAX_ADVERT_BYTES = 2_000_000
#: The longest title kept, as the title reader takes it.
MAX_TITLE_CHARS = 200
#: File endings read as a saved web page, and as Markdown; anything else is plain text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")

# Characters a terminal acts on (C0 and C1 controls but tab and newline, DEL,
# bidirectional marks, zero-width characters): dropped from an advert's text.
_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2069\ufeff]"
)
_TAG = re.compile(r"<[^<>\n]{0,500}>")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+|~~)")
#: The characters emphasis is written with.
_EMPHASIS_MARKS = frozenset("*_`~")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•·▪●]|\d{1,3}[.)])\s+")
_MD_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
_LABEL = re.compile(r"^\s*[A-Za-z][A-Za-z /&'-]{0,30}:\s+\S")


@dataclass(frozen=True)
class Line:
    """One line of an advert's text: a heading, or text (a paragraph or a bullet)."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class AdvertText:
    """An advert as plain lines, with the title it gives itself."""

    title: str
    lines: tuple[Line, ...]


def plain_text(raw: str) -> str:
    """Text with every character a terminal acts on dropped and line endings made
    newlines."""
    text = valid_unicode(raw).replace("\r\n", "\n").replace("\r", "\n")
    return _DROPPED.sub("", text)


def advert_text(raw: str, name: str = "", *, title: str | None = None) -> AdvertText:
    """The title and lines of an advert's text. ``name`` (its file name) says how to
    read it: a saved web page, Markdown, or plain text. ``title`` replaces the title
    the advert gives itself: its first line (a saved page's first heading, or else the
    page's own title)."""
    lower = name.lower()
    html = lower.endswith(HTML_SUFFIXES)
    lines = _html_lines(raw) if html else _markup_lines(plain_text(raw))
    found = title
    if found is None and lines:
        found, lines = lines[0].text, lines[1:]
    return AdvertText(" ".join(plain_text(found or "").split())[:MAX_TITLE_CHARS], lines)


#: One line of an advert's text as its markup gives it: its words, whether the markup
#: makes it a heading, and whether it starts a line of its own (a bullet, a list item, a
#: table row or a "Label: value" line); None where a paragraph ends.
Piece = tuple[str, bool, bool] | None


def _markup_lines(text: str) -> tuple[Line, ...]:
    """Lines of Markdown (or plain text): headings marked, markup and tags dropped, and a
    paragraph wrapped over several lines made one line again."""
    return _joined(_markdown_pieces(text))


def _markdown_pieces(text: str) -> Iterator[Piece]:
    """Each line of Markdown (or plain text) with its markup read and dropped."""
    raw_lines = text.split("\n")
    for index, raw_line in enumerate(raw_lines):
        # Each expression is run only on a line holding the character it starts with:
        # most lines of a long advert hold no markup, and each run reads a whole line.
        line = _TAG.sub(" ", raw_line) if "<" in raw_line else raw_line
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        heading = False
        found = _MD_HEADING.match(line)
        if found and found.group(1):
            line, heading = found.group(2), True
        elif _SETEXT.match(following) and line.strip() and not _MD_RULE.match(line):
            heading = True
        if _MD_RULE.match(line) or _SETEXT.match(line):
            yield None
            continue
        # A bullet starts a line of its own. It is taken off before emphasis is, as "* "
        # would otherwise be read as emphasis.
        bullet = _MD_BULLET.match(line) is not None
        line = _MD_BULLET.sub("", line)
        if "](" in line:
            line = _MD_LINK.sub(r"\1", line)
        if not _EMPHASIS_MARKS.isdisjoint(line):
            line = _MD_EMPHASIS.sub("", line)
        yield " ".join(line.split()), heading, bullet


def _joined(pieces: Iterable[Piece]) -> tuple[Line, ...]:
    """The lines of an advert from its pieces: a paragraph wrapped over several lines
    made one line again, and a short line that looks like one read as a heading."""
    lines: list[Line] = []
    joinable = False  # whether the last line is prose that the next one may continue
    for piece in pieces:
        if piece is None or not piece[0]:
            joinable = False
            continue
        words, heading, alone = piece
        # A "Label: value" line starts a line of its own, as a bullet does.
        alone = alone or _LABEL.match(words) is not None
        heading = heading or (not alone and _looks_like_heading(words))
        if joinable and not heading and not alone:
            lines[-1] = Line(f"{lines[-1].text} {words}")
        else:
            lines.append(Line(words, heading))
        # A line ending a sentence, or a heading, ends the paragraph for our purposes.
        joinable = not heading and not lines[-1].text.endswith((".", "!", "?", ":", ";"))
        joinable = joinable and _LABEL.match(lines[-1].text) is None
    return tuple(lines)


def _looks_like_heading(text: str) -> bool:
    """A short line with no full stop, ending with a colon, in capitals, or a few words
    starting with a capital: how plain text adverts set out their parts ("About us",
    "RESPONSIBILITIES:", "About the role")."""
    words = text.split()
    if len(words) > 6:
        return False
    if text.endswith(":") or (text.isupper() and len(text) > 3):
        return True
    return len(text) <= 40 and text[:1].isupper() and not text.endswith((".", "!", "?", ";", ","))


def _html_lines(raw: str) -> tuple[Line, ...]:
    """The main text of a saved web page, as lines: trafilatura keeps the article and
    drops menus, scripts, styles and footers. Given the page's text, it reads nothing
    else: no network, no files. Its tree is read here as it stands (headings, paragraphs,
    list items, table rows) rather than written out as Markdown to be read back."""
    import trafilatura

    page = plain_text(raw)
    # A format other than "python" leaves the extracted tree unwritten: it is read below.
    document = trafilatura.bare_extraction(
        page,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    body: _Element | None = getattr(document, "body", None)
    lines = _joined(_tree_pieces(body)) if body is not None else ()
    if lines and lines[0].heading:
        return lines
    # The article's body may leave its heading out: the page's own title names the job.
    metadata = trafilatura.extract_metadata(page)
    title = " ".join((metadata.title or "").split()) if metadata is not None else ""
    return (Line(title, heading=True), *lines) if title else lines


class _Element(Protocol):
    """An element of trafilatura's extracted tree (an lxml element), as it is read."""

    tag: str
    text: str | None
    tail: str | None

    def __iter__(self) -> Iterator[_Element]: ...


#: The elements of trafilatura's tree that are no text (images, left out anyway).
_TREE_SKIPPED = frozenset({"graphic"})
#: The elements of its tree that are part of a line's text: emphasis, links, deletions
#: and line breaks. Any other element in a quote or a division is a block of its own.
_TREE_INLINE = frozenset({"hi", "ref", "del", "lb"}) | _TREE_SKIPPED
#: The elements read as lines of their own wherever they are (a list, each item a line;
#: a table, each row a line), at any depth: in a quote, a table's cell, another list's
#: item, a paragraph.
_TREE_OWN_LINES = frozenset({"list", "table"})
#: The elements whose children are blocks of their own, as the page's body's are.
_TREE_CONTAINERS = frozenset({"quote", "div"})
#: The elements set apart by a space where they sit inside a line.
_TREE_SPACED = frozenset({"p", "head", "item", "quote", "row", "cell", "div"})


def _tree_pieces(body: _Element) -> Iterator[Piece]:
    """The pieces of trafilatura's extracted tree: each heading, paragraph, list item
    and table row a line of its own, a line break within one kept. A list or a table
    inside a line (in a list's item, a table's cell, a paragraph) is read after it, each
    of its items or rows a line of its own; the blocks of a quote are read as the
    body's are. (The page's parser keeps a tree at most 256 elements deep, so the
    reading's depth is bounded.)"""
    yield from _blocks(body)


def _blocks(container: _Element) -> Iterator[Piece]:
    """Each block of an element that holds blocks, in order, and the text between
    them as paragraphs of its own."""
    nested: list[_Element] = []
    loose = [container.text or ""]
    for child in container:
        if child.tag in _TREE_INLINE:
            loose += [_inline(child, nested), child.tail or ""]
            continue
        yield from _loose("".join(loose), nested)
        yield from _block(child)
        yield None
        nested, loose = [], [child.tail or ""]
    yield from _loose("".join(loose), nested)


def _loose(text: str, nested: list[_Element]) -> Iterator[Piece]:
    """Text between blocks, as paragraphs, and the lists and tables inside it."""
    if text.strip():
        for part in text.split("\n"):
            yield _clean(part), False, False
        yield None
    for inner in nested:
        yield from _block(inner)
        yield None


def _block(element: _Element) -> Iterator[Piece]:
    """One block's lines: a list's items, a table's rows, a quote's blocks, or a
    heading's or a paragraph's text; then the lists and tables inside them."""
    tag = element.tag
    if tag in _TREE_OWN_LINES:
        for child in element:
            if child.tag == "item":
                yield from _line(child, alone=True)
            elif child.tag == "row":
                yield from _row(child)
            elif child.tag not in _TREE_SKIPPED:
                yield from _block(child)
    elif tag == "row":
        yield from _row(element)
    elif tag in _TREE_CONTAINERS:
        yield from _blocks(element)
    elif tag not in _TREE_SKIPPED:
        yield from _line(element, heading=tag == "head", alone=tag == "item")


def _line(element: _Element, *, heading: bool = False, alone: bool = False) -> Iterator[Piece]:
    """An element's text as a line (a heading is one line, whatever breaks it holds;
    a list's item starts a line of its own), then the lists and tables inside it."""
    nested: list[_Element] = []
    first = True
    for part in _inline(element, nested).split("\n"):
        yield _clean(part), heading and first, alone and first
        first = False
    for inner in nested:
        yield from _block(inner)


def _row(row: _Element) -> Iterator[Piece]:
    """A table's row as one line, its cells apart, then the lists and tables inside
    its cells."""
    nested: list[_Element] = []
    cells = [_clean(_inline(cell, nested)) for cell in row if cell.tag not in _TREE_SKIPPED]
    yield " | ".join(cell for cell in cells if cell), False, True
    for inner in nested:
        yield from _block(inner)


def _inline(element: _Element, nested: list[_Element]) -> str:
    """An element's text with its children's, a line break as a newline and a block
    inside it set apart by a space; the lists and tables inside it, at any depth, are
    added to ``nested`` to be read as lines of their own."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == "lb":
            parts.append("\n")
        elif tag in _TREE_OWN_LINES:
            nested.append(child)
        elif tag not in _TREE_SKIPPED:
            spaced = tag in _TREE_SPACED
            parts += [" " if spaced else "", _inline(child, nested), " " if spaced else ""]
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """A line of extracted text as Markdown's are left: tags dropped, one space between
    words, in composed Unicode (as trafilatura writes its own text)."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return unicodedata.normalize("NFC", " ".join(plain_text(text).split()))
