"""Django settings, switched by ``MAILLAGE_ENV`` (see ``config/env.py``).

Every value read from the environment is documented in ``docs/settings.md``; a test fails
when one is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import dj_database_url
from csp.constants import NONCE, SELF
from django.utils.translation import gettext_lazy as _

from maillage.config.env import BASE_DIR, SRC_DIR, VAR_DIR, read_environment

ENV = read_environment()
PRODUCTION = ENV.mode == "production"

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
SITE_URL = ENV.site_url

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "maillage.core",
    "maillage.territories",
    "maillage.accounts",
    "maillage.actors",
    "maillage.search",
    "maillage.api",
    "maillage.demo",
    "maillage.importers",
    "maillage.exports",
    "maillage.matching",
    "maillage.programmes",
    "maillage.events",
    "maillage.partnerships",
    "maillage.evaluation",
    "maillage.notifications",
    "maillage.audit",
    "maillage.library",
    "maillage.funding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: a view open to visitors says so with ``login_not_required``.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "maillage.accounts.two_factor.RequireVerifiedMiddleware",
    "maillage.api.auth.ApiAuthMiddleware",
    # After every authentication step: the audit trail records the acting user.
    "maillage.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "maillage.core.sessions.SessionTimeoutMiddleware",
]

ROOT_URLCONF = "maillage.config.urls"
WSGI_APPLICATION = "maillage.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]


def _database_config(url: str) -> dict:
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=0 if url.startswith("sqlite") else 60)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = str(config.get("NAME") or "")
        if name and name != ":memory:" and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers work while an import writes; the init command runs per connection.
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": _database_config(ENV.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Argon2id first; older hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length, not composition (NIST SP 800-63B, ASVS V6): at least 12 characters, long
# passphrases welcome (up to 256), no common or account-like password, no forced rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "maillage.accounts.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DATA_DIR = BASE_DIR / "data"


def _email_settings(url: str) -> dict:
    if not url or url.startswith("console:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or 25,
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
    }


globals().update(_email_settings(ENV.email_url))
DEFAULT_FROM_EMAIL = ENV.default_from_email

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Content Security Policy: everything is served from our own origin (vendored assets);
# map tiles come from OpenStreetMap's tile servers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        # Scripts: our own files, plus an inline block only when it carries the request's
        # nonce (``{{ request.csp_nonce }}``); never 'unsafe-inline'.
        "script-src": [SELF, NONCE],
        "style-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# The shared cache: in the database, so that every app server of a deployment shares rate
# limits, sign-in lock-outs and API throttling (a per-process cache would not).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "maillage_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
# Reverse proxies in front of the app whose X-Forwarded-For may be trusted (0: none).
TRUSTED_PROXIES = ENV.trusted_proxies
# (limit, window in seconds) per scope; see core/ratelimit.py.
RATE_LIMITS: dict[str, tuple[int, int]] = {
    "signin": (20, 60),
    "password_reset": (5, 3600),
    "signup": (10, 3600),
    "invitation": (30, 3600),
    "introduction": (20, 3600),
    "contact_reveal": (60, 3600),
    "upload": (20, 3600),
    "two_factor": (10, 900),
    "api_token": (30, 3600),
}
OTP_TOTP_ISSUER = "Maillage"

# RGPD retention (accounts/privacy.py, `maillage privacy_retention`, run daily).
PRIVACY_INACTIVE_ACCOUNT_DAYS = 730
PRIVACY_NOTICE_DAYS = 30
PRIVACY_UNCONFIRMED_CONTACT_DAYS = 90
NINJA_NUM_PROXIES = TRUSTED_PROXIES or None
API_RATE_ANONYMOUS = "120/m"
API_RATE_AUTHENTICATED = "600/m"
SIGNIN_LOCKOUT_FAILURES = 5
SIGNIN_LOCKOUT_COOLOFF = 15 * 60
# Sessions end after 2 hours without a request, and 12 hours after sign-in in any case.
SESSION_IDLE_TIMEOUT = ENV.session_idle_timeout
SESSION_ABSOLUTE_TIMEOUT = ENV.session_absolute_timeout
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
