"""The trail in the admin is read-only, even for a superuser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.tests.factories import UserFactory
from maillage.actors.tests.factories import ActorFactory
from maillage.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(staff=True, is_superuser=True))
    return client


def test_the_admin_lists_and_shows_entries_but_cannot_change_them(superuser_client) -> None:
    ActorFactory(name="Entrée visible")
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    changelist = reverse("admin:audit_auditevent_changelist")
    assert superuser_client.get(changelist).status_code == 200
    assert superuser_client.get(changelist, {"q": "nothing"}).status_code == 200
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = superuser_client.get(change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert superuser_client.post(change, {"context": "falsifié"}).status_code == 403
    assert superuser_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.context != "falsifié"
