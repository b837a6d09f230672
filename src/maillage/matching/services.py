"""The one write path for introductions, endorsements, follow-ups and suggestions'
feedback. Views, the API, commands and the demo all call these; permissions are checked
before (``permissions.py``), business rules here (``DomainError`` with a field and a code).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership, User
from maillage.actors.models import Actor
from maillage.core.errors import DomainError
from maillage.core.ratelimit import rate_limit_hit
from maillage.matching.enums import (
    DeclineReason,
    FeedbackVerdict,
    FollowUpOutcome,
    FollowUpReason,
    IntroductionEventKind,
    IntroductionOrigin,
    IntroductionStatus,
)
from maillage.matching.models import (
    Endorsement,
    FollowUp,
    Introduction,
    IntroductionEvent,
    SuggestionFeedback,
)
from maillage.matching.profiles import profiles_mark_dirty
from maillage.matching.weights import Policy, policy_current
from maillage.notifications.services import notification_send

logger = logging.getLogger(__name__)

MAX_MESSAGE = 2000
MAX_ENDORSEMENT = 600
MIN_ENDORSEMENT = 10
# Requests that count against an organisation's cap (a facilitator's or a speed-dating's
# introduction does not).
CAPPED_ORIGINS = (IntroductionOrigin.DIRECT, IntroductionOrigin.SUGGESTION)


# --------------------------------------------------------------------------- helpers


def _members(actor_id: int) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.filter(
            actor_id=actor_id, status=MembershipStatus.ACTIVE, user__isnull=False
        )
        .select_related("user")
        .order_by("user_id")
        if membership.user is not None and membership.user.is_active
    ]


def _notify(
    actor_id: int, *, kind: str, title: str, body: str = "", url: str = "", skip: User | None = None
) -> int:
    count = 0
    for user in _members(actor_id):
        if skip is not None and user.pk == skip.pk:
            continue
        notification_send(user=user, kind=kind, title=title, body=body, url=url)
        count += 1
    return count


def _event(
    introduction: Introduction,
    kind: str,
    *,
    user: User | None = None,
    actor_id: int | None = None,
    note: str = "",
) -> IntroductionEvent:
    return IntroductionEvent.objects.create(
        introduction=introduction, kind=kind, user=user, actor_id=actor_id, note=note
    )


def _clean_message(message: str, *, required: bool) -> str:
    text = (message or "").strip()
    if required and not text:
        raise DomainError(
            _("Présentez votre demande en quelques mots."), field="message", code="required"
        )
    if len(text) > MAX_MESSAGE:
        raise DomainError(
            _("Le message ne peut dépasser %(n)d caractères.") % {"n": MAX_MESSAGE},
            field="message",
            code="too_long",
        )
    return text


def _lock(introduction: Introduction) -> Introduction:
    return Introduction.objects.select_for_update().get(pk=introduction.pk)


def _check_pair(from_actor: Actor, to_actor: Actor) -> None:
    if from_actor.pk == to_actor.pk:
        raise DomainError(
            _("Une structure ne peut pas demander à être mise en relation avec elle-même."),
            field="to_actor",
            code="self",
        )
    for actor, field in ((to_actor, "to_actor"), (from_actor, "from_actor")):
        if actor.is_closed:
            raise DomainError(
                _("« %(name)s » est fermée ou dissoute : la mise en relation est impossible.")
                % {"name": actor.name},
                field=field,
                code="closed",
            )
    existing = Introduction.objects.open().between(from_actor.pk, to_actor.pk).first()
    if existing is not None:
        if existing.status == IntroductionStatus.ACCEPTED:
            raise DomainError(
                _("Vous êtes déjà en relation avec « %(name)s ».") % {"name": to_actor.name},
                field="to_actor",
                code="already_connected",
            )
        raise DomainError(
            _("Une demande de mise en relation avec « %(name)s » est déjà en attente.")
            % {"name": to_actor.name},
            field="to_actor",
            code="duplicate",
        )


def _check_limits(from_actor: Actor, user: User | None, policy: Policy) -> None:
    open_count = (
        Introduction.objects.pending()
        .filter(from_actor=from_actor, origin__in=CAPPED_ORIGINS)
        .count()
    )
    if open_count >= policy.max_open_requests:
        raise DomainError(
            _(
                "« %(name)s » a déjà %(count)d demandes en attente de réponse : attendez une "
                "réponse ou retirez-en une avant d'en envoyer d'autres."
            )
            % {"name": from_actor.name, "count": open_count},
            field="from_actor",
            code="too_many_open",
        )


def _throttle(user: User | None, policy: Policy) -> None:
    """Per-person throttle on new requests (the shared cache, ``core.ratelimit``)."""
    if user is None or user.is_staff:
        return
    if rate_limit_hit(
        scope="introduction",
        key=f"user:{user.pk}",
        limit=policy.requests_per_user_per_hour,
        window_s=3600,
    ):
        raise DomainError(
            _("Vous avez envoyé %(count)d demandes dans l'heure : réessayez un peu plus tard.")
            % {"count": policy.requests_per_user_per_hour},
            field="message",
            code="rate_limited",
        )


# --------------------------------------------------------------------------- requests


@transaction.atomic
def introduction_request(
    *,
    from_actor: Actor,
    to_actor: Actor,
    user: User | None,
    message: str,
    origin: str = IntroductionOrigin.DIRECT,
    score: float | None = None,
) -> Introduction:
    """X asks Y to be put in touch (X's consent given by the request itself)."""
    if origin not in (IntroductionOrigin.DIRECT, IntroductionOrigin.SUGGESTION):
        raise DomainError(_("Origine inconnue."), field="origin", code="invalid")
    text = _clean_message(message, required=True)
    _check_pair(from_actor, to_actor)
    policy = policy_current()
    _check_limits(from_actor, user, policy)
    _throttle(user, policy)
    now = timezone.now()
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                from_actor=from_actor,
                to_actor=to_actor,
                origin=origin,
                message=text,
                requested_by=user,
                from_consent_at=now,
                from_consent_by=user,
                expires_at=now + dt.timedelta(days=policy.expiry_after_days),
                score=score,
            )
    except IntegrityError as error:  # a concurrent request for the same pair
        raise DomainError(
            _("Une demande de mise en relation avec « %(name)s » est déjà en attente.")
            % {"name": to_actor.name},
            field="to_actor",
            code="duplicate",
        ) from error
    _event(introduction, IntroductionEventKind.SENT, user=user, actor_id=from_actor.pk)
    _notify(
        to_actor.pk,
        kind="introduction_received",
        title=_("« %(name)s » souhaite entrer en relation avec vous") % {"name": from_actor.name},
        body=text,
        url=introduction.get_absolute_url(),
    )
    profiles_mark_dirty(actor_ids=[from_actor.pk])
    return introduction


