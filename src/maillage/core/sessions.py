"""Idle and absolute session timeouts (OWASP ASVS V7).

Django's ``SESSION_COOKIE_AGE`` alone cannot express both: an idle session must end after
``SESSION_IDLE_TIMEOUT`` seconds without a request, and any session after
``SESSION_ABSOLUTE_TIMEOUT`` seconds since sign-in, however active. The middleware keeps two
timestamps in the session and signs the user out (``logout`` flushes the session, so its
key dies) when either limit is passed. The "last seen" stamp is written at most once a
minute, so a busy page does not rewrite the session on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

STARTED = "_maillage_started_at"
LAST_SEEN = "_maillage_last_seen"
_TOUCH_EVERY_S = 60


def session_stamp_at_sign_in(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Connected to ``user_logged_in``: both clocks start at sign-in (so the first pages
    after it do not rewrite the session)."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = int(session.setdefault(STARTED, now))
            last_seen = int(session.get(LAST_SEEN, now))
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                logout(request)
                messages.info(
                    request, _("Votre session a expiré. Reconnectez-vous pour continuer.")
                )
            elif now - last_seen >= _TOUCH_EVERY_S or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
