"""Shell completion values: the ids and choices each flag takes.

typer's completion calls these while the shell asks for candidates (bash, zsh, fish and
PowerShell, through ``pmo-advisor --install-completion``). Each returns the candidates
that start with what has been typed; a comma-separated list is completed after its last
comma, so ``--focus planning,ri`` offers ``planning,risk``. The knowledge base is loaded
only when a flag that needs ids is completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pmo_advisor import PROG


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


def _ids(kind: str) -> tuple[str, ...]:
    try:
        from pmo_advisor.knowledge import load_knowledge

        knowledge = load_knowledge()
    except Exception:  # a broken knowledge base must not break the shell's completion
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


def course_ids(incomplete: str) -> list[str]:
    """``--held`` values: course ids."""
    return _matching(incomplete, _ids("course"))


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
            return [CompletionItem(value) for value in found(incomplete)]

        param._custom_shell_complete = complete  # type: ignore[attr-defined]


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
            return str(item.value)[self._shown_from :]

    add_completion_class(_Bash, "bash")
