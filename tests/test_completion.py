"""Shell completion: the scripts for bash, zsh and fish, and the values each flag offers,
asked the way each shell's script asks, and through a real bash, zsh and fish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import complete

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]


def _run(**env: str) -> str:
    """What pmo-advisor writes when a shell's completion script runs it with these
    variables set, run in this process (the tests marked ``terminal`` below run it from
    the real shells)."""
    done = complete(**env)
    assert done.code == 0, done.err
    return done.out


@pytest.mark.terminal  # typer asks bash for its version before writing bash's script
@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _pmo_advisor_completion pmo-advisor"),
        ("zsh", "compdef _pmo_advisor_completion pmo-advisor"),
        ("fish", "complete --command pmo-advisor"),
    ],
)
def test_each_shell_gets_a_completion_script(shell: str, marker: str) -> None:
    assert marker in _run(_PMO_ADVISOR_COMPLETE=f"source_{shell}")


def _zsh(line: str) -> str:
    return _run(_PMO_ADVISOR_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=line)


def _fish(line: str) -> list[str]:
    out = _run(
        _PMO_ADVISOR_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS=line,
    )
    return [row.split("\t")[0] for row in out.splitlines()]


def _bash(*words: str) -> list[str]:
    out = _run(
        _PMO_ADVISOR_COMPLETE="complete_bash",
        COMP_WORDS=" ".join(words),
        COMP_CWORD=str(len(words) - 1),
    )
    return out.splitlines()


def test_values_of_each_flag_are_offered() -> None:
    assert _fish("pmo-advisor suggest --format j") == ["json"]
    assert _fish("pmo-advisor team roster.csv --format c") == ["csv"]
    assert _fish("pmo-advisor team roster.csv --format ") == [
        "rich", "plain", "json", "markdown", "html", "csv", "xlsx"
    ]  # fmt: skip
    assert _fish("pmo-advisor assess --format h") == ["html"]
    assert _fish("pmo-advisor levels --format h") == [""]  # nothing offered
    assert _fish("pmo-advisor titles --scope p") == ["project", "programme", "portfolio"]
    assert _fish("pmo-advisor courses --kind e") == ["elearning"]
    assert _fish("pmo-advisor plan --focus planning,ri") == ["planning,risk"]
    assert "prince2" in _fish("pmo-advisor suggest --held pri")
    assert _fish("pmo-advisor schema a") == ["advert", "answers"]
    assert _fish("pmo-advisor schema t") == ["team"]
    assert _fish("pmo-advisor assess --set activities=plan-sch") == ["activities=plan-schedule"]
    assert _fish("pmo-advisor assess --set tea") == ["team_size="]
    assert "'planning'" in _zsh("pmo-advisor suggest --focus pl")


def test_market_ids_are_offered_for_the_flag_and_for_set() -> None:
    assert _fish("pmo-advisor assess --market a") == ["australia-nz", "africa"]
    assert _fish("pmo-advisor assess --market ") == [
        "uk", "us", "europe", "australia-nz", "india", "middle-east", "africa", "other"
    ]  # fmt: skip
    assert _fish("pmo-advisor assess --set market=m") == ["market=middle-east"]
    assert _fish("pmo-advisor assess --set mar") == ["market="]
    assert _bash("pmo-advisor", "assess", "--set", "market", "=", "u") == ["uk", "us"]


def test_bash_completes_activity_ids_after_the_equals_sign() -> None:
    # bash splits "activities=plan-sch" at "=" and replaces only what follows it.
    assert _bash("pmo-advisor", "assess", "--set", "activities", "=", "plan-sch") == [
        "plan-schedule"
    ]
    after = _bash("pmo-advisor", "assess", "--set", "activities", "=")
    assert "keep-records" in after and all("=" not in c for c in after)
    assert _bash("pmo-advisor", "suggest", "--held", "mop-f") == ["mop-foundation"]


def _real_bash(tmp_path: Path) -> pexpect.spawn:
    """A bash at its prompt, with pmo-advisor's completion script sourced."""
    script = tmp_path / "complete.bash"
    script.write_text(_run(_PMO_ADVISOR_COMPLETE="source_bash"), encoding="utf-8")
    path = f"{Path(COMMAND[0]).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env = {**os.environ, "PATH": path, "TERM": "dumb", "PS1": "$ "}
    child = pexpect.spawn("bash", ["--norc", "--noprofile"], env=env, encoding="utf-8", timeout=30)
    child.expect_exact("$ ")
    child.sendline(f"source {script}")
    child.expect_exact("$ ")
    return child


