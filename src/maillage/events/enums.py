from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LAUNCH = "lancement", _("Lancement")
    INFORMATION = "reunion_information", _("Réunion d'information")
    WORKSHOP = "atelier", _("Atelier")
    SPEED_DATING = "speed_dating", _("Speed-dating")
    RESTITUTION = "restitution", _("Restitution")


class EventStatus(models.TextChoices):
    DRAFT = "brouillon", _("En préparation (non publié)")
    PUBLISHED = "publie", _("Publié")
    CANCELLED = "annule", _("Annulé")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmee", _("Inscription confirmée")
    WAITLISTED = "attente", _("Liste d'attente")
    CANCELLED = "annulee", _("Annulée")


class Side(models.TextChoices):
    """The two sides of a two-sided speed-dating (contracts.md: A and B)."""

    A = "A", _("Côté A (associations et structures de l'ESS)")
    B = "B", _("Côté B (entreprises)")


class ConstraintKind(models.TextChoices):
    MUST_MEET = "must_meet", _("Doivent se rencontrer")
    AVOID = "avoid", _("Ne doivent pas se rencontrer")


OPEN_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
