"""Reads for « Mon espace », the members page and the facilitators' claims."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, Membership, User
from maillage.actors.models import Actor
from maillage.actors.permissions import actors_covered_by, is_facilitator
from maillage.territories.selectors import Territory, territory_get


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """« Mes organisations »: active memberships, with the number of join requests waiting
    in the organisations the user administers."""
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("actor", "actor__kind", "actor__seat_commune")
        .annotate(
            pending_count=Count(
                "actor__memberships",
                filter=Q(actor__memberships__status=MembershipStatus.PENDING),
            )
        )
        .order_by("actor__name", "actor_id")
    )


def invitations_of_user(*, user: User) -> QuerySet[Membership]:
    """Invitations addressed to the user that can still be accepted."""
    return (
        Membership.objects.invited()
        .filter(user=user)
        .filter(
            Q(invitation_expires_at__isnull=True) | Q(invitation_expires_at__gte=timezone.now())
        )
        .select_related("actor", "invited_by")
        .order_by("-updated_at", "id")
    )


def requests_of_user(*, user: User) -> QuerySet[Membership]:
    """The user's own join requests still waiting for an answer."""
    return (
        Membership.objects.pending()
        .filter(user=user)
        .select_related("actor")
        .order_by("-updated_at", "id")
    )


def claims_of_user(*, user: User, limit: int = 20) -> list[ClaimRequest]:
    return list(
        ClaimRequest.objects.filter(user=user)
        .select_related("actor")
        .order_by("-created_at", "id")[:limit]
    )


def membership_requests_to_decide(*, user: User) -> QuerySet[Membership]:
    """Join requests waiting in the organisations the user administers."""
    administered = Membership.objects.admins().filter(user=user).values("actor_id")
    return (
        Membership.objects.pending()
        .filter(actor_id__in=administered)
        .select_related("actor", "user")
        .order_by("created_at", "id")
    )


def claims_to_decide(*, user: User) -> QuerySet[ClaimRequest]:
    """Pending claims on actors in the user's facilitator territories (all of them for
    staff), oldest first."""
    return (
        ClaimRequest.objects.filter(status=ClaimStatus.PENDING, actor__in=actors_covered_by(user))
        .exclude(user=user)
        .select_related("actor", "actor__seat_commune", "user")
        .order_by("created_at", "id")
    )


def claims_decided_in_territory(*, user: User, limit: int = 20) -> list[ClaimRequest]:
    return list(
        ClaimRequest.objects.exclude(status=ClaimStatus.PENDING)
        .filter(actor__in=actors_covered_by(user))
        .select_related("actor", "user", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )


@dataclass
class ActorMembers:
    """An organisation's people, grouped as the members page shows them."""

    active: list[Membership] = field(default_factory=list)
    pending: list[Membership] = field(default_factory=list)
    invited: list[Membership] = field(default_factory=list)
    deactivated: list[Membership] = field(default_factory=list)

    @property
    def admin_count(self) -> int:
        return sum(1 for m in self.active if m.role == MembershipRole.ADMIN)


def members_of_actor(*, actor: Actor) -> ActorMembers:
    groups = ActorMembers()
    rows = (
        Membership.objects.filter(actor=actor)
        .select_related("user", "invited_by")
        .order_by("role", "user__display_name", "invited_email", "id")
    )
    by_status = {
        MembershipStatus.ACTIVE: groups.active,
        MembershipStatus.PENDING: groups.pending,
        MembershipStatus.INVITED: groups.invited,
        MembershipStatus.DEACTIVATED: groups.deactivated,
    }
    for row in rows:
        target = by_status.get(MembershipStatus(row.status))
        if target is not None:
            target.append(row)
    return groups


def actor_has_admin(*, actor: Actor) -> bool:
    return Membership.objects.filter(actor=actor).admins().exists()


def user_relation_to_actor(*, user: User, actor: Actor) -> Membership | None:
    """The user's row for an actor, whatever its status (None when there is none)."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, actor=actor).first()


def pending_claim_of_user(*, user: User, actor: Actor) -> ClaimRequest | None:
    if not user.is_authenticated:
        return None
    return ClaimRequest.objects.filter(user=user, actor=actor, status=ClaimStatus.PENDING).first()


def user_is_facilitator(*, user: User) -> bool:
    return is_facilitator(user)


def facilitator_territories(*, user: User) -> list[Territory]:
    """The territories a facilitator covers, named (a stale code keeps its code as name)."""
    territories = []
    for code in user.facilitator_scopes.order_by("territory_code").values_list(
        "territory_code", flat=True
    ):
        territory = territory_get(code)
        territories.append(territory or Territory(code=code, level="", name=code))
    return territories
