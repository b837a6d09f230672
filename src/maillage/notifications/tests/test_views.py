"""Notifications pages: one's own only, reading marks read, the badge, preferences."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import UserFactory
from maillage.notifications.models import Notification, NotificationPreference
from maillage.notifications.services import notification_send

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_only_ones_own_notifications() -> None:
    me, other = UserFactory(), UserFactory()
    notification_send(user=me, kind="k", title="Pour moi <b>gras</b>")
    notification_send(user=other, kind="k", title="Pour quelqu'un d'autre")
    html = signed_in(me).get(reverse("notifications:list")).content.decode()
    assert "Pour moi &lt;b&gt;gras&lt;/b&gt;" in html
    assert "quelqu" not in html
    assert Client().get(reverse("notifications:list")).status_code == 302


def test_opening_marks_read_and_follows_the_link_inside_the_site_only() -> None:
    me, other = UserFactory(), UserFactory()
    inside = notification_send(user=me, kind="k", title="A", url="/partenaires/")
    outside = notification_send(user=me, kind="k", title="B", url="https://ailleurs.example/")
    client = signed_in(me)
    response = client.post(reverse("notifications:open", args=[inside.pk]))
    assert response.status_code == 302 and response["Location"] == "/partenaires/"
    response = client.post(reverse("notifications:open", args=[outside.pk]))
    assert response["Location"] == reverse("notifications:list")
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()
    assert signed_in(other).post(reverse("notifications:open", args=[inside.pk])).status_code == 404


def test_the_badge_counts_unread_notifications() -> None:
    me = UserFactory()
    notification_send(user=me, kind="k", title="A")
    notification_send(user=me, kind="k", title="B")
    html = signed_in(me).get(reverse("notifications:badge")).content.decode()
    assert ">2<" in html
    signed_in(me).post(reverse("notifications:read_all"))
    assert ">2<" not in signed_in(me).get(reverse("notifications:badge")).content.decode()
    assert Client().get(reverse("notifications:badge")).status_code == 200


def test_choosing_a_weekly_digest() -> None:
    me = UserFactory()
    client = signed_in(me)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    client.post(reverse("notifications:preferences"), {"email_frequency": "weekly"})
    assert NotificationPreference.objects.get(user=me).email_frequency == "weekly"
    response = client.post(reverse("notifications:preferences"), {"email_frequency": "monthly"})
    assert (
        response.status_code == 200
        and NotificationPreference.objects.get(user=me).email_frequency == "weekly"
    )
