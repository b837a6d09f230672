"""Rate limits and the client address, on the shared cache.

The cache is the database cache by default (``settings.CACHES``), so every app server of a
deployment counts in the same place; a per-process cache would let a client multiply its
allowance by the number of workers. Limits are fixed windows: simple, cheap (one ``add`` or
``incr``), and good enough against brute force and floods.

Scopes and their ``(limit, window in seconds)`` live in ``settings.RATE_LIMITS``; a view
opts in with :func:`rate_limited`, which answers 429 with the ``errors/429.html`` page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or — behind ``TRUSTED_PROXIES`` reverse
    proxies — the address the last trusted proxy saw (never a client-supplied value)."""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _digest(value: str) -> str:
    # Keys hold no personal data in clear (e-mail addresses, IPs).
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def rate_limit_hit(
    *, scope: str, key: str, limit: int | None = None, window_s: int | None = None
) -> bool:
    """Count one hit of ``key`` in ``scope``; True when the allowance is exceeded."""
    default_limit, default_window = settings.RATE_LIMITS[scope]
    limit = default_limit if limit is None else limit
    window_s = default_window if window_s is None else window_s
    bucket = int(time.time() // window_s)
    cache_key = f"rl:{scope}:{_digest(key)}:{bucket}"
    if cache.add(cache_key, 1, timeout=window_s + 1):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_s + 1)
        count = 1
    return count > limit


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def rate_limited(
    scope: str,
    *,
    key: Callable[[HttpRequest], str] | None = None,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: requests of ``methods`` beyond the scope's allowance get a 429.

    The key defaults to the signed-in user, or the client address for visitors."""

    def request_key(request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
        return f"ip:{client_ip(request)}"

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods and rate_limit_hit(
                scope=scope, key=(key or request_key)(request)
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
