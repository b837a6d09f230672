"""The official territorial referential (INSEE COG via @etalab/decoupage-administratif).

Only current communes (``type = commune-actuelle``) are ``Commune`` rows that actors point
to. Delegated/associated communes, municipal districts and old codes are kept as
``CommuneAlias`` rows mapping any code a source file may carry to its current commune.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.territories.codes import parse_territory_code
from maillage.territories.enums import CommuneType, EpciType, Zone


class Region(models.Model):
    """A région; overseas collectivities (COM) appear as pseudo-régions with 3-digit codes."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)
    # Sum of its current communes' populations, computed by the loader from the whole file.
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

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
    search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name=_("région")
    )
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    chef_lieu = models.CharField(_("chef-lieu"), max_length=5, blank=True)
    # Sum of its current communes' populations, computed by the loader from the whole file.
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

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
    search_name = models.CharField(max_length=200, db_index=True, editable=False, default="")
    type = models.CharField(_("type"), max_length=5, choices=EpciType.choices)
    financing = models.CharField(_("mode de financement"), max_length=10, blank=True)
    # Population municipale as published with the EPCI list (DGCL).
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


class CommuneQuerySet(models.QuerySet["Commune"]):
    def in_territory(self, code: str) -> CommuneQuerySet:
        """Current communes inside a territory (``com:``, ``epci:``, ``dep:``, ``reg:``, ``fr``).

        Raises ``InvalidTerritoryCode`` (a ``ValueError``) for a malformed code.
        """
        level, value = parse_territory_code(code)
        if level == "fr":
            return self.all()
        field = {"com": "code", "epci": "epci_id", "dep": "departement_id", "reg": "region_id"}
        return self.filter(**{field[level]: value})


class Commune(models.Model):
    """A current commune (``commune-actuelle``): the rows actors point to."""

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    # Lower-case, accent-free name for accent-insensitive autocomplete on every database.
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("département"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="communes", verbose_name=_("région")
    )
    # 98 current communes belong to no EPCI (islands, SPM, Saint-Barthélemy, COM…).
    epci = models.ForeignKey(
        Epci,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communes",
        verbose_name=_("intercommunalité (EPCI)"),
    )
    zone = models.CharField(_("zone"), max_length=5, choices=Zone.choices, default=Zone.METRO)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    postal_codes = models.JSONField(_("codes postaux"), default=list, blank=True)
    # First postal code, indexed, so that "86000" autocompletes without scanning JSON.
    main_postal_code = models.CharField(max_length=5, blank=True, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    # Not in the referential (no package ships centroids): set by other sources, never
    # overwritten by the loader.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

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

    code = models.CharField(_("code"), max_length=5)
    type = models.CharField(_("type"), max_length=30, choices=CommuneType.choices)
    # Former codes (``anciensCodes``) carry no name of their own unless the same code is
    # also a delegated or associated commune.
    name = models.CharField(_("nom"), max_length=100, blank=True)
    search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("commune")
    )

    class Meta:
        ordering = ["code", "type"]
        verbose_name = _("code de commune historique ou infra-communal")
        verbose_name_plural = _("codes de communes historiques ou infra-communaux")
        constraints = [
            models.UniqueConstraint(fields=["code", "type"], name="commune_alias_code_type")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name} → {self.commune_id}"


class PostalCode(models.Model):
    """One postal code of a current commune (a commune may have several, Paris has 21)."""

    code = models.CharField(_("code postal"), max_length=5, db_index=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        related_name="postal_code_rows",
        verbose_name=_("commune"),
    )

    class Meta:
        ordering = ["code", "commune_id"]
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        constraints = [
            models.UniqueConstraint(fields=["code", "commune"], name="postal_code_commune")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.commune_id}"


class ReferentialVersion(models.Model):
    """What vintage of the referential is loaded (one row, rewritten by each load).

    ``digest`` covers the data files and the loader's own version, so that a second run
    on the same files can be skipped; ``scope`` is the ``--departement`` selection of the
    last load ("" for the whole of France) and ``counts`` its summary.
    """

    package = models.CharField(_("paquet"), max_length=100)
    version = models.CharField(_("version"), max_length=20)
    digest = models.CharField(_("empreinte"), max_length=64)
    scope = models.CharField(_("départements chargés"), max_length=200, blank=True)
    counts = models.JSONField(_("volumes"), default=dict, blank=True)
    loaded_at = models.DateTimeField(_("chargé le"), auto_now=True)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("version du référentiel")
        verbose_name_plural = _("versions du référentiel")

    def __str__(self) -> str:
        return f"{self.package} {self.version}"