@transaction.atomic
def introduction_facilitate(
    *, actor_a: Actor, actor_b: Actor, facilitator: User, message: str
) -> Introduction:
    """A facilitator introduces two actors; each side accepts or declines."""
    text = _clean_message(message, required=True)
    _check_pair(actor_a, actor_b)
    policy = policy_current()
    now = timezone.now()
    introduction = Introduction.objects.create(
        from_actor=actor_a,
        to_actor=actor_b,
        origin=IntroductionOrigin.FACILITATOR,
        message=text,
        requested_by=facilitator,
        facilitator=facilitator,
        expires_at=now + dt.timedelta(days=policy.expiry_after_days),
    )
    _event(introduction, IntroductionEventKind.SENT, user=facilitator)
    for side, other in ((actor_a, actor_b), (actor_b, actor_a)):
        _notify(
            side.pk,
            kind="introduction_proposed",
            title=_("Un animateur vous propose de rencontrer « %(name)s »") % {"name": other.name},
            body=text,
            url=introduction.get_absolute_url(),
        )
    return introduction


def introduction_mark_seen(*, introduction: Introduction, user: User) -> bool:
    """The first time a member of an awaited side opens it (funnel: « vue »)."""
    from maillage.matching.permissions import answerable_sides

    if introduction.seen_at is not None or not answerable_sides(user, introduction):
        return False
    now = timezone.now()
    updated = Introduction.objects.filter(pk=introduction.pk, seen_at__isnull=True).update(
        seen_at=now
    )
    if updated:
        introduction.seen_at = now
        _event(introduction, IntroductionEventKind.SEEN, user=user)
    return bool(updated)


