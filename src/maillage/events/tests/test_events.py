"""Events: registrations (capacity, waiting list), check-in and figures, reminders, ICS,
permissions and pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.accounts.tests.personas import build_cast
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.events import services
from maillage.events.enums import EventKind, RegistrationStatus
from maillage.events.ics import IcsEvent, calendar, escape_text, fold
from maillage.events.selectors import attendance_figures, waiting_position
from maillage.events.tests.factories import EventFactory, RegistrationFactory
from maillage.notifications.models import Notification
from maillage.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_cast()
    cast.programme = ProgrammeFactory(facilitators=[cast.facilitator_in])
    cast.event = EventFactory(programme=cast.programme, capacity=2)
    cast.draft = EventFactory(draft=True, programme=cast.programme)
    return cast


# --------------------------------------------------------------------------- registrations


def test_registration_fills_seats_then_the_waiting_list(cast):
    first = services.registration_create(event=cast.event, user=cast.admin, actor=cast.actor)
    second = services.registration_create(event=cast.event, user=cast.member)
    third = services.registration_create(event=cast.event, user=cast.stranger)
    fourth = services.registration_create(event=cast.event, user=cast.other_admin)
    assert [r.status for r in (first, second, third, fourth)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.WAITLISTED,
    ]
    assert waiting_position(registration=fourth) == 2
    assert first.side == "A"  # an association
    assert Notification.objects.filter(user=cast.stranger, kind="event_registration").exists()


def test_cancelling_promotes_the_first_on_the_waiting_list(cast):
    first = services.registration_create(event=cast.event, user=cast.admin)
    services.registration_create(event=cast.event, user=cast.member)
    waiting = services.registration_create(event=cast.event, user=cast.stranger)
    later = services.registration_create(event=cast.event, user=cast.other_admin)
    services.registration_cancel(registration=first)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert later.status == RegistrationStatus.WAITLISTED
    assert Notification.objects.filter(user=cast.stranger).count() == 2
    # Cancelling twice changes nothing; registering again is possible.
    services.registration_cancel(registration=first)
    again = services.registration_create(event=cast.event, user=cast.admin)
    assert again.status == RegistrationStatus.WAITLISTED


def test_raising_the_capacity_promotes_waiting_people(cast):
    services.registration_create(event=cast.event, user=cast.admin)
    services.registration_create(event=cast.event, user=cast.member)
    waiting = services.registration_create(event=cast.event, user=cast.stranger)
    event = cast.event
    services.event_update(
        event=event,
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=3,
        status=event.status,
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("twice", "already_registered"),
        ("closed", "registration_closed"),
        ("draft", "registration_closed"),
        ("past", "past_event"),
        ("not_member", "not_member"),
    ],
)
def test_registration_refusals(cast, setup, code):
    event = cast.event
    actor = None
    if setup == "twice":
        services.registration_create(event=event, user=cast.admin)
    elif setup == "closed":
        event.registration_open = False
        event.save()
    elif setup == "draft":
        event = cast.draft
    elif setup == "past":
        event = EventFactory(past=True)
        event.ends_at = timezone.now() - dt.timedelta(days=1)
        event.save()
    elif setup == "not_member":
        actor = cast.other_actor
    with pytest.raises(DomainError) as raised:
        services.registration_create(event=event, user=cast.admin, actor=actor)
    assert raised.value.code == code


def test_check_in_and_attendance_by_sphere_and_kind(cast):
    company = ActorFactory(company=True)
    boss = UserFactory()
    MembershipFactory(user=boss, actor=company)
    event = EventFactory()
    a = services.registration_create(event=event, user=cast.admin, actor=cast.actor)
    b = services.registration_create(event=event, user=boss, actor=company)
    services.registration_create(event=event, user=cast.stranger)
    services.registration_check_in(registration=a)
    services.registration_check_in(registration=b)
    figures = attendance_figures(event=event)
    assert figures.registered == 3
    assert figures.present == 2
    assert dict(figures.by_kind) == {"Association": 1, "Entreprise": 1}
    assert sorted(n for _label, n in figures.by_sphere) == [1, 1]
    services.registration_check_in(registration=a, present=False)
    assert attendance_figures(event=event).present == 1


def test_reminders_are_sent_once(cast):
    services.registration_create(event=cast.event, user=cast.admin)
    services.registration_create(event=cast.event, user=cast.member)
    services.registration_create(event=cast.event, user=cast.stranger)  # waiting: no reminder
    assert services.event_send_reminders(event=cast.event) == 2
    assert services.event_send_reminders(event=cast.event) == 0
    assert Notification.objects.filter(kind="event_reminder").count() == 2


def test_due_reminders_only_for_events_in_the_next_two_days(cast):
    soon = EventFactory(starts_at=timezone.now() + dt.timedelta(hours=20))
    services.registration_create(event=soon, user=cast.admin)
    services.registration_create(event=cast.event, user=cast.admin)  # in 30 days
    assert services.events_send_due_reminders() == 1


# --------------------------------------------------------------------------- ICS


def test_ics_text_is_escaped_and_folded():
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    long_line = "DESCRIPTION:" + "é" * 80
    folded = fold(long_line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long_line
    text = calendar(
        [
            IcsEvent(
                uid="x@maillage",
                starts_at=dt.datetime(2013, 6, 5, 18, 30, tzinfo=dt.UTC),
                ends_at=dt.datetime(2013, 6, 5, 21, 30, tzinfo=dt.UTC),
                summary="Restitution; Agir ensemble, Charenton",
            )
        ],
        now=dt.datetime(2013, 1, 1, tzinfo=dt.UTC),
    )
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART:20130605T183000Z\r\n" in text
    assert "SUMMARY:Restitution\\; Agir ensemble\\, Charenton\r\n" in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_event_ics_download(client, cast):
    response = client.get(reverse("events:ics", kwargs={"pk": cast.event.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
    assert client.get(reverse("events:ics", kwargs={"pk": cast.draft.pk})).status_code == 404


# --------------------------------------------------------------------------- permissions


MANAGE_PAGES = ("manage", "edit", "checkin", "badges", "sheet")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("admin", False),
        ("facilitator_out", False),
        ("facilitator_in", True),
        ("staff", True),
    ],
)
def test_only_organisers_and_programme_facilitators_manage(client, cast, role, allowed):
    user = cast.roles()[role]
    if user is not None:
        client.force_login(user)
    for name in MANAGE_PAGES:
        response = client.get(reverse(f"events:{name}", kwargs={"pk": cast.event.pk}))
        expected = 200 if allowed else (302 if role == "anonymous" else 404)
        assert response.status_code == expected, name
    draft = client.get(reverse("events:detail_short", kwargs={"pk": cast.draft.pk}))
    assert draft.status_code == (200 if allowed else 404)


def test_the_event_creator_organises_it(client, cast):
    client.force_login(cast.facilitator_out)
    start = timezone.localtime() + dt.timedelta(days=10)
    response = client.post(
        reverse("events:create"),
        {
            "kind": EventKind.WORKSHOP,
            "title": "Atelier mécénat de compétences",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "status": "publie",
            "registration_open": "on",
            "rounds": 0,
            "tables": 0,
            "slot_minutes": 7,
            "break_minutes": 1,
        },
    )
    assert response.status_code == 302
    client.force_login(cast.stranger)
    assert client.get(reverse("events:create")).status_code == 404


def test_check_in_toggle_over_htmx(client, cast):
    registration = RegistrationFactory(event=cast.event, user=cast.admin)
    client.force_login(cast.facilitator_in)
    url = reverse("events:checkin_toggle", kwargs={"pk": registration.pk})
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "is-present" in response.content.decode()
    client.force_login(cast.stranger)
    assert client.post(url).status_code == 404


def test_register_and_cancel_over_http(client, cast):
    client.force_login(cast.admin)
    url = reverse("events:register", kwargs={"pk": cast.event.pk})
    assert client.post(url, {"actor": cast.actor.pk}).status_code == 302
    registration = cast.event.registrations.get()
    assert registration.actor == cast.actor
    page = client.get(cast.event.get_absolute_url()).content.decode()
    assert "Vous êtes inscrit" in page
    client.force_login(cast.stranger)
    assert client.post(reverse("events:cancel", kwargs={"pk": registration.pk})).status_code == 404
    client.force_login(cast.admin)
    client.post(reverse("events:cancel", kwargs={"pk": registration.pk}))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_pages_render(client, cast, django_assert_max_num_queries):
    for index in range(3):
        RegistrationFactory(event=cast.event, user=UserFactory(), checked_in_at=timezone.now())
        del index
    for user in (None, cast.stranger):
        if user:
            client.force_login(user)
        with django_assert_max_num_queries(30):
            assert client.get(reverse("events:list")).status_code == 200
        assert client.get(cast.event.get_absolute_url()).status_code == 200
    client.force_login(cast.facilitator_in)
    for name in MANAGE_PAGES:
        with django_assert_max_num_queries(40):
            response = client.get(reverse(f"events:{name}", kwargs={"pk": cast.event.pk}))
        assert response.status_code == 200, name
    assert client.get(reverse("events:list") + "?passes=1").status_code == 200


def test_send_event_reminders_command(cast):
    import json
    from io import StringIO

    from django.core.management import call_command

    soon = EventFactory(starts_at=timezone.now() + dt.timedelta(hours=5))
    services.registration_create(event=soon, user=cast.admin)
    out = StringIO()
    call_command("send_event_reminders", "--json", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue()) == {"reminded": 1}
