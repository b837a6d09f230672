"""Users, their memberships in organisations (actors) and facilitators' territorial scopes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("utilisateur")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.email


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.ACTIVE)

    def admins(self) -> MembershipQuerySet:
        return self.active().filter(role=MembershipRole.ADMIN)


class Membership(TimestampedModel):
    """A user's place in an organisation. Deactivated, never deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE,
                              related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    status = models.CharField(_("statut"), max_length=12, choices=MembershipStatus.choices,
                              default=MembershipStatus.ACTIVE)
    message = models.TextField(_("message"), blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["actor_id", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.actor} ({self.role}, {self.status})"


class FacilitatorScope(TimestampedModel):
    """A facilitator (animateur) acts on the territories listed here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="facilitator_scopes")
    territory_code = models.CharField(_("territoire"), max_length=20)
    organisation = models.ForeignKey("actors.Actor", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("structure d'animation"))

    class Meta:
        ordering = ["user_id", "territory_code"]
        verbose_name = _("périmètre d'animateur")
        verbose_name_plural = _("périmètres d'animateurs")
        constraints = [
            models.UniqueConstraint(fields=["user", "territory_code"],
                                    name="facilitator_scope_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.territory_code}"


class ClaimRequest(TimestampedModel):
    """A user asks to manage an existing (imported) actor; a facilitator decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="claim_requests")
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE,
                              related_name="claim_requests")
    message = models.TextField(_("justification"))
    status = models.CharField(max_length=10, choices=ClaimStatus.choices,
                              default=ClaimStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"],
                                    condition=Q(status="pending"),
                                    name="claim_one_pending_per_user_actor")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.actor} ({self.status})"
