"""Settings shared by every environment; each value can come from the environment."""

from __future__ import annotations

import contextlib
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from danchu.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("DANCHU_VAR_DIR", str(PROJECT_DIR / "var")))
# The embedded SQLite database and task queue live here; create it on first use.
with contextlib.suppress(OSError):  # a read-only deployment keeps everything elsewhere
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_SECRET_KEY = "danchu-insecure-development-key-change-me"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "django_tasks",
    "huey.contrib.djhuey",
    "danchu.common",
    "danchu.core.units",
    "danchu.core.people",
    "danchu.core.access",
    "danchu.core.audit",
    "danchu.core.calendar",
    "danchu.core.jobs",
    "danchu.core.documents",
    "danchu.core.search",
    "danchu.core.notify",
    "danchu.disclosure",
    "danchu.decisions",
    "danchu.petitions",
    "danchu.web",
    "danchu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danchu.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danchu.core.access.middleware.OfficialTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danchu.urls"
WSGI_APPLICATION = "danchu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_config() -> dict:
    default_sqlite = f"sqlite:///{VAR_DIR / 'danchu.sqlite3'}"
    config = dj_database_url.parse(
        env_str("DATABASE_URL", default_sqlite), conn_max_age=env_int("DB_CONN_MAX_AGE", 0)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers continue while one writer commits; IMMEDIATE transactions take the
        # write lock up front so that two writers queue instead of failing half-way.
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "danchu.core.access.backends.PhoneOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Login throttling (django-axes): lock a login name + address after repeated failures.
AXES_FAILURE_LIMIT = env_int("DANCHU_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("DANCHU_LOGIN_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "danchu.core.access.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address for lockouts and rate limits (danchu.common.client_ip): REMOTE_ADDR, or
# the header a reverse proxy overwrites with it (e.g. "X-Real-IP") when this names one.
DANCHU_CLIENT_IP_HEADER = env_str("DANCHU_CLIENT_IP_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "danchu.common.client_ip.client_ip"

# Two-factor authentication: when true, officials must verify a TOTP device after login.
DANCHU_REQUIRE_2FA_FOR_OFFICIALS = env_bool("DANCHU_REQUIRE_2FA_FOR_OFFICIALS", False)
OTP_TOTP_ISSUER = "danchu"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Uploaded and generated files (official papers, job results); served only through views that
# check permissions, never as a public directory.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Background tasks: the django.tasks API with huey as the backend. Embedded default: a SQLite
# queue next to the database, worked by `danchu run_huey` (started by `make run`); production:
# Redis (REDIS_URL). DANCHU_TASKS_IMMEDIATE runs tasks in the request (tests, scripts).
TASKS = {
    "default": {
        "BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
HUEY = {
    "name": "danchu",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "immediate": env_bool("DANCHU_TASKS_IMMEDIATE", False),
    "immediate_use_memory": False,
    "results": True,
    "connection": (
        {"url": REDIS_URL}
        if REDIS_URL
        else {"filename": env_str("DANCHU_TASKS_FILE", str(VAR_DIR / "tasks.sqlite3"))}
    ),
    "consumer": {"workers": env_int("DANCHU_TASK_WORKERS", 2), "worker_type": "thread"},
}

# E-mail: the console by default (no network); a real SMTP server is a settings change.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "danchu@localhost")
# SMS and Zalo OA gateways (danchu/core/notify/backends): console or file until a real one is set.
DANCHU_SMS_BACKEND = env_str(
    "DANCHU_SMS_BACKEND", "danchu.core.notify.backends.console.ConsoleBackend"
)
DANCHU_ZALO_BACKEND = env_str(
    "DANCHU_ZALO_BACKEND", "danchu.core.notify.backends.console.ConsoleBackend"
)

# Anonymous public pages are cached this long (0 turns it off); see danchu/common/public_cache.py.
DANCHU_PUBLIC_PAGE_CACHE_SECONDS = env_int("DANCHU_PUBLIC_PAGE_CACHE_SECONDS", 120)

# Rate limits of the public petitions endpoints (danchu/petitions/ratelimits.py, decision 0013):
# "count/period" (s, m, h, d) per signed-in user, else per client address, counted in the default
# cache (Redis when REDIS_URL is set: shared by all workers). DANCHU_RATE_LIMIT_<GROUP> overrides
# one; an empty value turns it off. A failing cache lets requests through rather than refusing
# every citizen (RATELIMIT_FAIL_OPEN).
DANCHU_RATE_LIMITS = {
    group: env_str(f"DANCHU_RATE_LIMIT_{group.upper()}", default)
    for group, default in {
        "petitions_send": "20/h",
        "petitions_track": "60/m",
        "petitions_book": "10/h",
        "api_intake": "20/h",
        "api_track": "60/m",
    }.items()
}
RATELIMIT_FAIL_OPEN = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Page sizes: every list paginates.
DANCHU_PAGE_SIZE = env_int("DANCHU_PAGE_SIZE", 50)
DANCHU_API_PAGE_SIZE = env_int("DANCHU_API_PAGE_SIZE", 100)
# Benchmarks only: route the floor view (bench/README.md).
DANCHU_BENCH_FLOOR = env_bool("DANCHU_BENCH_FLOOR", False)
DANCHU_DEMO_PASSWORD = env_str("DANCHU_DEMO_PASSWORD", "danchu-demo-2026")

# Keys that seal denouncers' identities at rest (Law on Denunciations Arts 8, 9, 56): Fernet keys
# separated by commas, the first seals, all unseal (rotation: put the new key first, then run
# `danchu petitions_reseal`). The development key below is public; production refuses it.
DEVELOPMENT_SEAL_KEY = "ZGFuY2h1LWRldmVsb3BtZW50LXNlYWwta2V5LTAwMDA="
DANCHU_SEAL_KEYS = [
    key.strip()
    for key in env_str("DANCHU_SEAL_KEYS", DEVELOPMENT_SEAL_KEY).split(",")
    if key.strip()
]

# Village-head term in years, decided by each provincial People's Committee: 2.5 or 5
# (Consolidated Circular 08/VBHN-BNV Art. 12(2); LAW.md R-VH-06, tagged [P]). Keys are province
# codes; "default" applies where a province has not been configured. An interim head serves at
# most this many months [P].
DANCHU_VILLAGE_HEAD_TERM_YEARS = {"default": "5"}
DANCHU_VILLAGE_HEAD_ALLOWED_TERMS = ("2.5", "5")
DANCHU_INTERIM_VILLAGE_HEAD_MAX_MONTHS = 6

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
