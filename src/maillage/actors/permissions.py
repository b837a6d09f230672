"""Who may see and change what about an actor. The only home of these rules.

Predicates answer yes/no; ``access_actor_for_*`` fetch an actor for an action and answer
404 for missing and forbidden alike, so that the existence of a private object never leaks.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import FacilitatorScope, Membership, User
from maillage.actors.models import Actor
from maillage.territories.codes import parse_territory_code

AnyUser = User | AnonymousUser


def _active_membership(user: AnyUser, actor: Actor) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(
        user=user, actor=actor, status=MembershipStatus.ACTIVE
    ).first()


def is_member(user: AnyUser, actor: Actor) -> bool:
    return _active_membership(user, actor) is not None


def is_admin_of(user: AnyUser, actor: Actor) -> bool:
    membership = _active_membership(user, actor)
    return membership is not None and membership.role == MembershipRole.ADMIN


def facilitator_covers(user: AnyUser, actor: Actor) -> bool:
    """A facilitator acts on actors seated inside one of their territories."""
    if not user.is_authenticated:
        return False
    for code in FacilitatorScope.objects.filter(user=user).values_list(
        "territory_code", flat=True
    ):
        level, value = parse_territory_code(code)
        if level == "fr":
            return True
        seat = {"com": actor.seat_commune_id, "epci": actor.epci_id,
                "dep": actor.departement_id, "reg": actor.region_id}[level]
        if seat == value:
            return True
    return False


def is_facilitator(user: AnyUser) -> bool:
    return user.is_authenticated and FacilitatorScope.objects.filter(user=user).exists()


def can_edit_actor(user: AnyUser, actor: Actor) -> bool:
    """Profile, needs, offers and contacts: the organisation's admins, and staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or is_admin_of(user, actor)


def can_view_contacts(user: AnyUser, actor: Actor) -> bool:
    """Contact persons are personal data: shown to the organisation's members, facilitators
    covering its territory, and staff (later: parties to an accepted introduction and
    members of the same programme)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or is_member(user, actor) or facilitator_covers(user, actor)


def access_actor_for_edit(user: AnyUser, actor_id: int) -> Actor:
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None or not can_edit_actor(user, actor):
        raise Http404
    return actor
