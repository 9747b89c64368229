"""Settings shared by every environment. Secrets and the database come from the environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import ConfigurationError, database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    # runserver leaves static files to WhiteNoise's middleware, as production does (ADR 0016).
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "csp",
    "simple_history",
    "django_q",
    "ninja",
    "corridor.core",
    "corridor.accounts",
    "corridor.geo",
    "corridor.actors",
    "corridor.knowledge",
    "corridor.monitoring",
    "corridor.timeline",
    "corridor.operations",
    "corridor.search",
    "corridor.basis",
    "corridor.casestudy",
    "corridor.jobs",
    "corridor.reports",
    "corridor.exchange",
    "corridor.forecasting",
    "corridor.api",
    "corridor.web",
    "corridor.ops",
]

MIDDLEWARE = [
    # First: a request id for everything after it, and the probes (/healthz, /readyz, /metrics) answered
    # before the host check and the HTTPS redirect (corridor/ops/middleware.py).
    "corridor.ops.middleware.RequestIdMiddleware",
    "corridor.ops.routing.ReadYourWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, compressed ahead (gzip and brotli) under hashed names, cached for a year (ADR 0016);
    # answered here, before anything below reads the session or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped; Django pads each with random bytes (Heal The Breach) and masks the CSRF token in every
    # response, which together answer BREACH (ADR 0016).
    "django.middleware.gzip.GZipMiddleware",
    "corridor.api.middleware.ApiErrorsAsJsonMiddleware",
    "corridor.api.middleware.BodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "corridor.web.middleware.DateOrderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "corridor.web.errors.NotFoundPageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "corridor.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/corridor.sqlite3"), base_dir=BASE_DIR
    ),
}
# Reads may go to PostgreSQL streaming replicas (docs/deploy.md, "More than one machine"): each URL in
# DATABASE_REPLICA_URLS becomes an alias replica1, replica2, …; corridor.ops.routing sends writes and
# transactions to the primary, other reads to a replica that answers, and a user's reads to the primary for
# READ_YOUR_WRITES_SECONDS after they write.
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 10, minimum=1)
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _replica = database_from_url(_url, base_dir=BASE_DIR, variable="DATABASE_REPLICA_URLS")
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        raise ConfigurationError(
            f"DATABASE_REPLICA_URLS names {_url!r}: replicas are PostgreSQL streaming replicas"
        )
    _replica["OPTIONS"] = {"connect_timeout": 2, **_replica["OPTIONS"]}  # type: ignore[dict-item]
    DATABASES[f"replica{_index}"] = {**_replica, "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["corridor.ops.routing.PrimaryReplicaRouter"] if len(DATABASES) > 1 else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Vienna"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# `collectstatic` writes each file under a name holding its content's hash, with .gz and .br beside it;
# WhiteNoise serves the one the browser accepts, with a year's Cache-Control for hashed names (ADR 0016).
# Without collectstatic (tests, a developer's runserver) the test settings use the plain storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content-Security-Policy (docs/architecture.md, "Headers"): scripts only from Corridor's own static files
# (no inline script, no inline handler, no eval); styles may be inline, as plotly and htmx add theirs at
# run time; nothing may frame a page, load a plugin or change the base URL.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (docs/decisions/0009-login-throttling.md): after AXES_FAILURE_LIMIT failed sign-ins for
# one user name — from anywhere, and from one address — that user name is refused, even with the right
# password, for AXES_COOLOFF_TIME. Every failure is recorded and listed in the administration site.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "corridor.web.signin.locked_out"
# The address is the connection's own (REMOTE_ADDR): a forwarded header is the client's to invent.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False

# Request bodies: a form or JSON body up to DATA_UPLOAD_MAX_MEMORY_SIZE, a file upload (imports) up to
# CORRIDOR_MAX_UPLOAD_BYTES; longer ones answer 413 before anything reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_BODY_BYTES", 2_621_440, minimum=1024)
CORRIDOR_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1024)

# Files uploaded for imports wait here for a job worker (corridor.exchange.services.stage_upload): with
# more than one machine, a directory every app server and worker shares. Backups include it.
EXCHANGE_UPLOAD_DIR = Path(env_str("UPLOAD_DIR", str(VAR_DIR / "uploads")))

# Probes and metrics (corridor/ops, ADR 0015). /readyz reports "degraded" once the oldest queued job has
# waited longer than READYZ_MAX_QUEUE_AGE seconds; /metrics answers only with METRICS_ENABLED, and only to
# `Authorization: Bearer <METRICS_TOKEN>` when that is set.
READYZ_MAX_QUEUE_AGE = env_int("READYZ_MAX_QUEUE_AGE", 300, minimum=1)
METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
METRICS_TOKEN = env_str("METRICS_TOKEN", "")

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/my/"  # members of an organisation land on their work; others go on to the dashboard

# Email (the daily digest of action points). Production sets the SMTP server; the demo prints to the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Corridor <corridor@localhost>")
CORRIDOR_SITE_URL = env_str("CORRIDOR_SITE_URL", "http://127.0.0.1:8000/")
LOGOUT_REDIRECT_URL = "/"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Long work runs in django-q2 workers (`manage.py qcluster`) with the database as broker; with
# JOBS_SYNC=true (tests, or a one-process setup) a job runs inside the request that submits it.
Q_CLUSTER = {
    "name": "corridor",
    "orm": "default",
    "workers": 2,
    "timeout": 3600,
    "retry": 3700,
    "max_attempts": 1,
    "save_limit": 250,
    "sync": env_bool("JOBS_SYNC", False),
    # A worker may start a child: reports draw their figures in one (corridor.reports.charts.drawing).
    "daemonize_workers": False,
}

# Imports (corridor.exchange.limits): a file beyond these is refused before it is parsed, or as soon as a
# row shows it, with an error naming the file and the limit. Web and API uploads are refused over
# EXCHANGE_IMPORT_MAX_BYTES. An operator loading a larger file from the command line raises them here.
EXCHANGE_IMPORT_MAX_BYTES = 50 * 1024 * 1024
EXCHANGE_IMPORT_MAX_ROWS = 1_000_000
EXCHANGE_IMPORT_MAX_COLUMNS = 200
EXCHANGE_IMPORT_MAX_CELLS = 20_000_000
EXCHANGE_IMPORT_MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # a workbook's parts, unzipped, together
EXCHANGE_IMPORT_MAX_ZIP_MEMBERS = 1_000  # a workbook's parts
EXCHANGE_IMPORT_MAX_COMPRESSION_RATIO = 100  # how far one part (of 1 MB or more) may unzip
# Django's own: an uploaded file larger than FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file rather
# than memory (a request's other fields are held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE, above).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
