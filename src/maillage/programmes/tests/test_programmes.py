"""Programmes: services (rules), the permission matrix over HTTP, and the public pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.accounts.tests.personas import build_cast
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.notifications.models import Notification
from maillage.programmes import services
from maillage.programmes.enums import ActionStatus, ContributionStatus, SelectionMethod
from maillage.programmes.models import Contribution
from maillage.programmes.tests.factories import (
    ActionFactory,
    GroupMemberFactory,
    ProgrammeFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_cast()
    # The Vienne facilitator runs the programme; the Val-de-Marne one does not.
    cast.programme = ProgrammeFactory(facilitators=[cast.facilitator_in])
    cast.draft = ProgrammeFactory(draft=True, facilitators=[cast.facilitator_in])
    cast.group = WorkingGroupFactory(programme=cast.programme)
    cast.action = ActionFactory(programme=cast.programme, referent_actor=cast.actor)
    cast.proposal = ActionFactory(programme=cast.programme, proposed=True)
    cast.proposal.groups.add(cast.group)
    return cast


def _login(client, user):
    if user is not None:
        client.force_login(user)


# --------------------------------------------------------------------------- services


def test_programme_creator_becomes_its_facilitator(cast):
    programme = services.programme_create(
        created_by=cast.facilitator_in,
        title="  Agir   ensemble  ",
        territory_codes=["dep:86", "dep:86", "com:86194"],
        themes=["handicap"],
    )
    assert programme.title == "Agir ensemble"
    assert programme.territory_codes == ["dep:86", "com:86194"]
    assert list(programme.facilitators.all()) == [cast.facilitator_in]


def test_programme_rejects_a_bad_territory_and_a_reversed_period(cast):
    import datetime as dt

    with pytest.raises(DomainError) as raised:
        services.programme_create(created_by=None, title="X", territory_codes=["dep:ZZ"])
    assert raised.value.field == "territory_codes"
    with pytest.raises(DomainError) as raised:
        services.programme_create(
            created_by=None, title="X", starts_on=dt.date(2013, 6, 5), ends_on=dt.date(2012, 1, 1)
        )
    assert raised.value.code == "invalid_period"


def test_co_lead_pair_is_an_association_and_a_company(cast):
    association, company = ActorFactory(), ActorFactory(company=True)
    group = services.working_group_create(
        programme=cast.programme,
        title="Handicap",
        theme="handicap",
        co_lead_association=association,
        co_lead_company=company,
    )
    assert {m.actor for m in group.members.all()} == {association, company}
    with pytest.raises(DomainError) as raised:
        services.working_group_create(
            programme=cast.programme, title="X", co_lead_association=company
        )
    assert raised.value.code == "co_lead_sphere"


def test_co_lead_cannot_leave_the_group(cast):
    member = cast.group.members.model.objects.filter(
        group=cast.group
    ).first() or GroupMemberFactory(group=cast.group, actor=cast.group.co_lead_association)
    with pytest.raises(DomainError):
        services.group_member_remove(member=member)


def test_attendance_only_of_group_members(cast):
    import datetime as dt

    meeting = services.group_meeting_create(
        group=cast.group, title="Réunion 1", starts_at=dt.datetime(2013, 1, 10, 18)
    )
    outsider = GroupMemberFactory()
    with pytest.raises(DomainError):
        services.group_meeting_record(meeting=meeting, minutes="...", attendee_ids=[outsider.pk])
    member = GroupMemberFactory(group=cast.group)
    services.group_meeting_record(meeting=meeting, minutes="Compte rendu", attendee_ids=[member.pk])
    assert list(meeting.attendees.all()) == [member]


def test_selection_by_vote_records_the_votes(cast):
    services.action_vote_cast(action=cast.proposal, user=cast.member)
    assert services.action_vote_cast(action=cast.proposal, user=cast.member) is False
    services.action_vote_cast(action=cast.proposal, user=cast.admin)
    action = services.action_select(
        action=cast.proposal,
        decided_by=cast.facilitator_in,
        method=SelectionMethod.VOTE,
        selected=True,
    )
    assert action.status == ActionStatus.SELECTED
    assert action.selection_votes == 2
    assert action.selected_by == cast.facilitator_in
    with pytest.raises(DomainError) as raised:
        services.action_vote_cast(action=action, user=cast.stranger)
    assert raised.value.code == "vote_closed"


def test_facilitator_choice_needs_a_reason(cast):
    with pytest.raises(DomainError) as raised:
        services.action_select(
            action=cast.proposal,
            decided_by=cast.facilitator_in,
            method=SelectionMethod.FACILITATOR,
            selected=False,
        )
    assert raised.value.field == "note"


def test_contribution_rules_and_notifications(cast):
    cast.action.referent_user = cast.other_admin
    cast.action.save()
    contribution = services.contribution_offer(
        action=cast.action, user=cast.admin, actor=cast.actor, message="Une salle le soir."
    )
    assert Notification.objects.filter(user=cast.facilitator_in).exists()
    assert Notification.objects.filter(user=cast.other_admin).exists()
    with pytest.raises(DomainError) as raised:
        services.contribution_offer(action=cast.action, user=cast.admin, message="Encore")
    assert raised.value.code == "already_contributing"
    with pytest.raises(DomainError) as raised:
        services.contribution_offer(
            action=cast.action, user=cast.stranger, actor=cast.actor, message="Moi"
        )
    assert raised.value.code == "not_member"
    with pytest.raises(DomainError) as raised:
        services.contribution_offer(action=cast.proposal, user=cast.member, message="Moi")
    assert raised.value.code == "not_open"
    services.contribution_decide(contribution=contribution, accepted=True, by=cast.facilitator_in)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED
    assert Notification.objects.filter(user=cast.admin).exists()


def test_status_transitions_are_checked(cast):
    services.action_set_status(action=cast.action, status=ActionStatus.IN_PROGRESS)
    services.action_set_status(action=cast.action, status=ActionStatus.DONE, by=cast.facilitator_in)
    assert cast.action.updates.count() == 1
    with pytest.raises(DomainError) as raised:
        services.action_set_status(action=cast.proposal, status=ActionStatus.SELECTED)
    assert raised.value.code == "use_selection"
    with pytest.raises(DomainError) as raised:
        services.action_set_status(action=cast.proposal, status=ActionStatus.DONE)
    assert raised.value.code == "invalid_transition"


def test_referent_contact_must_belong_to_the_referent(cast):
    from maillage.actors.tests.factories import ContactFactory

    contact = ContactFactory(actor=cast.other_actor)
    with pytest.raises(DomainError):
        services.action_update(
            action=cast.action, title="X", referent_actor=cast.actor, referent_contact=contact
        )


# --------------------------------------------------------------------------- permissions


MANAGE_PAGES = ("edit", "dashboard", "phase_add", "group_create", "action_propose")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("member", False),
        ("admin", False),
        ("facilitator_out", False),
        ("facilitator_in", True),
        ("staff", True),
    ],
)
def test_only_the_programmes_facilitators_manage_it(client, cast, role, allowed):
    _login(client, cast.roles()[role])
    for name in MANAGE_PAGES:
        response = client.get(reverse(f"programmes:{name}", kwargs={"pk": cast.programme.pk}))
        if role == "anonymous":
            assert response.status_code == 302, name
        else:
            assert response.status_code == (200 if allowed else 404), name
    for name in ("action_edit", "action_select"):
        response = client.get(reverse(f"programmes:{name}", kwargs={"pk": cast.action.pk}))
        expected = 200 if allowed else (302 if role == "anonymous" else 404)
        assert response.status_code == expected, name
    response = client.get(reverse("programmes:group_edit", kwargs={"pk": cast.group.pk}))
    assert response.status_code == (200 if allowed else (302 if role == "anonymous" else 404))


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("facilitator_out", False),
        ("facilitator_in", True),
        ("staff", True),
    ],
)
def test_a_draft_programme_is_seen_by_its_managers_only(client, cast, role, visible):
    _login(client, cast.roles()[role])
    response = client.get(reverse("programmes:detail_short", kwargs={"pk": cast.draft.pk}))
    assert response.status_code == (200 if visible else 404)
    listed = client.get(reverse("programmes:list")).content.decode()
    assert (cast.draft.title in listed) is visible


def test_referent_user_manages_the_action_but_not_the_programme(client, cast):
    cast.action.referent_user = cast.member
    cast.action.save()
    client.force_login(cast.member)
    assert (
        client.get(reverse("programmes:action_edit", kwargs={"pk": cast.action.pk})).status_code
        == 200
    )
    assert (
        client.get(reverse("programmes:action_select", kwargs={"pk": cast.action.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("programmes:dashboard", kwargs={"pk": cast.programme.pk})).status_code
        == 404
    )


def test_referent_contact_details_only_for_participants(client, cast):
    from maillage.actors.tests.factories import ContactFactory

    contact = ContactFactory(actor=cast.actor, email="referente@exemple.org")
    cast.action.referent_contact = contact
    cast.action.save()
    url = cast.action.get_absolute_url()
    assert "referente@exemple.org" not in client.get(url).content.decode()
    client.force_login(cast.stranger)
    assert "referente@exemple.org" not in client.get(url).content.decode()
    client.force_login(cast.facilitator_in)
    assert "referente@exemple.org" in client.get(url).content.decode()


# --------------------------------------------------------------------------- pages


def test_je_veux_contribuer_over_http(client, cast):
    url = reverse("programmes:action_contribute", kwargs={"pk": cast.action.pk})
    assert client.post(url, {"message": "x"}).status_code == 302  # sign in first
    client.force_login(cast.admin)
    page = client.get(cast.action.get_absolute_url()).content.decode()
    assert "Je veux contribuer" in page
    response = client.post(url, {"message": "Nos bénévoles, le samedi.", "actor": cast.actor.pk})
    assert response.status_code == 302
    assert Contribution.objects.get(action=cast.action).actor == cast.actor
    # Without any membership, no form: 404 on the post.
    client.force_login(cast.stranger)
    assert client.post(url, {"message": "x"}).status_code == 404


def test_empty_contribution_keeps_the_form_with_an_error(client, cast):
    client.force_login(cast.admin)
    url = reverse("programmes:action_contribute", kwargs={"pk": cast.action.pk})
    response = client.post(url, {"message": ""})
    assert response.status_code == 400
    assert Contribution.objects.count() == 0


def test_vote_over_http_for_group_people_only(client, cast):
    person = UserFactory()
    MembershipFactory(user=person, actor=cast.actor)
    GroupMemberFactory(group=cast.group, actor=cast.actor, user=person)
    url = reverse("programmes:action_vote", kwargs={"pk": cast.proposal.pk})
    client.force_login(cast.stranger)
    assert client.post(url).status_code == 404
    client.force_login(person)
    assert client.post(url).status_code == 302
    assert cast.proposal.votes.count() == 1


def test_public_pages_render_for_everyone(client, cast, django_assert_max_num_queries):
    for user in (None, cast.facilitator_in):
        _login(client, user)
        with django_assert_max_num_queries(40):
            assert client.get(reverse("programmes:list")).status_code == 200
        for url in (
            cast.programme.get_absolute_url(),
            reverse("programmes:group", kwargs={"pk": cast.group.pk}),
            cast.action.get_absolute_url(),
        ):
            with django_assert_max_num_queries(60):
                assert client.get(url).status_code == 200, url


def test_facilitator_creates_a_programme_through_the_form(client, cast):
    client.force_login(cast.facilitator_out)
    response = client.post(
        reverse("programmes:create"),
        {
            "title": "Agir ensemble à Charenton",
            "territory_codes": "com:94018 com:94069",
            "status": "en_cours",
            "themes": ["handicap"],
        },
    )
    assert response.status_code == 302
    client.force_login(cast.stranger)
    assert client.get(reverse("programmes:create")).status_code == 404
