"""Settings for newsroom, driven by environment variables.

DATABASE_URL   SQLite file by default; postgres://… for production (psycopg 3).
SECRET_KEY     required unless DEBUG is on.
DEBUG          "1"/"true" to enable; off by default.
ALLOWED_HOSTS  comma-separated; defaults to localhost only.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    # An exported-but-empty variable means "unset" (dj-database-url raises on "").
    return os.environ.get(name, "").strip() or default


DEBUG = env_flag("DEBUG")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [h.strip() for h in env_str("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env_str("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "articles",
    "people",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs ~1 s per query whose estimate is high — exactly the search queries
    # (the index function is declared expensive on purpose); short web queries never gain.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# ---- Read replicas (newsroom/routers.py) -------------------------------------------------------
# DATABASE_REPLICA_URLS: comma-separated PostgreSQL streaming replicas of DATABASE_URL. Public
# pages and the API read from them; the admin, every write, a logged-in browser and a browser
# that has just written read the primary. A replica that is down or lags more than
# DATABASE_REPLICA_MAX_LAG seconds is skipped (readers then see the primary).
DATABASE_REPLICAS: list[str] = []
for _number, _url in enumerate(
    (u.strip() for u in env_str("DATABASE_REPLICA_URLS").split(",") if u.strip()), start=1
):
    _alias = f"replica{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
        # The primary's session options (jit off); give up quickly on a replica that is down.
        DATABASES[_alias]["OPTIONS"] = {"options": "-c jit=off", "connect_timeout": 3}
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}  # tests read the primary's test database
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
DATABASE_REPLICA_MAX_LAG = float(env_str("DATABASE_REPLICA_MAX_LAG", "10"))
DATABASE_REPLICA_CHECK_SECONDS = float(env_str("DATABASE_REPLICA_CHECK_SECONDS", "5"))
# After a POST (or any write) a browser reads the primary this long: it sees what it wrote.
DATABASE_PRIMARY_PIN_SECONDS = int(env_str("DATABASE_PRIMARY_PIN_SECONDS", "15"))
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "newsroom.routers.ReplicaReadsMiddleware",
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_flag("TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Where `import_seeds` looks when no path is given.
SEEDS_DIR = BASE_DIR / "seeds"

# A spreadsheet upload or an OCR file larger than this is refused with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGIN_URL = "admin:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ---- Cache and sessions for several web nodes ------------------------------------------------
# CACHE_URL (e.g. redis://127.0.0.1:6379/1): one cache shared by every web node and worker, and
# sessions read from it (kept in the database too, so a cache restart logs nobody out).
# Unset: each process keeps its own small in-memory cache — right for one machine, no server.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ---- Background jobs (articles.jobs) ---------------------------------------------------------
# CELERY_BROKER_URL (redis://127.0.0.1:6379/0 or amqp://guest:guest@127.0.0.1:5672//): jobs run
# on Celery workers (`celery -A newsroom worker`), on any number of machines. Unset: the local
# worker (`manage.py jobs --work`, started by `make run`) runs them beside the site. Either way
# the Job row is the truth and a message only says "run job N" (see articles/jobs/queue.py).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "newsroom-jobs")
# Acknowledge a message only once its job has run; a pool process that dies hands it back.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a long job never holds the next one hostage
CELERY_TASK_IGNORE_RESULT = True  # progress and results live in the Job row
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Redis hands an unacknowledged message out again after this long; the job's lease makes the
# second copy a no-op, and the sweep has long since resumed a job whose worker died.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 3600}
# A running job writes a heartbeat this often; one silent for JOBS_STALE_SECONDS (or whose
# process on the same machine is gone) is resumed by another worker. Each worker sweeps every
# JOBS_SWEEP_SECONDS; a job sent JOBS_REDISPATCH_SECONDS ago and not started while the broker's
# queue is empty is sent again (the broker lost it).
JOBS_HEARTBEAT_SECONDS = float(env_str("JOBS_HEARTBEAT_SECONDS", "5"))
JOBS_STALE_SECONDS = float(env_str("JOBS_STALE_SECONDS", "60"))
JOBS_SWEEP_SECONDS = float(env_str("JOBS_SWEEP_SECONDS", "30"))
JOBS_REDISPATCH_SECONDS = float(env_str("JOBS_REDISPATCH_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
