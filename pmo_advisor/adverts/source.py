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
from dataclasses import dataclass

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


def _markup_lines(text: str) -> tuple[Line, ...]:
    """Lines of Markdown (or plain text): headings marked, markup and tags dropped, and a
    paragraph wrapped over several lines made one line again."""
    raw_lines = text.split("\n")
    lines: list[Line] = []
    joinable = False  # whether the last line is prose that the next one may continue
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
            joinable = False
            continue
        # A bullet, or a "Label: value" line, starts a line of its own. The bullet is
        # taken off before emphasis is, as "* " would otherwise be read as emphasis.
        bullet = _MD_BULLET.match(line) is not None
        line = _MD_BULLET.sub("", line)
        if "](" in line:
            line = _MD_LINK.sub(r"\1", line)
        if not _EMPHASIS_MARKS.isdisjoint(line):
            line = _MD_EMPHASIS.sub("", line)
        bullet = bullet or _LABEL.match(line) is not None
        words = " ".join(line.split())
        if not words:
            joinable = False
            continue
        heading = heading or (not bullet and _looks_like_heading(words))
        if joinable and not heading and not bullet:
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
    else: no network, no files."""
    import trafilatura

    page = plain_text(raw)
    extracted = trafilatura.extract(
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
    lines = _markup_lines(plain_text(extracted or ""))
    if lines and lines[0].heading:
        return lines
    # The article's body may leave its heading out: the page's own title names the job.
    metadata = trafilatura.extract_metadata(page)
    title = " ".join((metadata.title or "").split()) if metadata is not None else ""
    return (Line(title, heading=True), *lines) if title else lines
