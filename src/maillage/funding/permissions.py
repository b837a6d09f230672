"""Who may see and manage a funding envelope. The only home of these rules.

- **manage** an envelope (its fields, allocations, expenses, closing it): the funder's
  active admins; facilitators whose territory covers the envelope's territory (a scope on
  the envelope's territory or on one containing it); the facilitators of its programme;
  staff;
- **see it whole** (totals, every allocation, the export): those who manage it, the
  funder's active members, and staff;
- **see their own allocations** only: the active members of a party to a funded
  partnership (not the budget, nor what others received);
- **create** an envelope: staff; an admin of the funder; a facilitator for a territory
  their scope covers; a programme's facilitators for that programme.

``access_*`` answer 404 for missing and forbidden alike.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import FacilitatorScope, Membership
from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser
from maillage.funding.enums import ViewScope
from maillage.funding.models import Allocation, Envelope
from maillage.partnerships.models import Party
from maillage.partnerships.services import territory_keys_for


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _user_id(user: AnyUser) -> int:
    """The signed-in user's id (0, which no row has, for an anonymous visitor)."""
    return int(user.pk or 0)


def _scopes(user: AnyUser) -> list[str]:
    return list(
        FacilitatorScope.objects.filter(user_id=_user_id(user)).values_list(
            "territory_code", flat=True
        )
    )


def _member_actor_ids(user: AnyUser) -> QuerySet[Membership, int]:
    return Membership.objects.filter(
        user_id=_user_id(user), status=MembershipStatus.ACTIVE
    ).values_list("actor_id", flat=True)


def scope_covers(scopes: list[str], territory_keys: str) -> bool:
    """A facilitator's scopes cover a territory when one of them is that territory or
    contains it (``territory_keys`` lists the territory and its parents)."""
    return any(code == "fr" or f"|{code}|" in territory_keys for code in scopes)


def facilitator_covers_territory(user: AnyUser, territory_code: str) -> bool:
    if not _active(user) or not territory_code:
        return False
    return scope_covers(_scopes(user), territory_keys_for(territory_code))


def _is_funder_admin(user: AnyUser, envelope: Envelope) -> bool:
    if envelope.funder_id is None:
        return False
    return Membership.objects.filter(
        user_id=_user_id(user),
        actor_id=envelope.funder_id,
        status=MembershipStatus.ACTIVE,
        role=MembershipRole.ADMIN,
    ).exists()


def _is_funder_member(user: AnyUser, envelope: Envelope) -> bool:
    if envelope.funder_id is None:
        return False
    return Membership.objects.filter(
        user_id=_user_id(user), actor_id=envelope.funder_id, status=MembershipStatus.ACTIVE
    ).exists()


def _is_programme_facilitator(user: AnyUser, envelope: Envelope) -> bool:
    if envelope.programme_id is None:
        return False
    return envelope.programme.facilitators.filter(pk=user.pk).exists()  # type: ignore[union-attr]


def can_manage_envelope(user: AnyUser, envelope: Envelope) -> bool:
    if not _active(user):
        return False
    return (
        bool(user.is_staff)
        or _is_funder_admin(user, envelope)
        or scope_covers(_scopes(user), envelope.territory_keys)
        or _is_programme_facilitator(user, envelope)
    )


def is_funded_party_member(user: AnyUser, envelope: Envelope) -> bool:
    if not _active(user):
        return False
    return Allocation.objects.filter(
        envelope=envelope,
        partnership__parties__actor_id__in=_member_actor_ids(user),
    ).exists()


def envelope_view_scope(user: AnyUser, envelope: Envelope) -> str | None:
    """``ViewScope.FULL``, ``ViewScope.OWN`` or ``None`` (may not see it at all)."""
    if not _active(user):
        return None
    if can_manage_envelope(user, envelope) or _is_funder_member(user, envelope):
        return ViewScope.FULL
    if is_funded_party_member(user, envelope):
        return ViewScope.OWN
    return None


def can_view_envelope(user: AnyUser, envelope: Envelope) -> bool:
    return envelope_view_scope(user, envelope) is not None


