"""Page weight on a phone's network: bytes transferred, requests and time to usable, per page and profile.

Starts Corridor on a loaded database — `--server production` (default): production settings, static files
collected (`collectstatic`) and served by WhiteNoise through gunicorn; `--server demo`: as `make demo`
serves, `collectstatic` then `runserver` with the local settings and `STATIC_COLLECTED=true` — then
drives Debian's chromium with Playwright under Chromium's own network emulation (CDP
`Network.emulateNetworkConditions`, DevTools' "Fast 3G" and "Slow 3G" presets), and for each page:

* first visit: a signed-in user, browser cache emptied, opens the page; counted are the bytes received for
  every request (headers and body as sent on the wire, `Network.loadingFinished.encodedDataLength`), the
  requests, and the time until the page is usable (its `load` event and, on chart pages, every chart and
  the map drawn);
* repeat visit: the same page opened again in the same browser; counted are the requests that went to the
  network (not answered from the browser's cache) and their bytes.

    .venv/bin/python bench/pages/run.py --prepare                  # loads /tmp/bench-pages.sqlite3 once
    .venv/bin/python bench/pages/run.py --server demo --json var/pages-demo.json

Results and budgets: the "Page weight" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]

# DevTools' presets (front_end/core/sdk/NetworkManager.ts): throughput in bytes per second, latency in ms.
PROFILES = {
    "fast3g": {"downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9, "uploadThroughput": 750 * 1000 / 8 * 0.9,
               "latency": 150 * 3.75},
    "slow3g": {"downloadThroughput": 500 * 1000 / 8 * 0.8, "uploadThroughput": 500 * 1000 / 8 * 0.8,
               "latency": 400 * 5},
}  # fmt: skip


@dataclass(frozen=True)
class PageSpec:
    key: str
    user: str
    path: str
    budget_bytes: int
    budget_seconds: float  # on Fast 3G
    ready: tuple[str, ...] = ()  # selectors that must exist for the page to count as usable


FOCAL = "skopje.focal"
ANALYST = "vienna.analyst"
DASHBOARD_READY = ("#flow-chart svg", ".flow-map svg", "#forecast-small-chart svg")
PAGES = (
    PageSpec("focal home", FOCAL, "/", 300_000, 5.0, DASHBOARD_READY),
    PageSpec("record", FOCAL, "/record/", 300_000, 5.0),
    PageSpec("daily count form", FOCAL, "/counts/new/", 300_000, 5.0),
    PageSpec("visit form", FOCAL, "/visits/new/", 300_000, 5.0),
    PageSpec("event form", FOCAL, "/events/new/", 300_000, 5.0),
    PageSpec("regional dashboard", ANALYST, "/", 1_000_000, 8.0, DASHBOARD_READY),
    PageSpec("place (North Macedonia)", ANALYST, "/places/mk/", 1_000_000, 8.0, ("#place-chart svg",)),
)


@dataclass
class Visit:
    bytes: int = 0
    requests: int = 0
    network_requests: int = 0
    seconds: float = 0.0
    by_type: dict[str, int] = field(default_factory=dict)


def _password(username: str) -> str:
    return f"corridor-demo-{username.split('.')[0]}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def prepare(env: dict[str, str]) -> None:
    """Migrate and load the case study, as `make demo` does, with the demo personas."""
    corridor = str(PYTHON.with_name("corridor"))
    _run(env, str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0")
    for command in (["casestudy", "load"], ["realdata", "load"], ["tracker", "seed"], ["demo", "personas"]):
        _run(env, corridor, *command)


@contextmanager
def serving(kind: str, env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    if kind == "demo":  # as `make demo` serves: collected static files, runserver, the local settings
        env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local", "STATIC_COLLECTED": "true"}
        _run(env, str(PYTHON), "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0")
        command = [str(PYTHON), "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    else:
        env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-pages-not-a-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; everything else as in production
            "LOG_LEVEL": "WARNING",
        }
        _run(env, str(PYTHON), "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0")
        gunicorn = str(PYTHON.with_name("gunicorn"))
        command = [gunicorn, "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "gthread"]
        command += ["--threads", "4", "--log-level", "warning"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"the {kind} server did not start on {base}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


class Recorder:
    """Bytes and requests of one navigation, from the DevTools protocol's network events."""

    def __init__(self, cdp: Any) -> None:
        self.cdp = cdp
        self.visit = Visit()
        self._types: dict[str, str] = {}
        self._cached: set[str] = set()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda e: self._cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)

    def start(self) -> None:
        self.visit = Visit()
        self._types.clear()
        self._cached.clear()

    def _sent(self, event: dict[str, Any]) -> None:
        if event["request"]["url"].startswith("http"):
            self.visit.requests += 1
            self._types[event["requestId"]] = event.get("type", "Other")

    def _response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self._cached.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        request_id = event["requestId"]
        if request_id not in self._types or request_id in self._cached:
            return
        size = int(event.get("encodedDataLength", 0))
        self.visit.network_requests += 1
        self.visit.bytes += size
        kind = self._types[request_id]
        self.visit.by_type[kind] = self.visit.by_type.get(kind, 0) + size


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", _password(username))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    if "/login/" in page.url:
        raise SystemExit(f"{username} could not sign in on {base}: run with --prepare first")


