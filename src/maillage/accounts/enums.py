from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    ADMIN = "admin", _("Administrateur")


class MembershipStatus(models.TextChoices):
    """``pending`` (join request) and ``invited`` are putative members an admin validates."""

    ACTIVE = "active", _("Actif")
    PENDING = "pending", _("Demande d'adhésion en attente")
    INVITED = "invited", _("Invitation en attente")
    DEACTIVATED = "deactivated", _("Désactivé")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    APPROVED = "approved", _("Acceptée")
    REJECTED = "rejected", _("Refusée")
