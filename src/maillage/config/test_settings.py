"""Test settings: the same as development, stricter.

``TEST_DATABASE_URL`` selects PostgreSQL (``make test`` runs the suite once per database).
Unknown template variables fail loudly; unordered querysets are the developer's problem.
"""

from maillage.config.env import read_test_database_url
from maillage.config.settings import *  # noqa: F403
from maillage.config.settings import TEMPLATES, _database_config

_url = read_test_database_url()
DATABASES = {"default": _database_config(_url or "sqlite://:memory:")}
if _url is None:
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A per-process cache keeps the query budgets about our own queries; conftest.py clears it
# between tests. The database cache of the settings is exercised in core/tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class _FailingUndefined(str):
    """Make ``{{ unknown }}`` raise instead of silently rendering an empty string."""

    def __mod__(self, other: object) -> str:
        raise NameError(f"Unknown template variable: {other!r}")

    def __contains__(self, item: object) -> bool:
        return item == "%s"


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = _FailingUndefined("%s")  # type: ignore[index]
LOGGING = {"version": 1, "disable_existing_loggers": False}
