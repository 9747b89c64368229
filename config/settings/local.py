"""Settings for a developer's machine and `make demo`: embedded SQLite under var/, debug on loopback."""

from config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

# What kind of deployment this is; guards (e.g. `corridor demo personas`) read it, not DEBUG.
CORRIDOR_ENVIRONMENT = "local"

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-a-secret")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# Static files (ADR 0016). `make demo` runs collectstatic and sets STATIC_COLLECTED: WhiteNoise then serves
# the collected files, compressed (brotli, gzip) under hashed names with a year's Cache-Control, as in
# production. Otherwise (a developer's runserver, the browser tests) it serves the apps' files as they are
# edited.
if env_bool("STATIC_COLLECTED", False):
    STORAGES = {
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "corridor.web.staticfiles.CollectedStaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = False
    WHITENOISE_AUTOREFRESH = False
else:
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
