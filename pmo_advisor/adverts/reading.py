"""Finding an advert's demands, sentence by sentence, each with its quote.

A heading names a part: the parts ``advert_phrases.yaml`` sets aside (the company,
benefits, equal opportunities, location) are read past up to the next heading, but for
a sentence under the company's heading whose subject is the job's own office, and a
"desirable" heading marks what follows as wanted rather than required. Every other
sentence is read for years, people to line-manage (:mod:`.team`), scope, work,
qualifications and delivery experience, and every sentence is counted for the market
(:mod:`.market`). A sentence that looks like a demand but holds no phrase the data
knows is reported as unread; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from pmo_advisor.adverts.market import MarketTally
from pmo_advisor.adverts.model import Demand, SetAside, Unread
from pmo_advisor.adverts.phrasebook import Phrasebook, Words, free, phrasebook, words_before
from pmo_advisor.adverts.source import AdvertText
from pmo_advisor.adverts.team import Found, team_demands
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.prose import number as shown_number

#: The longest quote kept from a sentence, in characters.
MAX_QUOTE = 240
#: Words after "reporting to", "working with" … that name someone else's job.
OTHERS_REACH = 4
#: Words that join one of those named after "reporting to" … to the next, and the
#: words that start a name ("and the Head of Change").
_JOINING = frozenset({"and", "or"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "our", "their"})
#: At most this many other sentences are kept for a demand already read: enough for
#: the sentence that asks for it outright to be kept beside those that name it in passing.
MAX_ALSO = 8
#: The longest line read as a heading when it holds a heading's words alone.
MAX_HEADING = 60
#: At most this many unread sentences and parts set aside are listed: an advert of a
#: megabyte must not make a report of one.
MAX_LISTED = 50

#: Where a sentence ends: a full stop, question or exclamation mark before a capital
#: letter or a number, or a semicolon, which adverts use to join two demands in one
#: line ("PRINCE2 essential; P3O desirable").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£$€₹\"'(])|;\s+")
#: A word as written, for the capital a name starts with.
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Reading:
    """What was read in an advert's text."""

    demands: list[Demand] = field(default_factory=list)
    #: Where each demand is in :attr:`demands`, by its kind and value: a long advert
    #: asks for the same again and again, and each time the demand is looked up.
    places: dict[tuple[str, object], int] = field(default_factory=dict, repr=False)
    set_aside: list[SetAside] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    market: str | None = None
    market_note: str | None = None
    #: Phrases of other professions in the job's own text: by profession, each phrase
    #: with the sentence it is in.
    professions: dict[str, dict[str, str]] = field(default_factory=dict)

    def profession(self, least: int) -> tuple[str, tuple[str, ...]] | None:
        """The other profession the job's text places it in (the one with the most
        distinct phrases, at least ``least``), with the sentences that say so."""
        best = max(self.professions.items(), key=lambda item: len(item[1]), default=None)
        if best is None or len(best[1]) < least:
            return None
        return best[0], tuple(dict.fromkeys(best[1].values()))


def read_text(text: AdvertText, knowledge: Knowledge) -> Reading:
    """The demands, the parts set aside and the unread sentences of an advert, and its
    market where the advert makes it clear."""
    book = phrasebook(knowledge)
    reading = Reading()
    seen: set[tuple[str, object]] = set()
    part: str | None = None
    desirable = False
    market = MarketTally(book)
    market.count(Words(text.title))
    market.count_signs(text.title)
    for line in text.lines:
        market.count_signs(line.text)
        # Only a short line can be a heading's words alone.
        short = len(line.text) <= MAX_HEADING
        words = Words(line.text) if line.heading or short else None
        if words is not None and (line.heading or _is_heading_line(words, book)):
            market.count(words)
            part, desirable = _heading(words, line.text, book)
            continue
        for sentence in _sentences(line.text):
            # The part the sentence is set aside in: none where the job's own.
            aside = None if part == book.about_part and _own(sentence, book) else part
            if not book.index.may_hold(sentence):  # plain prose: nothing to read
                if aside is not None:
                    _set_aside(reading, aside, sentence)
                continue
            words = Words(sentence)
            market.count(words)
            if aside is not None:
                _set_aside(reading, _part_of(words, book) or aside, sentence)
                continue
            _read_sentence(sentence, words, desirable, book, knowledge, reading, seen)
    reading.market, reading.market_note = market.market(knowledge)
    return reading


