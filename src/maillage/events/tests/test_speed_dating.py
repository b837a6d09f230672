"""The speed-dating inside an event: participants from registrations, wishes, constraints,
plan and re-plan, agendas (screen, print, ICS), live view, « à poursuivre », the funnel."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.events import services
from maillage.events.enums import ConstraintKind
from maillage.events.models import Meeting
from maillage.events.planning import build_instance
from maillage.events.scheduling import validate_plan
from maillage.events.selectors import agenda_for, event_funnel, table_plan
from maillage.events.tests.factories import EventFactory
from maillage.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dating():
    """A speed-dating of a programme: 4 associations × 4 companies, each person in their
    organisation, 4 rounds, 3 tables."""
    facilitator = UserFactory(email="anim@exemple.org")
    programme = ProgrammeFactory(facilitators=[facilitator])
    event = EventFactory(speed_dating=True, programme=programme, capacity=20)
    registrations = []
    for index in range(8):
        company = index >= 4
        actor = ActorFactory(company=True) if company else ActorFactory()
        person = UserFactory()
        MembershipFactory(user=person, actor=actor)
        registrations.append(services.registration_create(event=event, user=person, actor=actor))
    return {"event": event, "facilitator": facilitator, "registrations": registrations}


def _pairs(event):
    return {
        frozenset((m.first_id, m.second_id))
        for m in Meeting.objects.filter(event=event).order_by("id")
    }


def test_sides_come_from_the_spheres(dating):
    sides = [r.side for r in dating["registrations"]]
    assert sides == ["A"] * 4 + ["B"] * 4


def test_plan_keeps_hard_constraints_and_honours_wishes_and_pairs(dating):
    event, regs = dating["event"], dating["registrations"]
    services.wishes_set(registration=regs[0], targets=[regs[5], regs[6]])
    services.wishes_set(registration=regs[5], targets=[regs[0]])
    services.pair_constraint_set(event=event, first=regs[1], second=regs[7], kind="must_meet")
    services.pair_constraint_set(event=event, first=regs[2], second=regs[4], kind="avoid")
    instance, _used = build_instance(event, services.plan_participants(event))
    assert any(s["score"] > 0 for s in instance["scores"])
    plan = services.speed_dating_plan(event=event, by=dating["facilitator"])
    pairs = _pairs(event)
    assert frozenset((regs[0].pk, regs[5].pk)) in pairs
    assert frozenset((regs[1].pk, regs[7].pk)) in pairs
    assert frozenset((regs[2].pk, regs[4].pk)) not in pairs
    assert plan.stats["meetings"] == len(pairs) == Meeting.objects.filter(event=event).count()
    for round_plan in table_plan(event=event):
        assert len(round_plan.meetings) <= event.tables
        seated = [r.pk for _m, a, b in round_plan.meetings for r in (a, b)]
        assert len(seated) == len(set(seated))
        assert all(a.side == "A" and b.side == "B" for _m, a, b in round_plan.meetings)


def test_wishes_are_checked(dating):
    regs = dating["registrations"]
    with pytest.raises(DomainError) as raised:
        services.wishes_set(registration=regs[0], targets=[regs[1]])
    assert raised.value.code == "same_side"
    with pytest.raises(DomainError):
        services.wishes_set(registration=regs[0], targets=[regs[0]])


def test_two_people_of_one_organisation_never_meet(dating):
    event, regs = dating["event"], dating["registrations"]
    colleague = UserFactory()
    MembershipFactory(user=colleague, actor=regs[4].actor)
    extra = services.registration_create(event=event, user=colleague, actor=regs[4].actor)
    services.registration_set_side(registration=extra, side="A")
    services.speed_dating_plan(event=event, by=None)
    assert frozenset((extra.pk, regs[4].pk)) not in _pairs(event)


def test_replanning_keeps_held_rounds_and_follows_arrivals_and_departures(dating):
    event, regs = dating["event"], dating["registrations"]
    for registration in regs:
        services.registration_check_in(registration=registration)
    services.speed_dating_plan(event=event, by=None)
    first_round = sorted(
        Meeting.objects.filter(event=event, round_number=1).values_list(
            "table", "first_id", "second_id"
        )
    )
    services.speed_dating_round_done(event=event)
    leaving = regs[0]
    services.registration_mark_left(registration=leaving)
    late_actor = ActorFactory(company=True)
    late_person = UserFactory()
    MembershipFactory(user=late_person, actor=late_actor)
    late = services.registration_create(event=event, user=late_person, actor=late_actor)
    services.registration_check_in(registration=late)
    plan = services.speed_dating_plan(event=event, by=None)
    assert plan.kept_rounds == 1
    assert (
        sorted(
            Meeting.objects.filter(event=event, round_number=1).values_list(
                "table", "first_id", "second_id"
            )
        )
        == first_round
    )
    later = Meeting.objects.filter(event=event, round_number__gt=1)
    people = {pk for m in later for pk in (m.first_id, m.second_id)}
    assert leaving.pk not in people
    assert late.pk in people
    # No pair meets twice across held and re-planned rounds.
    keys = [frozenset((m.first_id, m.second_id)) for m in Meeting.objects.filter(event=event)]
    assert len(keys) == len(set(keys))


def test_planning_errors_are_clear(dating):
    event, regs = dating["event"], dating["registrations"]
    services.pair_constraint_set(event=event, first=regs[0], second=regs[4], kind="must_meet")
    services.pair_constraint_set(
        event=event, first=regs[0], second=regs[4], kind=ConstraintKind.AVOID
    )
    services.speed_dating_plan(event=event, by=None)  # the later choice wins: avoided
    assert frozenset((regs[0].pk, regs[4].pk)) not in _pairs(event)
    lonely = EventFactory(speed_dating=True)
    with pytest.raises(DomainError) as raised:
        services.speed_dating_plan(event=lonely, by=None)
    assert raised.value.code == "too_few_participants"


def test_mutual_follow_up_opens_an_introduction_and_feeds_the_funnel(dating):
    from maillage.matching.models import Introduction

    event, regs = dating["event"], dating["registrations"]
    services.speed_dating_plan(event=event, by=None)
    meeting = Meeting.objects.filter(event=event).order_by("round_number", "table").first()
    first = next(r for r in regs if r.pk == meeting.first_id)
    second = next(r for r in regs if r.pk == meeting.second_id)
    services.meeting_follow_up(meeting=meeting, registration=first, follow_up=True)
    assert not Introduction.objects.exists()
    services.meeting_follow_up(meeting=meeting, registration=second, follow_up=True)
    meeting.refresh_from_db()
    assert meeting.introduction_opened_at is not None
    introduction = Introduction.objects.get()
    assert {introduction.from_actor_id, introduction.to_actor_id} == {
        first.actor_id,
        second.actor_id,
    }
    assert introduction.origin == "speed_dating"
    funnel = event_funnel(programme=event.programme)
    assert funnel.events == 1
    assert funnel.participants == 8
    assert funnel.meetings == Meeting.objects.filter(event=event).count()
    assert funnel.follow_ups == 1
    assert funnel.introductions == 1
    assert funnel.partnerships == 0
    with pytest.raises(DomainError):
        services.meeting_follow_up(meeting=meeting, registration=regs[-1], follow_up=True)


def test_agenda_pages_for_the_participant_and_the_facilitator(client, dating):
    event, regs = dating["event"], dating["registrations"]
    services.speed_dating_plan(event=event, by=None)
    me = regs[0]
    items = agenda_for(registration=me)
    assert [item.round_number for item in items] == sorted(item.round_number for item in items)
    url = reverse("events:agenda", kwargs={"pk": me.pk})
    client.force_login(me.user)
    page = client.get(url).content.decode()
    assert items[0].partner.actor.name in page
    ics = client.get(reverse("events:agenda_ics", kwargs={"pk": me.pk}))
    assert ics.status_code == 200
    assert ics.content.count(b"BEGIN:VEVENT") == len(items)
    assert client.get(reverse("events:wishes", kwargs={"pk": me.pk})).status_code == 200
    # Someone else's agenda: 404; the facilitator: yes.
    client.force_login(regs[1].user)
    assert client.get(url).status_code == 404
    client.force_login(dating["facilitator"])
    assert client.get(url).status_code == 200


def test_follow_up_over_http(client, dating):
    event, regs = dating["event"], dating["registrations"]
    services.speed_dating_plan(event=event, by=None)
    meeting = Meeting.objects.filter(event=event, first=regs[0]).first()
    client.force_login(regs[0].user)
    response = client.post(
        reverse("events:follow_up", kwargs={"pk": meeting.pk}), {"follow_up": "oui"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.first_follow_up is True
    client.force_login(regs[3].user)  # not theirs
    other = Meeting.objects.exclude(first=regs[3]).exclude(second=regs[3]).first()
    assert client.post(reverse("events:follow_up", kwargs={"pk": other.pk})).status_code == 404


def test_facilitator_pages_and_live_view(client, dating, django_assert_max_num_queries):
    event = dating["event"]
    client.force_login(dating["facilitator"])
    assert client.post(reverse("events:plan", kwargs={"pk": event.pk})).status_code == 302
    for name in ("speed_dating", "table_plan", "live"):
        with django_assert_max_num_queries(40):
            response = client.get(reverse(f"events:{name}", kwargs={"pk": event.pk}))
        assert response.status_code == 200, name
    region = client.get(reverse("events:live", kwargs={"pk": event.pk}), HTTP_HX_REQUEST="true")
    assert b"<html" not in region.content
    client.post(reverse("events:round_done", kwargs={"pk": event.pk}))
    event.refresh_from_db()
    assert event.rounds_held == 1
    stranger = UserFactory()
    client.force_login(stranger)
    for name in ("speed_dating", "table_plan", "live"):
        assert client.get(reverse(f"events:{name}", kwargs={"pk": event.pk})).status_code == 404
    assert client.post(reverse("events:plan", kwargs={"pk": event.pk})).status_code == 404


def test_the_stored_plan_passes_the_validator(dating):
    event = dating["event"]
    services.speed_dating_plan(event=event, by=None)
    instance, _used = build_instance(event, services.plan_participants(event))
    rounds = [[] for _ in range(event.rounds)]
    for m in Meeting.objects.filter(event=event).order_by("round_number", "table"):
        rounds[m.round_number - 1].append(
            {"table": m.table, "a": str(m.first_id), "b": str(m.second_id), "score": m.score}
        )
    total = sum(m["score"] for r in rounds for m in r)
    plan = {"rounds": rounds, "total_score": total, "upper_bound": total, "unmet_must_meet": []}
    assert validate_plan(instance, plan) == []
    assert timezone.now()  # the plan is stored, not recomputed
