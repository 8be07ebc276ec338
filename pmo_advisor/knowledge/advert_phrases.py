"""The phrases a job advert is read by (``data/advert_phrases.yaml``): what signals each
kind of demand, which parts of an advert to set aside, and why each reads as it does.

Phrases are written as an advert's text is read (:func:`phrase_form`): lowercase words,
single spaces, hyphens and dashes as spaces, ``{n}`` for a number. The checks here
refuse a phrase in any other form, an id the other data files do not define, and a
phrase listed twice for one kind of demand. Phrases of different kinds may overlap: the
reader settles which is read ("report to you", people reporting in, over "report to",
someone else's job), so an overlap is no mistake in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pmo_advisor.knowledge.phrasing import NUMBER, phrase_form
from pmo_advisor.knowledge.records import RECORD_CONFIG, Flag, Id, ScopeId, bounds


@dataclass(frozen=True)
class YearsRule:
    """How a demand for years of experience is read."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: bounds.Phrases
    #: Words a sentence must hold for its number of years to be about experience.
    context: bounds.Phrases
    #: Words that make a number of years about something else (a contract, a history).
    not_about_experience: bounds.Phrases
    #: Words after which the years of the job's own field follow those of a wider one
    #: ("10 years in IT, of which at least 5 in resource management").
    own_field: bounds.Phrases
    #: Wider fields whose years are not the demand when the job's own follow.
    wider_field: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class PhraseRule:
    """Phrases that signal one thing, and why."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class ListedTeam:
    """How a team given as a list of counted people is read ("six project managers and
    two schedulers report to you")."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: Phrases a list of people ends just before: they report to the job.
    reporting_in: bounds.Phrases
    #: Phrases right after one of ``reporting_in`` that start what those people do.
    theirs: bounds.Phrases
    #: Phrases a list of people starts just after, where one of ``leading`` is close
    #: before them ("lead the site team of").
    team_of: bounds.Phrases
    #: Words that make a team named after them the job's to lead.
    leading: bounds.Phrases
    #: Words naming a part of an organisation, which reports through its head: one
    #: person each.
    units: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class TeamRule:
    """How a demand to line-manage people, and how many, is read."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: Phrases with ``{n}``: the number of people.
    counted: tuple[PhraseRule, ...]
    #: Line management without a number: at least one person.
    uncounted: tuple[PhraseRule, ...]
    #: Nobody reports to the job.
    none: tuple[PhraseRule, ...]
    #: The activity a team to line-manage means.
    activity: Id
    #: Words naming people, read where a team adds one more ("3 analysts and a
    #: scheduler"): the people a counted team is summed with.
    people: bounds.Phrases
    #: A team given as a list of counted people.
    listed: ListedTeam


@dataclass(frozen=True)
class ScopeRule:
    """Phrases naming a scope of work."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    scope: ScopeId
    phrases: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class ActivityRule:
    """Phrases naming one activity of the knowledge base."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    activity: Id
    phrases: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class DeliveryRule:
    """Phrases naming one delivery background."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    background: Id
    phrases: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class ProfessionRule:
    """Phrases that place a job in another profession than project delivery or a PMO."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: The profession, in words ("investment management").
    profession: bounds.Text
    phrases: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class ProfessionRules:
    """How the text of an advert places the job in another profession, whatever its
    title says."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: Distinct phrases of one profession that a job's own text must hold.
    least: Annotated[int, bounds.Ge(1)]
    rules: tuple[ProfessionRule, ...]
    why: bounds.Text


@dataclass(frozen=True)
class PlainName:
    """A scheme's name alone, and the course an advert means by it."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrase: bounds.Phrase
    course: Id
    why: bounds.Text


@dataclass(frozen=True)
class QualificationRule:
    """How qualifications are found beyond the catalogue's names and aliases."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    plain_names: tuple[PlainName, ...]
    #: Catalogue names read as a qualification only beside a cue.
    need_cue: tuple[bounds.Phrase, ...]
    cues: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class MarketSignal:
    """The currencies and places that say an advert is in one market."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    market: Id
    currency: bounds.Phrases
    places: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class Spellings:
    """Spellings that tell British from American English."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    british: bounds.Phrases
    american: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class MarketRule:
    """How the market is read: currencies and places decide, spelling is reported."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    signals: tuple[MarketSignal, ...]
    spellings: Spellings


IgnoredPart = Literal["company", "benefits", "equal-opportunities", "location", "soft-skills"]


@dataclass(frozen=True)
class IgnoreRule:
    """A part of an advert set aside: its headings and its phrases."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    part: IgnoredPart
    headings: tuple[bounds.Phrase, ...]
    phrases: bounds.Phrases
    why: bounds.Text
    #: A sentence with one of the phrases is set aside even where it holds a demand.
    whole_sentence: Flag = False


@dataclass(frozen=True)
class ReachRule:
    """Phrases after which the next ``reach`` words are not read as the job's own."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    phrases: bounds.Phrases
    reach: Annotated[int, bounds.Ge(1)]
    why: bounds.Text


@dataclass(frozen=True)
class ServicesRule:
    """Activities that name an office, whose services may follow in a list."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    activities: tuple[Id, ...]
    why: bounds.Text


@dataclass(frozen=True)
class AboutRule:
    """Headings "About …" that no part names, and the sentences under a part's heading
    that speak of the job rather than of the part."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    #: The part an "About …" heading that names the company starts.
    part: IgnoredPart
    #: Words that make an "About …" heading the job's wherever they are in it ("role").
    job: bounds.Phrases
    #: What follows "About" in a heading that names the company ("the department").
    company: bounds.Phrases
    #: Words a name may follow after "About" ("About the Alliance").
    before_name: bounds.Phrases
    #: Words naming the job or its own office ("our change pmo", "the role"): a sentence
    #: under ``part``'s heading with one in its first ``within`` words is read.
    own: bounds.Phrases
    within: Annotated[int, bounds.Ge(1)]
    why: bounds.Text


@dataclass(frozen=True)
class IgnoreRules:
    """The parts of an advert that say nothing about the job's level."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    parts: tuple[IgnoreRule, ...]
    #: Words after which a phrase names someone else's job.
    others: PhraseRule
    #: Words after which the next few name work the job helps others with.
    assisting: ReachRule
    #: Activities whose list after a colon names the office's services, not the job's
    #: own work ("Run the PMO's services: reporting, planning, RAID").
    services: ServicesRule
    #: "About …" headings, and the job's own sentences under the company's heading.
    about: AboutRule


@dataclass(frozen=True)
class CueRule:
    """Words that mark a sentence as a demand, or a demand as desirable."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    cues: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class RequirementRule:
    """Words that mark a demand as desirable rather than required."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    desirable: bounds.Phrases
    why: bounds.Text


@dataclass(frozen=True)
class Contains:
    """Doing one activity is doing another too."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    activity: Id
    contains: Id
    why: bounds.Text


@dataclass(frozen=True)
class PartlyFrom:
    """Doing one activity goes part of the way to another an advert asks for."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    asked: Id
    done: Id
    why: bounds.Text


@dataclass(frozen=True)
class YearsMargin:
    """How far short of the years asked still partly meets them."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    short_by: Annotated[float, bounds.Ge(0)]
    long_short_by: Annotated[float, bounds.Ge(0)]
    long_from: Annotated[float, bounds.Ge(0)]
    why: bounds.Text


@dataclass(frozen=True)
class FitRules:
    """How a person meets an advert's demands beyond meeting them outright."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    contains: tuple[Contains, ...]
    partly: tuple[PartlyFrom, ...]
    years: YearsMargin


@dataclass(frozen=True)
class AdvertPhrases:
    """Everything an advert is read by (advert_phrases.yaml)."""

    __pydantic_config__: ClassVar[dict[str, object]] = RECORD_CONFIG

    years: YearsRule
    team: TeamRule
    scopes: tuple[ScopeRule, ...]
    activities: tuple[ActivityRule, ...]
    delivery: tuple[DeliveryRule, ...]
    professions: ProfessionRules
    qualifications: QualificationRule
    market: MarketRule
    ignore: IgnoreRules
    unread: CueRule
    requirement: RequirementRule
    fit: FitRules


def advert_phrase_problems(
    phrases: AdvertPhrases,
    *,
    activity_ids: Iterable[str],
    scope_ids: Iterable[str],
    background_ids: Iterable[str],
    course_ids: Iterable[str],
    market_ids: Iterable[str],
    label: Callable[[str], str],
) -> list[str]:
    """Phrases in the form adverts are read in, each once per kind, and only ids the
    other data files define."""
    where = label("advert_phrases.yaml")
    problems: list[str] = []

    def check(kind: str, groups: Sequence[tuple[str, Sequence[str]]], *, numbered: bool) -> None:
        seen: set[str] = set()
        for at, items in groups:
            for j, phrase in enumerate(items):
                path = f"{where}: {at}[{j}]"
                bare = phrase.replace(NUMBER, "n")
                if phrase_form(bare) != bare:
                    problems.append(
                        f"{path}: {phrase!r} must be lowercase words, as adverts are read"
                    )
                elif numbered and NUMBER not in phrase:
                    problems.append(f"{path}: {phrase!r} must hold {{n}}, the number to read")
                elif NUMBER in phrase and not numbered:
                    problems.append(f"{path}: {phrase!r}: {{n}} is only for a number to read")
                if phrase in seen:
                    problems.append(f"{path}: {phrase!r} is listed twice in {kind}")
                seen.add(phrase)

    years, team, about = phrases.years, phrases.team, phrases.ignore.about
    check("years", [("years.phrases", years.phrases)], numbered=True)
    check(
        "team",
        [(f"team.counted[{i}].phrases", r.phrases) for i, r in enumerate(team.counted)],
        numbered=True,
    )
    # Lists checked each on its own, and the lists compared one word at a time.
    alone = {
        f"years.{key}": getattr(years, key)
        for key in ("context", "not_about_experience", "own_field", "wider_field")
    }
    alone |= {
        f"team.listed.{key}": getattr(team.listed, key)
        for key in ("reporting_in", "theirs", "team_of", "leading", "units")
    }
    quals, ignore = phrases.qualifications, phrases.ignore
    alone |= {"team.people": team.people, "ignore.about.job": about.job,
              "ignore.about.company": about.company,
              "ignore.about.before_name": about.before_name,
              "ignore.about.own": about.own, "ignore.others.phrases": ignore.others.phrases,
              "ignore.assisting.phrases": ignore.assisting.phrases,
              "unread.cues": phrases.unread.cues,
              "requirement.desirable": phrases.requirement.desirable,
              "qualifications.plain_names": [p.phrase for p in quals.plain_names],
              "qualifications.need_cue": quals.need_cue,
              "qualifications.cues": quals.cues}  # fmt: skip
    for at, items in alone.items():
        check(at, [(at, items)], numbered=False)
    for at in ("team.people", "team.listed.leading", "team.listed.units",
               "ignore.about.before_name"):  # fmt: skip
        problems += [f"{where}: {at}: {w!r} must be one word" for w in alone[at] if " " in w]
    check(
        "team",
        [(f"team.{key}[{i}].phrases", r.phrases) for key in ("uncounted", "none")
         for i, r in enumerate(getattr(team, key))],
        numbered=False,
    )  # fmt: skip
    ruled: dict[str, Sequence[ScopeRule | ActivityRule | DeliveryRule | ProfessionRule]] = {
        "scopes": phrases.scopes, "activities": phrases.activities,
        "delivery": phrases.delivery, "professions.rules": phrases.professions.rules,
    }  # fmt: skip
    for at, rules in ruled.items():
        groups = [(f"{at}[{i}].phrases", r.phrases) for i, r in enumerate(rules)]
        check(at.split(".")[0], groups, numbered=False)
    for key in ("headings", "phrases"):
        check(
            f"ignore {key}",
            [
                (f"ignore.parts[{i}].{key}", getattr(p, key))
                for i, p in enumerate(phrases.ignore.parts)
            ],
            numbered=False,
        )
    check(
        "market places",
        [(f"market.signals[{i}].places", s.places) for i, s in enumerate(phrases.market.signals)],
        numbered=False,
    )

    def known(at: str, value: str, pool: Iterable[str], what: str) -> None:
        if value not in set(pool):
            problems.append(f"{where}: {at}: unknown {what} {value!r}")

    activities, scopes = tuple(activity_ids), tuple(scope_ids)
    known("team.activity", team.activity, activities, "activity")
    for i, service in enumerate(phrases.ignore.services.activities):
        known(f"ignore.services.activities[{i}]", service, activities, "activity")
    for i, rule in enumerate(phrases.scopes):
        known(f"scopes[{i}].scope", rule.scope, scopes, "scope")
    for i, activity in enumerate(phrases.activities):
        known(f"activities[{i}].activity", activity.activity, activities, "activity")
    for i, delivery in enumerate(phrases.delivery):
        known(f"delivery[{i}].background", delivery.background, background_ids, "background")
    courses = tuple(course_ids)
    for i, name in enumerate(quals.plain_names):
        known(f"qualifications.plain_names[{i}].course", name.course, courses, "course")
    for i, contained in enumerate(phrases.fit.contains):
        known(f"fit.contains[{i}].activity", contained.activity, activities, "activity")
        known(f"fit.contains[{i}].contains", contained.contains, activities, "activity")
    for i, partly in enumerate(phrases.fit.partly):
        known(f"fit.partly[{i}].asked", partly.asked, activities, "activity")
        known(f"fit.partly[{i}].done", partly.done, activities, "activity")
    markets = tuple(market_ids)
    for i, signal in enumerate(phrases.market.signals):
        known(f"market.signals[{i}].market", signal.market, markets, "market")
    return problems
