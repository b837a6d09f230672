"""The only reader of ``os.environ``.

Every setting that comes from the environment is read here, typed, and validated. In
production mode a missing secret or host list fails fast at start-up rather than at the
first request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[3]
SRC_DIR = BASE_DIR / "src" / "maillage"
VAR_DIR = Path(os.environ.get("MAILLAGE_VAR_DIR", str(BASE_DIR / "var")))
DEFAULT_SQLITE_PATH = VAR_DIR / "maillage.sqlite3"

DEVELOPMENT = "development"
PRODUCTION = "production"
# Known only to development and tests; production refuses to start without SECRET_KEY.
_DEV_SECRET_KEY = "maillage-development-only-not-secret"  # noqa: S105  # nosec B105


def _bool(value: str | None, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, *, default: int, name: str) -> int:
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name} must not be negative.")
    return number


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


@dataclass(frozen=True)
class Environment:
    mode: str
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    email_url: str
    default_from_email: str
    site_url: str
    log_level: str
    trusted_proxies: int
    session_idle_timeout: int
    session_absolute_timeout: int


def read_environment() -> Environment:
    mode = os.environ.get("MAILLAGE_ENV", DEVELOPMENT).strip().lower()
    if mode not in {DEVELOPMENT, PRODUCTION}:
        raise ImproperlyConfigured(
            f"MAILLAGE_ENV must be '{DEVELOPMENT}' or '{PRODUCTION}', not {mode!r}."
        )
    production = mode == PRODUCTION
    secret_key = os.environ.get("SECRET_KEY", "")
    allowed_hosts = _list(os.environ.get("ALLOWED_HOSTS"))
    if production:
        missing = [
            name
            for name, value in (("SECRET_KEY", secret_key), ("ALLOWED_HOSTS", allowed_hosts))
            if not value
        ]
        if missing:
            raise ImproperlyConfigured(
                "Production mode needs these environment variables: " + ", ".join(missing)
            )
        if "*" in allowed_hosts:
            raise ImproperlyConfigured("ALLOWED_HOSTS must list real host names, not '*'.")
    return Environment(
        mode=mode,
        debug=_bool(os.environ.get("DEBUG"), default=not production),
        secret_key=secret_key or _DEV_SECRET_KEY,
        allowed_hosts=allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "testserver"],
        csrf_trusted_origins=_list(os.environ.get("CSRF_TRUSTED_ORIGINS")),
        database_url=os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"),
        email_url=os.environ.get("EMAIL_URL", "" if production else "console://"),
        default_from_email=os.environ.get(
            "DEFAULT_FROM_EMAIL", "Maillage <noreply@maillage.local>"
        ),
        site_url=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        trusted_proxies=_int(os.environ.get("TRUSTED_PROXIES"), default=0, name="TRUSTED_PROXIES"),
        session_idle_timeout=_int(
            os.environ.get("SESSION_IDLE_TIMEOUT"), default=2 * 3600, name="SESSION_IDLE_TIMEOUT"
        ),
        session_absolute_timeout=_int(
            os.environ.get("SESSION_ABSOLUTE_TIMEOUT"),
            default=12 * 3600,
            name="SESSION_ABSOLUTE_TIMEOUT",
        ),
    )


def read_test_database_url() -> str | None:
    """The PostgreSQL server the test suite may use (``TEST_DATABASE_URL``)."""
    return os.environ.get("TEST_DATABASE_URL") or None
