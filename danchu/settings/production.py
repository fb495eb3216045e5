"""Production settings: refuses to start with DEBUG on or with the default secret key."""

from django.core.exceptions import ImproperlyConfigured

from danchu.settings.base import *  # noqa: F403
from danchu.settings.base import (
    DANCHU_SEAL_KEYS,
    DEFAULT_SECRET_KEY,
    DEVELOPMENT_SEAL_KEY,
    SECRET_KEY,
)
from danchu.settings.env import env_bool, env_int

DEBUG = env_bool("DJANGO_DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("Production settings refuse to run with DJANGO_DEBUG on.")
if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "Production settings need DJANGO_SECRET_KEY: a secret of at least 40 characters."
    )

if not DANCHU_SEAL_KEYS or DEVELOPMENT_SEAL_KEY in DANCHU_SEAL_KEYS:
    raise ImproperlyConfigured(
        "Production settings need DANCHU_SEAL_KEYS: your own Fernet keys (comma-separated) to "
        "seal denouncers' identities; the development key is public."
    )

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