def _accepted(
    introduction: Introduction, *, user: User | None, now: dt.datetime, note: str = ""
) -> None:
    introduction.status = IntroductionStatus.ACCEPTED
    introduction.accepted_at = now
    introduction.answered_at = introduction.answered_at or now
    introduction.answered_by = introduction.answered_by or user
    introduction.save()
    _event(introduction, IntroductionEventKind.ACCEPTED, user=user, note=note)
    url = introduction.get_absolute_url()
    for side, other in (
        (introduction.from_actor, introduction.to_actor),
        (introduction.to_actor, introduction.from_actor),
    ):
        _notify(
            side.pk,
            kind="introduction_accepted",
            title=_("Mise en relation acceptée avec « %(name)s »") % {"name": other.name},
            body=_(
                "Les coordonnées des personnes contacts sont maintenant visibles de part et "
                "d'autre."
            ),
            url=url,
        )
    profiles_mark_dirty(actor_ids=[introduction.from_actor_id, introduction.to_actor_id])


@transaction.atomic
def introduction_accept(
    *, introduction: Introduction, user: User | None, actor: Actor
) -> Introduction:
    """``actor``'s side agrees; once both sides agreed the contacts are revealed."""
    introduction = _lock(introduction)
    if introduction.status != IntroductionStatus.PENDING:
        raise DomainError(
            _("Cette demande n'attend plus de réponse (%(status)s).")
            % {"status": introduction.get_status_display()},
            field="status",
            code="not_pending",
        )
    now = timezone.now()
    if actor.pk == introduction.to_actor_id and introduction.to_consent_at is None:
        introduction.to_consent_at, introduction.to_consent_by = now, user
    elif actor.pk == introduction.from_actor_id and introduction.from_consent_at is None:
        introduction.from_consent_at, introduction.from_consent_by = now, user
    else:
        raise DomainError(
            _("Votre structure a déjà répondu à cette demande."), field="status", code="answered"
        )
    introduction.seen_at = introduction.seen_at or now
    if introduction.from_consent_at and introduction.to_consent_at:
        introduction.answered_by = user
        _accepted(introduction, user=user, now=now)
    else:
        introduction.save()
        _event(
            introduction,
            IntroductionEventKind.ACCEPTED,
            user=user,
            actor_id=actor.pk,
            note=_("accord d'une des deux parties"),
        )
        other = introduction.other_side(actor.pk)
        _notify(
            other,
            kind="introduction_proposed",
            title=_("« %(name)s » est d'accord pour vous rencontrer") % {"name": actor.name},
            body=_("Donnez votre accord à votre tour pour échanger vos coordonnées."),
            url=introduction.get_absolute_url(),
        )
    return introduction


