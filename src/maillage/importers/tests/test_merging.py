"""Merge proposals and a facilitator's decisions."""

from __future__ import annotations

import pytest
from django.http import Http404

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership
from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.models import Actor, NeedOffer
from maillage.actors.tests.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    NeedOfferFactory,
    valid_siret,
)
from maillage.core.errors import DomainError
from maillage.importers.enums import MergeReason, MergeStatus
from maillage.importers.merging import (
    NameCandidates,
    merge_proposal_accept,
    merge_proposal_reject,
    merge_proposals_create,
    name_key,
)
from maillage.importers.models import MergeProposal, RegistryRecord
from maillage.importers.permissions import (
    access_merge_proposal_for_decision,
    can_decide_merge,
)
from maillage.importers.selectors import merge_proposals_pending

pytestmark = pytest.mark.usefixtures("referential")


def test_name_key_ignores_legal_forms_articles_accents_and_punctuation() -> None:
    assert name_key("Association Les Amis du Vieux-Poitiers") == "amis vieux poitiers"
    assert name_key("LES AMIS DU VIEUX POITIERS") == "amis vieux poitiers"
    assert name_key("SARL Boulangerie Martin – Poitiers") == "boulangerie martin poitiers"
    assert name_key("Asso") == ""  # too little left to compare safely
    assert name_key("12 34") == ""


def test_candidates_never_pair_contradicting_identifiers() -> None:
    candidates = NameCandidates(
        [
            (1, "Les Amis du Clain", "86194", "123456789", ""),
            (2, "Amis du Clain", "86194", "", "W861000001"),
            (3, "Amis du Clain", "86041", "", ""),
        ]
    )

    assert candidates.find(
        actor_id=9, name="AMIS DU CLAIN", commune="86194", siren="987654321", rna=""
    ) == [2]
    assert candidates.find(
        actor_id=9, name="AMIS DU CLAIN", commune="86194", siren="", rna="W861000002"
    ) == [1]


def _pair() -> tuple[Actor, Actor, MergeProposal]:
    poitiers = CommuneFactory()
    kept = ActorFactory(name="Amis du Clain", seat_commune=poitiers, rna="W861000001", website="")
    other = ActorFactory(
        name="AMIS DU CLAIN",
        seat_commune=poitiers,
        siret=valid_siret(5),
        siren=valid_siret(5)[:9],
        website="https://amis.example",
        field_origins={"website": "sirene"},
    )
    merge_proposals_create(pairs=[(other.pk, kept.pk, MergeReason.NAME_COMMUNE, "")], run=None)
    return kept, other, MergeProposal.objects.get()


def test_proposals_are_created_once_in_either_direction() -> None:
    kept, other, _proposal = _pair()

    created = merge_proposals_create(
        pairs=[
            (kept.pk, other.pk, MergeReason.NAME_COMMUNE, ""),
            (other.pk, kept.pk, MergeReason.NAME_COMMUNE, ""),
        ],
        run=None,
    )

    assert created == 0
    assert MergeProposal.objects.count() == 1


def test_accepting_moves_everything_to_the_kept_actor() -> None:
    kept, other, proposal = _pair()
    admin = MembershipFactory(actor=other, role=MembershipRole.ADMIN)
    NeedOfferFactory(actor=other, text="Un local pour nos ateliers")
    ContactFactory(actor=other)
    RegistryRecord.objects.create(actor=other, source="sirene", identifier=other.siret)
    other.themes.set(["precarite"])
    staff = UserFactory(is_staff=True)

    result = merge_proposal_accept(proposal=proposal, user=staff)

    assert result.pk == other.pk  # the actor with members stays
    assert not Actor.objects.filter(pk=kept.pk).exists()
    result.refresh_from_db()
    assert result.rna == "W861000001"  # identifiers moved
    assert result.siret == valid_siret(5)
    assert result.website == "https://amis.example"
    assert NeedOffer.objects.get().actor_id == result.pk
    assert Membership.objects.get(pk=admin.pk).actor_id == result.pk
    assert list(result.themes.values_list("code", flat=True)) == ["precarite"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.kept_actor_id, proposal.merged_actor_id) == (
        MergeStatus.ACCEPTED,
        result.pk,
        kept.pk,
    )
    assert proposal.decided_by == staff
    assert proposal.actor_name and proposal.candidate_name


def test_accept_can_keep_the_chosen_actor_and_fills_its_empty_fields() -> None:
    kept, other, proposal = _pair()
    shared = UserFactory()
    MembershipFactory(actor=kept, user=shared, role=MembershipRole.MEMBER)
    MembershipFactory(actor=other, user=shared, role=MembershipRole.ADMIN)

    result = merge_proposal_accept(proposal=proposal, user=None, keep=kept)

    assert result.pk == kept.pk
    result.refresh_from_db()
    assert result.website == "https://amis.example"
    assert result.field_origins["website"] == "sirene"
    membership = Membership.objects.get(user=shared)
    assert (membership.actor_id, membership.role, membership.status) == (
        kept.pk,
        MembershipRole.ADMIN,
        MembershipStatus.ACTIVE,
    )


def test_rejected_pair_is_never_proposed_again_nor_decided_twice() -> None:
    kept, other, proposal = _pair()

    merge_proposal_reject(proposal=proposal, user=None)

    assert (
        merge_proposals_create(pairs=[(kept.pk, other.pk, MergeReason.NAME_COMMUNE, "")], run=None)
        == 0
    )
    with pytest.raises(DomainError):
        merge_proposal_accept(proposal=proposal, user=None)
    assert Actor.objects.filter(pk__in=[kept.pk, other.pk]).count() == 2


def test_other_proposals_follow_the_kept_actor() -> None:
    kept, other, proposal = _pair()
    third = ActorFactory(name="Amis du Clain (bis)")
    merge_proposals_create(pairs=[(third.pk, kept.pk, MergeReason.NAME_COMMUNE, "")], run=None)

    result = merge_proposal_accept(proposal=proposal, user=None, keep=other)

    remaining = MergeProposal.objects.get(status=MergeStatus.PENDING)
    assert (remaining.actor_id, remaining.candidate_id) == (third.pk, result.pk)


def test_only_staff_and_facilitators_of_the_territory_decide() -> None:
    _kept, _other, proposal = _pair()
    facilitator = UserFactory()
    FacilitatorScopeFactory(user=facilitator, territory_code="dep:86")
    elsewhere = UserFactory()
    FacilitatorScopeFactory(user=elsewhere, territory_code="dep:75")
    member = MembershipFactory(actor=proposal.actor).user

    assert can_decide_merge(UserFactory(is_staff=True), proposal)
    assert can_decide_merge(facilitator, proposal)
    assert not can_decide_merge(elsewhere, proposal)
    assert not can_decide_merge(member, proposal)
    assert list(merge_proposals_pending(user=facilitator)) == [proposal]
    assert not merge_proposals_pending(user=elsewhere).exists()
    assert access_merge_proposal_for_decision(facilitator, proposal.pk) == proposal
    with pytest.raises(Http404):
        access_merge_proposal_for_decision(elsewhere, proposal.pk)
