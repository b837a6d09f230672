"""The one write path for accounts: users, organisations and their members, facilitators'
territories, and claims on existing actors.

Rules kept here (domain.md, issue 2 §5):
- a membership is deactivated, never deleted; the first member of an organisation is admin;
- an organisation always keeps at least one active admin;
- join requests (``pending``) and invitations (``invited``) are putative members: an admin
  validates a join request, the invitee accepts an invitation;
- an actor without an active admin (typically imported) is claimed through a
  ``ClaimRequest`` that a facilitator covering its territory (or staff) approves.

Every function is keyword-only, typed and atomic, and raises ``DomainError(field=, code=)``
(or ``DomainValidationError`` for several fields) for a broken rule. Actions on behalf of
someone take ``by``: the service checks that person's right itself (code ``forbidden``) so
that the admin site, the API and commands cannot bypass it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.emails import absolute_url, email_send
from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.accounts.models import ClaimRequest, FacilitatorScope, Membership, User
from maillage.actors.enums import Source
from maillage.actors.models import Actor
from maillage.actors.permissions import (
    can_decide_claim,
    can_manage_members,
    facilitator_territory_filter,
)
from maillage.actors.services import ActorInput, actor_create
from maillage.core.errors import DomainError, DomainValidationError
from maillage.territories.selectors import territory_get

INVITATION_VALIDITY = dt.timedelta(days=30)
MESSAGE_MAX_LENGTH = 2000


# --------------------------------------------------------------------------- helpers


def email_normalize(email: str) -> str:
    """Addresses are stored lower-case, so that uniqueness ignores case."""
    return (email or "").strip().lower()


def _validated_email(email: str, *, field: str = "email") -> str:
    value = email_normalize(email)
    if not value:
        raise DomainError(_("Indiquez une adresse électronique."), field=field, code="required")
    try:
        validate_email(value)
    except ValidationError as error:
        raise DomainError(
            _("Adresse électronique invalide : %(email)s.") % {"email": value},
            field=field,
            code="invalid_email",
        ) from error
    return value


def username_for(email: str) -> str:
    # ``username`` only mirrors the address for the admin; it must stay unique and short.
    if len(email) <= 150:
        return email
    return f"{email[:100]}-{hashlib.sha256(email.encode()).hexdigest()[:40]}"


def _clean_text(text: str, *, field: str) -> str:
    value = (text or "").strip()
    if len(value) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("%(max)d caractères au plus.") % {"max": MESSAGE_MAX_LENGTH},
            field=field,
            code="too_long",
        )
    return value


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lock_actor(actor: Actor) -> Actor:
    """Serialise membership changes of one organisation (the last-admin rule)."""
    return Actor.objects.select_for_update().get(pk=actor.pk)


def _lock_membership(membership: Membership) -> Membership:
    _lock_actor(membership.actor)
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("actor", "user")
        .get(pk=membership.pk)
    )


def _require_manager(by: User, actor: Actor) -> None:
    if not can_manage_members(by, actor):
        raise DomainError(
            _("Seuls les administrateurs de l'organisation peuvent faire cela."),
            code="forbidden",
        )


def _require_role(role: str) -> None:
    if role not in MembershipRole.values:
        raise DomainError(
            _("Rôle inconnu : %(role)s.") % {"role": role}, field="role", code="invalid_role"
        )


def _other_active_admins(actor: Actor, *, excluding: Membership) -> int:
    return Membership.objects.filter(actor=actor).admins().exclude(pk=excluding.pk).count()


def _last_admin_error(field: str | None = None) -> DomainError:
    return DomainError(
        _(
            "Une organisation garde toujours au moins un administrateur actif : nommez "
            "d'abord un autre administrateur."
        ),
        field=field,
        code="last_admin",
    )


def _admin_emails(actor: Actor) -> list[str]:
    return list(
        Membership.objects.filter(actor=actor)
        .admins()
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )


def _decide(membership: Membership, *, status: str, by: User | None, note: str = "") -> None:
    membership.status = status
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.decision_note = note
    membership.invitation_token_hash = ""  # nosec B105: clears the hash
    membership.invitation_expires_at = None


# --------------------------------------------------------------------------- users


@transaction.atomic
def user_create(*, email: str, password: str, display_name: str) -> User:
    """Sign-up. The address is the login; the password passes the configured validators.

    Invitations already sent to this address are attached to the new account, so that
    they appear in « Mon espace »."""
    errors: dict[str, list[str]] = {}
    address = ""
    try:
        address = _validated_email(email)
    except DomainError as error:
        errors["email"] = [error.message]
    if address and User.objects.filter(email__iexact=address).exists():
        errors["email"] = [
            _(
                "Un compte existe déjà avec cette adresse. Connectez-vous ou "
                "demandez un nouveau mot de passe."
            )
        ]
    name = " ".join((display_name or "").split())
    if not name:
        errors["display_name"] = [_("Indiquez votre nom.")]
    elif len(name) > 150:
        errors["display_name"] = [_("150 caractères au plus.")]
    user = User(email=address, username=username_for(address), display_name=name)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise DomainValidationError(errors)
    user.set_password(password)
    user.save()
    Membership.objects.filter(
        user=None, invited_email=address, status=MembershipStatus.INVITED
    ).update(user=user)
    return user


@transaction.atomic
def user_update(*, user: User, display_name: str) -> User:
    name = " ".join((display_name or "").split())
    if not name:
        raise DomainError(_("Indiquez votre nom."), field="display_name", code="required")
    if len(name) > 150:
        raise DomainError(_("150 caractères au plus."), field="display_name", code="too_long")
    user.display_name = name
    user.save(update_fields=["display_name"])
    return user


# --------------------------------------------------------------------------- organisations


@transaction.atomic
def organisation_create(*, user: User, data: ActorInput) -> Actor:
    """A signed-in user creates an organisation and becomes its first member, as admin."""
    if not user.is_authenticated or not user.is_active:
        raise DomainError(_("Connectez-vous pour créer une organisation."), code="forbidden")
    actor = actor_create(data=data, source=Source.MANUAL)
    Membership.objects.create(
        user=user,
        actor=actor,
        role=MembershipRole.ADMIN,
        status=MembershipStatus.ACTIVE,
        decided_by=user,
        decided_at=timezone.now(),
    )
    return actor


# --------------------------------------------------------------------------- memberships


@transaction.atomic
def membership_add(
    *, actor: Actor, user: User, role: str = MembershipRole.MEMBER, by: User | None = None
) -> Membership:
    """Make someone an active member directly (staff in the admin site, ``seed_demo``).

    ``by`` = None means the platform itself (a command). Reuses an existing row."""
    _require_role(role)
    if by is not None:
        _require_manager(by, actor)
    _lock_actor(actor)
    membership = Membership.objects.filter(user=user, actor=actor).first()
    if membership is None:
        membership = Membership(user=user, actor=actor)
    if (
        membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.ADMIN
        and role != MembershipRole.ADMIN
        and not _other_active_admins(actor, excluding=membership)
    ):
        raise _last_admin_error("role")
    membership.role = role
    _decide(membership, status=MembershipStatus.ACTIVE, by=by)
    membership.save()
    return membership


@transaction.atomic
def membership_request(*, user: User, actor: Actor, message: str = "") -> Membership:
    """A user asks to join an organisation: a pending membership its admins decide on."""
    if not user.is_authenticated or not user.is_active:
        raise DomainError(_("Connectez-vous pour rejoindre une organisation."), code="forbidden")
    text = _clean_text(message, field="message")
    _lock_actor(actor)
    membership = Membership.objects.filter(user=user, actor=actor).first()
    if membership is not None:
        if membership.status == MembershipStatus.ACTIVE:
            raise DomainError(
                _("Vous êtes déjà membre de cette organisation."), code="already_member"
            )
        if membership.status == MembershipStatus.PENDING:
            raise DomainError(
                _("Votre demande est déjà en attente de réponse."), code="already_requested"
            )
        if membership.status == MembershipStatus.INVITED:
            raise DomainError(
                _("Vous êtes déjà invité·e : acceptez l'invitation depuis « Mon espace »."),
                code="already_invited",
            )
    if not Membership.objects.filter(actor=actor).admins().exists():
        raise DomainError(
            _(
                "Cette organisation n'a pas encore d'administrateur sur Maillage : demandez "
                "plutôt à gérer sa fiche."
            ),
            code="no_admin",
        )
    if membership is None:
        membership = Membership(user=user, actor=actor)
    membership.role = MembershipRole.MEMBER
    membership.message = text
    membership.invited_by = None
    membership.status = MembershipStatus.PENDING
    membership.decided_by = None
    membership.decided_at = None
    membership.decision_note = ""
    membership.save()
    email_send(
        to=_admin_emails(actor),
        template="join_request",
        context={
            "membership": membership,
            "actor": actor,
            "requester": user,
            "members_url": absolute_url("actors:members", pk=actor.pk),
        },
    )
    return membership


@transaction.atomic
def membership_invite(
    *, actor: Actor, by: User, email: str, role: str = MembershipRole.MEMBER, message: str = ""
) -> Membership:
    """An admin invites someone by e-mail; they accept with the link's token, after signing
    up or in. Inviting someone who asked to join validates their request; inviting again
    re-sends the invitation with a new link."""
    _require_manager(by, actor)
    address = _validated_email(email)
    _require_role(role)
    text = _clean_text(message, field="message")
    _lock_actor(actor)
    user = User.objects.filter(email__iexact=address).first()
    if user is not None:
        membership = Membership.objects.filter(user=user, actor=actor).first()
        if membership is not None and membership.status == MembershipStatus.ACTIVE:
            raise DomainError(
                _("%(email)s est déjà membre de l'organisation.") % {"email": address},
                field="email",
                code="already_member",
            )
        if membership is not None and membership.status == MembershipStatus.PENDING:
            return membership_approve(membership=membership, by=by, role=role)
        if membership is None:
            membership = Membership(user=user, actor=actor)
    else:
        membership = Membership.objects.filter(
            actor=actor, user=None, invited_email=address
        ).first() or Membership(actor=actor, invited_email=address)
    token = secrets.token_urlsafe(32)
    membership.invited_email = address
    membership.role = role
    membership.message = text
    membership.invited_by = by
    membership.status = MembershipStatus.INVITED
    membership.decided_by = None
    membership.decided_at = None
    membership.decision_note = ""
    membership.invitation_token_hash = _token_hash(token)
    membership.invitation_expires_at = timezone.now() + INVITATION_VALIDITY
    membership.save()
    email_send(
        to=[address],
        template="invitation",
        required=True,
        context={
            "membership": membership,
            "actor": actor,
            "inviter": by,
            "has_account": user is not None,
            "invitation_url": absolute_url("accounts:invitation", token=token),
        },
    )
    return membership


def invitation_get_by_token(*, token: str) -> Membership | None:
    """The invitation behind a link's token, whatever its state (None when unknown)."""
    if not token:
        return None
    return (
        Membership.objects.filter(invitation_token_hash=_token_hash(token))
        .select_related("actor", "invited_by", "user")
        .first()
    )


