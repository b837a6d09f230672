"""Code sets of the case library. Codes never change; labels may."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStudyStatus(models.TextChoices):
    BROUILLON = "brouillon", _("En préparation")
    PUBLIEE = "publiee", _("Publiée")


class ConsentStatus(models.TextChoices):
    EN_ATTENTE = "en_attente", _("Accord attendu")
    ACCORDEE = "accordee", _("Accord donné")
    RETIREE = "retiree", _("Accord retiré")


class PracticeStatus(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PUBLIEE = "publiee", _("Publiée")


class EntryKind(models.TextChoices):
    """What the library holds (the search's ``kind`` parameter)."""

    CAS = "cas", _("Études de cas")
    PRATIQUES = "pratiques", _("Bonnes pratiques")
    FICHES = "fiches", _("Fiches pratiques")


# A partnership may become a case study once finished, or once active for this many months
# (long enough to have results worth telling; docs/decisions/0025).
ELIGIBLE_ACTIVE_MONTHS = 12
