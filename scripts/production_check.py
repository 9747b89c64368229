#!/usr/bin/env python3
"""Check a running production install from outside, as a user and a partner system would (stdlib only).

    scripts/production_check.py --url http://127.0.0.1:8080 --user admin --password-file F --token-file T

Each request says it came through the TLS proxy (X-Forwarded-Proto: https), as nginx does (docs/deploy.md).
It checks, in order: /healthz; /readyz until a job worker beats; a static file, compressed; signing in with
the first admin's password; an event created through the API with a personal token; a report requested
through the API and run by the job worker; /readyz once more. Exits 1 naming the first step that failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

PROXY = {"X-Forwarded-Proto": "https"}


class CheckFailed(Exception):
    pass


class Site:
    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        sent = {**PROXY, "Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        answered = {k.lower(): v for k, v in response.getheaders()}
        connection.close()
        return response.status, answered, data

    def json(self, method: str, path: str, payload: Any = None, token: str = "") -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        status, _, data = self.request(method, path, body, headers)
        try:
            return status, json.loads(data or b"null")
        except ValueError:
            return status, data[:300].decode(errors="replace")


STARTED = time.monotonic()


def step(name: str) -> None:
    print(f"production check [{time.monotonic() - STARTED:5.1f} s]: {name}", flush=True)


def wait_for(what: str, check: Any, within: float) -> Any:
    deadline = time.monotonic() + within
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise CheckFailed(f"waited {within:g} s for {what}")
        time.sleep(0.5)


def run(url: str, user: str, password: str, token: str) -> None:
    site = Site(url)
    step("/healthz answers")
    status, body = site.json("GET", "/healthz")
    if status != 200 or body != {"status": "ok"}:
        raise CheckFailed(f"/healthz answered {status} {body!r}")

    step("/readyz: database, migrations, a job worker beating")

    def ready() -> Any:
        status, body = site.json("GET", "/readyz")
        return body if status == 200 and body["status"] == "ok" else None

    ready_body = wait_for("/readyz to be ok", ready, 120)
    if ready_body["checks"]["workers"]["alive"] < 1:
        raise CheckFailed(f"/readyz names no live worker: {ready_body!r}")

    step("static files are served by the app, compressed, with a name that may be cached for ever")
    status, _, page = site.request("GET", "/login/")
    if status != 200:
        raise CheckFailed(f"/login/ answered {status}")
    scripts = re.findall(rb'src="(/static/[^"]+\.js)"', page) or re.findall(rb'href="(/static/[^"]+)"', page)
    if not scripts:
        raise CheckFailed("the sign-in page names no static file")
    static = scripts[0].decode()
    status, headers, _ = site.request("GET", static, headers={"Accept-Encoding": "br, gzip"})
    if status != 200 or headers.get("content-encoding") not in ("br", "gzip"):
        raise CheckFailed(f"{static} answered {status} encoded {headers.get('content-encoding')!r}")
    if "max-age=315360000" not in headers.get("cache-control", ""):
        raise CheckFailed(f"{static} is not cached for ever: {headers.get('cache-control')!r}")

    step("the first admin signs in")
    csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if csrf is None:
        raise CheckFailed("the sign-in page has no CSRF token")
    form = urllib.parse.urlencode(
        {"username": user, "password": password, "csrfmiddlewaretoken": csrf.group(1).decode()}
    ).encode()
    status, headers, _ = site.request(
        "POST",
        "/login/",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://{site.host}/login/"},
    )
    if status != 302 or "sessionid" not in site.cookies:
        raise CheckFailed(f"signing in answered {status} (expected a redirect and a session)")
    status, _, home = site.request("GET", "/")
    if status != 200 or user.encode() not in home:
        raise CheckFailed(f"the home page after signing in answered {status} without the user's name")

    step("an event is created through the API with a personal token")
    event = {
        "owner": "osce-mission-to-skopje",
        "kind": "border_policy_change",
        "title": "Production check: entry limited at Gevgelija",
        "date": "2015-11-18",
        "places": ["gevgelija"],
        "countries": ["MK"],
        "classification": "internal",
    }
    status, created = site.json("POST", "/api/v1/events", event, token=token)
    if status != 201:
        raise CheckFailed(f"POST /api/v1/events answered {status}: {created!r}")
    status, read = site.json("GET", f"/api/v1/events/{created['slug']}", token=token)
    if status != 200 or read["title"] != event["title"]:
        raise CheckFailed(f"the created event reads back as {status} {read!r}")

    step("a report on it is run by the job worker")
    status, job = site.json(
        "POST", "/api/v1/reports", {"kind": "spot", "event": created["slug"], "formats": ["html"]}, token=token
    )
    if status != 202:
        raise CheckFailed(f"POST /api/v1/reports answered {status}: {job!r}")

    def finished() -> Any:
        status, polled = site.json("GET", f"/api/v1/reports/{job['uid']}", token=token)
        return polled if status == 200 and polled["status"] not in ("queued", "running") else None

    done = wait_for("the report job to end", finished, 180)
    if done["status"] != "succeeded":
        raise CheckFailed(f"the report job ended {done['status']}: {done.get('error') or done.get('message')}")

    step("/readyz is still ok")
    status, body = site.json("GET", "/readyz")
    if status != 200 or body["status"] != "ok":
        raise CheckFailed(f"/readyz answered {status} {body!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", type=Path, required=True)
    parser.add_argument("--token-file", type=Path, required=True)
    args = parser.parse_args()
    try:
        run(
            args.url,
            args.user,
            args.password_file.read_text().strip(),
            args.token_file.read_text().strip(),
        )
    except (CheckFailed, OSError, KeyError) as failed:
        print(f"production check FAILED: {failed}", file=sys.stderr)
        return 1
    print("production check: all steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
