from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("À chaque notification")
    DAILY = "daily", _("Un résumé par jour")
    WEEKLY = "weekly", _("Un résumé par semaine")
    NEVER = "never", _("Jamais (seulement sur la plateforme)")


class EmailState(models.TextChoices):
    PENDING = "pending", _("À envoyer dans le prochain résumé")
    SENT = "sent", _("Envoyé")
    SKIPPED = "skipped", _("Non envoyé (préférence)")
    FAILED = "failed", _("Échec de l'envoi")
