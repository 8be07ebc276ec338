"""The system's Chromium, as the browser tests and docs/screenshots.py launch it.

Never a browser of Playwright's own (``playwright install``): the one the system's
packages install (Debian: ``apt-get install chromium``), or the one PMO_ADVISOR_CHROMIUM
names.
"""

from __future__ import annotations

import os
import shutil

#: Names the system's Chromium goes by on PATH.
NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
#: Headless, without a sandbox (CI runs as root), and without any traffic of its own:
#: no updates, sync or background requests.
LAUNCH_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: The variable that names a Chromium to use instead of the one on PATH.
CHROMIUM_ENV = "PMO_ADVISOR_CHROMIUM"
#: Set (as CI sets it) to make a missing browser a failure rather than a skip.
REQUIRE_ENV = "PMO_ADVISOR_REQUIRE_BROWSER"


def find_chromium() -> str | None:
    """The path of the system's Chromium, or None where there is none."""
    named = os.environ.get(CHROMIUM_ENV, "").strip()
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
