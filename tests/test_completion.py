"""Shell completion: the scripts for bash, zsh and fish, and the values each flag offers,
asked the way each shell's script asks, and once through a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]


def _run(**env: str) -> str:
    done = subprocess.run(
        COMMAND, env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


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
    assert _fish("pmo-advisor schema a") == ["answers"]
    assert _fish("pmo-advisor schema t") == ["team"]
    assert _fish("pmo-advisor assess --set activities=plan-sch") == ["activities=plan-schedule"]
    assert _fish("pmo-advisor assess --set tea") == ["team_size="]
    assert '"planning"' in _zsh("pmo-advisor suggest --focus pl")


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


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_completes_an_activity_id(tmp_path: Path) -> None:
    script = tmp_path / "complete.bash"
    script.write_text(_run(_PMO_ADVISOR_COMPLETE="source_bash"), encoding="utf-8")
    path = f"{Path(COMMAND[0]).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    env = {**os.environ, "PATH": path, "TERM": "dumb", "PS1": "$ "}
    child = pexpect.spawn("bash", ["--norc", "--noprofile"], env=env, encoding="utf-8", timeout=30)
    child.expect_exact("$ ")
    child.sendline(f"source {script}")
    child.expect_exact("$ ")
    child.send("pmo-advisor assess --set activities=plan-sch\t")
    child.expect_exact("activities=plan-schedule", timeout=30)
    child.terminate(force=True)
