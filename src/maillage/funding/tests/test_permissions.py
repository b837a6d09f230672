"""Who sees and manages an envelope: the whole role × action matrix, through the
predicates and through the pages (404 for forbidden and missing alike)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.funding.enums import ViewScope
from maillage.funding.permissions import (
    can_manage_envelope,
    envelope_view_scope,
    envelopes_visible_to,
    user_funds_partnership,
)
from maillage.funding.tests.factories import FundingWorld, allocate

pytestmark = pytest.mark.django_db

# role → (view scope, may manage)
MATRIX: dict[str, tuple[str | None, bool]] = {
    "anonymous": (None, False),
    "stranger": (None, False),
    "staff": (ViewScope.FULL, True),
    "funder_admin": (ViewScope.FULL, True),
    "funder_member": (ViewScope.FULL, False),
    "facilitator_in": (ViewScope.FULL, True),
    "facilitator_epci": (None, False),  # Grand Poitiers is inside the Vienne, not around it
    "facilitator_out": (None, False),
    "party_admin": (ViewScope.OWN, False),
    "party_member": (ViewScope.OWN, False),
    "partner_member": (ViewScope.OWN, False),
    "other_party_member": (None, False),
    "other_admin": (None, False),
    "deactivated_admin": (None, False),
    "pending": (None, False),
}


def _user(fw: FundingWorld, role: str):  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    return fw.roles()[role] or AnonymousUser()


def test_matrix_covers_every_role(fw: FundingWorld) -> None:
    assert set(MATRIX) == set(fw.roles())


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_view_and_manage_predicates(fw: FundingWorld, role: str) -> None:
    scope, manage = MATRIX[role]
    user = _user(fw, role)
    assert envelope_view_scope(user, fw.envelope) == scope
    assert can_manage_envelope(user, fw.envelope) is manage
    assert envelopes_visible_to(user).filter(pk=fw.envelope.pk).exists() is (scope is not None)


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_pages_follow_the_matrix(fw: FundingWorld, role: str) -> None:
    scope, manage = MATRIX[role]
    client = Client()
    user = fw.roles()[role]
    if user is not None:
        client.force_login(user)
    pk = fw.envelope.pk
    detail = client.get(reverse("funding:detail", kwargs={"pk": pk}))
    export = client.get(reverse("funding:export", kwargs={"pk": pk}))
    edit = client.get(reverse("funding:edit", kwargs={"pk": pk}))
    add = client.get(reverse("funding:allocation_add", kwargs={"pk": pk}))
    expense = client.get(
        reverse("funding:expense_add", kwargs={"pk": pk, "allocation_pk": fw.allocation.pk})
    )
    if user is None:
        for response in (detail, export, edit, add, expense):
            assert response.status_code == 302
            assert "/connexion" in response["Location"] or "login" in response["Location"]
        return
    assert detail.status_code == (200 if scope else 404)
    assert export.status_code == (200 if scope == ViewScope.FULL else 404)
    for response in (edit, add, expense):
        assert response.status_code == (200 if manage else 404)


def test_manage_posts_are_refused_to_readers(fw: FundingWorld) -> None:
    client = Client()
    client.force_login(fw.funder_member)
    response = client.post(
        reverse("funding:allocation_add", kwargs={"pk": fw.envelope.pk}),
        {
            "partnership": fw.other_partnership.pk,
            "amount_eur": "10",
            "decided_on": "2025-03-01",
            "purpose": "x",
        },
    )
    assert response.status_code == 404
    response = client.post(
        reverse("funding:status", kwargs={"pk": fw.envelope.pk}), {"status": "cloturee"}
    )
    assert response.status_code == 404
    fw.envelope.refresh_from_db()
    assert fw.envelope.is_open


def test_a_party_sees_only_its_own_allocation(fw: FundingWorld) -> None:
    allocate(fw.envelope, fw.other_partnership, "7000", purpose="Jardins partagés")
    client = Client()
    client.force_login(fw.world.cast.member)
    page = client.get(reverse("funding:detail", kwargs={"pk": fw.envelope.pk})).content.decode()
    assert fw.funded.title in page
    assert fw.other_partnership.title not in page
    assert "Jardins partagés" not in page
    assert "45\u202f000" not in page  # not the budget either
    # The funded other party sees theirs, not ours.
    client.force_login(fw.other_party_member)
    page = client.get(reverse("funding:detail", kwargs={"pk": fw.envelope.pk})).content.decode()
    assert fw.other_partnership.title in page
    assert fw.funded.title not in page


def test_funder_admin_funds_the_partnership_for_the_evaluation_hook(fw: FundingWorld) -> None:
    assert user_funds_partnership(fw.funder_admin, fw.funded.pk)
    assert user_funds_partnership(fw.funder_member, fw.funded.pk)
    assert not user_funds_partnership(fw.funder_admin, fw.other_partnership.pk)
    assert not user_funds_partnership(fw.world.cast.member, fw.funded.pk)  # a party, not a funder
    assert not user_funds_partnership(fw.world.cast.stranger, fw.funded.pk)


def test_programme_facilitators_manage_their_programme_envelope(fw: FundingWorld) -> None:
    from maillage.accounts.tests.factories import UserFactory
    from maillage.funding.tests.factories import envelope_create
    from maillage.programmes.tests.factories import ProgrammeFactory

    animator = UserFactory(email="programme@exemple.org")
    programme = ProgrammeFactory(facilitators=[animator])
    envelope = envelope_create(funder=None, programme_id=programme.pk, user=animator)
    assert can_manage_envelope(animator, envelope)
    assert not can_manage_envelope(fw.funder_admin, envelope)
