"""The request type of views that require sign-in (``login_required``): ``request.user``
is then a ``User``, never an ``AnonymousUser``."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
