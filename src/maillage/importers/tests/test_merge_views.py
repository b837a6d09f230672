"""Facilitators decide merge proposals in their territories: the list (both actors side by
side), merging (choosing the record to keep) and keeping them apart (with a note)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import MembershipFactory
from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory, valid_siret
from maillage.importers.enums import MergeReason, MergeStatus
from maillage.importers.merging import merge_proposals_create
from maillage.importers.models import MergeProposal
from maillage.importers.tests.web import signed_in
from maillage.territories.models import Commune

pytestmark = [
    pytest.mark.usefixtures("referential"),
    pytest.mark.urls("maillage.importers.tests.urls"),
]


@pytest.fixture
def cast(db):
    return build_cast()


def _proposal(*, name: str = "Les Amis du Clain", n: int = 1) -> MergeProposal:
    seat = Commune.objects.get(code="86194")
    first = ActorFactory(name=name, seat_commune=seat, rna=f"W86100000{n}")
    second = ActorFactory(
        name=f"Association {name}",
        seat_commune=seat,
        siret=valid_siret(10 + n),
        siren=valid_siret(10 + n)[:9],
        imported=True,
    )
    merge_proposals_create(
        pairs=[(second.pk, first.pk, MergeReason.NAME_COMMUNE, "Même nom dans la même commune.")],
        run=None,
    )
    return MergeProposal.objects.get(actor=second, candidate=first)


def _accept(client: Client, proposal: MergeProposal, keep: str = "auto", note: str = ""):
    prefix = f"accept-{proposal.pk}"
    return client.post(
        reverse("importers:merge_accept", args=[proposal.pk]),
        {f"{prefix}-keep": keep, f"{prefix}-note": note, "page": "1"},
    )


def _reject(client: Client, proposal: MergeProposal, note: str = ""):
    return client.post(
        reverse("importers:merge_reject", args=[proposal.pk]),
        {f"reject-{proposal.pk}-note": note},
    )


# --------------------------------------------------------------------------- who may


def test_anonymous_visitors_are_sent_to_sign_in(cast):
    proposal = _proposal()
    client = Client()

    for response in (
        client.get(reverse("importers:merges")),
        _accept(client, proposal),
        _reject(client, proposal),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.PENDING


@pytest.mark.parametrize("role", ["stranger", "member", "admin"])
def test_people_who_are_not_facilitators_cannot_review_merges(cast, role):
    proposal = _proposal()
    client = signed_in(getattr(cast, role))

    assert client.get(reverse("importers:merges")).status_code == 403
    assert _accept(client, proposal).status_code == 404
    assert _reject(client, proposal).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.PENDING


def test_a_facilitator_of_another_territory_neither_sees_nor_decides(cast):
    proposal = _proposal()
    client = signed_in(cast.facilitator_out)

    page = client.get(reverse("importers:merges"))

    assert page.status_code == 200
    assert proposal.actor_name not in page.content.decode()
    assert "Aucun doublon à examiner" in page.content.decode()
    assert _accept(client, proposal).status_code == 404
    assert _reject(client, proposal).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.PENDING


# --------------------------------------------------------------------------- the list


def test_the_list_shows_both_actors_side_by_side(cast):
    proposal = _proposal()
    MembershipFactory(actor=proposal.candidate)
    client = signed_in(cast.facilitator_in)

    page = client.get(reverse("importers:merges")).content.decode()

    for actor in (proposal.actor, proposal.candidate):
        assert actor.name in page
        assert actor.get_absolute_url() in page
    assert "Poitiers (86194)" in page
    assert f"SIRET {proposal.actor.siret}" in page
    assert "RNA W861000001" in page
    assert "INSEE SIRENE" in page and "Saisie sur la plateforme" in page
    assert "Même nom dans la même commune" in page
    assert "Membres actifs</dt><dd>1</dd>" in page
    assert f'name="accept-{proposal.pk}-keep"' in page
    assert f'name="reject-{proposal.pk}-note"' in page


def test_names_are_escaped(cast):
    _proposal(name="<b>Les Amis</b> du Clain")
    page = signed_in(cast.facilitator_in).get(reverse("importers:merges")).content.decode()

    assert "<b>Les Amis</b>" not in page
    assert "&lt;b&gt;Les Amis&lt;/b&gt;" in page


def test_the_list_has_a_query_budget(cast, django_assert_max_num_queries):
    for n in range(8):
        _proposal(name=f"Les Amis du Clain numéro {n}", n=n)
    client = signed_in(cast.facilitator_in)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("importers:merges"))

    assert response.content.decode().count('class="card merge-proposal"') == 8


# --------------------------------------------------------------------------- decisions


def test_facilitator_merges_keeping_the_record_they_choose(cast):
    proposal = _proposal()
    kept, absorbed = proposal.candidate, proposal.actor
    client = signed_in(cast.facilitator_in)

    response = _accept(client, proposal, keep=str(kept.pk), note="Même présidente, même adresse.")

    assert response.status_code == 302
    assert response["Location"] == reverse("importers:merges") + "?page=1"
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.ACCEPTED
    assert proposal.kept_actor_id == kept.pk
    assert proposal.decided_by == cast.facilitator_in
    assert proposal.decision_note == "Même présidente, même adresse."
    assert not Actor.objects.filter(pk=absorbed.pk).exists()
    kept.refresh_from_db()
    assert kept.siret == absorbed.siret  # identifiers move to the kept record
    followed = client.get(response["Location"]).content.decode()
    assert "Fiches fusionnées" in followed
    assert f'<a href="{kept.get_absolute_url()}">' in followed


def test_staff_merge_with_the_default_choice(cast):
    proposal = _proposal()
    MembershipFactory(actor=proposal.candidate)  # the record with members is kept

    _accept(signed_in(cast.staff), proposal)

    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.ACCEPTED
    assert proposal.kept_actor_id == proposal.candidate_id


def test_keeping_an_actor_outside_the_pair_is_refused(cast):
    proposal = _proposal()
    stranger_actor = ActorFactory()

    response = _accept(signed_in(cast.facilitator_in), proposal, keep=str(stranger_actor.pk))

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.PENDING
    assert Actor.objects.filter(pk=proposal.actor_id).exists()


def test_facilitator_keeps_two_organisations_apart_with_a_note(cast):
    proposal = _proposal()
    client = signed_in(cast.facilitator_in)

    response = _reject(client, proposal, note="Deux associations homonymes.")

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.REJECTED
    assert proposal.decision_note == "Deux associations homonymes."
    assert proposal.decided_by == cast.facilitator_in
    assert Actor.objects.filter(pk__in=[proposal.actor_id, proposal.candidate_id]).count() == 2
    page = client.get(reverse("importers:merges")).content.decode()
    assert "restent deux fiches distinctes" in page
    assert f'id="proposition-{proposal.pk}"' not in page


def test_a_decided_proposal_cannot_be_decided_again(cast):
    proposal = _proposal()
    client = signed_in(cast.facilitator_in)
    _reject(client, proposal)

    assert _accept(client, proposal).status_code == 404
    assert _reject(client, proposal).status_code == 404


def test_decisions_need_the_csrf_token_and_a_post(cast):
    proposal = _proposal()
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.facilitator_in)

    assert _accept(client, proposal).status_code == 403
    assert _reject(client, proposal).status_code == 403
    assert client.get(reverse("importers:merge_accept", args=[proposal.pk])).status_code == 405
    proposal.refresh_from_db()
    assert proposal.status == MergeStatus.PENDING
