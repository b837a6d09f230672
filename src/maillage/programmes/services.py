"""The one write path for programmes, working groups, meetings, proposals, selections and
actions (with their needs, contributions, milestones and follow-up).

Keyword-only, typed, atomic; broken rules raise ``DomainError(field=…, code=…)``. Access
rules live in ``permissions.py``: callers check them first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership, User
from maillage.actors.enums import Sphere
from maillage.actors.models import Actor, Category, Contact, Theme
from maillage.core.errors import DomainError
from maillage.programmes.enums import (
    ActionStatus,
    ContributionStatus,
    MeetingStatus,
    PhaseKind,
    ProgrammeStatus,
    SelectionMethod,
)
from maillage.programmes.models import (
    Action,
    ActionNeed,
    ActionUpdate,
    ActionVote,
    Contribution,
    GroupMeeting,
    GroupMember,
    Milestone,
    Phase,
    Programme,
    WorkingGroup,
)
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code


def _notify(
    *, users: Iterable[User | None], kind: str, title: str, body: str = "", url: str = ""
) -> None:
    """Notices through the notifications app (in-app, and e-mail as each user chose)."""
    from maillage.notifications.services import notification_send

    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        notification_send(user=user, kind=kind, title=title, body=body, url=url)


def _required(value: str, field: str, message: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DomainError(message, field=field, code="required")
    return text


def _period(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(
            _("La fin ne peut précéder le début."), field="ends_on", code="invalid_period"
        )


def _territories(codes: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for code in codes:
        if not code or not code.strip():
            continue
        try:
            level, value = parse_territory_code(code)
        except InvalidTerritoryCode as error:
            raise DomainError(str(error), field="territory_codes", code="invalid") from error
        formatted = "fr" if level == "fr" else f"{level}:{value}"
        if formatted not in cleaned:
            cleaned.append(formatted)
    return cleaned


# --------------------------------------------------------------------------- programmes


@transaction.atomic
def programme_create(
    *,
    created_by: User | None,
    title: str,
    summary: str = "",
    territory_codes: Sequence[str] = (),
    lead_actor: Actor | None = None,
    co_pilots: Sequence[Actor] = (),
    themes: Sequence[str] = (),
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    status: str = ProgrammeStatus.DRAFT,
    facilitators: Sequence[User] = (),
) -> Programme:
    """Create a programme; its creator is one of its facilitators."""
    title = _required(title, "title", _("L'intitulé est obligatoire."))
    _period(starts_on, ends_on)
    if status not in ProgrammeStatus.values:
        raise DomainError(_("Statut inconnu."), field="status", code="invalid")
    programme = Programme.objects.create(
        title=title,
        summary=summary.strip(),
        territory_codes=_territories(territory_codes),
        lead_actor=lead_actor,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        created_by=created_by,
    )
    programme.co_pilots.set(co_pilots)
    programme.themes.set(Theme.objects.filter(code__in=themes))
    people = [*facilitators, *([created_by] if created_by else [])]
    programme.facilitators.set({user.pk for user in people})
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    title: str,
    summary: str = "",
    territory_codes: Sequence[str] = (),
    lead_actor: Actor | None = None,
    co_pilots: Sequence[Actor] = (),
    themes: Sequence[str] = (),
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    status: str = ProgrammeStatus.DRAFT,
) -> Programme:
    programme.title = _required(title, "title", _("L'intitulé est obligatoire."))
    _period(starts_on, ends_on)
    if status not in ProgrammeStatus.values:
        raise DomainError(_("Statut inconnu."), field="status", code="invalid")
    programme.summary = summary.strip()
    programme.territory_codes = _territories(territory_codes)
    programme.lead_actor = lead_actor
    programme.starts_on, programme.ends_on = starts_on, ends_on
    programme.status = status
    programme.save()
    programme.co_pilots.set(co_pilots)
    programme.themes.set(Theme.objects.filter(code__in=themes))
    return programme


@transaction.atomic
def programme_add_facilitator(*, programme: Programme, user: User) -> None:
    programme.facilitators.add(user)


@transaction.atomic
def phase_add(
    *,
    programme: Programme,
    kind: str,
    title: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    description: str = "",
) -> Phase:
    if kind not in PhaseKind.values:
        raise DomainError(_("Étape inconnue."), field="kind", code="invalid")
    _period(starts_on, ends_on)
    position = programme.phases.count()
    return Phase.objects.create(
        programme=programme,
        kind=kind,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        description=description.strip(),
        position=position,
    )


# --------------------------------------------------------------------------- working groups


def _check_co_leads(association: Actor | None, company: Actor | None) -> None:
    if association is not None and association.sphere != Sphere.ESS:
        raise DomainError(
            _("Le binôme réunit une structure de l'ESS (association…) et une entreprise."),
            field="co_lead_association",
            code="co_lead_sphere",
        )
    if company is not None and company.sphere != Sphere.ENTREPRISES:
        raise DomainError(
            _("Le binôme réunit une structure de l'ESS (association…) et une entreprise."),
            field="co_lead_company",
            code="co_lead_sphere",
        )


@transaction.atomic
def working_group_create(
    *,
    programme: Programme,
    title: str,
    theme: str = "",
    description: str = "",
    co_lead_association: Actor | None = None,
    co_lead_company: Actor | None = None,
) -> WorkingGroup:
    title = _required(title, "title", _("L'intitulé est obligatoire."))
    _check_co_leads(co_lead_association, co_lead_company)
    theme_row = Theme.objects.filter(code=theme).first() if theme else None
    if theme and theme_row is None:
        raise DomainError(_("Thématique inconnue."), field="theme", code="invalid")
    group = WorkingGroup.objects.create(
        programme=programme,
        title=title,
        theme=theme_row,
        description=description.strip(),
        co_lead_association=co_lead_association,
        co_lead_company=co_lead_company,
        position=programme.working_groups.count(),
    )
    for actor in (co_lead_association, co_lead_company):
        if actor is not None:
            group_member_add(group=group, actor=actor)
    return group


@transaction.atomic
def working_group_update(
    *,
    group: WorkingGroup,
    title: str,
    theme: str = "",
    description: str = "",
    co_lead_association: Actor | None = None,
    co_lead_company: Actor | None = None,
) -> WorkingGroup:
    group.title = _required(title, "title", _("L'intitulé est obligatoire."))
    _check_co_leads(co_lead_association, co_lead_company)
    group.theme = Theme.objects.filter(code=theme).first() if theme else None
    group.description = description.strip()
    group.co_lead_association = co_lead_association
    group.co_lead_company = co_lead_company
    group.save()
    for actor in (co_lead_association, co_lead_company):
        if actor is not None:
            group_member_add(group=group, actor=actor)
    return group


@transaction.atomic
def group_member_add(*, group: WorkingGroup, actor: Actor, user: User | None = None) -> GroupMember:
    """Idempotent on (group, actor); a person given later is recorded."""
    if (
        user is not None
        and not Membership.objects.filter(
            user=user, actor=actor, status=MembershipStatus.ACTIVE
        ).exists()
    ):
        raise DomainError(
            _("Cette personne n'est pas membre de la structure."), field="user", code="not_member"
        )
    member, created = GroupMember.objects.get_or_create(
        group=group, actor=actor, defaults={"user": user}
    )
    if not created and user is not None and member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user", "updated_at"])
    return member


@transaction.atomic
def group_member_remove(*, member: GroupMember) -> None:
    group = member.group
    if member.actor_id in (group.co_lead_association_id, group.co_lead_company_id):
        raise DomainError(
            _("Une structure du binôme d'animation ne peut quitter le groupe."),
            field="member",
            code="co_lead",
        )
    member.delete()


@transaction.atomic
def group_meeting_create(
    *,
    group: WorkingGroup,
    title: str,
    starts_at: dt.datetime,
    location: str = "",
    agenda: str = "",
) -> GroupMeeting:
    title = _required(title, "title", _("L'intitulé est obligatoire."))
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    return GroupMeeting.objects.create(
        group=group, title=title, starts_at=starts_at, location=location.strip(), agenda=agenda
    )


@transaction.atomic
def group_meeting_record(
    *,
    meeting: GroupMeeting,
    minutes: str,
    attendee_ids: Iterable[int],
    status: str = MeetingStatus.HELD,
) -> GroupMeeting:
    """Minutes and attendance, after the meeting."""
    if status not in MeetingStatus.values:
        raise DomainError(_("Statut inconnu."), field="status", code="invalid")
    wanted = set(attendee_ids)
    members = list(GroupMember.objects.filter(group=meeting.group, pk__in=wanted))
    if len(members) != len(wanted):
        raise DomainError(
            _("Seuls les membres du groupe peuvent être indiqués présents."),
            field="attendees",
            code="not_member",
        )
    meeting.minutes = minutes
    meeting.status = status
    meeting.save(update_fields=["minutes", "status", "updated_at"])
    meeting.attendees.set(members)
    return meeting


# --------------------------------------------------------------------------- proposals


@transaction.atomic
def action_propose(
    *,
    programme: Programme,
    title: str,
    summary: str = "",
    groups: Sequence[WorkingGroup] = (),
    is_cross_cutting: bool = False,
    proposed_by: User | None = None,
) -> Action:
    title = _required(title, "title", _("L'intitulé est obligatoire."))
    if any(group.programme_id != programme.pk for group in groups):
        raise DomainError(
            _("Les groupes doivent appartenir au programme."), field="groups", code="invalid"
        )
    action = Action.objects.create(
        programme=programme,
        title=title,
        summary=summary.strip(),
        is_cross_cutting=is_cross_cutting or len(groups) > 1,
        proposed_by=proposed_by,
        position=programme.actions.count(),
    )
    action.groups.set(groups)
    return action


@transaction.atomic
def action_vote_cast(*, action: Action, user: User) -> bool:
    """Vote for a proposal; False when the user had already voted (idempotent)."""
    if action.status != ActionStatus.PROPOSED:
        raise DomainError(
            _("Les votes sont clos pour cette action."), field="action", code="vote_closed"
        )
    _vote, created = ActionVote.objects.get_or_create(action=action, user=user)
    return created


@transaction.atomic
def action_vote_withdraw(*, action: Action, user: User) -> None:
    ActionVote.objects.filter(action=action, user=user).delete()


@transaction.atomic
def action_select(
    *,
    action: Action,
    decided_by: User,
    method: str,
    selected: bool,
    note: str = "",
) -> Action:
    """Record the group's decision on a proposal: retained or not, by vote (the votes are
    counted and kept) or by the facilitator's choice (a reason is required)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status not in (
        ActionStatus.PROPOSED,
        ActionStatus.SELECTED,
        ActionStatus.NOT_SELECTED,
    ):
        raise DomainError(
            _("Cette action est déjà en œuvre : sa sélection ne change plus."),
            field="action",
            code="already_started",
        )
    if method not in SelectionMethod.values:
        raise DomainError(_("Mode de sélection inconnu."), field="method", code="invalid")
    if method == SelectionMethod.FACILITATOR and not note.strip():
        raise DomainError(
            _("Indiquez le motif du choix de l'animateur."), field="note", code="required"
        )
    action.status = ActionStatus.SELECTED if selected else ActionStatus.NOT_SELECTED
    action.selection_method = method
    action.selection_votes = action.votes.count() if method == SelectionMethod.VOTE else None
    action.selection_note = note.strip()
    action.selected_by = decided_by
    action.selected_at = timezone.now()
    action.save()
    return action


