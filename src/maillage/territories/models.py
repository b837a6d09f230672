"""The official territorial referential (INSEE COG via @etalab/decoupage-administratif).

Only current communes (``type = commune-actuelle``) are ``Commune`` rows that actors point
to. Delegated/associated communes, municipal districts and old codes are kept as
``CommuneAlias`` rows mapping any code a source file may carry to its current commune.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.territories.enums import CommuneType, EpciType, Zone


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")

    def __str__(self) -> str:
        return self.name

    @property
    def territory_code(self) -> str:
        return f"reg:{self.code}"


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def territory_code(self) -> str:
        return f"dep:{self.code}"


class Epci(models.Model):
    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    type = models.CharField(_("type"), max_length=5, choices=EpciType.choices)
    financing = models.CharField(_("mode de financement"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("intercommunalité (EPCI)")
        verbose_name_plural = _("intercommunalités (EPCI)")

    def __str__(self) -> str:
        return self.name

    @property
    def territory_code(self) -> str:
        return f"epci:{self.code}"


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    # Lower-case, accent-free name for accent-insensitive autocomplete on every database.
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes"
    )
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    postal_codes = models.JSONField(_("codes postaux"), default=list, blank=True)
    # First postal code, indexed, so that "86000" autocompletes without scanning JSON.
    main_postal_code = models.CharField(max_length=5, blank=True, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["name", "code"]
        verbose_name = _("commune")
        indexes = [models.Index(fields=["departement", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def territory_code(self) -> str:
        return f"com:{self.code}"


class CommuneAlias(models.Model):
    """Any code a source may carry (old code, delegated commune, municipal district)."""

    code = models.CharField(max_length=5)
    type = models.CharField(max_length=30, choices=CommuneType.choices)
    name = models.CharField(max_length=100)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["code", "type"]
        constraints = [
            models.UniqueConstraint(fields=["code", "type"], name="commune_alias_code_type")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name} → {self.commune_id}"


class ReferentialVersion(models.Model):
    """What vintage of the referential is loaded (one row)."""

    package = models.CharField(max_length=100)
    version = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-loaded_at"]