@pytest.mark.terminal
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_completes_an_activity_id(tmp_path: Path) -> None:
    child = _real_bash(tmp_path)
    child.send("pmo-advisor assess --set activities=plan-sch\t")
    child.expect_exact("activities=plan-schedule", timeout=30)
    child.terminate(force=True)


def _fish_rows(line: str) -> list[str]:
    """What fish is given: each value, with a tab and its description when it has one."""
    return _run(
        _PMO_ADVISOR_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS=line,
    ).splitlines()


LEVELS = ["1\tPMO Administrator", "2\tPMO Analyst", "3\tPMO Manager", "4\tPMO Director"]


@pytest.mark.parametrize("flag", ["suggest --level", "plan --from", "plan --to", "courses -l"])
def test_levels_are_offered_with_their_stages_in_each_shell(flag: str) -> None:
    assert _fish_rows(f"pmo-advisor {flag} ") == LEVELS
    zsh = _zsh(f"pmo-advisor {flag} ")
    for row in LEVELS:
        number, stage = row.split("\t")
        assert f"'{number}:{stage}'" in zsh  # value:description, as _describe reads them
    assert _bash("pmo-advisor", *flag.split(), "") == ["1", "2", "3", "4"]
    assert _bash("pmo-advisor", *flag.split(), "3") == ["3"]


def test_formats_are_offered_in_each_shell_whatever_the_case() -> None:
    assert _fish("pmo-advisor suggest --format JS") == ["json"]
    assert _zsh("pmo-advisor levels --format M").startswith("local -a _values_found=('markdown')")
    assert _bash("pmo-advisor", "levels", "-f", "Ma") == ["markdown"]
    assert _bash("pmo-advisor", "levels", "-f", "") == ["rich", "plain", "json", "markdown"]


def test_focus_areas_are_offered_in_each_shell_whatever_the_case() -> None:
    assert _fish("pmo-advisor plan --focus Planning,RI") == ["Planning,risk"]
    assert "'planning'" in _zsh("pmo-advisor suggest --focus PL")
    assert _bash("pmo-advisor", "courses", "--focus", "PLAN") == ["planning"]


def test_course_ids_are_offered_by_id_name_or_alias_with_their_names() -> None:
    assert _fish_rows("pmo-advisor suggest --held pl-3") == [
        "microsoft-pl-300\tMicrosoft Certified: Power BI Data Analyst Associate (PL-300)"
    ]
    assert _fish("pmo-advisor suggest --held Power") == ["microsoft-pl-300"]
    assert "'p3o-foundation:P3O® Foundation'" in _zsh("pmo-advisor plan --held P3O")
    assert _bash("pmo-advisor", "suggest", "--held", "PRINCE2-7-F") == ["prince2-7-foundation"]
    after = _bash("pmo-advisor", "suggest", "--held", "prince2-7-foundation,prince2-7")
    assert after == ["prince2-7-foundation,prince2-7-practitioner"]


def test_providers_routes_commands_and_settings_are_offered() -> None:
    assert "AACE International" in _fish("pmo-advisor courses --provider a")
    # bash puts a candidate on the line as it is: the space is escaped.
    assert _bash("pmo-advisor", "courses", "--provider", "aace") == ["AACE\\ International"]
    assert _fish("pmo-advisor assess --route M") == ["management"]
    assert _fish_rows("pmo-advisor help te") == [
        "team\tTraining needs of a whole PMO team, from a roster."
    ]
    assert _fish("pmo-advisor config set co") == ["color"]
    assert _fish("pmo-advisor config set color ") == ["auto", "always", "never"]
    assert _fish("pmo-advisor config set market a") == ["australia-nz", "africa"]
    assert _bash("pmo-advisor", "config", "unset", "save") == ["save_last"]