# --------------------------------------------------------------------------- actions


@transaction.atomic
def action_update(
    *,
    action: Action,
    title: str,
    summary: str = "",
    referent_actor: Actor | None = None,
    referent_contact: Contact | None = None,
    referent_user: User | None = None,
) -> Action:
    action.title = _required(title, "title", _("L'intitulé est obligatoire."))
    if referent_contact is not None and (
        referent_actor is None or referent_contact.actor_id != referent_actor.pk
    ):
        raise DomainError(
            _("La personne référente doit être un contact de la structure référente."),
            field="referent_contact",
            code="invalid",
        )
    action.summary = summary.strip()
    action.referent_actor = referent_actor
    action.referent_contact = referent_contact
    action.referent_user = referent_user
    action.save()
    return action


_TRANSITIONS = {
    ActionStatus.PROPOSED: {ActionStatus.SELECTED, ActionStatus.NOT_SELECTED},
    ActionStatus.SELECTED: {ActionStatus.IN_PROGRESS, ActionStatus.ABANDONED},
    ActionStatus.NOT_SELECTED: set(),
    ActionStatus.IN_PROGRESS: {ActionStatus.DONE, ActionStatus.ABANDONED},
    ActionStatus.DONE: {ActionStatus.IN_PROGRESS},
    ActionStatus.ABANDONED: {ActionStatus.IN_PROGRESS},
}


