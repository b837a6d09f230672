from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    SIRENE = "sirene", _("Stock SIRENE (INSEE)")
    RNA = "rna", _("Répertoire national des associations")
    ACTORS = "actors", _("Fichier d'acteurs (colonnes canoniques)")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Interrompu par une erreur")
    UNUSABLE = "unusable", _("Fichier inutilisable")


class MergeReason(models.TextChoices):
    NAME_COMMUNE = "name_commune", _("Même nom dans la même commune")
    SHARED_IDENTIFIER = (
        "shared_identifier",
        _("Identifiant officiel déjà porté par un autre acteur"),
    )


class MergeStatus(models.TextChoices):
    PENDING = "pending", _("À examiner")
    ACCEPTED = "accepted", _("Fusionnés")
    REJECTED = "rejected", _("Acteurs distincts")


class UploadStatus(models.TextChoices):
    """Where a file uploaded in the web interface stands (``ImportUpload``)."""

    ANALYSING = "analysing", _("Analyse en cours")
    READY = "ready", _("Aperçu prêt, à confirmer")
    UNUSABLE = "unusable", _("Fichier inutilisable")
    QUEUED = "queued", _("En attente de démarrage")
    RUNNING = "running", _("Import en cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Interrompu par une erreur")
    CANCELLED = "cancelled", _("Annulé")
