"""Who may see and change what in the case library. The only home of these rules.

Case studies:
- **see** a published case study: everyone, signed in or not (contact persons are never
  part of it); a draft: the active members of the partnership's parties, the facilitators
  who follow the partnership, and staff (``partnerships.permissions.can_view_partnership``);
- **propose**, **edit**, **publish** and **delete** a draft: the same people (publishing
  also needs every party's consent, a rule of the services);
- **give or withdraw a party's consent**: that party's active admins; staff may record it
  for a party that agreed in writing (with a note saying so);
- **take a published case study out** of the library: an admin of one of its parties, or
  staff.

Good practices: published ones are public; drafts are seen and edited by their author and
staff; facilitators and staff write them.

``access_*`` answer 404 for missing and forbidden alike.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership
from maillage.actors.models import Actor
from maillage.actors.permissions import AnyUser, is_facilitator
from maillage.library.enums import CaseStudyStatus, PracticeStatus
from maillage.library.models import CaseStudy, GoodPractice
from maillage.partnerships.models import Partnership
from maillage.partnerships.permissions import can_view_partnership, partnerships_visible_to


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _user_id(user: AnyUser) -> int:
    return int(user.pk or 0)


# --------------------------------------------------------------------------- case studies


def can_propose_case_study(user: AnyUser, partnership: Partnership) -> bool:
    return can_view_partnership(user, partnership)


def can_view_case_study(user: AnyUser, case_study: CaseStudy) -> bool:
    if case_study.status == CaseStudyStatus.PUBLIEE:
        return True
    return can_view_partnership(user, case_study.partnership)


def can_edit_case_study(user: AnyUser, case_study: CaseStudy) -> bool:
    """Change, publish or delete a draft (a published case study is taken out first)."""
    if case_study.status != CaseStudyStatus.BROUILLON:
        return False
    return can_view_partnership(user, case_study.partnership)


def is_party_admin(user: AnyUser, actor: Actor) -> bool:
    if not _active(user):
        return False
    return Membership.objects.filter(
        user_id=_user_id(user),
        actor=actor,
        status=MembershipStatus.ACTIVE,
        role=MembershipRole.ADMIN,
    ).exists()


def can_consent_for(user: AnyUser, actor: Actor) -> bool:
    """Give or withdraw ``actor``'s consent (its admins; staff on its behalf)."""
    if not _active(user):
        return False
    return bool(user.is_staff) or is_party_admin(user, actor)


def consent_actors_for(user: AnyUser, case_study: CaseStudy) -> list[Actor]:
    """The parties whose consent the user may give: those they administer (every party
    for staff)."""
    if not _active(user):
        return []
    actors = Actor.objects.filter(pk__in=case_study.consents.values("actor_id")).order_by(
        "name", "id"
    )
    if user.is_staff:
        return list(actors)
    return list(
        actors.filter(
            memberships__user_id=_user_id(user),
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role=MembershipRole.ADMIN,
        )
    )


def can_unpublish(user: AnyUser, case_study: CaseStudy) -> bool:
    if case_study.status != CaseStudyStatus.PUBLIEE or not _active(user):
        return False
    return bool(consent_actors_for(user, case_study))


def case_studies_visible_to(user: AnyUser) -> QuerySet[CaseStudy]:
    """Published case studies and the drafts the user may see (queryset form)."""
    condition = Q(status=CaseStudyStatus.PUBLIEE)
    if _active(user):
        condition |= Q(partnership__in=partnerships_visible_to(user).values("pk"))
    return CaseStudy.objects.filter(condition)


def access_case_study_for_view(user: AnyUser, case_study_id: int) -> CaseStudy:
    case_study = (
        CaseStudy.objects.select_related("partnership", "partnership_type")
        .filter(pk=case_study_id)
        .first()
    )
    if case_study is None or not can_view_case_study(user, case_study):
        raise Http404
    return case_study


def access_case_study_for_edit(user: AnyUser, case_study_id: int) -> CaseStudy:
    case_study = CaseStudy.objects.select_related("partnership").filter(pk=case_study_id).first()
    if case_study is None or not can_edit_case_study(user, case_study):
        raise Http404
    return case_study


def access_case_study_for_consent(user: AnyUser, case_study_id: int) -> CaseStudy:
    """A case study the user may see and give some party's consent to."""
    case_study = CaseStudy.objects.select_related("partnership").filter(pk=case_study_id).first()
    if (
        case_study is None
        or not can_view_case_study(user, case_study)
        or not consent_actors_for(user, case_study)
    ):
        raise Http404
    return case_study


# --------------------------------------------------------------------------- good practices


def can_write_practices(user: AnyUser) -> bool:
    return _active(user) and (bool(user.is_staff) or is_facilitator(user))


def can_edit_practice(user: AnyUser, practice: GoodPractice) -> bool:
    if not _active(user):
        return False
    return bool(user.is_staff) or (practice.created_by_id == user.pk and is_facilitator(user))


def can_view_practice(user: AnyUser, practice: GoodPractice) -> bool:
    return practice.status == PracticeStatus.PUBLIEE or can_edit_practice(user, practice)


def practices_visible_to(user: AnyUser) -> QuerySet[GoodPractice]:
    condition = Q(status=PracticeStatus.PUBLIEE)
    if _active(user):
        if user.is_staff:
            return GoodPractice.objects.all()
        if is_facilitator(user):
            condition |= Q(created_by_id=_user_id(user))
    return GoodPractice.objects.filter(condition)


def access_practice_for_view(user: AnyUser, practice_id: int) -> GoodPractice:
    practice = GoodPractice.objects.filter(pk=practice_id).first()
    if practice is None or not can_view_practice(user, practice):
        raise Http404
    return practice


def access_practice_for_edit(user: AnyUser, practice_id: int) -> GoodPractice:
    practice = GoodPractice.objects.filter(pk=practice_id).first()
    if practice is None or not can_edit_practice(user, practice):
        raise Http404
    return practice