def _is_heading_line(words: Words, book: Phrasebook) -> bool:
    """A line that is a heading's words alone ("About us", "Desirable")."""
    if not len(words) or len(words) > 5:
        return False
    whole = len(words)
    return any(h.start == 0 and h.end == whole for h in book.headings.find(words)) or any(
        h.start == 0 and h.end == whole for h in book.desirable.find(words)
    )


def _heading(words: Words, text: str, book: Phrasebook) -> tuple[str | None, bool]:
    """The part a heading starts (None: a part that is read) and whether what follows is
    desirable rather than required. ``text``: the heading as written, its capitals kept."""
    about = words.words[:1] == ["about"]
    # "About 40 projects in flight", "About your new role": the job's, whatever follows.
    if not (about and (1 in words.numbers or book.about_job.any_in(words))):
        found = next((h for h in book.headings.find(words) if h.start == 0), None)
        if found is not None:
            return found.meaning, False
        if about and _names_the_company(words, text, book):
            return book.about_part, False  # "About Gulfstar": the company's story
    return None, book.desirable.any_in(words)


def _names_the_company(words: Words, text: str, book: Phrasebook) -> bool:
    """Whether what follows "About" in a heading names the company: words that do
    ("About the department"), or a name, a word with a capital first letter, after a
    word a name may follow, if any ("About Gulfstar", "About the Alliance")."""
    if any(h.start == 1 for h in book.about_company.find(words)):
        return True
    after = _WORD.findall(text)[1:]  # the words after "About"
    if after and after[0].lower() in book.before_name:
        after = after[1:]
    return bool(after) and after[0][:1].isupper()


def _own(sentence: str, book: Phrasebook) -> bool:
    """Whether a sentence names the job or its own office as it starts ("Our Change PMO
    supports a portfolio of 30 projects"): it speaks of the job."""
    return any(h.start < book.own_within for h in book.own_office.find(Words(sentence)))


def _part_of(words: Words, book: Phrasebook) -> str | None:
    """The part a sentence's own words set aside, if any ("we are an equal opportunities
    employer" under a Benefits heading is still equal opportunities)."""
    return next((part for part, _, phrases in book.set_aside if phrases.any_in(words)), None)


def _sentences(text: str) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip()
        if sentence:
            yield sentence


def _quote(sentence: str) -> str:
    if len(sentence) <= MAX_QUOTE:
        return sentence
    return sentence[: MAX_QUOTE - 1].rstrip() + "…"


def _set_aside(reading: Reading, part: str, sentence: str) -> None:
    if len(reading.set_aside) < MAX_LISTED:
        reading.set_aside.append(SetAside(part, _quote(sentence)))  # type: ignore[arg-type]


def _read_sentence(
    sentence: str,
    norm: Words,
    desirable_part: bool,
    book: Phrasebook,
    knowledge: Knowledge,
    reading: Reading,
    seen: set[tuple[str, object]],
) -> None:
    """Read one sentence into the reading."""
    if not norm.holds_any(book.index):  # no phrase at all: plain prose
        return
    for part, whole, phrases in book.set_aside:
        if whole and phrases.any_in(norm):
            _set_aside(reading, part, sentence)
            return
    for hit in book.professions.find(norm):
        phrase = " ".join(norm.words[hit.start : hit.end])
        reading.professions.setdefault(hit.meaning, {}).setdefault(phrase, _quote(sentence))
    blocked = _blocked(norm, book, sentence)
    required = not (desirable_part or book.desirable.any_in(norm))
    found = list(_demands(norm, sentence, book, knowledge, blocked))
    if not found:
        for part, _, phrases in book.set_aside:
            if phrases.any_in(norm):
                _set_aside(reading, part, sentence)
                return
        if book.unread_cues.any_in(norm) and len(reading.unread) < MAX_LISTED:
            reading.unread.append(Unread(_quote(sentence), _why_unread(norm, book)))
        return
    quote = _quote(sentence)
    for kind, value, text, any_of in found:
        key = (kind, value)
        if key in seen:
            _also(reading, kind, value, quote)
            continue
        seen.add(key)
        demand = Demand(kind, value, quote, text, required, any_of)  # type: ignore[arg-type]
        if kind == "scope":
            _widest_scope(reading, demand, knowledge)
        elif kind == "team_size":
            _largest_team(reading, demand)
        else:
            _add(reading, demand)