def _check_invitation_for(membership: Membership, user: User) -> None:
    if membership.status != MembershipStatus.INVITED:
        raise DomainError(_("Cette invitation n'est plus valable."), code="not_invited")
    if membership.user_id is not None and membership.user_id != user.pk:
        raise DomainError(
            _(
                "Cette invitation est adressée à un autre compte. Connectez-vous avec "
                "l'adresse qui l'a reçue."
            ),
            code="other_user",
        )
    expires = membership.invitation_expires_at
    if expires is not None and expires < timezone.now():
        raise DomainError(
            _("Cette invitation a expiré : demandez à l'organisation de vous la renvoyer."),
            code="invitation_expired",
        )


@transaction.atomic
def membership_accept_invitation(*, user: User, membership: Membership) -> Membership:
    """The invitee (signed in) accepts; returns their now active membership.

    An invitation sent to an address without an account is taken by whoever holds the link
    and accepts it. If that person already has a row for the organisation (an old request),
    that row becomes active and the invitation is closed."""
    membership = _lock_membership(membership)
    _check_invitation_for(membership, user)
    if membership.user_id is None:
        existing = Membership.objects.filter(user=user, actor=membership.actor).first()
        if existing is not None:
            if existing.is_admin or membership.role == MembershipRole.ADMIN:
                existing.role = MembershipRole.ADMIN
            else:
                existing.role = membership.role
            existing.invited_by = membership.invited_by
            _decide(existing, status=MembershipStatus.ACTIVE, by=user)
            existing.save()
            _decide(
                membership,
                status=MembershipStatus.REFUSED,
                by=user,
                note=_("Invitation rattachée au compte %(email)s.") % {"email": user.email},
            )
            membership.save()
            return existing
        membership.user = user
    _decide(membership, status=MembershipStatus.ACTIVE, by=user)
    membership.save()
    return membership