@transaction.atomic
def action_set_status(*, action: Action, status: str, by: User | None = None) -> Action:
    """Move an action along its life (selection itself goes through ``action_select``)."""
    if status not in ActionStatus.values:
        raise DomainError(_("Statut inconnu."), field="status", code="invalid")
    if status in (ActionStatus.SELECTED, ActionStatus.NOT_SELECTED) and (
        action.status == ActionStatus.PROPOSED
    ):
        raise DomainError(
            _("La sélection s'enregistre avec son mode (vote ou choix de l'animateur)."),
            field="status",
            code="use_selection",
        )
    if status != action.status and status not in _TRANSITIONS[ActionStatus(action.status)]:
        raise DomainError(
            _("Passage impossible de « %(old)s » à « %(new)s ».")
            % {"old": action.get_status_display(), "new": ActionStatus(status).label},
            field="status",
            code="invalid_transition",
        )
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    if by is not None and status != ActionStatus.IN_PROGRESS:
        action_update_add(
            action=action,
            author=by,
            text=_("Statut : %(status)s.") % {"status": ActionStatus(status).label},
        )
    return action


@transaction.atomic
def action_need_add(*, action: Action, text: str, category: str = "") -> ActionNeed:
    text = _required(text, "text", _("Décrivez le besoin."))
    category_row = Category.objects.filter(code=category).first() if category else None
    if category and category_row is None:
        raise DomainError(_("Catégorie inconnue."), field="category", code="invalid")
    return ActionNeed.objects.create(
        action=action, text=text, category=category_row, position=action.needs.count()
    )


