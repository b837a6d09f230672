"""Who may see and write the evaluation of a partnership.

- see the indicators, the report and the submitted assessments: whoever may see the
  partnership (``partnerships.permissions.can_view_partnership``);
- manage indicators and record measurements: whoever may change the partnership;
- answer an assessment: the active members of that party only — staff and facilitators
  read, they do not evaluate in a party's name;
- a party's members see the other parties' answers for a period only once their own
  party has submitted (and never another party's draft): nobody is anchored by the
  others' ratings.
"""

from __future__ import annotations

from django.http import Http404

from maillage.actors.permissions import AnyUser
from maillage.evaluation.models import Assessment, AssessmentPeriod, Indicator
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.permissions import (
    can_edit_partnership,
    can_view_partnership,
    member_parties,
    valid_id,
)


def can_view_evaluation(user: AnyUser, partnership: Partnership) -> bool:
    return can_view_partnership(user, partnership)


def can_manage_indicators(user: AnyUser, partnership: Partnership) -> bool:
    return can_edit_partnership(user, partnership)


def parties_user_answers_for(user: AnyUser, partnership: Partnership) -> list[Party]:
    return member_parties(user, partnership)


def can_answer_for(user: AnyUser, party: Party) -> bool:
    return any(own.pk == party.pk for own in member_parties(user, party.partnership))


def visible_party_ids(*, own_party_ids: set[int], assessments: list[Assessment]) -> set[int]:
    """The parties whose answers a reader sees for one period: their own parties' (draft
    or submitted); the others' submitted ones once every own party has submitted — or at
    once for a reader who answers for no party (a facilitator, staff)."""
    submitted = {a.party_id for a in assessments if a.is_submitted}
    if not own_party_ids:
        return submitted
    if own_party_ids <= submitted:
        return submitted | own_party_ids
    return set(own_party_ids)


def access_indicator_for_edit(user: AnyUser, indicator_id: int) -> Indicator:
    if not valid_id(indicator_id):
        raise Http404
    indicator = Indicator.objects.select_related("partnership").filter(pk=indicator_id).first()
    if indicator is None or not can_manage_indicators(user, indicator.partnership):
        raise Http404
    return indicator


def access_period_for_view(user: AnyUser, period_id: int) -> AssessmentPeriod:
    if not valid_id(period_id):
        raise Http404
    period = AssessmentPeriod.objects.select_related("partnership").filter(pk=period_id).first()
    if period is None or not can_view_evaluation(user, period.partnership):
        raise Http404
    return period


def access_party_for_answer(user: AnyUser, period: AssessmentPeriod, party_id: int) -> Party:
    """A party of the period's partnership the user answers for (404 otherwise)."""
    if not valid_id(party_id):
        raise Http404
    party = (
        Party.objects.select_related("actor", "partnership")
        .filter(pk=party_id, partnership=period.partnership)
        .first()
    )
    if party is None or not can_answer_for(user, party):
        raise Http404
    return party
