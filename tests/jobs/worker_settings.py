"""Settings for the job workers the tests start: a developer's settings, and a job kind that sleeps."""

from config.settings.local import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.sleeper"]  # noqa: F405