@transaction.atomic
def introduction_decline(
    *, introduction: Introduction, user: User | None, actor: Actor, reason: str, note: str = ""
) -> Introduction:
    """Decline with a reason from the short list (shown kindly to the other side, kept for
    tuning)."""
    if reason not in DeclineReason.values:
        raise DomainError(_("Choisissez un motif dans la liste."), field="reason", code="required")
    introduction = _lock(introduction)
    if introduction.status != IntroductionStatus.PENDING:
        raise DomainError(
            _("Cette demande n'attend plus de réponse (%(status)s).")
            % {"status": introduction.get_status_display()},
            field="status",
            code="not_pending",
        )
    if actor.pk not in (introduction.from_actor_id, introduction.to_actor_id):
        raise DomainError(_("Cette structure n'est pas concernée."), field="actor", code="invalid")
    now = timezone.now()
    introduction.status = IntroductionStatus.DECLINED
    introduction.decline_reason = reason
    introduction.decline_note = (note or "").strip()[:MAX_MESSAGE]
    introduction.answered_at = now
    introduction.answered_by = user
    introduction.seen_at = introduction.seen_at or now
    introduction.save()
    _event(introduction, IntroductionEventKind.DECLINED, user=user, actor_id=actor.pk, note=reason)
    label = DeclineReason(reason).label
    for side in (introduction.from_actor_id, introduction.to_actor_id):
        if side == actor.pk:
            continue
        _notify(
            side,
            kind="introduction_declined",
            title=_("« %(name)s » ne peut pas donner suite pour le moment") % {"name": actor.name},
            body=_(
                "Motif indiqué : %(reason)s. Merci pour votre démarche : d'autres partenaires "
                "vous attendent dans vos suggestions."
            )
            % {"reason": label},
            url=introduction.get_absolute_url(),
        )
    profiles_mark_dirty(actor_ids=[actor.pk])
    return introduction


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, user: User) -> Introduction:
    introduction = _lock(introduction)
    if introduction.status != IntroductionStatus.PENDING:
        raise DomainError(
            _("Seule une demande en attente peut être retirée."), field="status", code="not_pending"
        )
    introduction.status = IntroductionStatus.WITHDRAWN
    introduction.save()
    _event(introduction, IntroductionEventKind.WITHDRAWN, user=user)
    return introduction


@transaction.atomic
def introduction_open_mutual(
    *, actor_a: Actor, actor_b: Actor, origin: str, note: str = ""
) -> Introduction:
    """An introduction both sides already consented to (e.g. mutual « à poursuivre » after a
    speed-dating): created accepted, contacts revealed, notifications sent. Idempotent: a
    pair with an accepted introduction gets it back; a pending one is accepted."""
    if actor_a.pk == actor_b.pk:
        raise DomainError(
            _("Une structure ne peut pas être mise en relation avec elle-même."),
            field="actor_b",
            code="self",
        )
    if origin not in IntroductionOrigin.values:
        raise DomainError(
            _("Origine inconnue : %(o)s.") % {"o": origin}, field="origin", code="invalid"
        )
    existing = (
        Introduction.objects.select_for_update()
        .open()
        .between(actor_a.pk, actor_b.pk)
        .select_related("from_actor", "to_actor")
        .first()
    )
    now = timezone.now()
    if existing is not None:
        if existing.status == IntroductionStatus.PENDING:
            existing.from_consent_at = existing.from_consent_at or now
            existing.to_consent_at = existing.to_consent_at or now
            _accepted(existing, user=None, now=now, note=note or origin)
        return existing
    introduction = Introduction.objects.create(
        from_actor=actor_a,
        to_actor=actor_b,
        origin=origin,
        message=(note or "").strip()[:MAX_MESSAGE],
        from_consent_at=now,
        to_consent_at=now,
    )
    _event(introduction, IntroductionEventKind.SENT, note=origin)
    _accepted(introduction, user=None, now=now, note=note or origin)
    return introduction


@transaction.atomic
def introduction_open_partnership(*, introduction: Introduction, user: User) -> str:
    """Open a partnership draft for the pair (partnerships app); returns its address.
    Idempotent: a second call returns the same draft's address."""
    introduction = _lock(introduction)
    if introduction.status != IntroductionStatus.ACCEPTED:
        raise DomainError(
            _("Un partenariat s'ouvre après une mise en relation acceptée."),
            field="status",
            code="not_accepted",
        )
    if introduction.partnership_url:
        return introduction.partnership_url
    try:
        from maillage.partnerships.services import partnership_create_draft
    except ImportError as error:
        raise DomainError(
            _("Les partenariats ne sont pas encore disponibles."), field=None, code="unavailable"
        ) from error
    from_actor = Actor.objects.get(pk=introduction.from_actor_id)
    to_actor = Actor.objects.get(pk=introduction.to_actor_id)
    partnership = partnership_create_draft(
        created_by=user,
        parties=[from_actor, to_actor],
        origin="introduction",
        introduction=introduction,
        title=_("%(a)s et %(b)s") % {"a": from_actor.name, "b": to_actor.name},
    )
    introduction.partnership_opened_at = timezone.now()
    introduction.partnership_url = partnership.get_absolute_url()
    introduction.save()
    _event(introduction, IntroductionEventKind.PARTNERSHIP_OPENED, user=user)
    return introduction.partnership_url


