"""Who may decide a merge proposal: staff, and facilitators whose territory covers the seat
of one of the two actors (the same people who decide claims, ``can_decide_claim``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.actors.models import Actor
from maillage.actors.permissions import (
    AnyUser,
    can_decide_claim,
    facilitator_territory_filter,
)
from maillage.importers.enums import MergeStatus
from maillage.importers.models import MergeProposal


def can_decide_merge(user: AnyUser, proposal: MergeProposal) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return any(
        actor is not None and can_decide_claim(user, actor)
        for actor in (proposal.actor, proposal.candidate)
    )


def merge_proposals_decidable_by(user: AnyUser) -> QuerySet[MergeProposal]:
    """The queryset form of ``can_decide_merge`` (pending and decided ones)."""
    if not user.is_authenticated or not user.is_active:
        return MergeProposal.objects.none()
    if user.is_staff:
        return MergeProposal.objects.all()
    condition = facilitator_territory_filter(user)
    if condition is None:
        return MergeProposal.objects.none()
    covered = Actor.objects.filter(condition).values("pk")
    return MergeProposal.objects.filter(Q(actor__in=covered) | Q(candidate__in=covered))


def access_merge_proposal_for_decision(user: AnyUser, proposal_id: int) -> MergeProposal:
    """The proposal, if the user may decide it and it is still pending; 404 otherwise."""
    proposal = (
        MergeProposal.objects.select_related("actor", "candidate")
        .filter(pk=proposal_id, status=MergeStatus.PENDING)
        .first()
    )
    if proposal is None or not can_decide_merge(user, proposal):
        raise Http404
    return proposal
