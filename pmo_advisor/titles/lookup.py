"""The title lookup: what an advert's title means, read the way a recruiter reads it.

The reading order: a title or alias the vocabulary lists, or a near spelling of one;
otherwise the title read by its parts (the grammar); otherwise no match. A context word
of another profession rules a title out before any of that, and a corporate grade
("AVP", "Associate Director") is read as a grade. Every answer says how it was read, in
the reader's words, with the words that decided it and the words set aside.

Parts of a title that hold no word the translator knows (a place, a reference number, a
department) are set aside before the reading, so a list of titles that differ only in
such parts is read once per title and remembered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmo_advisor.knowledge import Knowledge, Seniority
from pmo_advisor.listings import TitleLookup, TitleMatch
from pmo_advisor.title_reading import ReadingMethod, TitleReading
from pmo_advisor.titles.grammar import GrammarReader, GrammarReading, reach_levels, shown
from pmo_advisor.titles.professions import OtherProfessions, RuledOut
from pmo_advisor.titles.vocabulary import THRESHOLD, Hit, VocabularyMatcher
from pmo_advisor.titles.words import (
    BRACKETS,
    MAX_QUERY,
    NOT_WORD,
    SEPARATORS,
    STOP_WORDS,
    WordReader,
)

#: The most matches listed for one query.
MAX_MATCHES = 5
#: How many readings of a title's telling parts are remembered: real lists repeat far
#: fewer titles than this, and a reading is a few small objects.
READINGS_REMEMBERED = 8_192
#: How many words known to change no reading (places, departments) are remembered.
PLAIN_WORDS_REMEMBERED = 16_384
#: How many whole titles' answers are remembered, for lists that repeat a title exactly.
LOOKUPS_REMEMBERED = 4_096

_TYPED_WORD = re.compile(r"\w[\w'.-]*\w|\w")
_Parts = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Core:
    """The reading of a title's telling parts, before the typed words are sorted."""

    method: ReadingMethod
    levels: tuple[int, ...]
    explanation: str
    deciding: frozenset[str]
    matches: tuple[TitleMatch, ...] = ()
    #: The words of the listed name matched, whose typed form fills ``{typed}`` in the
    #: explanation: the reader is told what they typed, not the list's spelling of it.
    named: frozenset[str] = frozenset()
    seniority: tuple[Seniority, ...] = ()
    hit: Hit | None = None
    role_hit: Hit | None = None
    focus: str | None = None
    pmo_type: str | None = None
    note: str | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class _Reading:
    """A reading with the typed words sorted, for the parts of a title that count."""

    core: _Core
    deciding: tuple[str, ...]
    ignored: tuple[str, ...]
    explanation: str