# --------------------------------------------------------------------------- housekeeping


def introductions_expire(*, now: dt.datetime | None = None) -> int:
    """Pending requests past their expiry date become « expirées » (both sides told)."""
    now = now or timezone.now()
    count = 0
    for introduction in (
        Introduction.objects.pending()
        .filter(expires_at__lte=now)
        .select_related("from_actor", "to_actor")
    ):
        with transaction.atomic():
            updated = Introduction.objects.filter(
                pk=introduction.pk, status=IntroductionStatus.PENDING
            ).update(status=IntroductionStatus.EXPIRED, updated_at=now)
            if not updated:
                continue
            introduction.status = IntroductionStatus.EXPIRED
            _event(introduction, IntroductionEventKind.EXPIRED)
            waiting = [introduction.from_actor_id]
            if introduction.origin == IntroductionOrigin.FACILITATOR:
                waiting.append(introduction.to_actor_id)
            for side in waiting:
                _notify(
                    side,
                    kind="introduction_expired",
                    title=_("Demande de mise en relation expirée : %(a)s et %(b)s")
                    % {"a": introduction.from_actor.name, "b": introduction.to_actor.name},
                    body=_(
                        "Faute de réponse, la demande est close. Vous pouvez en envoyer une autre."
                    ),
                    url=introduction.get_absolute_url(),
                )
            profiles_mark_dirty(actor_ids=[introduction.to_actor_id])
            count += 1
    return count


def introductions_remind(*, now: dt.datetime | None = None) -> int:
    """Remind the awaited side of pending requests left unanswered ``reminder_after_days``
    (at most ``max_reminders`` times, spaced by the same delay)."""
    from maillage.matching.permissions import awaiting_sides

    now = now or timezone.now()
    policy = policy_current()
    delay = dt.timedelta(days=policy.reminder_after_days)
    count = 0
    due = (
        Introduction.objects.pending()
        .filter(reminders_sent__lt=policy.max_reminders, created_at__lte=now - delay)
        .select_related("from_actor", "to_actor")
    )
    for introduction in due:
        if introduction.last_reminded_at and introduction.last_reminded_at > now - delay:
            continue
        with transaction.atomic():
            updated = Introduction.objects.filter(
                pk=introduction.pk, reminders_sent=introduction.reminders_sent
            ).update(reminders_sent=introduction.reminders_sent + 1, last_reminded_at=now)
            if not updated:
                continue
            _event(introduction, IntroductionEventKind.REMINDED)
            for side in awaiting_sides(introduction):
                other = (
                    introduction.to_actor
                    if side == introduction.from_actor_id
                    else introduction.from_actor
                )
                _notify(
                    side,
                    kind="introduction_reminder",
                    title=_("Rappel : « %(name)s » attend votre réponse") % {"name": other.name},
                    body=_("Acceptez ou déclinez la demande : une réponse, même négative, aide."),
                    url=introduction.get_absolute_url(),
                )
            count += 1
    return count


def followups_ask(*, now: dt.datetime | None = None) -> int:
    """« Closing the loop »: ask both sides of introductions accepted
    ``followup_after_days`` ago whether they led somewhere."""
    now = now or timezone.now()
    policy = policy_current()
    due = (
        Introduction.objects.accepted()
        .filter(
            followup_asked_at__isnull=True,
            accepted_at__lte=now - dt.timedelta(days=policy.followup_after_days),
        )
        .select_related("from_actor", "to_actor")
    )
    count = 0
    for introduction in due:
        with transaction.atomic():
            updated = Introduction.objects.filter(
                pk=introduction.pk, followup_asked_at__isnull=True
            ).update(followup_asked_at=now)
            if not updated:
                continue
            _event(introduction, IntroductionEventKind.FOLLOWUP_ASKED)
            for side, other in (
                (introduction.from_actor, introduction.to_actor),
                (introduction.to_actor, introduction.from_actor),
            ):
                followup, _created = FollowUp.objects.get_or_create(
                    introduction=introduction, actor=side
                )
                _notify(
                    side.pk,
                    kind="followup_asked",
                    title=_("Votre mise en relation avec « %(name)s » a-t-elle abouti ?")
                    % {"name": other.name},
                    body=_(
                        "Deux clics pour nous le dire : vos réponses aident les animateurs du "
                        "territoire."
                    ),
                    url=reverse("matching:followup", kwargs={"pk": followup.pk}),
                )
            count += 1
    return count