@transaction.atomic
def membership_decline_invitation(*, user: User, membership: Membership) -> Membership:
    membership = _lock_membership(membership)
    if membership.status != MembershipStatus.INVITED:
        raise DomainError(_("Cette invitation n'est plus valable."), code="not_invited")
    if membership.user_id is not None and membership.user_id != user.pk:
        raise DomainError(_("Cette invitation est adressée à un autre compte."), code="other_user")
    _decide(membership, status=MembershipStatus.REFUSED, by=user, note=_("Invitation déclinée."))
    membership.save()
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by: User, role: str | None = None) -> Membership:
    """An admin validates a join request (as plain member unless ``role`` says admin)."""
    _require_manager(by, membership.actor)
    membership = _lock_membership(membership)
    if membership.status != MembershipStatus.PENDING:
        raise DomainError(_("Cette demande n'est plus en attente."), code="not_pending")
    if role is not None:
        _require_role(role)
        membership.role = role
    _decide(membership, status=MembershipStatus.ACTIVE, by=by)
    membership.save()
    if membership.user is not None:
        email_send(
            to=[membership.user.email],
            template="join_approved",
            context={
                "membership": membership,
                "actor": membership.actor,
                "dashboard_url": absolute_url("accounts:dashboard"),
            },
        )
    return membership


