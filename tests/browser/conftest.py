"""Browser tests drive Debian's chromium (Playwright, `executable_path`; no browser download) against a
real server process on its own SQLite database, prepared as `make demo` prepares it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium() -> str:
    found = (
        os.environ.get("CORRIDOR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "Debian's chromium is not installed: run scripts/system-packages.sh as root "
            "(apt-get install chromium)"
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("browser") / "corridor.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{database}",
        "JOBS_SYNC": "true",
    }
    _manage(env, "migrate", "--no-input")
    corridor = str(Path(sys.executable).with_name("corridor"))
    for command in (["casestudy", "load"], ["realdata", "load"], ["demo", "personas"]):
        subprocess.run([corridor, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.terminate()
        pytest.fail("the Corridor server did not start within 60 s")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def visit_as(browser: Browser, server: str) -> Iterator[Callable[..., Page]]:
    """A fresh page signed in as a demo persona (or anonymous); pages close after the test."""
    contexts = []

    def open_page(username: str | None = None, *, width: int = 1280, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=server)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", f"corridor-demo-{username.split('.')[0]}")
            page.get_by_role("button", name="Sign in").click()
            # Members of an organisation land on their work, others on the dashboard.
            page.wait_for_url(re.compile(re.escape(server) + r"/(my/)?$"))
        return page

    yield open_page
    for context in contexts:
        context.close()