def measure(page: Any, recorder: Recorder, base: str, spec: PageSpec, timeout_s: float) -> Visit:
    recorder.start()
    started = time.monotonic()
    page.goto(f"{base}{spec.path}", wait_until="load", timeout=timeout_s * 1000)
    for selector in spec.ready:
        page.wait_for_selector(selector, state="attached", timeout=timeout_s * 1000)
    recorder.visit.seconds = round(time.monotonic() - started, 2)
    page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    return recorder.visit


def run(base: str, profiles: list[str], chromium: str, timeout_s: float) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for profile in profiles:
            for spec in PAGES:
                context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                recorder = Recorder(cdp)
                sign_in(page, base, spec.user)  # unthrottled: the visit, not the sign-in, is measured
                page.goto(f"{base}{spec.path}")  # unthrottled too: the server's own caches are warm
                page.goto("about:blank")
                cdp.send("Network.clearBrowserCache")
                cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILES[profile]})
                first = measure(page, recorder, base, spec, timeout_s)
                page.goto("about:blank")
                repeat = measure(page, recorder, base, spec, timeout_s)
                context.close()
                rows.append(
                    {
                        "profile": profile,
                        "page": spec.key,
                        "path": spec.path,
                        "user": spec.user,
                        "budget_bytes": spec.budget_bytes,
                        "budget_seconds": spec.budget_seconds,
                        "first": asdict(first),
                        "repeat": asdict(repeat),
                    }
                )
                print(_line(rows[-1]), flush=True)
        browser.close()
    return rows


def _line(row: dict[str, Any]) -> str:
    first, repeat = row["first"], row["repeat"]
    within = first["bytes"] <= row["budget_bytes"] and (
        row["profile"] != "fast3g" or first["seconds"] <= row["budget_seconds"]
    )
    return (
        f"{row['profile']:7} {row['page']:26} first {first['bytes'] / 1000:8.1f} kB "
        f"{first['requests']:3} req {first['seconds']:6.2f} s | repeat {repeat['bytes'] / 1000:7.1f} kB "
        f"{repeat['network_requests']:2}/{repeat['requests']:2} req over the network "
        f"{repeat['seconds']:6.2f} s"
        f" | {'within' if within else 'OVER'} budget"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="sqlite:////tmp/bench-pages.sqlite3")
    parser.add_argument("--prepare", action="store_true", help="migrate and load the case study first")
    parser.add_argument("--server", choices=("production", "demo"), default="production")
    parser.add_argument("--profile", action="append", choices=sorted(PROFILES), help="default: both")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds a page may take")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    chromium = (
        os.environ.get("CORRIDOR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not chromium:
        raise SystemExit("Debian's chromium is not installed (scripts/system-packages.sh)")
    env = {**os.environ, "DATABASE_URL": args.database_url, "JOBS_SYNC": "true"}
    if args.prepare:
        prepare(env)
    with serving(args.server, env) as base:
        rows = run(base, args.profile or ["fast3g", "slow3g"], chromium, args.timeout)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        machine = {"machine": platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version()}
        args.json.write_text(json.dumps({"server": args.server, **machine, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
