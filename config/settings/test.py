"""Settings for the test suite. DATABASE_URL selects SQLite (default) or PostgreSQL."""

from config.env import env_str

from .base import *  # noqa: F403

# What kind of deployment this is; guards (e.g. `corridor demo personas`) read it, not DEBUG.
CORRIDOR_ENVIRONMENT = "test"

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # SQLite tests run in memory; PostgreSQL needs a name (override it to run two suites side by side).
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_corridor")}  # noqa: F405
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
# Tests render pages without running collectstatic: plain static names, no manifest to look them up in.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# WhiteNoise serves the apps' files as they are, looked up per request (no collected directory to scan).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