def can_create_envelope(
    user: AnyUser, *, funder: Actor | None, programme_facilitators: list[int], territory_code: str
) -> bool:
    """``programme_facilitators``: the user ids facilitating the chosen programme (empty
    without a programme)."""
    if not _active(user):
        return False
    if user.is_staff:
        return True
    if (
        funder is not None
        and Membership.objects.filter(
            user_id=_user_id(user),
            actor=funder,
            status=MembershipStatus.ACTIVE,
            role=MembershipRole.ADMIN,
        ).exists()
    ):
        return True
    if user.pk in programme_facilitators:
        return True
    return facilitator_covers_territory(user, territory_code)


def can_start_envelope(user: AnyUser) -> bool:
    """Whether to offer « Créer une enveloppe » at all: staff, admins of an organisation,
    facilitators."""
    if not _active(user):
        return False
    if user.is_staff:
        return True
    return (
        FacilitatorScope.objects.filter(user_id=_user_id(user)).exists()
        or Membership.objects.filter(
            user_id=_user_id(user), status=MembershipStatus.ACTIVE, role=MembershipRole.ADMIN
        ).exists()
    )


def envelopes_visible_to(user: AnyUser) -> QuerySet[Envelope]:
    """The queryset form of ``can_view_envelope`` (no duplicates)."""
    if not _active(user):
        return Envelope.objects.none()
    if user.is_staff:
        return Envelope.objects.all()
    scopes = _scopes(user)
    if "fr" in scopes:
        return Envelope.objects.all()
    members = _member_actor_ids(user)
    condition = Q(funder_id__in=members)
    condition |= Q(programme__facilitators=user)
    for code in scopes:
        condition |= Q(territory_keys__contains=f"|{code}|")
    funded = Allocation.objects.filter(
        partnership__in=Party.objects.filter(actor_id__in=members).values("partnership_id")
    ).values("envelope_id")
    condition |= Q(pk__in=funded)
    ids = Envelope.objects.filter(condition).values("pk")
    return Envelope.objects.filter(pk__in=ids)


def allocations_visible_to(user: AnyUser, envelope: Envelope) -> QuerySet[Allocation]:
    """The allocations of ``envelope`` the user may read: all of them for a full view,
    those to their own partnerships otherwise (none for someone who may not see it)."""
    scope = envelope_view_scope(user, envelope)
    allocations = Allocation.objects.filter(envelope=envelope)
    if scope == ViewScope.FULL:
        return allocations
    if scope == ViewScope.OWN:
        own = Party.objects.filter(actor_id__in=_member_actor_ids(user)).values("partnership_id")
        return allocations.filter(partnership_id__in=own)
    return Allocation.objects.none()


def user_funds_partnership(user: AnyUser, partnership_id: int) -> bool:
    """True when the user manages or belongs to the funder of an envelope that funds the
    partnership: the evaluation app may let such funders read the partnership's « utilité
    sociale » summary (the proof that justifies the money)."""
    if not _active(user):
        return False
    envelopes = Envelope.objects.filter(allocations__partnership_id=partnership_id).select_related(
        "programme"
    )
    return any(envelope_view_scope(user, envelope) == ViewScope.FULL for envelope in envelopes)


def access_envelope_for_view(user: AnyUser, envelope_id: int) -> Envelope:
    envelope = Envelope.objects.select_related("funder", "programme").filter(pk=envelope_id).first()
    if envelope is None or not can_view_envelope(user, envelope):
        raise Http404
    return envelope


def access_envelope_for_full_view(user: AnyUser, envelope_id: int) -> Envelope:
    """The whole envelope (the export): its managers, the funder's members, staff."""
    envelope = Envelope.objects.select_related("funder", "programme").filter(pk=envelope_id).first()
    if envelope is None or envelope_view_scope(user, envelope) != ViewScope.FULL:
        raise Http404
    return envelope


def access_envelope_for_manage(user: AnyUser, envelope_id: int) -> Envelope:
    envelope = Envelope.objects.select_related("funder", "programme").filter(pk=envelope_id).first()
    if envelope is None or not can_manage_envelope(user, envelope):
        raise Http404
    return envelope


def access_allocation_for_manage(user: AnyUser, envelope_id: int, allocation_id: int) -> Allocation:
    envelope = access_envelope_for_manage(user, envelope_id)
    allocation = (
        Allocation.objects.select_related("partnership", "envelope")
        .filter(pk=allocation_id, envelope=envelope)
        .first()
    )
    if allocation is None:
        raise Http404
    return allocation