@transaction.atomic
def followup_answer(
    *, followup: FollowUp, user: User | None, outcome: str, reason: str = "", note: str = ""
) -> FollowUp:
    if outcome not in FollowUpOutcome.values:
        raise DomainError(_("Choisissez une réponse."), field="outcome", code="required")
    if outcome == FollowUpOutcome.NOTHING and reason not in FollowUpReason.values:
        raise DomainError(
            _("Dites-nous pourquoi, d'un mot dans la liste."), field="reason", code="required"
        )
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    followup.outcome = outcome
    followup.reason = reason if outcome == FollowUpOutcome.NOTHING else ""
    followup.note = (note or "").strip()[:MAX_MESSAGE]
    followup.answered_at = timezone.now()
    followup.answered_by = user
    followup.save()
    _event(
        followup.introduction,
        IntroductionEventKind.FOLLOWUP_ANSWERED,
        user=user,
        actor_id=followup.actor_id,
        note=outcome,
    )
    return followup


# --------------------------------------------------------------------------- endorsements


def actors_related(actor_a: Actor, actor_b: Actor) -> bool:
    """An accepted introduction, or a partnership between them (partnerships app)."""
    if Introduction.objects.accepted().between(actor_a.pk, actor_b.pk).exists():
        return True
    try:
        from maillage.partnerships.selectors import actors_are_partners
    except ImportError:
        return False
    return bool(actors_are_partners(actor_a=actor_a, actor_b=actor_b))


@transaction.atomic
def endorsement_create(
    *, from_actor: Actor, to_actor: Actor, author: User | None, text: str
) -> Endorsement:
    """« Caution des pairs »: after an accepted introduction or a partnership. One per pair
    and direction: endorsing again after a withdrawal restores it with the new text."""
    if from_actor.pk == to_actor.pk:
        raise DomainError(
            _("Une structure ne peut pas se cautionner elle-même."), field="to_actor", code="self"
        )
    body = " ".join((text or "").split())
    if len(body) < MIN_ENDORSEMENT:
        raise DomainError(
            _("Dites en une phrase ce que vous avez fait ensemble."), field="text", code="required"
        )
    if len(body) > MAX_ENDORSEMENT:
        raise DomainError(
            _("%(n)d caractères au plus.") % {"n": MAX_ENDORSEMENT}, field="text", code="too_long"
        )
    if not actors_related(from_actor, to_actor):
        raise DomainError(
            _(
                "On cautionne une structure avec laquelle on a travaillé : après une mise en "
                "relation acceptée ou un partenariat."
            ),
            field="to_actor",
            code="not_related",
        )
    existing = (
        Endorsement.objects.select_for_update()
        .filter(from_actor=from_actor, to_actor=to_actor)
        .first()
    )
    if existing is not None and existing.withdrawn_at is None:
        raise DomainError(
            _("Vous cautionnez déjà « %(name)s ».") % {"name": to_actor.name},
            field="to_actor",
            code="duplicate",
        )
    if existing is not None:
        existing.text, existing.author, existing.withdrawn_at = body, author, None
        existing.save()
        endorsement = existing
    else:
        endorsement = Endorsement.objects.create(
            from_actor=from_actor, to_actor=to_actor, author=author, text=body
        )
    _notify(
        to_actor.pk,
        kind="endorsement_received",
        title=_("« %(name)s » vous recommande") % {"name": from_actor.name},
        body=body,
        url=to_actor.get_absolute_url(),
    )
    profiles_mark_dirty(actor_ids=[to_actor.pk])
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, endorsement: Endorsement) -> Endorsement:
    if endorsement.withdrawn_at is None:
        endorsement.withdrawn_at = timezone.now()
        endorsement.save()
        profiles_mark_dirty(actor_ids=[endorsement.to_actor_id])
    return endorsement