class TitleReader:
    """Reads advert titles against one knowledge base."""

    def __init__(self, knowledge: Knowledge) -> None:
        words = knowledge.title_words
        self._words = WordReader(words)
        self._vocabulary = VocabularyMatcher(knowledge, self._words)
        self._grammar = GrammarReader(knowledge.title_grammar)
        self._professions = OtherProfessions(knowledge.title_grammar)
        self._seniority = {s.word: s for s in words.seniority}
        self._entry = frozenset(
            p for g in knowledge.title_grammar.grades if g.entry for p in g.phrases
        )
        self._reach = {
            p: g
            for g in knowledge.title_grammar.grades
            if g.reach != "none" and g.levels is None
            for p in g.phrases
        }
        self._scope_words = frozenset(words.scope_words)
        self._other_words, self._other_phrases = self._words.word_test(words.other_specialisms)
        grammar = knowledge.title_grammar
        phrases = [
            p
            for rules in (grammar.offices, grammar.scopes, grammar.specialisms, grammar.grades)
            for rule in rules
            for p in rule.phrases
        ]
        # Every word that can change a reading; a part of a title with none of them (a
        # place, a reference) is set aside without reading it further.
        self._meaningful = frozenset(
            {
                *self._vocabulary.vocabulary,
                *self._words.rewritten,
                *(w for p in phrases for w in p.split()),
                *(w for rule in grammar.other_professions for p in rule.phrases for w in p.split()),
                *(f.word for f in grammar.functions),
                *(w for p in (*words.other_specialisms, *words.outside_pmo) for w in p.split()),
                *self._seniority,
                *STOP_WORDS,
            }
        )
        self._plain_words = {""}
        self._read = functools.lru_cache(maxsize=READINGS_REMEMBERED)(self._read_parts)
        self._read_kept = functools.lru_cache(maxsize=READINGS_REMEMBERED)(self._read_kept_parts)
        self._read_whole = functools.lru_cache(maxsize=READINGS_REMEMBERED)(self._read_whole_title)
        self._remembered = functools.lru_cache(maxsize=LOOKUPS_REMEMBERED)(self._lookup)
        self._typed = functools.lru_cache(maxsize=READINGS_REMEMBERED)(self._typed_part)
        self._aside = functools.lru_cache(maxsize=READINGS_REMEMBERED)(self._aside_part)

    def lookup(self, query: str) -> TitleLookup:
        """What the query means: how it was read, the listed titles it matches (best
        first), and the delivery role it names, if any."""
        if len(query) > MAX_QUERY:
            return TitleLookup(
                query[:60], (), threshold=THRESHOLD, error=f"longer than {MAX_QUERY} characters"
            )
        return self._remembered(query)

    def _lookup(self, query: str) -> TitleLookup:
        # Brackets and parts with no word that can change a reading (a place, a
        # contract, a reference) are set aside at once, so titles that differ only in
        # them share one reading, worked out once.
        text = query
        set_aside: list[str] = []
        if "(" in text or "[" in text or "{" in text:
            for found in BRACKETS.findall(query):
                words = self._aside(found[1:-1])
                if words is not None:
                    text = text.replace(found, " ")
                    set_aside += words
        if not text.isascii() or "(" in text or "[" in text or "{" in text:
            return self._assemble(query, self._read_whole(query), ())
        kept = []
        for part in SEPARATORS.split(text):
            words = self._aside(part)
            if words is None:
                kept.append(part)
            else:
                set_aside += words
        # In the order typed: a bracket's words are found before the parts'.
        ordered = sorted(set_aside, key=query.find) if len(set_aside) > 1 else set_aside
        return self._assemble(query, self._read_kept(tuple(kept)), tuple(ordered))

    def _read_kept_parts(self, kept: tuple[str, ...]) -> _Reading:
        """The reading of the parts of a title that can change it (remembered)."""
        return self._read_whole(" - ".join(kept))

    def _read_whole_title(self, query: str) -> _Reading:
        """A title's reading, with the typed words sorted into those that decided it and
        those set aside."""
        core = self._core_of(query)
        deciding: list[str] = []
        ignored: list[str] = []
        named: list[str] = []
        for part in SEPARATORS.split(query):
            words = self._aside(part)
            if words is not None:
                ignored += words
                continue
            decided, left, said = self._typed(part, core.deciding, core.named)
            deciding += decided
            ignored += left
            named += said
        explanation = core.explanation
        if core.named:
            explanation = explanation.format(typed=" ".join(named))
        return _Reading(core, tuple(deciding), tuple(ignored), explanation)

    def _assemble(self, query: str, read: _Reading, set_aside: tuple[str, ...]) -> TitleLookup:
        core = read.core
        role = core.role_hit.candidate.role if core.role_hit is not None else None
        reading = TitleReading(
            core.method,
            core.levels,
            read.explanation,
            read.deciding,
            read.ignored + set_aside if set_aside else read.ignored,
            core.focus,
            core.pmo_type,
            core.note,
            core.score,
        )
        return TitleLookup(
            query, core.matches, core.seniority, THRESHOLD, delivery_role=role, reading=reading
        )

    def _core_of(self, query: str) -> _Core:
        """The reading of a whole title (remembered for titles without brackets)."""
        texts, bracket_texts = self._words.parts(query)
        segments = [self._words.segment(t) for t in texts]
        telling = tuple(
            s for s in segments if s and (self._vocabulary.telling(s) or self._context(s))
        )
        brackets = tuple(
            b
            for b in (self._words.segment(t) for t in bracket_texts)
            if b and (self._vocabulary.telling(b) or self._context(b))
        )
        return self._read(telling, brackets)

    def _aside_part(self, part: str) -> tuple[str, ...] | None:
        """The typed words of a part of a title that holds no word that can change a
        reading, or None for a part that holds one (remembered: parts repeat)."""
        return tuple(_TYPED_WORD.findall(part)) if self._plain_part(part) else None

    def _plain_part(self, part: str) -> bool:
        """Whether a part of a title (ASCII, without brackets) holds no word that can
        change a reading: not a listed word, a near spelling of one, a grammar word or
        a word the translator rewrites."""
        # Words already known to be plain are set aside at once: a list's places and
        # departments repeat, while the parts holding them (with a reference) do not.
        for word in set(NOT_WORD.split(part.casefold())) - self._plain_words:
            if word.isdigit():
                continue
            if word in self._meaningful or self._vocabulary.slips(word):
                return False
            if len(self._plain_words) < PLAIN_WORDS_REMEMBERED:
                self._plain_words.add(word)
        return True

    def _context(self, tokens: tuple[str, ...]) -> bool:
        return bool(self._professions.ruled_out((tokens,)) or self._elsewhere_in(tokens))

    def _read_parts(self, segments: _Parts, brackets: _Parts) -> _Core:
        """The reading of a title's telling parts (remembered: they repeat)."""
        everything = (*segments, *brackets)
        office = self._grammar.office_in(everything)
        ruled = None if office is not None else self._professions.ruled_out(everything)
        if ruled is not None:
            return _other_profession(ruled)
        readings = list(segments)
        if len(segments) > 1:
            # A separator can sit inside a real title ("Director, Project Management
            # Office"): the whole title's words are read too.
            readings.append(tuple(w for s in segments for w in s))
        titles: dict[str, Hit] = {}
        role: Hit | None = None
        for tokens in readings:
            for hit in self._vocabulary.hits(tokens):
                if hit.candidate.role is not None:
                    if role is None or _delivery_rank(hit) < _delivery_rank(role):
                        role = hit
                    continue
                assert hit.candidate.title is not None
                known = titles.get(hit.candidate.title.name)
                if known is None or hit.rank < known.rank:
                    titles[hit.candidate.title.name] = hit
        grammar = self._grammar.read(segments) if segments else None
        elsewhere = self._elsewhere(everything)
        if elsewhere is not None and (
            any(_specialist(h) for h in titles.values()) or (grammar and grammar.focus)
        ):
            # A specialism is a job in other professions too ("Risk Manager - Credit
            # Risk"): such words anywhere, with nothing placing the job in change work,
            # say it is not a PMO job.
            titles = {n: h for n, h in titles.items() if not _specialist(h)}
            if not titles:
                reason = f"'{elsewhere}' makes this specialism another profession's work."
                return _other_profession(RuledOut(elsewhere, reason))
        ranked = sorted(titles.values(), key=lambda h: h.rank)
        if ranked:
            # One answer for one job: "Graduate PMO Analyst" is the listed graduate
            # title, not also a PMO Analyst with "graduate" set aside.
            ranked = [h for h in ranked if len(h.aside) == len(ranked[0].aside)][:MAX_MATCHES]
        if grammar is not None and grammar.graded and (not ranked or ranked[0].aside):
            # A corporate grade is read as a grade ("AVP - PMO" is no VP PMO with
            # "assistant" set aside), unless the title is listed as typed ("VP PMO").
            return self._by_parts(grammar, segments)
        if ranked:
            return self._listed(ranked)
        if role is not None:
            return _delivery(role, tuple(self._seniority[w] for w in role.aside))
        if grammar is not None:
            return self._by_parts(grammar, segments)
        return _NO_MATCH

    def _listed(self, ranked: Sequence[Hit]) -> _Core:
        best = ranked[0]
        title = best.candidate.title
        assert title is not None
        matches = tuple(
            TitleMatch(h.candidate.title, h.score, h.candidate.name)
            for h in ranked
            if h.candidate.title is not None
        )
        levels = title.levels
        said = (
            "the listed title " + title.name.replace("{", "(").replace("}", ")")
            if best.candidate.tokens == self._title_tokens(title.name)
            else "'{typed}', a name listed for " + title.name.replace("{", "(").replace("}", ")")
        )
        note = title.decided_by
        for word in best.aside:
            # "Lead" and "Assistant" before a listed title reach the level above or below.
            reach = self._reach.get(word)
            if reach is not None:
                levels = reach_levels(levels, reach)
        entry = [w for w in best.aside if w in self._entry]
        if entry:
            levels = (1,)
            note = self._seniority[entry[0]].note if entry[0] in self._seniority else note
            said += f", with '{entry[0]}' making it an entry role"
        if best.fuzzy:
            how: ReadingMethod = "near spelling"
            said = f"a near spelling of {said} (score {best.score:.0f})"
        else:
            how = "listed"
        return _Core(
            how,
            levels,
            f"read as {said}: {_levels(levels)}",
            best.candidate.tokens | best.slipped | frozenset(best.aside),
            matches,
            best.candidate.tokens,
            tuple(self._seniority[w] for w in best.aside),
            hit=best,
            focus=title.focus[0] if title.focus else None,
            pmo_type=title.pmo_type,
            note=note,
            score=best.score if best.fuzzy else None,
        )

    def _title_tokens(self, name: str) -> frozenset[str]:
        return frozenset(self._words.segment(name))

    def _by_parts(self, grammar: GrammarReading, segments: _Parts) -> _Core:
        head = next((s for s in segments if grammar.deciding.intersection(s)), ())
        seniority = tuple(
            self._seniority[w]
            for w in dict.fromkeys(head)
            if w in self._seniority and w in grammar.grade_words
        )
        said = (
            f"{grammar.parts}, a corporate grade: {_levels(grammar.levels)}, depending on the"
            " role's scope"
            if grammar.graded
            else f"{grammar.parts}: {grammar.role}, {_levels(grammar.levels)}"
        )
        return _Core(
            "parts",
            grammar.levels,
            "read as " + said.replace("{", "(").replace("}", ")"),
            grammar.deciding,
            seniority=seniority,
            focus=grammar.focus,
            pmo_type=grammar.pmo_type,
            note=grammar.note,
        )

    def _elsewhere(self, parts: _Parts) -> str | None:
        """The word, if any, that makes a specialism another profession's anywhere in a
        title with no word (project, programme, portfolio, PMO) placing it in change
        work."""
        scoped = any(
            w in self._scope_words or w[:-1] in self._scope_words for p in parts for w in p
        )
        if scoped:
            return None
        return next((found for p in parts if (found := self._elsewhere_in(p))), None)

    def _elsewhere_in(self, tokens: tuple[str, ...]) -> str | None:
        found = self._other_words.intersection(tokens)
        if found:
            return min(found)
        if self._other_phrases is not None:
            match = self._other_phrases.search(" ".join(tokens))
            if match:
                return match.group()
        return None

    def _typed_part(
        self, part: str, deciding: frozenset[str], named: frozenset[str]
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The typed words of one part of a title that decided a reading, those set
        aside, and those that name the listed name matched, as typed (remembered:
        parts repeat across a list)."""
        folded_part = part.casefold()
        within = set(deciding)
        naming = set(named)
        for phrase, reads_as in self._words.phrases_in(folded_part):
            words = reads_as.split()
            if deciding.intersection(words):
                within.update(phrase.split())
            if named.intersection(words):
                naming.update(phrase.split())
        decided: list[str] = []
        ignored: list[str] = []
        said: list[str] = []
        for word in _TYPED_WORD.findall(part):
            folded = word.casefold()
            read = self._words.surface(folded)
            if folded in within or within.intersection(read):
                decided.append(word)
                if folded in naming or naming.intersection(read):
                    said.append(word)
            elif folded not in STOP_WORDS:
                ignored.append(word)
        return tuple(decided), tuple(ignored), tuple(said)


def _specialist(hit: Hit) -> bool:
    return hit.candidate.title is not None and hit.candidate.title.is_specialist


def _delivery_rank(hit: Hit) -> tuple[float, int, int]:
    """The most specific delivery role first: "Site Project Manager" over "Project
    Manager" when both match."""
    return (-hit.score, -len(hit.candidate.tokens), hit.candidate.order)


def _levels(levels: Sequence[int]) -> str:
    return "level " + " or ".join(str(n) for n in levels)


def _delivery(hit: Hit, seniority: tuple[Seniority, ...]) -> _Core:
    role = hit.candidate.role
    assert role is not None
    name = role.name.replace("{", "(").replace("}", ")")
    said = (
        f"the delivery role {name}"
        if hit.candidate.name == role.name
        else "'{typed}', a delivery role (" + name + ")"
    )
    evidence = (role.evidence or _levels(role.levels)).replace("{", "(").replace("}", ")")
    return _Core(
        "delivery role",
        role.levels,
        f"read as {said}, not a PMO title; experience in it is evidence of {evidence}",
        hit.candidate.tokens | frozenset(hit.aside),
        named=hit.candidate.tokens,
        seniority=seniority,
        role_hit=hit,
        note=role.note,
    )


def _other_profession(ruled: RuledOut) -> _Core:
    return _Core(
        "other profession",
        (),
        f"read as another profession's job, from '{shown(ruled.words)}'",
        frozenset(ruled.words.split()),
        note=ruled.reason,
    )


_NO_MATCH = _Core(
    "none",
    (),
    "not read: no listed title or alias matches it, and its words do not make a PMO job"
    " (an office, or a project, programme or portfolio, with a job such as analyst or"
    " manager)",
    frozenset(),
)
