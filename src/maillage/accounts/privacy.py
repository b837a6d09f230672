"""RGPD: a person's data export (art. 15 and 20), account erasure (art. 17), the retention
of inactive accounts and of contacts never confirmed, and the article 14 notices.

The export and the erasure are driven by introspection of the models that point at the
user, so a new model that refers to a person cannot escape them (a test checks it):
- every relation to ``User`` is exported, minus secret fields;
- on erasure, rows of ``ERASE_DELETE`` models are deleted (sessions, tokens, devices,
  notifications…); every other row that points at the user stays, pointing at an
  anonymised user ("Compte supprimé"), so that shared history (an introduction, a
  partnership's timeline) keeps its shape without the person.
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.actors.models import Contact
from maillage.actors.services import contact_delete

# Fields never exported (secrets, not personal data of the person).
SECRET_FIELDS = {
    "password",
    "token_hash",
    "key",
    "bin_key",
    "token",
    "session_key",
    "invitation_token_hash",
    "throttling_failure_count",
}
# Models whose rows about the person are deleted at erasure (label "app.Model").
ERASE_DELETE = {
    "accounts.ApiToken",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "notifications.Notification",
    "notifications.NotificationPreference",
}


def _user_relations() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    """(model, field) for every concrete field, in every installed model, that refers to
    the user model."""
    found: list[tuple[type[models.Model], models.Field[Any, Any]]] = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field):
                continue  # reverse relations: seen from the model that holds the key
            if field.concrete and field.is_relation and field.related_model is User:
                found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1].name))


def _row(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = getattr(instance, field.attname)
        data[field.name] = str(value) if isinstance(value, uuid.UUID) else value
    return data


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything Maillage holds about ``user``, machine-readable (JSON-serialisable with
    ``DjangoJSONEncoder``)."""
    export: dict[str, Any] = {
        "format": "maillage-personal-data/1",
        "generated_at": timezone.now(),
        "account": _row(user),
        "relations": {},
        "as_contact_person": [
            _row(contact)
            for contact in Contact.objects.filter(email__iexact=user.email).order_by("pk")
        ]
        if user.email
        else [],
    }
    for model, field in _user_relations():
        key = f"{model._meta.label}.{field.name}"
        rows = model._default_manager.filter(**{field.name: user}).order_by("pk")
        export["relations"][key] = [_row(row) for row in rows]
    return export


ENCODER = DjangoJSONEncoder


def _anonymous_email(user: User) -> str:
    return f"compte-supprime-{user.pk}@invalid.maillage"


@transaction.atomic
def account_erase(*, user: User) -> dict[str, int]:
    """Anonymise the account everywhere; return the rows deleted per model."""
    deleted: dict[str, int] = {}
    for model, field in _user_relations():
        if model._meta.label in ERASE_DELETE and not field.many_to_many:
            count, _details = model._default_manager.filter(**{field.name: user}).delete()
            if count:
                deleted[model._meta.label] = deleted.get(model._meta.label, 0) + count
    if user.email:
        for contact in Contact.objects.filter(email__iexact=user.email):
            contact_delete(contact=contact)
            deleted["actors.Contact"] = deleted.get("actors.Contact", 0) + 1
    user.email = _anonymous_email(user)
    user.username = user.email
    user.first_name = ""
    user.last_name = ""
    user.display_name = _("Compte supprimé")
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash also invalidates every open session (Django's session hash).
    user.set_unusable_password()
    user.save()
    _forget_in_audit_trail(user)
    return deleted


def _forget_in_audit_trail(user: User) -> None:
    """Let the audit trail drop what it copied of the person (if the app offers it)."""
    try:
        module = importlib.import_module("maillage.audit.services")
    except ImportError:
        return
    forget = getattr(module, "audit_forget_user", None)
    if forget is not None:
        forget(user_id=user.pk)


# --------------------------------------------------------------------------- retention


def _cutoff(days: int, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=days)


def privacy_retention_run(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> dict[str, int]:
    """The scheduled clean-up (``maillage privacy_retention``, daily):

    1. accounts without sign-in for ``PRIVACY_INACTIVE_ACCOUNT_DAYS`` get a notice by e-mail;
    2. ``PRIVACY_NOTICE_DAYS`` after the notice, still without sign-in, they are erased;
    3. contacts not collected from the person, never confirmed (no consent, no notice
       sent) and older than ``PRIVACY_UNCONFIRMED_CONTACT_DAYS`` are deleted.
    """
    now = now or timezone.now()
    inactive_since = _cutoff(settings.PRIVACY_INACTIVE_ACCOUNT_DAYS, now)
    notice_deadline = _cutoff(settings.PRIVACY_NOTICE_DAYS, now)
    active_users = User.objects.filter(is_active=True, is_staff=False)
    inactive = active_users.filter(
        Q(last_login__lt=inactive_since)
        | Q(last_login__isnull=True, date_joined__lt=inactive_since)
    )
    to_notify = inactive.filter(retention_notice_at__isnull=True)
    to_erase = inactive.filter(retention_notice_at__lt=notice_deadline).filter(
        Q(last_login__isnull=True) | Q(last_login__lt=models.F("retention_notice_at"))
    )
    stale_contacts = Contact.objects.filter(
        source__in=["import", "facilitator"],
        consent_at__isnull=True,
        informed_at__isnull=True,
        created_at__lt=_cutoff(settings.PRIVACY_UNCONFIRMED_CONTACT_DAYS, now),
    )
    summary = {
        "notified": to_notify.count(),
        "erased": to_erase.count(),
        "contacts_deleted": stale_contacts.count(),
    }
    if dry_run:
        return summary
    for user in to_erase.order_by("pk"):
        account_erase(user=user)
    for user in to_notify.order_by("pk"):
        _send_retention_notice(user)
        User.objects.filter(pk=user.pk).update(retention_notice_at=now)
    for contact in stale_contacts.order_by("pk"):
        contact_delete(contact=contact)
    return summary


def _send_retention_notice(user: User) -> None:
    send_mail(
        subject=_("Votre compte Maillage sera supprimé faute d'utilisation"),
        message=_(
            "Bonjour,\n\nVous ne vous êtes pas connecté(e) à Maillage depuis longtemps. Sans "
            "connexion de votre part dans les %(days)d jours, votre compte sera anonymisé "
            "(RGPD : nous ne gardons pas les données dont nous n'avons plus besoin).\n\n"
            "Pour le conserver, il suffit de vous connecter : %(url)s\n"
        )
        % {"days": settings.PRIVACY_NOTICE_DAYS, "url": f"{settings.SITE_URL}/compte/connexion/"},
        from_email=None,
        recipient_list=[user.email],
    )


def contacts_pending_notice(
    *, actors: Iterable[int] | models.QuerySet[Any]
) -> models.QuerySet[Contact]:
    """Article 14: contacts of these actors not collected from the person and not yet
    informed, oldest first (the notice is due within a month)."""
    return (
        Contact.objects.notice_pending()
        .filter(actor__in=actors)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
