"""Which domain service runs each kind of job. Explicit, so every job kind can be found here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corridor.jobs.models import Job
from corridor.jobs.services import Progress

Handler = Callable[[Job, Progress], dict[str, Any]]

HANDLERS: dict[str, Handler] = {}
