"""Packaging: the metadata a package index and an installer show, and the files shipped."""

from __future__ import annotations

import tomllib

from pmo_advisor import ISSUES_URL, __version__
from tests.conftest import REPO


def _project() -> dict[str, object]:
    with open(REPO / "pyproject.toml", "rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def test_the_licence_is_mit_with_its_file() -> None:
    project = _project()
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_metadata_names_authors_urls_and_classifiers() -> None:
    project = _project()
    assert project["authors"]
    urls = project["urls"]
    assert isinstance(urls, dict)
    assert {"Homepage", "Issues", "Changelog"} <= set(urls)
    classifiers = project["classifiers"]
    assert isinstance(classifiers, list)
    for prefix in ("License :: ", "Development Status :: ", "Operating System :: "):
        assert any(c.startswith(prefix) for c in classifiers), prefix


def test_the_crash_message_points_at_the_issue_tracker_in_the_metadata() -> None:
    urls = _project()["urls"]
    assert isinstance(urls, dict)
    assert urls["Issues"] == ISSUES_URL


def test_type_information_and_the_changelog_are_shipped() -> None:
    assert (REPO / "pmo_advisor" / "py.typed").exists()
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}] - " in changelog
    with open(REPO / "pyproject.toml", "rb") as handle:
        sdist = tomllib.load(handle)["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert {"LICENSE", "CHANGELOG.md"} <= set(sdist)


def test_the_readme_shows_a_tool_install() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pipx install ." in text
    assert "uv tool install ." in text
