"""The one write path for notifications.

``notification_send`` is what every app calls to tell a user something: the notice is
stored (shown under « Notifications ») and mailed at once, or gathered in the user's daily
or weekly digest (``digests_send``, run by ``maillage send_digests``), or never mailed,
as the user chose. A mail that cannot be sent is logged and never breaks the caller's
operation (a notification is a courtesy).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.core.errors import DomainError
from maillage.notifications.enums import EmailFrequency, EmailState
from maillage.notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

DEFAULT_FREQUENCY = EmailFrequency.IMMEDIATE
# A digest is due when the last one is at least this old (a little under the period, so
# that an hourly cron job never drifts a day).
DIGEST_PERIOD = {
    EmailFrequency.DAILY: dt.timedelta(hours=23),
    EmailFrequency.WEEKLY: dt.timedelta(days=6, hours=23),
}
DIGEST_MAX_ITEMS = 50


def frequency_of(user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_frequency if preference else DEFAULT_FREQUENCY


def absolute(url: str) -> str:
    if url.startswith("/"):
        return settings.SITE_URL.rstrip("/") + url
    return url


def _mail(*, to: str, template: str, context: dict[str, Any]) -> bool:
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"notifications/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"notifications/email/{template}_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:
        logger.exception("Could not send the %s e-mail to user %s", template, context.get("uid"))
        return False
    return True


def notification_send(
    *, user: User, kind: str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Notify one user: in the app, and by e-mail now or in their digest."""
    kind = (kind or "").strip()
    title = " ".join((title or "").split())
    if not kind:
        raise DomainError(
            _("Le type de notification est obligatoire."), field="kind", code="required"
        )
    if not title:
        raise DomainError(
            _("Le titre de la notification est obligatoire."), field="title", code="required"
        )
    frequency = frequency_of(user)
    notification = Notification.objects.create(
        user=user,
        kind=kind[:50],
        title=title[:200],
        body=(body or "").strip(),
        url=(url or "").strip()[:500],
        email_state=EmailState.PENDING,
    )
    mailable = bool(user.email) and user.is_active
    if frequency == EmailFrequency.NEVER or not mailable:
        notification.email_state = EmailState.SKIPPED
    elif frequency == EmailFrequency.IMMEDIATE:
        sent = _mail(
            to=user.email,
            template="notification",
            context={
                "notification": notification,
                "link": absolute(notification.url),
                "uid": user.pk,
            },
        )
        notification.email_state = EmailState.SENT if sent else EmailState.FAILED
        notification.emailed_at = timezone.now() if sent else None
    if notification.email_state != EmailState.PENDING:
        Notification.objects.filter(pk=notification.pk).update(
            email_state=notification.email_state, emailed_at=notification.emailed_at
        )
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.unread().filter(user=user).update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: User, email_frequency: str) -> NotificationPreference:
    if email_frequency not in EmailFrequency.values:
        raise DomainError(
            _("Fréquence inconnue : %(value)s.") % {"value": email_frequency},
            field="email_frequency",
            code="invalid",
        )
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.email_frequency = email_frequency
    preference.save()
    if email_frequency == EmailFrequency.NEVER:
        Notification.objects.filter(user=user, email_state=EmailState.PENDING).update(
            email_state=EmailState.SKIPPED
        )
    return preference


def digests_send(
    *, frequency: str | None = None, now: dt.datetime | None = None, force: bool = False
) -> dict[str, int]:
    """Mail each user their pending notifications in one message, when their digest is
    due (``force``: whatever the last one's date). Idempotent: a notification is mailed
    once. ``frequency`` limits the run to daily or weekly users."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(email_state=EmailState.PENDING)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.user_id].append(notification)
    preferences = NotificationPreference.objects.in_bulk(list(by_user))
    summary = {"users": 0, "emails": 0, "notifications": 0, "failed": 0, "skipped": 0}
    for user_id, notifications in by_user.items():
        user = notifications[0].user
        preference = preferences.get(user_id)
        user_frequency = preference.email_frequency if preference else DEFAULT_FREQUENCY
        if frequency and user_frequency != frequency:
            continue
        ids = [n.pk for n in notifications]
        if user_frequency == EmailFrequency.NEVER or not user.email or not user.is_active:
            summary["skipped"] += Notification.objects.filter(pk__in=ids).update(
                email_state=EmailState.SKIPPED
            )
            continue
        period = DIGEST_PERIOD.get(user_frequency)  # type: ignore[call-overload]
        last = preference.last_digest_at if preference else None
        if not force and period is not None and last is not None and now - last < period:
            continue
        summary["users"] += 1
        sent = _mail(
            to=user.email,
            template="digest",
            context={
                "user": user,
                "notifications": [
                    {
                        "title": n.title,
                        "body": n.body,
                        "link": absolute(n.url),
                        "created_at": n.created_at,
                    }
                    for n in notifications[:DIGEST_MAX_ITEMS]
                ],
                "more": max(0, len(notifications) - DIGEST_MAX_ITEMS),
                "weekly": user_frequency == EmailFrequency.WEEKLY,
                "uid": user.pk,
            },
        )
        if sent:
            summary["emails"] += 1
            summary["notifications"] += Notification.objects.filter(pk__in=ids).update(
                email_state=EmailState.SENT, emailed_at=now
            )
            NotificationPreference.objects.update_or_create(
                user=user, defaults={"last_digest_at": now, "email_frequency": user_frequency}
            )
        else:
            summary["failed"] += 1
    return summary
