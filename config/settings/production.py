"""Production settings: every secret from the environment, no permissive default."""

from config.env import env_bool, env_choice, env_list, env_str
from config.logging import LEVELS, json_logging

from .base import *  # noqa: F403

# What kind of deployment this is; guards (e.g. `corridor demo personas`) read it, not DEBUG.
CORRIDOR_ENVIRONMENT = "production"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    from config.env import ConfigurationError

    raise ConfigurationError("ALLOWED_HOSTS must name at least one host in production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Static files are served by the app itself (WhiteNoise), compressed and with hashed names that may be cached
# for ever; `manage.py collectstatic` writes them to STATIC_ROOT at install and at each upgrade.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email leaves through an SMTP server (EMAIL_HOST and companions, read in base.py).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# JSON lines on stdout (config/logging.py): every 4xx/5xx answer, and a 500's traceback.
LOGGING = json_logging(env_choice("LOG_LEVEL", "INFO", LEVELS))

# Error reporting (corridor/ops/sentry.py): off unless SENTRY_DSN is set.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from config.env import ConfigurationError, env_float
    from corridor.ops.sentry import SentryUnavailable, start_error_reporting

    try:
        start_error_reporting(
            dsn=SENTRY_DSN,
            environment=env_str("SENTRY_ENVIRONMENT", "production"),
            release=env_str("SENTRY_RELEASE", ""),
            sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0, minimum=0.0, maximum=1.0),
        )
    except SentryUnavailable as missing:
        raise ConfigurationError(str(missing)) from None
