"""The timeline's one write path, notices to the parties, and the optimistic-concurrency
helper shared by the partnership services."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import User
from maillage.core.errors import DomainError
from maillage.partnerships.models import Partnership, PartnershipEvent


def stale_error() -> DomainError:
    return DomainError(
        _(
            "Ce partenariat a été modifié par quelqu'un d'autre depuis que vous avez ouvert "
            "la page. Rien n'a été écrasé : rechargez la page pour voir ses changements, puis "
            "refaites les vôtres."
        ),
        field="version",
        code="stale",
    )


def save_versioned(instance: Model, *, expected_version: int, fields: Iterable[str]) -> None:
    """Write ``fields`` of ``instance`` only if its row still has ``expected_version``
    (one conditional UPDATE, atomic on every database), then bump the version. A stale
    write raises ``stale_error()`` and changes nothing."""
    names = list(fields)
    values: dict[str, Any] = {name: getattr(instance, name) for name in names}
    if any(field.name == "updated_at" for field in instance._meta.get_fields()):
        values["updated_at"] = timezone.now()
    manager = type(instance)._default_manager
    changed = manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if not changed:
        # The caller's copy goes back to what is stored: it must not pass for saved.
        instance.refresh_from_db(fields=[*names, "version"])
        raise stale_error()
    instance.version = expected_version + 1  # type: ignore[attr-defined]
    if "updated_at" in values:
        instance.updated_at = values["updated_at"]  # type: ignore[attr-defined]


def partnership_event_record(
    *,
    partnership: Partnership,
    kind: str,
    user: User | None = None,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> PartnershipEvent:
    """Add a line to the partnership's timeline (other apps record theirs here too: the
    evaluation records measurements and assessments)."""
    return PartnershipEvent.objects.create(
        partnership=partnership, kind=kind, user=user, data=data or {}, note=note
    )


def _sender() -> Callable[..., Any] | None:
    try:
        from maillage.notifications.services import notification_send
    except ImportError:  # the notifications app is being built concurrently
        return None
    return notification_send


def partnership_notify(
    *,
    partnership: Partnership,
    kind: str,
    title: str,
    body: str = "",
    exclude: User | None = None,
) -> int:
    """Tell the active members of every party (but ``exclude``, who did it), once the
    transaction commits; returns how many people will be notified."""
    send = _sender()
    if send is None:
        return 0
    users = (
        User.objects.filter(
            is_active=True,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__actor__partnership_parties__partnership=partnership,
        )
        .distinct()
        .order_by("pk")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    recipients = list(users)
    url = partnership.get_absolute_url()

    def send_all() -> None:
        for user in recipients:
            send(user=user, kind=kind, title=title, body=body, url=url)

    # Only once the change is committed: a rolled-back write tells nobody anything.
    transaction.on_commit(send_all)
    return len(recipients)