@transaction.atomic
def action_need_set_met(*, need: ActionNeed, is_met: bool) -> ActionNeed:
    need.is_met = is_met
    need.save(update_fields=["is_met"])
    return need


@transaction.atomic
def contribution_offer(
    *,
    action: Action,
    user: User,
    message: str,
    actor: Actor | None = None,
    need: ActionNeed | None = None,
) -> Contribution:
    """« Je veux contribuer »: the referent and the facilitators are told."""
    message = _required(message, "message", _("Dites en quelques mots ce que vous proposez."))
    if action.status not in (ActionStatus.SELECTED, ActionStatus.IN_PROGRESS):
        raise DomainError(
            _("On ne peut contribuer qu'à une action retenue ou en cours."),
            field="action",
            code="not_open",
        )
    if (
        actor is not None
        and not Membership.objects.filter(
            user=user, actor=actor, status=MembershipStatus.ACTIVE
        ).exists()
    ):
        raise DomainError(
            _("Vous ne pouvez contribuer qu'au nom d'une structure dont vous êtes membre."),
            field="actor",
            code="not_member",
        )
    if need is not None and need.action_id != action.pk:
        raise DomainError(_("Besoin inconnu pour cette action."), field="need", code="invalid")
    if Contribution.objects.filter(
        action=action,
        user=user,
        status__in=[ContributionStatus.OFFERED, ContributionStatus.ACCEPTED],
    ).exists():
        raise DomainError(
            _("Vous avez déjà proposé votre contribution à cette action."),
            field="message",
            code="already_contributing",
        )
    contribution = Contribution.objects.create(
        action=action, user=user, actor=actor, need=need, message=message
    )
    who = actor.name if actor else str(user)
    _notify(
        users=[*action.programme.facilitators.all(), action.referent_user],
        kind="programme_contribution",
        title=_("%(who)s veut contribuer à « %(action)s »") % {"who": who, "action": action.title},
        body=message,
        url=action.get_absolute_url(),
    )
    return contribution


@transaction.atomic
def contribution_decide(*, contribution: Contribution, accepted: bool, by: User) -> Contribution:
    if contribution.status != ContributionStatus.OFFERED:
        raise DomainError(
            _("Cette proposition a déjà reçu une réponse."), field="status", code="decided"
        )
    contribution.status = ContributionStatus.ACCEPTED if accepted else ContributionStatus.DECLINED
    contribution.save(update_fields=["status", "updated_at"])
    title = (
        _("Votre contribution à « %(action)s » est acceptée")
        if accepted
        else _("Votre contribution à « %(action)s » n'est pas retenue pour l'instant")
    ) % {"action": contribution.action.title}
    _notify(
        users=[contribution.user],
        kind="programme_contribution_decided",
        title=title,
        url=contribution.action.get_absolute_url(),
    )
    return contribution


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution) -> Contribution:
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.save(update_fields=["status", "updated_at"])
    return contribution


@transaction.atomic
def milestone_add(*, action: Action, title: str, due_on: dt.date | None = None) -> Milestone:
    title = _required(title, "title", _("Nommez le jalon."))
    return Milestone.objects.create(action=action, title=title, due_on=due_on)


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, done_on: dt.date | None = None) -> Milestone:
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def action_update_add(*, action: Action, author: User | None, text: str) -> ActionUpdate:
    text = _required(text, "text", _("Le point d'avancement est vide."))
    return ActionUpdate.objects.create(action=action, author=author, text=text)