# --------------------------------------------------------------------------- feedback


@transaction.atomic
def suggestion_feedback_record(
    *,
    actor: Actor,
    candidate: Actor,
    user: User | None,
    verdict: str = "",
    dismissed: bool | None = None,
    score: float | None = None,
    components: dict[str, Any] | None = None,
) -> SuggestionFeedback:
    """Record « pertinent » / « pas pertinent » and/or dismiss (or restore) a suggestion."""
    if actor.pk == candidate.pk:
        raise DomainError(_("Suggestion inconnue."), field="candidate", code="invalid")
    if verdict and verdict not in FeedbackVerdict.values:
        raise DomainError(
            _("Avis inconnu : %(v)s.") % {"v": verdict}, field="verdict", code="invalid"
        )
    feedback, _created = SuggestionFeedback.objects.select_for_update().get_or_create(
        actor=actor, candidate=candidate
    )
    feedback.user = user
    if verdict:
        feedback.verdict = verdict
    if dismissed is not None:
        feedback.dismissed = dismissed
    if score is not None:
        feedback.score = score
    if components:
        feedback.components = components
    feedback.save()
    return feedback


# --------------------------------------------------------------------------- best pairs


def best_pairs_report_request(*, territory_code: str, user: User | None) -> Any:
    """Queue the computation of a territory's best pairs (a background task)."""
    from maillage.matching.models import BestPairsReport
    from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
    from maillage.territories.selectors import territory_get

    try:
        parse_territory_code(territory_code)
    except InvalidTerritoryCode as error:
        raise DomainError(str(error), field="territory", code="invalid") from error
    territory = territory_get(territory_code)
    if territory is None:
        raise DomainError(
            _("Territoire inconnu : %(code)s.") % {"code": territory_code},
            field="territory",
            code="unknown",
        )
    report = BestPairsReport.objects.create(territory_code=territory.code, requested_by=user)

    def enqueue() -> None:
        from maillage.matching.tasks import best_pairs_report_task

        best_pairs_report_task.enqueue(report.pk)

    transaction.on_commit(enqueue)
    return report


def best_pairs_report_run(*, report_id: int, limit: int = 50) -> Any:
    """Compute a queued report (called by the background task)."""
    from maillage.matching.engine import best_pairs
    from maillage.matching.enums import BestPairsStatus
    from maillage.matching.models import BestPairsReport
    from maillage.matching.reasons import pair_reasons
    from maillage.matching.weights import weights_current

    report = BestPairsReport.objects.filter(pk=report_id).first()
    if report is None or report.status not in (BestPairsStatus.QUEUED, BestPairsStatus.FAILED):
        return report
    BestPairsReport.objects.filter(pk=report.pk).update(status=BestPairsStatus.RUNNING)
    try:
        result = best_pairs(territory_code=report.territory_code, limit=limit)
        names = dict(Actor.objects.filter(pk__in=list(result.profiles)).values_list("pk", "name"))
        reasons = {}
        for pair in result.pairs:
            reasons[(pair.x, pair.y)] = pair_reasons(
                [pair], profiles=result.profiles, names=names, weights=weights_current()
            ).get(pair.y, [])
        report.pairs = [
            {
                "a": pair.x,
                "b": pair.y,
                "score": round(pair.score, 4),
                "forward": round(pair.forward, 4),
                "backward": round(pair.backward, 4),
                "reasons": reasons[(pair.x, pair.y)],
            }
            for pair in result.pairs
        ]
        report.actors_count = result.actors
        report.duration_s = round(result.took_s, 2)
        report.status = BestPairsStatus.DONE
    except Exception as error:  # the page shows the failure; the log keeps the trace
        logger.exception("Best pairs of %s failed", report.territory_code)
        report.status = BestPairsStatus.FAILED
        report.error = str(error)[:500]
    report.finished_at = timezone.now()
    report.save()
    return report
