from django.db import models
from django.utils.translation import gettext_lazy as _


class Sphere(models.TextChoices):
    ESS = "ess", _("Économie sociale et solidaire / intérêt général")
    ENTREPRISES = "entreprises", _("Entreprises")
    POUVOIRS_PUBLICS = "pouvoirs_publics", _("Pouvoirs publics")


class CompanySize(models.TextChoices):
    TPE = "tpe", _("TPE (moins de 10 salariés)")
    PME = "pme", _("PME (moins de 250 salariés)")
    ETI = "eti", _("ETI (250 à 4 999 salariés)")
    GE = "ge", _("Grande entreprise (5 000 salariés et plus)")


class Direction(models.TextChoices):
    NEED = "need", _("Besoin")
    OFFER = "offer", _("Offre")


class ActorStatus(models.TextChoices):
    ACTIVE = "active", _("En activité")
    CLOSED = "closed", _("Fermé / dissous")


class Source(models.TextChoices):
    MANUAL = "manual", _("Saisie sur la plateforme")
    IMPORT = "import", _("Import de fichier")
    SIRENE = "sirene", _("INSEE SIRENE")
    RNA = "rna", _("Répertoire national des associations")
    DEMO = "demo", _("Territoire de démonstration")
    SYNTHETIC = "synthetic", _("Population synthétique")


class InterventionLevel(models.TextChoices):
    """Échelons d'intervention, smallest first (domain.md §2)."""

    QUARTIER = "quartier", _("Quartier")
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    NATIONAL = "national", _("National")
    EUROPEEN = "europeen", _("Européen")
    INTERNATIONAL = "international", _("International")
    VIRTUEL = "virtuel", _("Virtuel")


class ContactLegalBasis(models.TextChoices):
    """RGPD article 6 ground on which a contact person's data are processed."""

    CONSENT = "consent", _("consentement")
    LEGITIMATE_INTEREST = "legitimate_interest", _("intérêt légitime")
    PUBLIC_TASK = "public_task", _("mission d'intérêt public")


class ContactSource(models.TextChoices):
    """Where a contact person's data came from (article 14 applies when not from them)."""

    FORM = "form", _("saisi par la personne ou son organisation")
    FACILITATOR = "facilitator", _("saisi par un animateur")
    IMPORT = "import", _("importé d'un fichier")