def _also(reading: Reading, kind: str, value: object, quote: str) -> None:
    """Another sentence that asks for a demand already read: kept, up to a few."""
    index = reading.places.get((kind, value))
    if index is None:  # a team or a scope since replaced by a larger one
        return
    demand = reading.demands[index]
    if len(demand.also) < MAX_ALSO and quote != demand.quote and quote not in demand.also:
        reading.demands[index] = replace(demand, also=(*demand.also, quote))


def _add(reading: Reading, demand: Demand, index: int | None = None) -> None:
    """Keep a demand: a new one, or in place of the one at ``index``."""
    if index is None:
        index = len(reading.demands)
        reading.demands.append(demand)
    else:
        old = reading.demands[index]
        reading.places.pop((old.kind, old.value), None)
        reading.demands[index] = demand
    reading.places[(demand.kind, demand.value)] = index


def _largest_team(reading: Reading, demand: Demand) -> None:
    """Keep one team demand: the largest team, unless the advert says nobody reports to
    the job, which it says on purpose."""
    for index, other in enumerate(reading.demands):
        if other.kind == "team_size":
            if other.value != 0 and (demand.value == 0 or int(demand.value) > int(other.value)):
                _add(reading, replace(demand, also=(other.quote, *other.also)[:MAX_ALSO]), index)
            else:
                _also(reading, "team_size", other.value, demand.quote)
            return
    _add(reading, demand)


def _widest_scope(reading: Reading, demand: Demand, knowledge: Knowledge) -> None:
    """Keep one scope demand, the widest: an advert's scope is the widest it names."""
    ids = knowledge.scope_ids
    for index, other in enumerate(reading.demands):
        if other.kind == "scope":
            if ids.index(str(demand.value)) > ids.index(str(other.value)):
                _add(reading, demand, index)
            return
    _add(reading, demand)


