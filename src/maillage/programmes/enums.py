from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    DRAFT = "brouillon", _("En préparation (non publié)")
    ACTIVE = "en_cours", _("En cours")
    CLOSED = "termine", _("Terminé")


class PhaseKind(models.TextChoices):
    """The steps of a territorial programme (seed 2013)."""

    LAUNCH = "lancement", _("Lancement")
    WORKING_GROUPS = "groupes_de_travail", _("Groupes de travail")
    SELECTION = "selection", _("Sélection des actions")
    RESTITUTION = "restitution", _("Restitution")
    IMPLEMENTATION = "mise_en_oeuvre", _("Mise en œuvre des actions")
    FOLLOW_UP = "suivi", _("Point d'étape")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposee", _("Proposée")
    SELECTED = "retenue", _("Retenue")
    NOT_SELECTED = "non_retenue", _("Non retenue")
    IN_PROGRESS = "en_cours", _("En cours")
    DONE = "realisee", _("Réalisée")
    ABANDONED = "abandonnee", _("Abandonnée")


class SelectionMethod(models.TextChoices):
    VOTE = "vote", _("Vote du groupe")
    FACILITATOR = "choix_animateur", _("Choix de l'animateur")


class ContributionStatus(models.TextChoices):
    OFFERED = "proposee", _("Proposée")
    ACCEPTED = "acceptee", _("Acceptée")
    DECLINED = "declinee", _("Déclinée")
    WITHDRAWN = "retiree", _("Retirée")


class MeetingStatus(models.TextChoices):
    PLANNED = "prevue", _("Prévue")
    HELD = "tenue", _("Tenue")
    CANCELLED = "annulee", _("Annulée")


# Statuses of an action that has been selected (shown on the public programme page).
SELECTED_STATUSES = (ActionStatus.SELECTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
