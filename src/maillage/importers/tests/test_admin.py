"""Staff follow imports in the admin: runs, uploads and registry records read-only, merge
proposals decided through the merging services."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from maillage.accounts.tests.factories import UserFactory
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, valid_siret
from maillage.importers.enums import ImportKind, ImportStatus, MergeReason, MergeStatus
from maillage.importers.merging import merge_proposals_create
from maillage.importers.models import ImportRun, MergeProposal, RegistryRecord
from maillage.importers.tests.web import signed_in, upload_in_state
from maillage.territories.models import Commune

pytestmark = [
    pytest.mark.usefixtures("referential"),
    pytest.mark.urls("maillage.importers.tests.urls"),
]


@pytest.fixture
def admin_client(db):
    return signed_in(UserFactory(staff=True, is_superuser=True))


@pytest.fixture
def run(db):
    return ImportRun.objects.create(
        kind=ImportKind.ACTORS,
        fingerprint="f" * 64,
        status=ImportStatus.DONE,
        rows_read=3,
        created=2,
        rejected=1,
        summary={
            "read": 3,
            "rejected": 1,
            "errors": [
                {"file": "a.csv", "line": 3, "field": "siret", "message": "<b>SIRET</b> invalide"}
            ],
        },
    )


def _proposal(n: int = 1) -> MergeProposal:
    poitiers = Commune.objects.get(code="86194")
    first = ActorFactory(name=f"Les Amis du Clain {n}", seat_commune=poitiers)
    second = ActorFactory(
        name=f"Amis du Clain {n}", seat_commune=poitiers, siret=valid_siret(n), imported=True
    )
    merge_proposals_create(
        pairs=[(second.pk, first.pk, MergeReason.NAME_COMMUNE, "Même nom.")], run=None
    )
    return MergeProposal.objects.get(actor=second)


@pytest.mark.parametrize("model", ["importrun", "importupload", "registryrecord", "mergeproposal"])
def test_staff_open_every_importers_list(admin_client, run, model):
    upload_in_state(user=None)
    _proposal()
    RegistryRecord.objects.create(actor=ActorFactory(), source="sirene", identifier="1" * 14)

    response = admin_client.get(reverse(f"admin:importers_{model}_changelist"))

    assert response.status_code == 200


def test_a_run_shows_its_counts_and_rejected_lines_escaped_and_cannot_be_edited(admin_client, run):
    response = admin_client.get(reverse("admin:importers_importrun_change", args=[run.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;SIRET&lt;/b&gt; invalide" in page
    assert "<b>SIRET</b>" not in page
    assert 'name="_save"' not in page
    assert admin_client.get(reverse("admin:importers_importrun_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:importers_importrun_delete", args=[run.pk])).status_code
        == 403
    )


def test_an_upload_page_opens_read_only(admin_client):
    upload = upload_in_state(user=None)

    response = admin_client.get(reverse("admin:importers_importupload_change", args=[upload.pk]))

    assert response.status_code == 200
    assert reverse("importers:detail", args=[upload.pk]) in response.content.decode()


def test_accept_action_merges_through_the_service(admin_client):
    proposal = _proposal()

    response = admin_client.post(
        reverse("admin:importers_mergeproposal_changelist"),
        {"action": "accept_selected", ACTION_CHECKBOX_NAME: [proposal.pk]},
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.ACCEPTED
    assert Actor.objects.filter(pk__in=[proposal.kept_actor_id]).exists()
    assert not Actor.objects.filter(pk=proposal.merged_actor_id).exists()


def test_reject_action_keeps_both_and_reports_already_decided_ones(admin_client):
    pending, decided = _proposal(1), _proposal(2)
    admin_client.post(
        reverse("admin:importers_mergeproposal_changelist"),
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [decided.pk]},
    )

    response = admin_client.post(
        reverse("admin:importers_mergeproposal_changelist"),
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [pending.pk, decided.pk]},
        follow=True,
    )

    pending.refresh_from_db()
    assert pending.status == MergeStatus.REJECTED
    page = response.content.decode()
    assert "déjà été traitée" in page
    assert "Propositions écartées (1)" in page


def test_merge_proposals_cannot_be_added_or_edited_by_hand(admin_client):
    proposal = _proposal()

    page = admin_client.get(
        reverse("admin:importers_mergeproposal_change", args=[proposal.pk])
    ).content.decode()

    assert admin_client.get(reverse("admin:importers_mergeproposal_add")).status_code == 403
    assert 'name="status"' not in page
