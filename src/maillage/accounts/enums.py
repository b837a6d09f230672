from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    ADMIN = "admin", _("Administrateur")


class MembershipStatus(models.TextChoices):
    """``pending`` (join request) and ``invited`` are putative members: an admin validates a
    join request, the invitee accepts an invitation. Only ``active`` rows grant rights."""

    ACTIVE = "active", _("Actif")
    PENDING = "pending", _("Demande d'adhésion en attente")
    INVITED = "invited", _("Invitation en attente")
    DEACTIVATED = "deactivated", _("Désactivé")
    # A join request an admin refused, or an invitation declined by the invitee or withdrawn
    # by an admin. The row stays (history); a new request or invitation reuses it.
    REFUSED = "refused", _("Refusée ou retirée")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    APPROVED = "approved", _("Acceptée")
    REJECTED = "rejected", _("Refusée")
