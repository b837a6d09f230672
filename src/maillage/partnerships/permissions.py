"""Who may see and change a partnership. The only home of these rules.

- **see** a partnership (its pages, documents, evaluation report): the active members of
  any party's organisation, facilitators whose territory covers the partnership's
  territory or one party's seat, and staff;
- **change** it (fields, parties' objectives, method, commitments, documents,
  indicators): the active members of a party, and staff. Facilitators accompany but do not
  write the parties' commitments for them (as for an actor's profile, the organisation's
  own word);
- **evaluate** (answer an assessment for a party): that party's active members only.

``access_*`` answer 404 for missing and forbidden alike, so that a partnership's existence
never leaks.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import FacilitatorScope, Membership, User
from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser, facilitator_covers, facilitator_territory_filter
from maillage.partnerships.models import Partnership, PartnershipDocument, Party

# Identifiers beyond what the databases store (64-bit signed) cannot exist: a 404, not an
# overflow deep in the database driver.
MAX_ID = 2**63 - 1


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def _member_actor_ids(user: User) -> QuerySet[Membership, int]:
    return Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values_list(
        "actor_id", flat=True
    )


def member_parties(user: AnyUser, partnership: Partnership) -> list[Party]:
    """The parties whose organisation the user is an active member of."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        Party.objects.filter(partnership=partnership, actor_id__in=_member_actor_ids(user))
        .select_related("actor")
        .order_by("id")
    )


def is_party_member(user: AnyUser, partnership: Partnership) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return Party.objects.filter(
        partnership=partnership, actor_id__in=_member_actor_ids(user)
    ).exists()


def facilitator_covers_partnership(user: AnyUser, partnership: Partnership) -> bool:
    """A facilitator follows the partnerships of their territories: those located inside
    one of them, and those with a party seated inside one of them."""
    if not user.is_authenticated or not user.is_active:
        return False
    codes = list(
        FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True)
    )
    if not codes:
        return False
    if "fr" in codes:
        return True
    keys = partnership.territory_keys
    if keys and any(f"|{code}|" in keys for code in codes):
        return True
    actors = Actor.objects.filter(partnership_parties__partnership=partnership)
    return any(facilitator_covers(user, actor) for actor in actors)


def can_view_partnership(user: AnyUser, partnership: Partnership) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        bool(user.is_staff)
        or is_party_member(user, partnership)
        or facilitator_covers_partnership(user, partnership)
    )


def can_edit_partnership(user: AnyUser, partnership: Partnership) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or is_party_member(user, partnership)


def can_download_documents(user: AnyUser, partnership: Partnership) -> bool:
    """Conventions hold commitments and signatures: parties' members, facilitators who
    follow the partnership, staff — the people who may see the partnership."""
    return can_view_partnership(user, partnership)


def can_create_partnership_for(user: AnyUser, actors: list[Actor]) -> bool:
    """Propose a partnership: a member of one of the organisations, a facilitator covering
    one of them, or staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    ids = {actor.pk for actor in actors}
    if Membership.objects.filter(
        user=user, status=MembershipStatus.ACTIVE, actor_id__in=ids
    ).exists():
        return True
    return any(facilitator_covers(user, actor) for actor in actors)


def partnerships_visible_to(user: AnyUser) -> QuerySet[Partnership]:
    """The queryset form of ``can_view_partnership`` (no duplicates)."""
    if not user.is_authenticated or not user.is_active:
        return Partnership.objects.none()
    if user.is_staff:
        return Partnership.objects.all()
    condition = Q(
        pk__in=Party.objects.filter(actor_id__in=_member_actor_ids(user)).values("partnership_id")
    )
    codes = list(
        FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True)
    )
    if "fr" in codes:
        return Partnership.objects.all()
    for code in codes:
        condition |= Q(territory_keys__contains=f"|{code}|")
    seats = facilitator_territory_filter(user)
    if seats is not None:
        covered = Actor.objects.filter(seats).values("pk")
        condition |= Q(pk__in=Party.objects.filter(actor_id__in=covered).values("partnership_id"))
    return Partnership.objects.filter(condition)


def access_partnership_for_view(user: AnyUser, partnership_id: int) -> Partnership:
    if not valid_id(partnership_id):
        raise Http404
    partnership = (
        Partnership.objects.select_related("partnership_type").filter(pk=partnership_id).first()
    )
    if partnership is None or not can_view_partnership(user, partnership):
        raise Http404
    return partnership


def access_partnership_for_edit(user: AnyUser, partnership_id: int) -> Partnership:
    if not valid_id(partnership_id):
        raise Http404
    partnership = (
        Partnership.objects.select_related("partnership_type").filter(pk=partnership_id).first()
    )
    if partnership is None or not can_edit_partnership(user, partnership):
        raise Http404
    return partnership


def access_document_for_download(user: AnyUser, document_id: int) -> PartnershipDocument:
    if not valid_id(document_id):
        raise Http404
    document = (
        PartnershipDocument.objects.select_related("partnership").filter(pk=document_id).first()
    )
    if document is None or not can_download_documents(user, document.partnership):
        raise Http404
    return document
