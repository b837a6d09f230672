"""``notification_send`` and the digests: in-app always, e-mail as each user chose."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from maillage.accounts.tests.factories import UserFactory
from maillage.core.errors import DomainError
from maillage.notifications.enums import EmailState
from maillage.notifications.models import Notification
from maillage.notifications.selectors import unread_count
from maillage.notifications.services import (
    digests_send,
    notification_mark_read,
    notification_send,
    notifications_mark_all_read,
    preference_set,
)

pytestmark = pytest.mark.django_db


def send(user, title: str = "Nouvelle demande de mise en relation") -> Notification:  # type: ignore[no-untyped-def]
    return notification_send(
        user=user, kind="introduction_received", title=title, body="Bonjour !", url="/partenaires/"
    )


def test_by_default_a_notification_is_stored_and_mailed_at_once() -> None:
    user = UserFactory(email="camille@exemple.org")
    notification = send(user)
    assert notification.pk and notification.read_at is None
    assert notification.email_state == EmailState.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@exemple.org"]
    assert "Nouvelle demande de mise en relation" in message.subject
    assert "/partenaires/" in message.body and "Bonjour !" in message.body


@pytest.mark.parametrize("frequency", ["daily", "weekly"])
def test_digest_users_get_nothing_until_the_digest_then_one_message(frequency: str) -> None:
    user = UserFactory()
    preference_set(user=user, email_frequency=frequency)
    send(user, "Première")
    send(user, "Seconde")
    assert mail.outbox == []
    summary = digests_send()
    assert summary["emails"] == 1 and summary["notifications"] == 2
    assert len(mail.outbox) == 1
    assert "Première" in mail.outbox[0].body and "Seconde" in mail.outbox[0].body
    # Idempotent: nothing is mailed twice.
    assert digests_send(force=True)["emails"] == 0


def test_a_daily_digest_waits_a_day_and_a_weekly_one_a_week() -> None:
    daily, weekly = UserFactory(), UserFactory()
    preference_set(user=daily, email_frequency="daily")
    preference_set(user=weekly, email_frequency="weekly")
    now = timezone.now()
    send(daily)
    send(weekly)
    assert digests_send(now=now)["emails"] == 2
    send(daily)
    send(weekly)
    assert digests_send(now=now + dt.timedelta(hours=5))["emails"] == 0
    assert digests_send(now=now + dt.timedelta(hours=24))["emails"] == 1
    assert digests_send(now=now + dt.timedelta(days=7))["emails"] == 1


def test_never_means_in_app_only() -> None:
    user = UserFactory()
    preference_set(user=user, email_frequency="never")
    notification = send(user)
    assert notification.email_state == EmailState.SKIPPED
    assert digests_send(force=True)["emails"] == 0 and mail.outbox == []
    assert unread_count(user=user) == 1


def test_inactive_users_are_not_mailed() -> None:
    user = UserFactory(is_active=False)
    assert send(user).email_state == EmailState.SKIPPED and mail.outbox == []


def test_bad_input_is_refused() -> None:
    user = UserFactory()
    with pytest.raises(DomainError):
        notification_send(user=user, kind="", title="Titre")
    with pytest.raises(DomainError):
        notification_send(user=user, kind="x", title="  ")
    with pytest.raises(DomainError):
        preference_set(user=user, email_frequency="monthly")


def test_reading_one_or_all() -> None:
    user = UserFactory()
    first, _second = send(user), send(user)
    notification_mark_read(notification=first)
    assert unread_count(user=user) == 1
    assert notifications_mark_all_read(user=user) == 1
    assert unread_count(user=user) == 0


def test_send_digests_command() -> None:
    user = UserFactory()
    preference_set(user=user, email_frequency="weekly")
    send(user)
    out = StringIO()
    call_command("send_digests", "--json", "--frequency", "daily", stdout=out)
    assert json.loads(out.getvalue())["emails"] == 0
    out = StringIO()
    call_command("send_digests", "--json", stdout=out)
    assert json.loads(out.getvalue())["emails"] == 1
