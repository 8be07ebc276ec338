"""Shell completion values: the ids and choices each flag takes.

typer's completion calls these while the shell asks for candidates (bash, zsh, fish and
PowerShell, through ``pmo-advisor --install-completion``). Each returns the candidates
that start with what has been typed, in any case; a comma-separated list is completed
after its last comma, so ``--focus planning,ri`` offers ``planning,risk``. A candidate
may come with a description, ``(value, description)``, which zsh and fish show beside it
(the stage of each level, the name of each course). The knowledge base is loaded only
when a flag that needs ids is completed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pmo_advisor import PROG

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge

#: The routes ``--route`` takes: the Advisor's (a test keeps the two the same), named
#: here because the Advisor is above this module.
ROUTES = ("specialist", "management")
#: A candidate, with what zsh and fish show beside it.
Described = tuple[str, str]


def _matching(incomplete: str, choices: Iterable[str]) -> list[str]:
    head, comma, last = incomplete.rpartition(",")
    prefix = head + comma
    already = set(head.split(",")) if comma else set()
    lowered = last.casefold()
    return [
        prefix + choice
        for choice in choices
        if choice.startswith(lowered) and choice not in already
    ]


def _knowledge() -> Knowledge | None:
    try:
        from pmo_advisor.knowledge import load_knowledge

        return load_knowledge()
    except Exception:  # a broken knowledge base must not break the shell's completion
        return None


def _ids(kind: str) -> tuple[str, ...]:
    knowledge = _knowledge()
    if knowledge is None:
        return ()
    return {
        "focus": knowledge.focus_ids,
        "course": knowledge.course_ids,
        "market": knowledge.market_ids,
        "scope": knowledge.scope_ids,
        "kind": _kind_ids(knowledge.course_kinds),
    }[kind]


def _kind_ids(kinds: Iterable[str]) -> tuple[str, ...]:
    from pmo_advisor.model import course_kind_id

    return tuple(dict.fromkeys(map(course_kind_id, kinds)))


def formats(incomplete: str) -> list[str]:
    """``--format`` values."""
    from pmo_advisor.render import OutputFormat

    return _matching(incomplete, [f.value for f in OutputFormat])


def report_formats(incomplete: str) -> list[str]:
    """``--format`` values of assess, suggest and plan: every format, and html."""
    from pmo_advisor.render import OutputFormat, ReportFormat

    return _matching(incomplete, [f.value for kind in (OutputFormat, ReportFormat) for f in kind])


def csv_formats(incomplete: str) -> list[str]:
    """``advert --format`` values: every format, and csv."""
    from pmo_advisor.render import OutputFormat, TeamFormat

    return _matching(incomplete, [*(f.value for f in OutputFormat), TeamFormat.csv.value])


def team_formats(incomplete: str) -> list[str]:
    """``team --format`` values: every format, html, csv and xlsx."""
    from pmo_advisor.render import OutputFormat, ReportFormat, TeamFormat

    kinds = (OutputFormat, ReportFormat, TeamFormat)
    return _matching(incomplete, [f.value for kind in kinds for f in kind])


def scopes(incomplete: str) -> list[str]:
    """``--scope`` values."""
    return _matching(incomplete, _ids("scope"))


def focus_ids(incomplete: str) -> list[str]:
    """``--focus`` values: focus area ids."""
    return _matching(incomplete, _ids("focus"))


def course_ids(incomplete: str) -> list[Described]:
    """``--held`` values: course ids, with each course's name. A course is offered when
    its id, its name or a spelling it is known by starts with what was typed after the
    last comma (``--held power`` offers ``pl-300``)."""
    knowledge = _knowledge()
    if knowledge is None:
        return []
    head, comma, last = incomplete.rpartition(",")
    prefix = head + comma
    already = set(head.split(",")) if comma else set()
    from pmo_advisor.knowledge.keys import course_key

    typed = course_key(last)  # as --held reads it: any case, spaces or punctuation
    spellings: dict[str, list[str]] = {}
    for spelling, course_id in knowledge.course_spellings.items():
        spellings.setdefault(course_id, []).append(spelling)
    found = []
    for course in knowledge.courses:
        known = (course.id, *spellings.get(course.id, ()))
        if course.id not in already and any(key.startswith(typed) for key in known):
            found.append((prefix + course.id, course.name))
    return found


def levels(incomplete: str) -> list[Described]:
    """``--level``, ``--from`` and ``--to`` values: the level numbers, with their stages."""
    knowledge = _knowledge()
    if knowledge is None:
        return [(str(number), "") for number in range(1, 5) if str(number).startswith(incomplete)]
    typed = incomplete.strip().casefold()
    return [
        (str(level.number), level.stage)
        for level in knowledge.levels
        if str(level.number).startswith(typed) or level.stage.casefold().startswith(typed)
    ]


def providers(incomplete: str) -> list[str]:
    """``--provider`` values: every provider and awarding body a course names."""
    knowledge = _knowledge()
    if knowledge is None:
        return []
    names = {n for c in knowledge.courses for n in (c.provider, c.awarding_body) if n}
    typed = incomplete.casefold()
    return sorted((n for n in names if n.casefold().startswith(typed)), key=str.casefold)


def routes(incomplete: str) -> list[str]:
    """``--route`` values."""
    return _matching(incomplete, ROUTES)


def markets(incomplete: str) -> list[str]:
    """``--market`` values: market ids."""
    return _matching(incomplete, _ids("market"))


def course_kinds(incomplete: str) -> list[str]:
    """``--kind`` values."""
    return _matching(incomplete, _ids("kind"))


def schema_names(incomplete: str) -> list[str]:
    """``schema`` names."""
    from pmo_advisor.schemas import SCHEMAS

    return _matching(incomplete, SCHEMAS)


def set_values(incomplete: str) -> list[str]:
    """``--set`` values: an answer key, then for list answers their ids
    (``activities=plan-schedule,run-raid``) and for scope and market their choices."""
    key, equals, value = incomplete.partition("=")
    if not equals:
        from pmo_advisor.answers import ANSWER_KEYS

        return [f"{k}=" for k in ANSWER_KEYS if k.startswith(key.casefold())]
    key = key.casefold()  # as --set reads it: "Activities=" is activities
    from pmo_advisor.answers.model import BY_ID

    definition = BY_ID.get(key)
    if definition is None or definition.pool is None:
        return []  # a number or a text: nothing to offer
    try:
        from pmo_advisor.knowledge import load_knowledge

        choices = definition.pool(load_knowledge())
    except Exception:  # a broken knowledge base must not break the shell's completion
        return []
    return [f"{key}={candidate}" for candidate in _matching(value, choices)]


def _with_context(function: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    """Mark a completion function that also needs the click context (what else was
    typed)."""
    function.with_context = True  # type: ignore[attr-defined]
    return function


@_with_context
def command_names(incomplete: str, ctx: Any) -> list[Described]:
    """``help`` values: the commands, with their one-line help."""
    group = ctx.parent.command if ctx.parent is not None else None
    if group is None:
        return []
    typed = incomplete.casefold()
    found = []
    for name in group.list_commands(ctx.parent):
        command = group.get_command(ctx.parent, name)
        if command is not None and not command.hidden and name.startswith(typed):
            found.append((name, command.get_short_help_str(limit=60)))
    return found


@_with_context
def title_words(incomplete: str, ctx: Any) -> list[Described]:
    """``titles`` words: the rest of each knowledge-base title that starts with the words
    typed so far (``titles PMO A`` offers ``Analyst``), with its levels; with
    ``--level N``, only titles at that level."""
    knowledge = _knowledge()
    if knowledge is None:
        return []
    before = " ".join(str(word) for word in ctx.params.get("query") or ())
    typed = f"{before} {incomplete}".strip().casefold() if before else incomplete.casefold()
    skip = len(before) + 1 if before else 0
    level = str(ctx.params.get("level") or "").strip()  # titles --level N narrows them
    found: dict[str, str] = {}
    for title in knowledge.titles:
        if level and level not in {str(number) for number in title.levels}:
            continue
        low, high = min(title.levels), max(title.levels)
        shown = f"level {low}" if low == high else f"levels {low}-{high}"
        for name in (title.name, *title.aliases):
            if name.casefold().startswith(typed) and len(name) > skip:
                found.setdefault(name[skip:], shown)
    return sorted(found.items(), key=lambda item: item[0].casefold())


def setting_names(incomplete: str) -> list[str]:
    """``config set`` and ``config unset`` keys."""
    from pmo_advisor.settings import KEYS

    return _matching(incomplete, KEYS)


@_with_context
def setting_values(incomplete: str, ctx: Any) -> list[str]:
    """``config set KEY`` values: the choices the key takes."""
    key = str(ctx.params.get("key") or "").strip().casefold()
    from pmo_advisor.settings import CHOICES

    choices: Iterable[str] = CHOICES.get(key, ())
    if key == "market":
        choices = _ids("market")
    return _matching(incomplete, choices)


def match_any_case(params: Sequence[object]) -> None:
    """Offer the candidates found here for what was typed in any case.

    typer keeps only the candidates that start with the typed text exactly, so
    ``--focus PL`` lost the ``planning`` that :func:`focus_ids` found. The functions here
    match without regard to case themselves, so their candidates are passed on as they
    are; called only while completing.
    """
    from typer._click.shell_completion import CompletionItem

    for param in params:
        info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
        found = getattr(info, "autocompletion", None)
        if found is None or getattr(found, "__module__", None) != __name__:
            continue

        def complete(ctx: Any, param: Any, incomplete: str, found: Any = found) -> list[Any]:
            return [
                CompletionItem(item[0], help=item[1] or None)
                if isinstance(item, tuple)
                else CompletionItem(item)
                for item in (
                    found(incomplete, ctx)
                    if getattr(found, "with_context", False)
                    else found(incomplete)
                )
            ]

        param._custom_shell_complete = complete  # type: ignore[attr-defined]


#: Characters bash reads specially on a command line, escaped in what it is offered.
_SHELL_SPECIAL = re.compile(r"""[\s\\'"`$&|;<>()*?!#~{}\[\]]""")


def use_bash_word_breaks() -> None:
    """Let bash complete ``--set activities=...``.

    bash splits words at ``=`` (COMP_WORDBREAKS), so ``--set activities=pl`` arrives as
    ``activities``, ``=``, ``pl``, and the shell replaces only the text after the ``=``.
    This bash completion joins the pieces back before completing, then answers with the
    part after the ``=``. It replaces typer's bash completion only while completing.
    """
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete

    class _Bash(BashComplete):
        _shown_from = 0

        def get_completion_args(self) -> tuple[list[str], str]:
            try:
                args, incomplete = super().get_completion_args()
            except (KeyError, ValueError):
                # Only bash's completion script runs this, and it sets both as bash
                # does; anything else is a call by hand, told what is missing.
                from pmo_advisor.errors import InputError

                raise InputError(
                    "shell completion needs COMP_WORDS (the words typed) and COMP_CWORD"
                    " (the number of the word being completed), as bash sets them",
                    f"Install completion with '{PROG} --install-completion' and let the"
                    " shell call it.",
                ) from None
            if incomplete == "=" and args:  # the cursor right after the "="
                key = args.pop()
                self._shown_from = len(key) + 1
                return args, f"{key}="
            if len(args) >= 2 and args[-1] == "=":
                key = args[-2]
                self._shown_from = len(key) + 1
                return args[:-2], f"{key}={incomplete}"
            return args, incomplete

        def format_completion(self, item: CompletionItem) -> str:
            # bash puts a candidate on the line as it is: a space in one (a provider
            # such as "AACE International") is escaped so that it stays one word.
            return _SHELL_SPECIAL.sub(r"\\\g<0>", str(item.value)[self._shown_from :])

    add_completion_class(_Bash, "bash")


def use_zsh_any_case() -> None:
    """Let zsh take the candidates found here as they are.

    typer's zsh completion hands the candidates to ``_arguments``, and zsh then keeps
    only those that start with the typed text in the same case: ``--format JS`` lost
    ``json``, and ``--held power`` the ``microsoft-pl-300`` its name matched. This one
    hands them to ``_describe`` with ``-U`` (use them unfiltered), descriptions kept.
    It replaces typer's zsh completion only while completing.
    """
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import ZshComplete

    class _Zsh(ZshComplete):
        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            items = self.get_completions(args, incomplete)
            if not items:
                return "_files"
            entries = " ".join(_zsh_word(_zsh_entry(item.value, item.help)) for item in items)
            # One line: zsh splits what the completion script evaluates at white space.
            return f"local -a _values_found=({entries}); _describe -t values value _values_found -U"

    add_completion_class(_Zsh, "zsh")


def _zsh_entry(value: object, help: str | None) -> str:
    # _describe reads "value:description"; a colon in the value is escaped.
    entry = str(value).replace("\\", "\\\\").replace(":", "\\:")
    return f"{entry}:{' '.join(help.split())}" if help else entry


def _zsh_word(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
