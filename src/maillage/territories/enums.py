from django.db import models
from django.utils.translation import gettext_lazy as _


class CommuneType(models.TextChoices):
    CURRENT = "commune-actuelle", _("Commune")
    DELEGATED = "commune-deleguee", _("Commune déléguée")
    ASSOCIATED = "commune-associee", _("Commune associée")
    MUNICIPAL_DISTRICT = "arrondissement-municipal", _("Arrondissement municipal")
    FORMER_CODE = "ancien-code", _("Ancien code (commune fusionnée)")


class Zone(models.TextChoices):
    METRO = "metro", _("Métropole")
    DROM = "drom", _("Outre-mer (DROM)")
    COM = "com", _("Collectivité d'outre-mer")


class EpciType(models.TextChoices):
    CC = "CC", _("Communauté de communes")
    CA = "CA", _("Communauté d'agglomération")
    CU = "CU", _("Communauté urbaine")
    METRO = "METRO", _("Métropole")
    MET69 = "MET69", _("Métropole de Lyon")


class TerritoryLevel(models.TextChoices):
    """Territory code prefixes (contracts.md): ``com:``, ``epci:``, ``dep:``, ``reg:``, ``fr``."""

    COMMUNE = "com", _("Commune")
    EPCI = "epci", _("Intercommunalité")
    DEPARTEMENT = "dep", _("Département")
    REGION = "reg", _("Région")
    NATIONAL = "fr", _("France entière")
