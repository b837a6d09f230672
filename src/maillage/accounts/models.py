"""Users, their memberships in organisations (actors) and facilitators' territorial scopes."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.enums import ClaimStatus, MembershipRole, MembershipStatus
from maillage.core.models import TimestampedModel


class EmailUserManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        # Sign-in by e-mail, case-insensitive.
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person. Signs in with an e-mail address; ``username`` mirrors it for the admin."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    display_name = models.CharField(_("nom affiché"), max_length=150, blank=True)
    # RGPD retention: when the "inactive account" notice was sent (see accounts/privacy.py).
    retention_notice_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects: ClassVar[EmailUserManager] = EmailUserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.email


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.ACTIVE)

    def admins(self) -> MembershipQuerySet:
        return self.active().filter(role=MembershipRole.ADMIN)

    def pending(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.PENDING)

    def invited(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.INVITED)


class Membership(TimestampedModel):
    """A user's place in an organisation. Deactivated, never deleted.

    An invitation sent to an address nobody has signed up with yet has no ``user``: it
    holds ``invited_email`` until someone accepts it with the link's token (or signs up
    with that address). Only the token's SHA-256 is stored.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("utilisateur"),
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("rôle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    message = models.TextField(_("message"), blank=True)
    invited_email = models.EmailField(_("adresse invitée"), blank=True)
    invitation_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    invitation_expires_at = models.DateTimeField(
        _("invitation valable jusqu'au"), null=True, blank=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invité par"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision par"),
    )
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision_note = models.TextField(_("motif"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["actor_id", "user_id", "id"]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["actor", "invited_email"],
                condition=Q(user__isnull=True),
                name="membership_unique_open_invitation",
            ),
            models.UniqueConstraint(
                fields=["invitation_token_hash"],
                condition=~Q(invitation_token_hash=""),  # nosec B106: not a password
                name="membership_unique_token",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(invited_email=""),
                name="membership_user_or_invited_email",
            ),
        ]
        indexes = [models.Index(fields=["actor", "status"])]

    def __str__(self) -> str:
        who = self.user or self.invited_email
        return f"{who} · {self.actor} ({self.role}, {self.status})"

    @property
    def is_admin(self) -> bool:
        return self.status == MembershipStatus.ACTIVE and self.role == MembershipRole.ADMIN

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user else self.invited_email


class FacilitatorScope(TimestampedModel):
    """A facilitator (animateur) acts on the territories listed here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_scopes"
    )
    territory_code = models.CharField(
        _("territoire"),
        max_length=20,
        help_text=_("Code de territoire : com:86194, epci:200069854, dep:86, reg:75 ou fr."),
    )
    organisation = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("structure d'animation"),
    )

    class Meta:
        ordering = ["user_id", "territory_code"]
        verbose_name = _("périmètre d'animateur")
        verbose_name_plural = _("périmètres d'animateurs")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "territory_code"], name="facilitator_scope_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.territory_code}"


class ClaimRequest(TimestampedModel):
    """A user asks to manage an existing (imported) actor; a facilitator decides."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim_requests"
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="claim_requests"
    )
    message = models.TextField(_("justification"))
    status = models.CharField(
        _("statut"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision par"),
    )
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision_note = models.TextField(_("note de décision"), blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("demande de gestion d'une fiche")
        verbose_name_plural = _("demandes de gestion de fiches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "actor"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_user_actor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.actor} ({self.status})"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(TimestampedModel):
    """A personal API token: ``mlg_<prefix>_<secret>``; only a SHA-256 of the whole token
    is stored (shown once at creation). Scoped read or read-write; revocable; may expire."""

    class Scope(models.TextChoices):
        READ = "read", _("lecture")
        WRITE = "write", _("lecture et écriture")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(_("préfixe"), max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    scope = models.CharField(_("portée"), max_length=5, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernier usage"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
