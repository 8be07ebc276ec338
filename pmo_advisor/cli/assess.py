"""``assess``: answers gathered from a file, flags, the kept answers or the
questionnaire, assessed by the Advisor, rendered, and kept or saved as asked."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmo_advisor import PROG
from pmo_advisor.cli import options, present
from pmo_advisor.cli.present import Output, write
from pmo_advisor.errors import InputError

if TYPE_CHECKING:
    from pmo_advisor.advisor import Assessment
    from pmo_advisor.answers import Answers
    from pmo_advisor.knowledge import Knowledge


@dataclass(frozen=True)
class AnswerSources:
    """Where ``assess`` gets answers from, and whether it may ask for the missing ones."""

    answers_file: str | None = None
    set_values: tuple[str, ...] = ()
    no_input: bool = False
    save_answers: str | None = None
    #: Start from the answers the questionnaire kept last time (``--last``).
    last: bool = False
    #: Do not keep the questionnaire's answers for next time (``--no-save``).
    no_save: bool = False
    #: Ask in plain numbered questions, without redrawing the screen.
    plain_prompts: bool = False
    #: ``--route``: the route up the plan follows (specialist or management).
    route: str | None = None
    #: ``--market``: where the person works, winning over every other source.
    market: str | None = None
    #: Offer the kept answers first, if there are some (bare ``pmo-advisor`` without
    #: ``--fresh``).
    offer_last: bool = False


def assess(sources: AnswerSources, output: Output) -> None:
    """Print an assessment from the answers given, asking for missing ones when it may."""
    chosen = options.report_format(output.file, output.format)
    if sources.offer_last and not sources.last and present.can_prompt(sources.no_input):
        sources = _offer_last_answers(sources, output)
    if sources.last:
        sources = with_last_answers(sources)
    options.check_outputs(output.file, sources.save_answers, sources.answers_file)
    raw, source = given_answers(sources)
    missing = missing_answers(raw)
    # Checked before anything is asked, so that a mistake there is reported first. The
    # knowledge base is loaded for it only when a market is configured: otherwise the
    # questionnaire shows its first question without waiting for the load.
    configured = None
    if options.takes_configured_market(raw):
        configured = options.configured_market(_knowledge())
    asked = False
    # --last on a terminal opens the review of the kept answers, to change any of them.
    if (missing or sources.last) and present.can_prompt(sources.no_input):
        from pmo_advisor.questionnaire import ask_for_answers

        if raw:  # report a mistake in a file or flag before asking anything
            from pmo_advisor.answers import check_partial

            check_partial(raw, _knowledge(), source)
        raw = ask_for_answers(
            _knowledge,
            raw,
            no_color=present.no_color(output),
            plain=_plain_prompts(sources),
            replay=sources.last,
            fixed=_set_flags(sources) if sources.last else None,
            defaults={"market": configured} if configured else None,
        )
        source = "your answers"
        asked = True

    from pmo_advisor.advisor import Advisor
    from pmo_advisor.answers import validate

    knowledge = _knowledge()
    answers = validate(raw, knowledge, source)
    # The configured market is used, but not saved or kept with the answers: they stay
    # what the person said, and follow the setting if it changes.
    route = options.route(sources.route)
    advice = Advisor(knowledge).assess(answers, route=route, market=configured)
    kept = asked and not sources.no_save
    more = _more_lines(advice, sources, kept or sources.last, present.to_terminal(output))
    text = present.renderer(knowledge, chosen, output, more).render(advice)
    # Kept before the result is shown, but said after it: a pager would hide the line.
    note = _keep_last(answers) if kept else None
    if sources.save_answers is None:
        write(text, output.file, output)
    else:
        from pmo_advisor.answers.sources import dump_answers

        as_json = sources.save_answers.lower().endswith(".json")
        # Both or neither: answers saved beside a result that failed would say otherwise.
        saved = (sources.save_answers, dump_answers(answers, as_json=as_json), "--save-answers")
        write(text, output.file, output, saved)
        present.tell(f"Saved your answers to {sources.save_answers}.")
    if note is not None:
        present.tell(note)


def _knowledge() -> Knowledge:
    """The knowledge base (the packaged one, or the one ``PMO_ADVISOR_DATA`` names),
    loaded on the first call; :func:`~pmo_advisor.knowledge.load_knowledge` keeps it for
    every later one."""
    from pmo_advisor.knowledge import load_knowledge

    return load_knowledge()


def _more_lines(
    advice: Assessment, sources: AnswerSources, kept: bool, to_terminal: bool
) -> tuple[str, ...]:
    """The last lines of a one-screen assessment: the command that shows everything
    and, on a terminal, the one a person would run next."""
    import shlex

    lines = []
    if kept:
        lines.append(f"Every reason, title and course: {PROG} assess --last --full")
    elif sources.answers_file not in (None, "-"):
        path = shlex.quote(str(sources.answers_file))
        lines.append(f"Every reason, title and course: {PROG} assess --answers {path} --full")
    else:
        lines.append("Every reason, title and course: run the same command with --full")
    level = advice.level.number
    if to_terminal and level < 4:
        command = f"{PROG} plan --from {level} --to {level + 1}"
        step = advice.next
        if step is not None and step.routes and step.routes[0].focus:
            # The roadmap for the specialism the plan follows, not every route's courses.
            command += f" --focus {','.join(step.routes[0].focus)}"
        lines.append(f"Your roadmap to level {level + 1}: {command}")
    return tuple(lines)


def _plain_prompts(sources: AnswerSources) -> bool:
    if sources.plain_prompts:
        return True
    from pmo_advisor.settings import setting

    return bool(setting("plain_prompts").value)


def with_last_answers(sources: AnswerSources) -> AnswerSources:
    from dataclasses import replace

    from pmo_advisor.settings import last_answers_path

    if sources.answers_file is not None:
        raise InputError(
            "give --answers FILE or --last, not both",
            "--last starts from the answers you gave the questionnaire last time.",
        )
    path = last_answers_path()
    # Whatever is there and not a regular file is refused when read, by name.
    if not path.exists():
        raise InputError(
            f"no answers have been kept yet (they would be in {path})",
            f"Answer the questions once in a terminal with '{PROG} assess'; your answers"
            " are then kept for --last.",
        )
    return replace(sources, answers_file=str(path))


def _offer_last_answers(sources: AnswerSources, output: Output) -> AnswerSources:
    """Ask whether to start from the answers kept last time, if there are some; yes
    opens their review, as ``assess --last`` does."""
    from dataclasses import replace

    from pmo_advisor.settings import last_answers_path

    path = last_answers_path()
    try:
        kept = path.stat().st_mtime if path.is_file() else None
    except OSError:  # unreadable: as if there were none; --last would say why
        kept = None
    if kept is None:
        return sources
    from pmo_advisor.questionnaire import offer_kept_answers

    if offer_kept_answers(kept, no_color=present.no_color(output), plain=_plain_prompts(sources)):
        return replace(sources, last=True)
    return sources


def _keep_last(answers: Answers) -> str | None:
    """Keep the questionnaire's answers for ``assess --last``, unless turned off, and
    return the line that says so (or that they could not be kept). Failing to keep them
    never fails the run: the result matters more."""
    from pmo_advisor.settings import last_answers_path, setting

    if not setting("save_last").value:
        return None
    from pmo_advisor.answers.sources import dump_answers
    from pmo_advisor.files import keep_private

    path = last_answers_path()
    try:
        # Answers about someone's career are theirs alone: a private folder and file,
        # put in place by renaming, so a link planted there is replaced, not written
        # through to wherever it leads.
        keep_private(path, dump_answers(answers, as_json=False).encode("utf-8"))
    except OSError as exc:
        where = exc.filename or path
        return f"Could not keep your answers for --last: {where}: {exc.strerror or exc}"
    return f"Kept your answers in {path}; '{PROG} assess --last' starts from them."


def given_answers(sources: AnswerSources) -> tuple[dict[str, Any], str]:
    """The answers the file and flags give, and what to call them in messages."""
    raw: dict[str, Any] = {}
    names = []
    if sources.answers_file is None and not sources.set_values and sources.market is None:
        return raw, "the answers"
    from pmo_advisor.answers.sources import parse_set_flags, read_answers_file

    if sources.answers_file is not None:
        stdin = None if sys.stdin is None else sys.stdin.buffer
        raw.update(read_answers_file(sources.answers_file, stdin))
        names.append("standard input" if sources.answers_file == "-" else sources.answers_file)
    if sources.set_values:
        raw.update(parse_set_flags(sources.set_values))
        names.append("--set")
    if sources.market is not None:
        raw["market"] = sources.market.strip() or None
        names.append("--market")
    return raw, " and ".join(names) or "the answers"


def _set_flags(sources: AnswerSources) -> dict[str, Any]:
    """The answers given with --set (and --market) this time, which starting again keeps."""
    fixed: dict[str, Any] = {}
    if sources.set_values:
        from pmo_advisor.answers.sources import parse_set_flags

        fixed = parse_set_flags(sources.set_values)
    if sources.market is not None:
        fixed["market"] = sources.market.strip() or None
    return fixed


def missing_answers(raw: dict[str, Any]) -> list[str]:
    """The required answers not given."""
    from pmo_advisor.answers import REQUIRED_KEYS
    from pmo_advisor.answers.checks import is_given

    return [key for key in REQUIRED_KEYS if not is_given(raw.get(key))]
