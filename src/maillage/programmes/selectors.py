"""Use-case reads of programmes: the public page, an action's page, the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from maillage.actors.permissions import AnyUser
from maillage.programmes.enums import SELECTED_STATUSES, ActionStatus, ContributionStatus
from maillage.programmes.models import (
    Action,
    ActionNeed,
    Contribution,
    GroupMeeting,
    GroupMember,
    Programme,
    WorkingGroup,
)
from maillage.programmes.permissions import (
    can_contribute,
    can_manage_action,
    can_manage_programme,
    can_view_people,
    can_vote,
    programmes_visible_to,
)


def programmes_list(*, user: AnyUser) -> QuerySet[Programme]:
    return (
        programmes_visible_to(user)
        .select_related("lead_actor")
        .prefetch_related("themes")
        .annotate(
            n_groups=Count("working_groups", distinct=True),
            n_actions=Count(
                "actions", filter=Q(actions__status__in=SELECTED_STATUSES), distinct=True
            ),
        )
        .order_by("-starts_on", "title", "id")
    )


def _actions_queryset() -> QuerySet[Action]:
    return (
        Action.objects.select_related("referent_actor", "referent_contact", "referent_user")
        .prefetch_related(
            "groups",
            Prefetch("needs", queryset=ActionNeed.objects.select_related("category")),
        )
        .annotate(
            n_votes=Count("votes", distinct=True),
            n_contributors=Count(
                "contributions",
                filter=Q(contributions__status=ContributionStatus.ACCEPTED),
                distinct=True,
            ),
        )
        .order_by("position", "id")
    )


@dataclass
class ProgrammePage:
    programme: Programme
    groups: list[Any]  # annotated with n_members
    actions: list[Action]  # selected (and, for participants, proposals)
    proposals: list[Action]
    can_manage: bool
    can_view_people: bool
    events: list[object] = field(default_factory=list)


def programme_page(*, programme: Programme, user: AnyUser) -> ProgrammePage:
    people = can_view_people(user, programme)
    groups = list(
        WorkingGroup.objects.filter(programme=programme)
        .select_related("theme", "co_lead_association", "co_lead_company")
        .prefetch_related(
            Prefetch("meetings", queryset=GroupMeeting.objects.order_by("starts_at", "id"))
        )
        .annotate(n_members=Count("members", distinct=True))
        .order_by("position", "id")
    )
    actions = list(_actions_queryset().filter(programme=programme))
    return ProgrammePage(
        programme=programme,
        groups=groups,
        actions=[a for a in actions if a.status in SELECTED_STATUSES],
        proposals=[a for a in actions if a.status not in SELECTED_STATUSES] if people else [],
        can_manage=can_manage_programme(user, programme),
        can_view_people=people,
    )


@dataclass
class ActionPage:
    action: Action
    needs: list[ActionNeed]
    milestones: list[object]
    updates: list[object]
    contributions: list[Contribution]
    can_manage: bool
    can_contribute: bool
    can_vote: bool
    has_voted: bool
    can_view_people: bool
    my_contribution: Contribution | None


def action_page(*, action: Action, user: AnyUser) -> ActionPage:
    people = can_view_people(user, action.programme)
    manage = can_manage_action(user, action)
    contributions = list(
        Contribution.objects.filter(action=action)
        .select_related("user", "actor", "need")
        .order_by("-created_at", "id")
    )
    mine = None
    if user.is_authenticated:
        mine = next(
            (
                c
                for c in contributions
                if c.user_id == user.pk
                and c.status in (ContributionStatus.OFFERED, ContributionStatus.ACCEPTED)
            ),
            None,
        )
    visible = (
        contributions
        if manage
        else [c for c in contributions if c.status == ContributionStatus.ACCEPTED]
    )
    return ActionPage(
        action=action,
        needs=list(action.needs.select_related("category").order_by("position", "id")),
        milestones=list(action.milestones.order_by("due_on", "id")),
        updates=list(action.updates.select_related("author").order_by("-created_at", "id")),
        contributions=visible if people or manage else [],
        can_manage=manage,
        can_contribute=can_contribute(user, action) and mine is None,
        can_vote=can_vote(user, action),
        has_voted=user.is_authenticated and action.votes.filter(user_id=user.pk).exists(),
        can_view_people=people,
        my_contribution=mine,
    )


@dataclass
class GroupPage:
    group: WorkingGroup
    members: list[GroupMember]
    meetings: list[GroupMeeting]
    actions: list[Action]
    can_manage: bool
    can_view_people: bool


def group_page(*, group: WorkingGroup, user: AnyUser) -> GroupPage:
    people = can_view_people(user, group.programme)
    return GroupPage(
        group=group,
        members=list(
            GroupMember.objects.filter(group=group)
            .select_related("actor", "user")
            .order_by("actor__name", "id")
        ),
        meetings=list(
            GroupMeeting.objects.filter(group=group)
            .prefetch_related(
                Prefetch("attendees", queryset=GroupMember.objects.select_related("actor"))
            )
            .order_by("starts_at", "id")
        ),
        actions=[
            a
            for a in _actions_queryset().filter(groups=group)
            if a.status in SELECTED_STATUSES or people
        ],
        can_manage=can_manage_programme(user, group.programme),
        can_view_people=people,
    )


@dataclass
class Dashboard:
    programme: Programme
    proposals: list[Action]
    pending_contributions: list[Contribution]
    counts: dict[str, int]


def programme_dashboard(*, programme: Programme) -> Dashboard:
    actions = Action.objects.filter(programme=programme)
    return Dashboard(
        programme=programme,
        proposals=list(
            _actions_queryset().filter(programme=programme, status=ActionStatus.PROPOSED)
        ),
        pending_contributions=list(
            Contribution.objects.filter(
                action__programme=programme, status=ContributionStatus.OFFERED
            )
            .select_related("action", "user", "actor")
            .order_by("created_at", "id")
        ),
        counts={
            "groups": programme.working_groups.count(),
            "members": GroupMember.objects.filter(group__programme=programme)
            .values("actor")
            .distinct()
            .count(),
            "meetings": GroupMeeting.objects.filter(group__programme=programme).count(),
            "proposed": actions.count(),
            "selected": actions.filter(status__in=SELECTED_STATUSES).count(),
            "contributions": Contribution.objects.filter(
                action__programme=programme, status=ContributionStatus.ACCEPTED
            ).count(),
        },
    )
