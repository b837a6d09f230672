"""Who may see and change what about an actor. The only home of these rules.

Predicates answer yes/no; ``access_actor_for_*`` fetch an actor for an action and answer
404 for missing and forbidden alike, so that the existence of a private object never leaks.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import FacilitatorScope, Membership, User
from maillage.actors.models import Actor
from maillage.territories.codes import parse_territory_code

AnyUser = User | AnonymousUser


def _active_membership(user: AnyUser, actor: Actor) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, actor=actor, status=MembershipStatus.ACTIVE).first()


def is_member(user: AnyUser, actor: Actor) -> bool:
    return _active_membership(user, actor) is not None


def is_admin_of(user: AnyUser, actor: Actor) -> bool:
    membership = _active_membership(user, actor)
    return membership is not None and membership.role == MembershipRole.ADMIN


_SEAT_FIELD = {
    "com": "seat_commune_id",
    "epci": "epci_id",
    "dep": "departement_id",
    "reg": "region_id",
}


def facilitator_territory_filter(user: AnyUser) -> Q | None:
    """A ``Q`` on ``Actor`` matching the actors seated in the user's facilitator territories;
    ``None`` when the user facilitates nowhere (the queryset form of ``facilitator_covers``)."""
    if not user.is_authenticated or not user.is_active:
        return None
    condition: Q | None = None
    for code in FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True):
        level, value = parse_territory_code(code)
        if level == "fr":
            return Q()
        term = Q(**{_SEAT_FIELD[level]: value})
        condition = term if condition is None else condition | term
    return condition


def actors_covered_by(user: AnyUser) -> QuerySet[Actor]:
    """Actors in the user's facilitator territories (every actor for staff)."""
    if user.is_authenticated and user.is_active and user.is_staff:
        return Actor.objects.all()
    condition = facilitator_territory_filter(user)
    return Actor.objects.none() if condition is None else Actor.objects.filter(condition)


def facilitator_covers(user: AnyUser, actor: Actor) -> bool:
    """A facilitator acts on actors seated inside one of their territories."""
    if not user.is_authenticated or not user.is_active:
        return False
    for code in FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True):
        level, value = parse_territory_code(code)
        if level == "fr":
            return True
        if getattr(actor, _SEAT_FIELD[level]) == value:
            return True
    return False


def is_facilitator(user: AnyUser) -> bool:
    return user.is_authenticated and FacilitatorScope.objects.filter(user=user).exists()


def can_edit_actor(user: AnyUser, actor: Actor) -> bool:
    """Profile, needs, offers and contacts: the organisation's active admins, and staff.

    Facilitators do not edit: they may read contacts in their territories
    (``can_view_contacts``) and decide claims (``can_decide_claim``), but the profile is the
    organisation's own word. Plain members, deactivated admins, pending or invited people
    and everyone else are refused."""
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


def can_manage_members(user: AnyUser, actor: Actor) -> bool:
    """Invite, validate or refuse join requests, change roles, deactivate: the same people
    who edit the profile (the organisation's active admins, and staff)."""
    return can_edit_actor(user, actor)


def can_decide_claim(user: AnyUser, actor: Actor) -> bool:
    """Who approves or rejects a request to manage an actor: a facilitator whose territory
    covers the actor's seat, or staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or facilitator_covers(user, actor)


def actors_editable_by(user: AnyUser) -> QuerySet[Actor]:
    """The queryset form of ``can_edit_actor`` (every actor for staff)."""
    if not user.is_authenticated or not user.is_active:
        return Actor.objects.none()
    if user.is_staff:
        return Actor.objects.all()
    return Actor.objects.filter(
        memberships__user=user,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role=MembershipRole.ADMIN,
    )


def access_actor_for_members(user: AnyUser, actor_id: int) -> Actor:
    """The members page and its actions (404 for missing and forbidden alike)."""
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None or not can_manage_members(user, actor):
        raise Http404
    return actor


def access_actor_for_request(user: AnyUser, actor_id: int) -> Actor:
    """Asking to join or to manage an actor: any signed-in, active user, on any existing
    actor (the directory is public, so a missing actor is the only 404)."""
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None or not user.is_authenticated or not user.is_active:
        raise Http404
    return actor
