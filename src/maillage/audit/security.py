"""Security events on the ``maillage.security`` logger: sign-in successes and failures,
sign-outs, refused authorisations.

No secret and no personal data is written: an account is named by a keyed hash of its
e-mail address and a client by a keyed hash of its IP address (HMAC with the
``SECRET_KEY``: the same address always gives the same token, so that an attack can be
followed, and the token cannot be reversed with a dictionary of addresses without the
key); a user by their numeric id. Passwords and tokens never reach these functions.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

logger = logging.getLogger("maillage.security")

_HASH_LENGTH = 16


def pseudonym(value: str, *, purpose: str) -> str:
    """A stable, keyed, non-reversible token for an identifier (empty for empty)."""
    value = (value or "").strip().lower()
    if not value:
        return "-"
    return salted_hmac(f"maillage.security.{purpose}", value).hexdigest()[:_HASH_LENGTH]


def _client(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return pseudonym(str(request.META.get("REMOTE_ADDR", "")), purpose="client")


def _user_id(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "-"
    return str(user.pk)


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    from maillage.audit.context import audit_set_user

    audit_set_user(user)  # later writes of this request are the signed-in user's
    logger.info(
        "signin_success user=%s account=%s client=%s",
        _user_id(user),
        pseudonym(getattr(user, "email", ""), purpose="account"),
        _client(request),
    )


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django masks the password in ``credentials``; only the identifier is read here.
    identifier = str(credentials.get("username") or credentials.get("email") or "")
    logger.warning(
        "signin_failure account=%s client=%s",
        pseudonym(identifier, purpose="account"),
        _client(request),
    )


def on_user_logged_out(
    sender: Any, request: HttpRequest | None, user: Any = None, **kwargs: Any
) -> None:
    logger.info("signout user=%s client=%s", _user_id(user), _client(request))


def log_refusal(
    *, user: Any, action: str, target: str = "", request: HttpRequest | None = None
) -> None:
    """An authorisation refused: call it where a permission check says no (``action`` a
    short code such as ``actor_history``; ``target`` like ``actors.actor:12``)."""
    logger.warning(
        "authorisation_refused user=%s action=%s target=%s path=%s client=%s",
        _user_id(user),
        action,
        target or "-",
        request.path if request is not None else "-",
        _client(request),
    )