@transaction.atomic
def membership_refuse(*, membership: Membership, by: User, note: str = "") -> Membership:
    """An admin refuses a join request, or withdraws an invitation not yet accepted."""
    _require_manager(by, membership.actor)
    text = _clean_text(note, field="note")
    membership = _lock_membership(membership)
    was_request = membership.status == MembershipStatus.PENDING
    if membership.status not in (MembershipStatus.PENDING, MembershipStatus.INVITED):
        raise DomainError(_("Cette demande n'est plus en attente."), code="not_pending")
    _decide(membership, status=MembershipStatus.REFUSED, by=by, note=text)
    membership.save()
    if was_request and membership.user is not None:
        email_send(
            to=[membership.user.email],
            template="join_refused",
            context={"membership": membership, "actor": membership.actor},
        )
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, by: User, role: str) -> Membership:
    """Promote a member to admin or demote an admin, never the last active one."""
    _require_manager(by, membership.actor)
    _require_role(role)
    membership = _lock_membership(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise DomainError(
            _("Seul le rôle d'un membre actif peut changer."), field="role", code="not_active"
        )
    if (
        membership.role == MembershipRole.ADMIN
        and role != MembershipRole.ADMIN
        and not _other_active_admins(membership.actor, excluding=membership)
    ):
        raise _last_admin_error("role")
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_deactivate(*, membership: Membership, by: User) -> Membership:
    """An admin deactivates a member, or members leave by themselves. The row stays (the
    history of who belonged); the last active admin cannot go."""
    if by.pk != membership.user_id:
        _require_manager(by, membership.actor)
    membership = _lock_membership(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise DomainError(_("Ce membre n'est pas actif."), code="not_active")
    if membership.role == MembershipRole.ADMIN and not _other_active_admins(
        membership.actor, excluding=membership
    ):
        raise _last_admin_error()
    _decide(membership, status=MembershipStatus.DEACTIVATED, by=by)
    membership.save()
    return membership


@transaction.atomic
def membership_reactivate(*, membership: Membership, by: User) -> Membership:
    """Undo a deactivation; the person comes back as a plain member."""
    _require_manager(by, membership.actor)
    membership = _lock_membership(membership)
    if membership.status != MembershipStatus.DEACTIVATED:
        raise DomainError(_("Ce membre n'est pas désactivé."), code="not_deactivated")
    membership.role = MembershipRole.MEMBER
    _decide(membership, status=MembershipStatus.ACTIVE, by=by)
    membership.save()
    return membership


# --------------------------------------------------------------------------- claims


def facilitator_emails_for(actor: Actor) -> list[str]:
    """Whom to tell about a claim: the facilitators covering the actor, else staff."""
    users = User.objects.filter(is_active=True)
    emails: list[str] = []
    for user in users.filter(facilitator_scopes__isnull=False).distinct():
        condition = facilitator_territory_filter(user)
        if condition is not None and Actor.objects.filter(condition, pk=actor.pk).exists():
            emails.append(user.email)
    if not emails:
        emails = list(users.filter(is_staff=True).values_list("email", flat=True))
    return emails


@transaction.atomic
def claim_request_create(*, user: User, actor: Actor, message: str) -> ClaimRequest:
    """Ask to manage an actor that has no active admin (typically imported)."""
    if not user.is_authenticated or not user.is_active:
        raise DomainError(_("Connectez-vous pour demander à gérer une fiche."), code="forbidden")
    text = _clean_text(message, field="message")
    if not text:
        raise DomainError(
            _(
                "Dites en quelques mots qui vous êtes dans cette organisation : la personne "
                "qui validera votre demande en a besoin."
            ),
            field="message",
            code="required",
        )
    _lock_actor(actor)
    if Membership.objects.filter(actor=actor).admins().exists():
        raise DomainError(
            _(
                "Cette organisation a déjà un administrateur sur Maillage : demandez plutôt à "
                "la rejoindre."
            ),
            code="has_admin",
        )
    if ClaimRequest.objects.filter(user=user, actor=actor, status=ClaimStatus.PENDING).exists():
        raise DomainError(
            _("Votre demande est déjà en attente de réponse."), code="already_requested"
        )
    claim = ClaimRequest.objects.create(user=user, actor=actor, message=text)
    email_send(
        to=facilitator_emails_for(actor),
        template="claim_created",
        context={
            "claim": claim,
            "actor": actor,
            "requester": user,
            "claim_url": absolute_url("accounts:claim_detail", pk=claim.pk),
        },
    )
    return claim


def _lock_claim_for_decision(claim: ClaimRequest, by: User) -> ClaimRequest:
    if not can_decide_claim(by, claim.actor):
        raise DomainError(
            _(
                "Seuls les animateurs du territoire de l'organisation et l'équipe de la "
                "plateforme peuvent décider."
            ),
            code="forbidden",
        )
    if claim.user_id == by.pk and not by.is_staff:
        raise DomainError(
            _(
                "Vous ne pouvez pas décider de votre propre demande : un autre animateur ou "
                "l'équipe de la plateforme s'en chargera."
            ),
            code="own_claim",
        )
    _lock_actor(claim.actor)
    claim = (
        ClaimRequest.objects.select_for_update(of=("self",))
        .select_related("actor", "user")
        .get(pk=claim.pk)
    )
    if claim.status != ClaimStatus.PENDING:
        raise DomainError(_("Cette demande a déjà été traitée."), code="not_pending")
    return claim


@transaction.atomic
def claim_request_approve(*, claim: ClaimRequest, by: User, note: str = "") -> Membership:
    """The claimant becomes an active admin of the actor. Other pending claims on the same
    actor are then rejected: the actor has an admin, they can ask to join it."""
    text = _clean_text(note, field="note")
    claim = _lock_claim_for_decision(claim, by)
    now = timezone.now()
    claim.status = ClaimStatus.APPROVED
    claim.decided_by = by
    claim.decided_at = now
    claim.decision_note = text
    claim.save()
    membership = Membership.objects.filter(user=claim.user, actor=claim.actor).first()
    if membership is None:
        membership = Membership(user=claim.user, actor=claim.actor)
    membership.role = MembershipRole.ADMIN
    _decide(membership, status=MembershipStatus.ACTIVE, by=by)
    membership.save()
    others = list(
        ClaimRequest.objects.filter(actor=claim.actor, status=ClaimStatus.PENDING)
        .exclude(pk=claim.pk)
        .select_related("user")
    )
    superseded = _("Une autre demande a été acceptée : demandez à rejoindre l'organisation.")
    for other in others:
        other.status = ClaimStatus.REJECTED
        other.decided_by = by
        other.decided_at = now
        other.decision_note = superseded
        other.save()
    email_send(
        to=[claim.user.email],
        template="claim_approved",
        context={
            "claim": claim,
            "actor": claim.actor,
            "edit_url": absolute_url("actors:edit", pk=claim.actor.pk),
        },
    )
    for other in others:
        email_send(
            to=[other.user.email],
            template="claim_rejected",
            context={"claim": other, "actor": other.actor},
        )
    return membership


@transaction.atomic
def claim_request_reject(*, claim: ClaimRequest, by: User, note: str) -> ClaimRequest:
    text = _clean_text(note, field="note")
    if not text:
        raise DomainError(
            _("Expliquez en quelques mots pourquoi la demande est refusée."),
            field="note",
            code="required",
        )
    claim = _lock_claim_for_decision(claim, by)
    claim.status = ClaimStatus.REJECTED
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.decision_note = text
    claim.save()
    email_send(
        to=[claim.user.email],
        template="claim_rejected",
        context={"claim": claim, "actor": claim.actor},
    )
    return claim


# --------------------------------------------------------------------------- facilitators


@transaction.atomic
def facilitator_scope_add(
    *, user: User, territory_code: str, organisation: Actor | None = None
) -> FacilitatorScope:
    """Make ``user`` a facilitator (animateur) of a territory (idempotent)."""
    territory = territory_get(territory_code)
    if territory is None:
        raise DomainError(
            _(
                "Territoire inconnu : %(code)s (attendu com:86194, epci:200069854, dep:86, "
                "reg:75 ou fr)."
            )
            % {"code": territory_code},
            field="territory_code",
            code="unknown_territory",
        )
    scope, _created = FacilitatorScope.objects.get_or_create(
        user=user, territory_code=territory.code, defaults={"organisation": organisation}
    )
    if organisation is not None and scope.organisation_id != organisation.pk:
        scope.organisation = organisation
        scope.save(update_fields=["organisation", "updated_at"])
    return scope


@transaction.atomic
def facilitator_scope_remove(*, scope: FacilitatorScope) -> None:
    """A scope is configuration, not history: it is removed."""
    scope.delete()
