"""Who may see suggestions, ask for, answer and read introductions, endorse. The only home
of these rules. ``access_*`` answer 404 for missing and forbidden alike.

- Suggestions for an actor: its active members, facilitators whose territory covers it,
  staff.
- Requesting an introduction on behalf of an organisation, endorsing, answering a
  follow-up: its active members only (staff do not speak for an organisation).
- Answering an introduction: active members of the side whose consent is awaited.
- Reading an introduction: members of either side, the facilitator who made it,
  facilitators covering either side, staff. Contact persons inside it: only once
  accepted, and only to members of either side, the introducing facilitator and staff.
- Introducing two actors: staff, or a facilitator covering at least one of them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership
from maillage.actors.models import Actor
from maillage.actors.permissions import (
    AnyUser,
    facilitator_covers,
    facilitator_territory_filter,
    is_facilitator,
    is_member,
)
from maillage.matching.enums import IntroductionStatus
from maillage.matching.models import Endorsement, FollowUp, Introduction


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def member_actor_ids(user: AnyUser) -> set[int]:
    """Organisations the user is an active member of (any role)."""
    if not _active(user) or user.pk is None:
        return set()
    return set(
        Membership.objects.filter(user_id=user.pk, status=MembershipStatus.ACTIVE).values_list(
            "actor_id", flat=True
        )
    )


# --------------------------------------------------------------------------- suggestions


def can_view_suggestions(user: AnyUser, actor: Actor) -> bool:
    if not _active(user):
        return False
    return bool(user.is_staff) or is_member(user, actor) or facilitator_covers(user, actor)


def access_actor_for_suggestions(user: AnyUser, actor_id: int) -> Actor:
    actor = (
        Actor.objects.select_related("kind", "seat_commune", "departement")
        .filter(pk=actor_id)
        .first()
    )
    if actor is None or not can_view_suggestions(user, actor):
        raise Http404
    return actor


def can_act_for(user: AnyUser, actor: Actor) -> bool:
    """Speak for an organisation (ask, dismiss, give feedback, endorse): its members."""
    return _active(user) and is_member(user, actor)


def access_actor_for_acting(user: AnyUser, actor_id: int) -> Actor:
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None or not can_act_for(user, actor):
        raise Http404
    return actor


def can_facilitate(user: AnyUser, actor_a: Actor, actor_b: Actor) -> bool:
    if not _active(user):
        return False
    if user.is_staff:
        return True
    return facilitator_covers(user, actor_a) or facilitator_covers(user, actor_b)


def can_view_facilitation(user: AnyUser) -> bool:
    return _active(user) and (bool(user.is_staff) or is_facilitator(user))


# --------------------------------------------------------------------------- introductions


def awaiting_sides(introduction: Introduction) -> list[int]:
    """Actor ids whose consent the introduction still waits for."""
    if introduction.status != IntroductionStatus.PENDING:
        return []
    sides = []
    if introduction.from_consent_at is None:
        sides.append(introduction.from_actor_id)
    if introduction.to_consent_at is None:
        sides.append(introduction.to_actor_id)
    return sides


def answerable_sides(user: AnyUser, introduction: Introduction) -> list[int]:
    """The sides this user may accept or decline for (usually zero or one)."""
    mine = member_actor_ids(user)
    return [side for side in awaiting_sides(introduction) if side in mine]


def is_party_member(user: AnyUser, introduction: Introduction) -> bool:
    mine = member_actor_ids(user)
    return introduction.from_actor_id in mine or introduction.to_actor_id in mine


def can_view_introduction(user: AnyUser, introduction: Introduction) -> bool:
    if not _active(user):
        return False
    if user.is_staff or is_party_member(user, introduction):
        return True
    if introduction.facilitator_id == user.pk:
        return True
    return facilitator_covers(user, introduction.from_actor) or facilitator_covers(
        user, introduction.to_actor
    )


def can_see_introduction_contacts(user: AnyUser, introduction: Introduction) -> bool:
    """Contacts are revealed to each other only once both sides agreed."""
    if introduction.status != IntroductionStatus.ACCEPTED or not _active(user):
        return False
    return (
        bool(user.is_staff)
        or is_party_member(user, introduction)
        or introduction.facilitator_id == user.pk
    )


def can_withdraw(user: AnyUser, introduction: Introduction) -> bool:
    if introduction.status != IntroductionStatus.PENDING:
        return False
    if introduction.facilitator_id and introduction.facilitator_id == user.pk:
        return True
    return introduction.origin != "facilitator" and introduction.from_actor_id in member_actor_ids(
        user
    )


def can_open_partnership(user: AnyUser, introduction: Introduction) -> bool:
    return introduction.status == IntroductionStatus.ACCEPTED and is_party_member(
        user, introduction
    )


def _introduction(pk: int) -> Introduction | None:
    return (
        Introduction.objects.select_related(
            "from_actor",
            "to_actor",
            "from_actor__kind",
            "to_actor__kind",
            "requested_by",
            "facilitator",
        )
        .filter(pk=pk)
        .first()
    )


def access_introduction_for_view(user: AnyUser, introduction_id: int) -> Introduction:
    introduction = _introduction(introduction_id)
    if introduction is None or not can_view_introduction(user, introduction):
        raise Http404
    return introduction


def access_introduction_for_answer(user: AnyUser, introduction_id: int) -> tuple[Introduction, int]:
    """The introduction and the side the user answers for (404 if none)."""
    introduction = _introduction(introduction_id)
    if introduction is None:
        raise Http404
    sides = answerable_sides(user, introduction)
    if not sides:
        raise Http404
    return introduction, sides[0]


def access_introduction_for_party(user: AnyUser, introduction_id: int) -> Introduction:
    """For withdrawing, opening a partnership: members of either side (or its facilitator);
    the service then checks the state."""
    introduction = _introduction(introduction_id)
    if introduction is None or not (
        is_party_member(user, introduction)
        or (_active(user) and introduction.facilitator_id == user.pk)
    ):
        raise Http404
    return introduction


def introductions_visible_to(user: AnyUser) -> QuerySet[Introduction]:
    """The queryset form of ``can_view_introduction``."""
    if not _active(user):
        return Introduction.objects.none()
    if user.is_staff:
        return Introduction.objects.all()
    mine = member_actor_ids(user)
    condition = Q(from_actor_id__in=mine) | Q(to_actor_id__in=mine) | Q(facilitator=user)
    territory = facilitator_territory_filter(user)
    if territory is not None:
        covered = Actor.objects.filter(territory).values("pk")
        condition |= Q(from_actor_id__in=covered) | Q(to_actor_id__in=covered)
    return Introduction.objects.filter(condition)


def actor_contacts_revealed_to(user: AnyUser, actor: Actor) -> bool:
    """True when the user belongs to an organisation with an accepted introduction with
    ``actor`` (for ``actors.permissions.can_view_contacts``)."""
    mine = member_actor_ids(user)
    if not mine:
        return False
    return (
        Introduction.objects.accepted()
        .filter(
            Q(from_actor_id=actor.pk, to_actor_id__in=mine)
            | Q(to_actor_id=actor.pk, from_actor_id__in=mine)
        )
        .exists()
    )


# --------------------------------------------------------------------------- endorsements


def access_endorsement_for_withdraw(user: AnyUser, endorsement_id: int) -> Endorsement:
    endorsement = (
        Endorsement.objects.select_related("from_actor", "to_actor")
        .filter(pk=endorsement_id)
        .first()
    )
    if endorsement is None or endorsement.from_actor_id not in member_actor_ids(user):
        raise Http404
    return endorsement


def access_followup_for_answer(user: AnyUser, followup_id: int) -> FollowUp:
    followup = (
        FollowUp.objects.select_related(
            "introduction", "introduction__from_actor", "introduction__to_actor", "actor"
        )
        .filter(pk=followup_id)
        .first()
    )
    if followup is None or followup.actor_id not in member_actor_ids(user):
        raise Http404
    return followup
