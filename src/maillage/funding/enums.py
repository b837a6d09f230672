"""Code sets of funding envelopes. Codes never change; labels may."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnvelopeStatus(models.TextChoices):
    OUVERTE = "ouverte", _("Ouverte")
    CLOTUREE = "cloturee", _("Clôturée")


class ViewScope(models.TextChoices):
    """How much of an envelope a reader sees: everything (its managers, the funder's
    members, staff), or only the allocations to their own partnerships (the parties)."""

    FULL = "full", _("Toute l'enveloppe")
    OWN = "own", _("Ses propres attributions")
