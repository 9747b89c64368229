"""Reads on a PostgreSQL streaming replica, for real: the test makes a second cluster on this machine as a
streaming replica of the first (`pg_basebackup -R`, port 5433), points the app at both
(`DATABASE_REPLICA_URLS`), and checks that reads go to the replica, that a user who wrote reads from the
primary for a while after, and that reads fall back to the primary when the replica is down.

It needs the machine's PostgreSQL and root (to act as the `postgres` user), as CI has. Marked slow: once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ops.installs import ROOT, drop_database, new_database, require_engine, run

pytestmark = [pytest.mark.slow]

REPLICA_PORT = 5433
SCENARIO = (ROOT / "tests" / "ops" / "replica_scenario.py").read_text(encoding="utf-8")


def _as_postgres(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def _bin(name: str) -> str:
    version = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(p) for p in v.split(".")])[-1]
    return f"/usr/lib/postgresql/{version}/bin/{name}"


@pytest.fixture
def replica(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A streaming replica of the machine's cluster on 127.0.0.1:5433, stopped and removed afterwards."""
    require_engine("postgresql")
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("the replica test needs root to act as the postgres user")
        pytest.skip("the replica test needs root to act as the postgres user")
    folder = Path("/tmp") / f"corridor-replica-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _as_postgres(_bin("pg_basebackup"), "-D", str(data), "-R", "-X", "stream", "-c", "fast")
    (data / "postgresql.conf").write_text(
        f"port = {REPLICA_PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n"
        "hot_standby = on\nshared_buffers = 32MB\n",
        encoding="utf-8",
    )
    (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8")
    (data / "pg_ident.conf").write_text("", encoding="utf-8")
    for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
        shutil.chown(data / name, "postgres", "postgres")
    try:
        started = subprocess.run(
            [
                "su",
                "postgres",
                "-s",
                "/bin/sh",
                "-c",
                f"{_bin('pg_ctl')} -D {data} -l {folder / 'log'} -w -t 120 start",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode != 0:
            pytest.fail(f"the replica did not start:\n{(folder / 'log').read_text(errors='replace')[-2000:]}")
        yield data
    finally:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", f"{_bin('pg_ctl')} -D {data} -m immediate stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _scenario(primary: str, replica: str, step: str, uploads: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCENARIO],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": primary,
            "DATABASE_REPLICA_URLS": replica,
            "UPLOAD_DIR": str(uploads),
            "REPLICA_SCENARIO_STEP": step,
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"scenario step {step} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_reads_go_to_the_replica_a_writer_reads_the_primary_and_a_dead_replica_is_passed_over(
    tmp_path: Path, replica: Path
) -> None:
    primary = new_database("postgresql", "corridor_replica_check", tmp_path)
    run(primary, tmp_path, sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    replica_url = primary.replace(":5432/", f":{REPLICA_PORT}/")
    try:
        _scenario(primary, replica_url, "prepare", tmp_path)
        time.sleep(1)  # streaming replication: the prepared rows reach the replica

        seen = _scenario(primary, replica_url, "routing", tmp_path)

        assert seen["replica_is_in_recovery"] is True
        assert seen["anonymous_list"] == {"status": 200, "primary": 0, "replica": ">0"}
        assert seen["write"]["status"] == 201 and seen["write"]["replica"] == 0
        assert seen["write"]["pinned_cookie"] is True
        assert seen["read_after_write"] == {"status": 200, "primary": ">0", "replica": 0}
        assert seen["other_reader"]["replica"] == ">0" and seen["other_reader"]["primary"] == 0
        assert seen["command_reads"] == "default"

        _as_postgres(_bin("pg_ctl"), "-D", str(replica), "-m", "immediate", "stop")
        down = _scenario(primary, replica_url, "replica_down", tmp_path)

        assert down["anonymous_list"] == {"status": 200, "primary": ">0", "replica": 0}
    finally:
        drop_database(primary)
