"""Settings for a developer's machine and `make demo`: embedded SQLite under var/, debug on loopback."""

from config.env import env_list, env_str

from .base import *  # noqa: F403

# What kind of deployment this is; guards (e.g. `corridor demo personas`) read it, not DEBUG.
CORRIDOR_ENVIRONMENT = "local"

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-a-secret")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
