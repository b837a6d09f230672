"""Who sees, edits and agrees to a case study: the role × action matrix, through the
predicates and the pages (404 for forbidden and missing alike)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from maillage.library.models import CaseStudy
from maillage.library.permissions import (
    can_edit_case_study,
    can_view_case_study,
    case_studies_visible_to,
    consent_actors_for,
)
from maillage.library.tests.factories import LibraryWorld, case_from, published_case

pytestmark = pytest.mark.django_db

# role → (sees the draft, edits the draft, parties whose consent they give)
DRAFT_MATRIX: dict[str, tuple[bool, bool, set[str]]] = {
    "anonymous": (False, False, set()),
    "stranger": (False, False, set()),
    "staff": (True, True, {"Les Ateliers du Clain", "Entreprise Partenaire"}),
    "admin": (True, True, {"Les Ateliers du Clain"}),
    "member": (True, True, set()),
    "partner_admin": (True, True, {"Entreprise Partenaire"}),
    "partner_member": (True, True, set()),
    "facilitator_in": (True, True, set()),
    "facilitator_epci": (True, True, set()),
    "facilitator_out": (False, False, set()),
    "other_admin": (False, False, set()),
    "deactivated_admin": (False, False, set()),
    "pending": (False, False, set()),
}


def test_matrix_covers_every_role(lw: LibraryWorld) -> None:
    assert set(DRAFT_MATRIX) == set(lw.roles())


@pytest.mark.parametrize("role", sorted(DRAFT_MATRIX))
def test_draft_predicates(lw: LibraryWorld, role: str) -> None:
    sees, edits, consents = DRAFT_MATRIX[role]
    case = case_from(lw)
    user = lw.roles()[role] or AnonymousUser()
    assert can_view_case_study(user, case) is sees
    assert can_edit_case_study(user, case) is edits
    assert {actor.name for actor in consent_actors_for(user, case)} == consents
    assert case_studies_visible_to(user).filter(pk=case.pk).exists() is sees


@pytest.mark.parametrize("role", sorted(DRAFT_MATRIX))
def test_draft_pages_follow_the_matrix(lw: LibraryWorld, role: str) -> None:
    sees, edits, consents = DRAFT_MATRIX[role]
    case = case_from(lw)
    user = lw.roles()[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    detail = client.get(case.get_absolute_url())
    assert detail.status_code == (200 if sees else 404)
    edit = client.get(reverse("library:case_edit", kwargs={"pk": case.pk}))
    if user is None:
        assert edit.status_code == 302
    else:
        assert edit.status_code == (200 if edits else 404)
    consent = client.post(
        reverse("library:case_consent", kwargs={"pk": case.pk}),
        {"actor": lw.world.cast.actor.pk, "decision": "accord", "note": "Accord écrit reçu."},
    )
    gave = case.consents.get(actor=lw.world.cast.actor).status == "accordee"
    assert gave is ("Les Ateliers du Clain" in consents)
    if user is not None and not gave:
        assert consent.status_code == 404


@pytest.mark.parametrize("role", sorted(DRAFT_MATRIX))
def test_a_published_case_is_public_and_read_only(lw: LibraryWorld, role: str) -> None:
    case = published_case(lw)
    user = lw.roles()[role] or AnonymousUser()
    assert can_view_case_study(user, case)
    assert not can_edit_case_study(user, case)
    client = Client()
    if lw.roles()[role] is not None:
        client.force_login(lw.roles()[role])
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(reverse("library:case_edit", kwargs={"pk": case.pk})).status_code in (
        302,
        404,
    )


def test_publish_page_refuses_people_who_cannot_edit(lw: LibraryWorld) -> None:
    case = case_from(lw)
    client = Client()
    client.force_login(lw.world.cast.facilitator_out)
    assert client.post(reverse("library:case_publish", kwargs={"pk": case.pk})).status_code == 404
    assert CaseStudy.objects.get(pk=case.pk).status == "brouillon"


def test_only_party_admins_take_a_case_out(lw: LibraryWorld) -> None:
    case = published_case(lw)
    url = reverse("library:case_unpublish", kwargs={"pk": case.pk})
    client = Client()
    client.force_login(lw.world.cast.member)
    assert client.post(url, {"actor": lw.world.cast.actor.pk}).status_code == 404
    client.force_login(lw.partner_admin)
    # Not in the name of another party.
    assert client.post(url, {"actor": lw.world.cast.actor.pk}).status_code == 404
    assert CaseStudy.objects.get(pk=case.pk).is_published
    assert client.post(url, {"actor": lw.world.partner.pk}).status_code == 302
    assert not CaseStudy.objects.get(pk=case.pk).is_published
