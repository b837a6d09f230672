"""Sign-in lock-out keyed on the account *and* the client address, with a cool-off.

Not on the address alone: town halls and associations share one connection, and one
person's typos must not lock out a whole office. Not on the account alone either: anyone
could then lock a known user out from anywhere. After ``SIGNIN_LOCKOUT_FAILURES`` failures
for one (e-mail, address) pair within ``SIGNIN_LOCKOUT_COOLOFF`` seconds, that pair is
refused — without checking the password — until the cool-off has passed. Counters live on the
shared cache (``core.ratelimit``), under hashed keys: no e-mail address or IP in clear.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, email: str, ip: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip}".encode()).hexdigest()[:32]
    return f"signin:{kind}:{digest}"


def signin_is_locked(*, email: str, ip: str) -> bool:
    return cache.get(_key("locked", email, ip)) is not None


def signin_failure_record(*, email: str, ip: str) -> bool:
    """Count one failed sign-in; True when the pair is now locked."""
    cool_off = settings.SIGNIN_LOCKOUT_COOLOFF
    failures_key = _key("failures", email, ip)
    if cache.add(failures_key, 1, timeout=cool_off):
        failures = 1
    else:
        try:
            failures = cache.incr(failures_key)
        except ValueError:
            cache.set(failures_key, 1, timeout=cool_off)
            failures = 1
    if failures >= settings.SIGNIN_LOCKOUT_FAILURES:
        cache.set(_key("locked", email, ip), 1, timeout=cool_off)
        cache.delete(failures_key)
        return True
    return False


def signin_success_record(*, email: str, ip: str) -> None:
    cache.delete(_key("failures", email, ip))
