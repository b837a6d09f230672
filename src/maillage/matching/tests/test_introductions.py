"""Introductions through the services: consent, refusals, caps, throttle, state history,
expiry, reminders, follow-ups, the speed-dating contract."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError
from maillage.matching.enums import IntroductionEventKind, IntroductionStatus
from maillage.matching.models import FollowUp, Introduction, MatchingSettings
from maillage.matching.services import (
    followup_answer,
    followups_ask,
    introduction_accept,
    introduction_decline,
    introduction_facilitate,
    introduction_mark_seen,
    introduction_open_mutual,
    introduction_request,
    introduction_withdraw,
    introductions_expire,
    introductions_remind,
)
from maillage.notifications.models import Notification

pytestmark = pytest.mark.django_db
MESSAGE = "Bonjour, nous aimerions vous présenter notre chantier d'insertion."


@pytest.fixture
def sides():  # type: ignore[no-untyped-def]
    asso = ActorFactory(in_poitiers=True, name="Jardins Solidaires")
    company = ActorFactory(entreprise=True, in_poitiers=True, name="Imprimerie du Clain")
    sender = MembershipFactory(actor=asso).user
    recipient = MembershipFactory(actor=company).user
    return asso, company, sender, recipient


def kinds(introduction: Introduction) -> list[str]:
    return list(introduction.events.order_by("id").values_list("kind", flat=True))


def test_a_request_is_pending_with_the_senders_consent_and_notifies_the_recipient(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction = introduction_request(
        from_actor=asso, to_actor=company, user=sender, message=MESSAGE
    )
    assert introduction.status == IntroductionStatus.PENDING
    assert introduction.from_consent_at and introduction.to_consent_at is None
    assert introduction.expires_at > timezone.now() + dt.timedelta(days=29)
    assert kinds(introduction) == [IntroductionEventKind.SENT]
    notice = Notification.objects.get(user=recipient)
    assert "Jardins Solidaires" in notice.title and notice.url == introduction.get_absolute_url()
    assert not Notification.objects.filter(user=sender).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [recipient.email]


def test_accepting_records_the_answer_and_tells_both_sides(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction = introduction_request(
        from_actor=asso, to_actor=company, user=sender, message=MESSAGE
    )
    assert introduction_mark_seen(introduction=introduction, user=recipient)
    assert not introduction_mark_seen(introduction=introduction, user=sender)  # not the recipient
    introduction = introduction_accept(introduction=introduction, user=recipient, actor=company)
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.accepted_at and introduction.answered_by == recipient
    assert kinds(introduction) == ["sent", "seen", "accepted"]
    assert Notification.objects.filter(kind="introduction_accepted").count() == 2
    with pytest.raises(DomainError) as error:
        introduction_accept(introduction=introduction, user=recipient, actor=company)
    assert error.value.code == "not_pending"


def test_declining_needs_a_reason_from_the_list_and_tells_the_sender_kindly(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction = introduction_request(
        from_actor=asso, to_actor=company, user=sender, message=MESSAGE
    )
    with pytest.raises(DomainError) as error:
        introduction_decline(introduction=introduction, user=recipient, actor=company, reason="")
    assert error.value.field == "reason"
    introduction = introduction_decline(
        introduction=introduction,
        user=recipient,
        actor=company,
        reason="hors_territoire",
        note="Désolés",
    )
    assert introduction.status == IntroductionStatus.DECLINED
    assert introduction.decline_reason == "hors_territoire"
    notice = Notification.objects.get(user=sender)
    assert "Hors de notre territoire" in notice.body


@pytest.mark.parametrize(
    ("case", "code"),
    [("self", "self"), ("closed", "closed"), ("empty", "required"), ("too_long", "too_long")],
)
def test_bad_requests_are_refused_with_a_message(sides, case: str, code: str) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, _recipient = sides
    target = {"self": asso, "closed": ActorFactory(closed=True)}.get(case, company)
    message = {"empty": "  ", "too_long": "x" * 2001}.get(case, MESSAGE)
    with pytest.raises(DomainError) as error:
        introduction_request(from_actor=asso, to_actor=target, user=sender, message=message)
    assert error.value.code == code and error.value.message
    assert not Introduction.objects.exists()


def test_a_second_request_while_one_is_pending_is_refused_in_both_directions(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction_request(from_actor=asso, to_actor=company, user=sender, message=MESSAGE)
    for from_actor, to_actor, user in ((asso, company, sender), (company, asso, recipient)):
        with pytest.raises(DomainError) as error:
            introduction_request(
                from_actor=from_actor, to_actor=to_actor, user=user, message=MESSAGE
            )
        assert error.value.code == "duplicate"


def test_after_acceptance_a_new_request_is_refused_and_after_a_decline_allowed(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    first = introduction_request(from_actor=asso, to_actor=company, user=sender, message=MESSAGE)
    introduction_decline(
        introduction=first, user=recipient, actor=company, reason="pas_le_bon_moment"
    )
    second = introduction_request(from_actor=asso, to_actor=company, user=sender, message=MESSAGE)
    introduction_accept(introduction=second, user=recipient, actor=company)
    with pytest.raises(DomainError) as error:
        introduction_request(from_actor=asso, to_actor=company, user=sender, message=MESSAGE)
    assert error.value.code == "already_connected"


def test_an_organisation_may_have_only_so_many_open_requests(sides) -> None:  # type: ignore[no-untyped-def]
    asso, _company, sender, _recipient = sides
    MatchingSettings.objects.create(pk=1, max_open_requests=2, requests_per_user_per_hour=100)
    others = [ActorFactory(entreprise=True) for _ in range(3)]
    for other in others[:2]:
        introduction_request(from_actor=asso, to_actor=other, user=sender, message=MESSAGE)
    with pytest.raises(DomainError) as error:
        introduction_request(from_actor=asso, to_actor=others[2], user=sender, message=MESSAGE)
    assert error.value.code == "too_many_open"
    # Withdrawing one frees a place.
    introduction_withdraw(
        introduction=Introduction.objects.filter(from_actor=asso).first(), user=sender
    )  # type: ignore[arg-type]
    introduction_request(from_actor=asso, to_actor=others[2], user=sender, message=MESSAGE)


def test_a_person_is_throttled_per_hour_across_organisations(sides) -> None:  # type: ignore[no-untyped-def]
    asso, _company, sender, _recipient = sides
    MatchingSettings.objects.create(pk=1, max_open_requests=50, requests_per_user_per_hour=2)
    second_org = ActorFactory()
    MembershipFactory(actor=second_org, user=sender)
    targets = [ActorFactory(entreprise=True) for _ in range(3)]
    introduction_request(from_actor=asso, to_actor=targets[0], user=sender, message=MESSAGE)
    introduction_request(from_actor=second_org, to_actor=targets[1], user=sender, message=MESSAGE)
    with pytest.raises(DomainError) as error:
        introduction_request(from_actor=asso, to_actor=targets[2], user=sender, message=MESSAGE)
    assert error.value.code == "rate_limited"
    # Someone else of the same organisation is not throttled by it.
    colleague = MembershipFactory(actor=asso).user
    introduction_request(from_actor=asso, to_actor=targets[2], user=colleague, message=MESSAGE)


def test_a_facilitators_introduction_needs_both_sides_consent(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    facilitator = UserFactory()
    introduction = introduction_facilitate(
        actor_a=asso, actor_b=company, facilitator=facilitator, message=MESSAGE
    )
    assert introduction.from_consent_at is None and introduction.to_consent_at is None
    assert Notification.objects.filter(kind="introduction_proposed").count() == 2
    introduction = introduction_accept(introduction=introduction, user=recipient, actor=company)
    assert introduction.status == IntroductionStatus.PENDING
    introduction = introduction_accept(introduction=introduction, user=sender, actor=asso)
    assert introduction.status == IntroductionStatus.ACCEPTED


def test_open_mutual_creates_an_accepted_introduction_once(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, _sender, _recipient = sides
    first = introduction_open_mutual(
        actor_a=asso, actor_b=company, origin="speed_dating", note="À poursuivre"
    )
    assert first.status == IntroductionStatus.ACCEPTED and first.origin == "speed_dating"
    assert Notification.objects.filter(kind="introduction_accepted").count() == 2
    again = introduction_open_mutual(actor_a=company, actor_b=asso, origin="speed_dating")
    assert again.pk == first.pk
    assert Introduction.objects.count() == 1


def test_open_mutual_accepts_a_pending_request_between_the_pair(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, _recipient = sides
    pending = introduction_request(from_actor=asso, to_actor=company, user=sender, message=MESSAGE)
    mutual = introduction_open_mutual(actor_a=company, actor_b=asso, origin="speed_dating")
    assert mutual.pk == pending.pk and mutual.status == IntroductionStatus.ACCEPTED
    with pytest.raises(DomainError):
        introduction_open_mutual(actor_a=asso, actor_b=asso, origin="speed_dating")


def test_unanswered_requests_are_reminded_then_expire(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction = introduction_request(
        from_actor=asso, to_actor=company, user=sender, message=MESSAGE
    )
    now = timezone.now()
    assert introductions_remind(now=now) == 0
    assert introductions_remind(now=now + dt.timedelta(days=8)) == 1
    assert introductions_remind(now=now + dt.timedelta(days=9)) == 0  # spaced
    assert introductions_remind(now=now + dt.timedelta(days=16)) == 1
    assert introductions_remind(now=now + dt.timedelta(days=24)) == 0  # at most two
    assert Notification.objects.filter(user=recipient, kind="introduction_reminder").count() == 2
    assert introductions_expire(now=now + dt.timedelta(days=29)) == 0
    assert introductions_expire(now=now + dt.timedelta(days=31)) == 1
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.EXPIRED
    assert kinds(introduction)[-1] == "expired"
    assert Notification.objects.filter(user=sender, kind="introduction_expired").exists()


def test_followups_are_asked_weeks_after_acceptance_and_answered(sides) -> None:  # type: ignore[no-untyped-def]
    asso, company, sender, recipient = sides
    introduction = introduction_request(
        from_actor=asso, to_actor=company, user=sender, message=MESSAGE
    )
    introduction_accept(introduction=introduction, user=recipient, actor=company)
    now = timezone.now()
    assert followups_ask(now=now + dt.timedelta(days=10)) == 0
    assert followups_ask(now=now + dt.timedelta(days=43)) == 1
    assert followups_ask(now=now + dt.timedelta(days=50)) == 0
    followup = FollowUp.objects.get(introduction=introduction, actor=asso)
    with pytest.raises(DomainError) as error:
        followup_answer(followup=followup, user=sender, outcome="rien")
    assert error.value.field == "reason"
    followup_answer(followup=followup, user=sender, outcome="rien", reason="pas_le_temps")
    followup.refresh_from_db()
    assert followup.answered_at and followup.reason == "pas_le_temps"
    assert kinds(introduction)[-2:] == ["followup_asked", "followup_answered"]
