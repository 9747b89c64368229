from __future__ import annotations

import time
from typing import Any

from django.apps import AppConfig

SLEEP_JOB = "tests.sleep"


def sleep(job: Any, progress: Any) -> dict[str, Any]:
    progress(0.5, "sleeping")
    time.sleep(float(job.params["seconds"]))
    return {"slept": job.params["seconds"]}


class SleeperConfig(AppConfig):
    name = "tests.jobs.sleeper"
    label = "tests_sleeper"

    def ready(self) -> None:
        from corridor.jobs import handlers

        handlers.HANDLERS[SLEEP_JOB] = sleep
        handlers.LABELS[SLEEP_JOB] = "Sleep"