def test_the_routes_completed_are_the_advisors() -> None:
    from pmo_advisor import completion
    from pmo_advisor.advisor import ROUTES

    assert completion.ROUTES == ROUTES


@pytest.mark.terminal
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_completes_a_provider_with_a_space(tmp_path: Path) -> None:
    child = _real_bash(tmp_path)
    child.send("pmo-advisor courses --provider aace\t")
    # bash rubs out the typed word and writes the escaped one in its place.
    child.expect_exact("AACE\\ International ", timeout=30)
    child.sendline(" --format json | head -c 40; echo")
    child.expect_exact('"schema_version": 1', timeout=30)
    child.terminate(force=True)


def test_titles_complete_the_rest_of_a_known_title_after_the_words_typed() -> None:
    assert _fish_rows("pmo-advisor titles pmo an") == ["Analyst\tlevel 2"]
    after = _fish("pmo-advisor titles Head of Programme ")
    assert "PMO" in after and "Office" in after
    assert "Head of Programme Office" not in after  # only what is still to type
    at_four = _fish("pmo-advisor titles --level 4 head of pro")
    assert "Projects" in at_four and "Programme Office" not in at_four  # level 3 only
    assert _bash("pmo-advisor", "titles", "head", "of", "TMO") == ["TMO"]


def test_zsh_is_told_to_take_the_candidates_unfiltered() -> None:
    # zsh would keep only candidates in the typed case; -U hands them over as found.
    assert (
        _zsh("pmo-advisor suggest --format JS")
        .strip()
        .endswith("_describe -t values value _values_found -U")
    )
    assert _zsh("pmo-advisor assess --answers ").strip() == "_files"  # a file: zsh's own
    assert "'AACE International'" in _zsh("pmo-advisor courses --provider aace")


def _missing(shell: str) -> bool:
    """Whether a real shell's test is skipped: where the shell is not installed, unless
    CI, which installs zsh and fish, says they must be there."""
    return shutil.which(shell) is None and os.environ.get("PMO_ADVISOR_REQUIRE_SHELLS") != "1"


@pytest.mark.terminal
@pytest.mark.skipif(_missing("fish"), reason="needs fish")
def test_a_real_fish_completes_levels_formats_focus_and_courses(tmp_path: Path) -> None:
    script = tmp_path / "pmo-advisor.fish"
    script.write_text(_run(_PMO_ADVISOR_COMPLETE="source_fish"), encoding="utf-8")
    path = f"{Path(COMMAND[0]).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    asked = "; ".join(
        f'complete -C "pmo-advisor {line}"; echo =='
        for line in (
            "suggest --level ",
            "levels --format JS",
            "plan --focus PL",
            "suggest --held power",
        )
    )
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script}; {asked}"],
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    level, fmt, focus, held, _ = done.stdout.split("==\n")
    assert level.splitlines() == LEVELS
    assert fmt.splitlines() == ["json"]
    assert focus.splitlines() == ["planning"]
    assert held.splitlines()[0].startswith("microsoft-pl-300\tMicrosoft Certified")


@pytest.mark.terminal
@pytest.mark.skipif(_missing("zsh"), reason="needs zsh")
def test_a_real_zsh_completes_in_any_case_and_shows_the_stages(tmp_path: Path) -> None:
    path = f"{Path(COMMAND[0]).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env = {**os.environ, "PATH": path, "TERM": "xterm", "PS1": "$ ", "ZDOTDIR": str(tmp_path)}
    child = pexpect.spawn(
        "zsh", ["-f"], env=env, encoding="utf-8", timeout=30, dimensions=(24, 100)
    )
    child.expect_exact("$ ")
    child.sendline(
        'autoload -U compinit; compinit -u; eval "$(_PMO_ADVISOR_COMPLETE=source_zsh pmo-advisor)"'
    )
    child.expect_exact("$ ")
    child.send("pmo-advisor suggest --level \t")
    child.expect_exact("PMO Analyst", timeout=30)
    child.sendcontrol("c")
    child.expect_exact("$ ")
    child.send("pmo-advisor suggest --held POWER\t")
    child.expect_exact("microsoft-pl-300", timeout=30)
    child.terminate(force=True)
