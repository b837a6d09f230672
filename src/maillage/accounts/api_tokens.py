"""Personal API tokens: the one write path (create, revoke) and the lookup used by the API.

Format ``mlg_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole token
is compared in constant time; the token itself is shown once and never stored. A token
acts as its owner, with the owner's permissions, narrowed by its scope: ``read`` tokens
cannot change anything (every unsafe HTTP method is refused).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import ApiToken, User
from maillage.core.errors import DomainError

TOKEN_PREFIX = "mlg_"  # noqa: S105  # nosec B105: a public prefix, not a secret
MAX_TOKENS_PER_USER = 20


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scope: str = ApiToken.Scope.READ, expires_in_days: int | None = 365
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its clear value (to show once)."""
    name = name.strip()
    if not name:
        raise DomainError(
            _("Donnez un nom au jeton (à quoi il sert)."), field="name", code="required"
        )
    if scope not in ApiToken.Scope.values:
        raise DomainError(_("Portée inconnue."), field="scope", code="invalid")
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise DomainError(
            _("La durée de validité va de 1 à 3650 jours."), field="expires_in_days", code="invalid"
        )
    if ApiToken.objects.usable().filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise DomainError(
            _("Vous avez déjà %(n)d jetons actifs : révoquez-en un d'abord.")
            % {"n": MAX_TOKENS_PER_USER},
            code="too_many",
        )
    prefix = secrets.token_hex(4)
    clear = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        token_hash=_hash(clear),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, clear


def api_token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise DomainError(_("Jeton introuvable."), code="not_found")


def api_token_authenticate(clear: str) -> ApiToken | None:
    """The usable token matching ``clear``, or None (unknown, revoked, expired, inactive
    owner). Records the last use at most once a minute."""
    if not clear.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, _secret = clear[len(TOKEN_PREFIX) :].partition("_")
    token = ApiToken.objects.usable().select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.token_hash, _hash(clear)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