def _blocked(
    norm: Words, book: Phrasebook, sentence: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The stretches of a sentence (its words' places) that name someone else's job, and
    the one that lists an office's services after a colon."""
    words = norm.words
    others: list[tuple[int, int]] = []
    # Where the names joined from a name end, by the name's place: names joined
    # together end together, so each chain of them is followed once.
    chained: dict[int, int] = {}
    named = book.others.find(norm)
    reporting_in = [(hit.start, hit.end) for hit in book.team_reporting_in.find(norm)]
    if reporting_in:
        # "Five analysts report to you": "report to" starts the people who report in
        # and names nobody else; what they do ("…, each running the PMO of a division")
        # is theirs.
        after = {end for _, end in reporting_in}
        theirs = [hit for hit in book.team_theirs.find(norm) if hit.start in after]
        named = free(named, reporting_in) + theirs
    for hit in named:
        start, end = hit.end, hit.end + OTHERS_REACH
        # Others named together are all others: "escalation to the Programme Board and
        # the department's Portfolio Committee".
        joined = _joined_other(words, start, end)
        passed: list[int] = []
        while joined is not None:
            if joined in chained:
                end = chained[joined]
                break
            passed.append(joined)
            end = joined + OTHERS_REACH
            joined = _joined_other(words, joined, end)
        chained.update(dict.fromkeys(passed, end))
        others.append((start, end))
    services: list[tuple[int, int]] = []
    colon = sentence.find(":")
    if colon > 0:
        (before,) = words_before(sentence, [colon])
        if any(h.end <= before and h.meaning in book.services for h in book.activities.find(norm)):
            services.append((before, len(norm)))
    return others, services


def _joined_other(words: list[str], start: int, end: int) -> int | None:
    """Where another of those named from ``start`` up to ``end`` starts after "and" or
    "or" ("and the Head of Change"), if one does."""
    for index in range(start + 1, min(end, len(words) - 1)):
        if words[index] in _JOINING and words[index + 1] in _DETERMINERS:
            return index + 1
    return None


def _demands(
    norm: Words,
    sentence: str,
    book: Phrasebook,
    knowledge: Knowledge,
    stretches: tuple[list[tuple[int, int]], list[tuple[int, int]]],
) -> Iterator[Found]:
    """Each demand in one sentence: (kind, value, in words, alternatives). ``stretches``:
    the words that name others' jobs, and those that list an office's services: the
    office's work, not the job's own, though the team and the scope they name are the
    job's ("Run the PMO's services: reporting and RAID for the portfolio")."""
    others, services = stretches
    blocked = others + services
    if book.years_context.any_in(norm) and not book.not_experience.any_in(norm):
        years = _years_asked(norm, book)
        if years:
            # The first number is the demand: later ones say of what ("8+ years,
            # including 3 leading people") or give another route ("or 12 without").
            most = years[0]
            yield (
                "years",
                int(most) if most.is_integer() else most,
                f"asks for {shown_number(most)} or more years of experience",
                (),
            )
    yield from team_demands(norm, sentence, book, knowledge, others)
    scopes = _scopes_asked(norm, book, knowledge, others)
    if scopes:
        widest = max(scopes, key=knowledge.scope_ids.index)
        yield "scope", widest, f"covers {_scope_words(widest, knowledge)}", ()
    # Work the job helps others with ("support stage-gate reviews") is theirs; the
    # scope it supports ("support a portfolio of 30 projects") is the job's own.
    reach = knowledge.advert_phrases.ignore.assisting.reach
    helped = [(hit.end, hit.end + reach) for hit in book.assisting.find(norm)]
    for hit in free(book.activities.find(norm), blocked + helped):
        activity = knowledge.activity(hit.meaning)
        yield "activity", activity.id, f"asks you to {activity.does}", ()
    for hit in free(book.delivery.find(norm), blocked):
        background = knowledge.background(hit.meaning)
        yield "delivery", background.id, f"asks for experience: {background.did}", ()
    yield from _qualifications(norm, book, knowledge)


def _years_asked(norm: Words, book: Phrasebook) -> list[float]:
    """The numbers of years a sentence asks for, the demand first: those of the job's
    own field where they follow a wider field's ("8 years in IT, with at least 4 as a
    project manager")."""
    hits = [h for h in book.years.find(norm) if h.number is not None]
    own = book.own_field.find(norm)
    if len(hits) > 1 and own:
        wider = [w for w in book.wider_field.find(norm) if hits[0].end <= w.start < own[0].start]
        after = [h for h in hits if h.start >= own[0].end]
        if wider and after:
            hits = after
    return [h.number for h in hits if h.number is not None]


def _scopes_asked(
    norm: Words, book: Phrasebook, knowledge: Knowledge, blocked: list[tuple[int, int]]
) -> set[str]:
    """The scopes a sentence names; of two given as alternatives ("a programme or
    portfolio PMO"), the narrower, as either will do (as a range of years reads at its
    lower end)."""
    hits = free(book.scopes.find(norm), blocked)
    order = knowledge.scope_ids.index
    wider: set[int] = set()
    for first, second in pairwise(hits):
        if second.start == first.end + 1 and norm.words[first.end] == "or":
            low, high = sorted((first, second), key=lambda h: order(h.meaning))
            if low.meaning != high.meaning:
                wider.add(high.start)
    return {h.meaning for h in hits if h.start not in wider}


def _qualifications(norm: Words, book: Phrasebook, knowledge: Knowledge) -> Iterator[Found]:
    cued = book.course_cues.any_in(norm)
    found: list[str] = []
    for hit in book.courses.find(norm):
        phrase = " ".join(norm.words[hit.start : hit.end])
        if phrase in book.need_cue and not cued:
            continue
        if hit.meaning not in found:
            found.append(hit.meaning)
    either = len(found) > 1 and ("or" in norm.words or "equivalent" in norm.words)
    for course_id in found:
        others = tuple(c for c in found if c != course_id) if either else ()
        name = knowledge.course(course_id).name
        yield "qualification", course_id, f"asks for {name}", others


def _scope_words(scope: str, knowledge: Knowledge) -> str:
    """A scope in words: "a programme", "the enterprise" (the widest)."""
    return ("the " if scope == knowledge.scope_ids[-1] else "a ") + scope


def _why_unread(norm: Words, book: Phrasebook) -> str:
    if book.years.any_in(norm):
        return "names years, but not as experience the job asks for"
    if "experience" in norm.words:
        return "asks for experience the advisor has no phrase for (how many years, or of what)"
    if book.course_cues.any_in(norm) or "degree" in norm.words:
        return "asks for a qualification that is not in the course catalogue"
    return "looks like a demand, but no phrase the advisor knows reads it"
