"""Who may see and change what in a programme. The only home of these rules.

- A programme is managed by its facilitators (animateurs listed on it) and staff; any
  facilitator (a user with a territorial scope) may create one and becomes its facilitator.
- A published programme and its selected actions are public; a draft is seen by its
  managers only.
- An action is also managed by its referent user (needs, milestones, follow-up,
  contributions).
- « Je veux contribuer »: any signed-in member of an organisation, on a selected action.
- Votes on proposals: the programme's managers and the people of its working groups.
- Persons (referents, contributors, minutes and attendance) are personal data: shown to
  the programme's participants (managers, group members, co-pilots' members, referents,
  contributors) only.

``access_*`` answer 404 for missing and forbidden alike.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership
from maillage.actors.permissions import AnyUser, is_facilitator
from maillage.programmes.enums import SELECTED_STATUSES, ActionStatus
from maillage.programmes.models import Action, GroupMember, Programme, WorkingGroup


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_programme(user: AnyUser) -> bool:
    return _active(user) and (bool(user.is_staff) or is_facilitator(user))


def can_manage_programme(user: AnyUser, programme: Programme) -> bool:
    if not _active(user):
        return False
    if user.is_staff:
        return True
    return programme.facilitators.filter(pk=user.pk).exists()


def can_view_programme(user: AnyUser, programme: Programme) -> bool:
    return programme.is_published or can_manage_programme(user, programme)


def is_programme_participant(user: AnyUser, programme: Programme) -> bool:
    """Managers, people of its groups, members of its lead or co-pilot organisations and of
    its groups' organisations, referents and contributors of its actions."""
    if not _active(user):
        return False
    if can_manage_programme(user, programme):
        return True
    if GroupMember.objects.filter(group__programme=programme, user_id=user.pk or 0).exists():
        return True
    if (
        Action.objects.filter(programme=programme)
        .filter(Q(referent_user=user) | Q(contributions__user=user))
        .exists()
    ):
        return True
    actor_ids = set(
        GroupMember.objects.filter(group__programme=programme).values_list("actor_id", flat=True)
    )
    actor_ids.update(programme.co_pilots.values_list("pk", flat=True))
    if programme.lead_actor_id:
        actor_ids.add(programme.lead_actor_id)
    return Membership.objects.filter(
        user_id=user.pk or 0, actor_id__in=actor_ids, status=MembershipStatus.ACTIVE
    ).exists()


def can_view_people(user: AnyUser, programme: Programme) -> bool:
    return is_programme_participant(user, programme)


def can_manage_action(user: AnyUser, action: Action) -> bool:
    if not _active(user):
        return False
    return action.referent_user_id == user.pk or can_manage_programme(user, action.programme)


def can_view_action(user: AnyUser, action: Action) -> bool:
    if not action.programme.is_published:
        return can_manage_programme(user, action.programme)
    if action.status in SELECTED_STATUSES:
        return True
    # Proposals and decisions not to retain: the programme's participants.
    return is_programme_participant(user, action.programme)


def can_contribute(user: AnyUser, action: Action) -> bool:
    """A signed-in member of some organisation, on a selected action of a published
    programme (the organisation is who contributes)."""
    if not _active(user) or not action.programme.is_published:
        return False
    if action.status not in (ActionStatus.SELECTED, ActionStatus.IN_PROGRESS):
        return False
    return Membership.objects.filter(user_id=user.pk or 0, status=MembershipStatus.ACTIVE).exists()


def can_vote(user: AnyUser, action: Action) -> bool:
    if not _active(user) or action.status != ActionStatus.PROPOSED:
        return False
    if can_manage_programme(user, action.programme):
        return True
    groups = action.groups.all()
    return GroupMember.objects.filter(group__in=groups, user_id=user.pk or 0).exists()


def programmes_visible_to(user: AnyUser) -> QuerySet[Programme]:
    if _active(user) and user.is_staff:
        return Programme.objects.all()
    visible = Q(status__in=["en_cours", "termine"])
    if _active(user):
        visible |= Q(facilitators__pk=user.pk or 0)
    return Programme.objects.filter(visible).distinct()


def programmes_managed_by(user: AnyUser) -> QuerySet[Programme]:
    if not _active(user):
        return Programme.objects.none()
    if user.is_staff:
        return Programme.objects.all()
    return Programme.objects.filter(facilitators__pk=user.pk or 0)


# --------------------------------------------------------------------------- access


def access_programme_for_view(user: AnyUser, programme_id: int) -> Programme:
    programme = Programme.objects.filter(pk=programme_id).select_related("lead_actor").first()
    if programme is None or not can_view_programme(user, programme):
        raise Http404
    return programme


def access_programme_for_manage(user: AnyUser, programme_id: int) -> Programme:
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None or not can_manage_programme(user, programme):
        raise Http404
    return programme


def access_group_for_manage(user: AnyUser, group_id: int) -> WorkingGroup:
    group = WorkingGroup.objects.select_related("programme").filter(pk=group_id).first()
    if group is None or not can_manage_programme(user, group.programme):
        raise Http404
    return group


def access_group_for_view(user: AnyUser, group_id: int) -> WorkingGroup:
    group = WorkingGroup.objects.select_related("programme").filter(pk=group_id).first()
    if group is None or not can_view_programme(user, group.programme):
        raise Http404
    return group


def access_action_for_view(user: AnyUser, action_id: int) -> Action:
    action = (
        Action.objects.select_related("programme", "referent_actor", "referent_contact")
        .filter(pk=action_id)
        .first()
    )
    if action is None or not can_view_action(user, action):
        raise Http404
    return action


def access_action_for_manage(user: AnyUser, action_id: int) -> Action:
    action = Action.objects.select_related("programme").filter(pk=action_id).first()
    if action is None or not can_manage_action(user, action):
        raise Http404
    return action


def access_action_for_selection(user: AnyUser, action_id: int) -> Action:
    """Recording the selection decision: the programme's managers only (not referents)."""
    action = Action.objects.select_related("programme").filter(pk=action_id).first()
    if action is None or not can_manage_programme(user, action.programme):
        raise Http404
    return action
