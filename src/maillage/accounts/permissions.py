"""Who may see and decide what about memberships and claims (actor rights live in
``actors/permissions.py``). ``access_*`` answer 404 for missing and forbidden alike."""

from __future__ import annotations

from django.http import Http404

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import ClaimRequest, Membership
from maillage.actors.permissions import AnyUser, can_decide_claim, can_manage_members


def access_claim_for_decision(user: AnyUser, claim_id: int) -> ClaimRequest:
    """A claim, for a facilitator covering its actor or staff (any status: the page also
    shows decided claims)."""
    claim = (
        ClaimRequest.objects.select_related("actor", "user", "decided_by")
        .filter(pk=claim_id)
        .first()
    )
    if claim is None or not can_decide_claim(user, claim.actor):
        raise Http404
    return claim


def access_membership_for_decision(user: AnyUser, membership_id: int) -> Membership:
    """A membership of an organisation the user manages (admins of it, staff)."""
    membership = Membership.objects.select_related("actor", "user").filter(pk=membership_id).first()
    if membership is None or not can_manage_members(user, membership.actor):
        raise Http404
    return membership


def access_invitation_for_answer(user: AnyUser, membership_id: int) -> Membership:
    """An invitation addressed to the signed-in user (from « Mon espace »)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("actor")
        .filter(pk=membership_id, user=user, status=MembershipStatus.INVITED)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def access_own_membership(user: AnyUser, actor_id: int) -> Membership:
    """The signed-in user's active membership in an actor (to leave it)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("actor")
        .filter(actor_id=actor_id, user=user, status=MembershipStatus.ACTIVE)
        .first()
    )
    if membership is None:
        raise Http404
    return membership
