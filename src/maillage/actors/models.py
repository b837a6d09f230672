"""Actors of a territory: who they are, where, what they need and offer, whom to contact.

Reference vocabularies (kinds, themes, ODD, need/offer categories, partnership types,
labels) are tables loaded by data migrations and editable by staff in the admin; their
``code`` is the stable identifier of domain.md §9 used in files, URLs and the API.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from maillage.actors.enums import (
    ActorStatus,
    CompanySize,
    ContactLegalBasis,
    ContactSource,
    Direction,
    InterventionLevel,
    Source,
    Sphere,
)
from maillage.core.models import TimestampedModel
from maillage.territories.models import Commune, Departement, Epci, Region

# --------------------------------------------------------------------------- vocabularies


class ReferenceModel(models.Model):
    code = models.SlugField(_("code"), max_length=50, primary_key=True)
    name = models.CharField(_("libellé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Kind(ReferenceModel):
    """Type d'acteur; ``di_typology`` is the data·inclusion v0 typology code."""

    default_sphere = models.CharField(_("sphère par défaut"), max_length=20, choices=Sphere.choices)
    di_typology = models.CharField(_("typologie data·inclusion"), max_length=20, blank=True)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("type d'acteur")
        verbose_name_plural = _("types d'acteurs")


class SubKind(ReferenceModel):
    kind = models.ForeignKey(Kind, on_delete=models.CASCADE, related_name="subkinds")
    di_typology = models.CharField(_("typologie data·inclusion"), max_length=20, blank=True)

    class Meta(ReferenceModel.Meta):
        verbose_name = _("sous-type d'acteur")
        verbose_name_plural = _("sous-types d'acteurs")


class Odd(models.Model):
    """One of the 17 UN Sustainable Development Goals (Objectifs de développement durable)."""

    number = models.PositiveSmallIntegerField(_("numéro"), primary_key=True)
    name = models.CharField(_("intitulé"), max_length=120)
    colour = models.CharField(_("couleur"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("ODD")
        verbose_name_plural = _("ODD")

    def __str__(self) -> str:
        return f"ODD {self.number} — {self.name}"


class Theme(ReferenceModel):
    odds = models.ManyToManyField(Odd, related_name="themes", blank=True, verbose_name=_("ODD"))

    class Meta(ReferenceModel.Meta):
        verbose_name = _("thématique")


class Category(ReferenceModel):
    """Need/offer category (financement, compétences, bénévolat…)."""

    class Meta(ReferenceModel.Meta):
        verbose_name = _("catégorie de besoin ou d'offre")
        verbose_name_plural = _("catégories de besoins et d'offres")


class PartnershipType(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        verbose_name = _("type de partenariat")
        verbose_name_plural = _("types de partenariat")


class Label(ReferenceModel):
    """Labels, approvals and recognitions (RUP, agrément ESUS, …)."""

    class Meta(ReferenceModel.Meta):
        verbose_name = _("label ou agrément")
        verbose_name_plural = _("labels et agréments")


# --------------------------------------------------------------------------- actors


class ActorQuerySet(models.QuerySet["Actor"]):
    def active(self) -> ActorQuerySet:
        return self.filter(status=ActorStatus.ACTIVE)

    def in_territory(self, code: str) -> ActorQuerySet:
        """Actors seated inside a territory (``com:``, ``epci:``, ``dep:``, ``reg:``, ``fr``).

        Raises ``ValueError`` for a malformed code; callers validate user input first.
        """
        from maillage.territories.codes import parse_territory_code

        level, value = parse_territory_code(code)
        if level == "fr":
            return self.all()
        field = {
            "com": "seat_commune_id",
            "epci": "epci_id",
            "dep": "departement_id",
            "reg": "region_id",
        }[level]
        return self.filter(**{field: value})

    def with_identifier(self, identifier: str) -> ActorQuerySet:
        """Lookup by id, SIRET, SIREN or RNA number (contracts.md, ``recommend ACTOR``)."""
        value = identifier.strip().upper()
        if value.isdigit() and len(value) == 14:
            return self.filter(siret=value).exclude(siret="")
        if value.isdigit() and len(value) == 9:
            return self.filter(siren=value)
        if value.startswith("W"):
            return self.filter(rna=value).exclude(rna="")
        if value.isdigit():
            return self.filter(pk=int(value))
        return self.none()


class Actor(TimestampedModel):
    name = models.CharField(_("nom"), max_length=250)
    acronym = models.CharField(_("sigle"), max_length=50, blank=True)
    slug = models.SlugField(max_length=120, blank=True, editable=False)
    kind = models.ForeignKey(Kind, on_delete=models.PROTECT, verbose_name=_("type"))
    subkind = models.ForeignKey(
        SubKind, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("sous-type")
    )
    sphere = models.CharField(_("sphère"), max_length=20, choices=Sphere.choices)
    is_ess = models.BooleanField(_("relève de l'ESS (statut)"), default=False)
    company_size = models.CharField(
        _("taille d'entreprise"), max_length=3, choices=CompanySize.choices, blank=True
    )
    employees = models.PositiveIntegerField(_("salariés"), null=True, blank=True)
    is_mission_company = models.BooleanField(_("société à mission"), default=False)
    public_service_mission = models.BooleanField(_("mission de service public"), default=False)

    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True)

    seat_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name=_("commune du siège"),
    )
    # Denormalised from the seat commune (set by services) so that territory filters and
    # facets need no join.
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    coordinates_approximate = models.BooleanField(_("position approximative"), default=False)

    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("courriel de la structure"), blank=True)
    phone = models.CharField(_("téléphone de la structure"), max_length=30, blank=True)

    themes = models.ManyToManyField(
        Theme, related_name="actors", blank=True, verbose_name=_("thématiques")
    )
    partnership_types = models.ManyToManyField(
        PartnershipType,
        related_name="actors",
        blank=True,
        verbose_name=_("types de partenariat recherchés"),
    )
    labels = models.ManyToManyField(
        Label, related_name="actors", blank=True, verbose_name=_("labels et agréments")
    )

    status = models.CharField(
        _("statut"), max_length=10, choices=ActorStatus.choices, default=ActorStatus.ACTIVE
    )
    closed_on = models.DateField(_("date de fermeture"), null=True, blank=True)
    created_on = models.DateField(_("date de création"), null=True, blank=True)
    profile_confirmed_at = models.DateTimeField(_("profil confirmé le"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    source_date = models.DateField(_("date de la source"), null=True, blank=True)
    # Which source owns each field ("sirene", "rna", "import", "organisation"…): a re-import
    # updates what its source owns and never what the organisation edited itself.
    field_origins = models.JSONField(default=dict, blank=True, editable=False)
    # Hash of the last imported source row, so that an unchanged re-import writes nothing.
    source_hash = models.CharField(max_length=32, blank=True, editable=False)
    completeness = models.PositiveSmallIntegerField(
        _("complétude du profil (%)"), default=0, editable=False
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("acteur")
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~Q(siret=""), name="actor_unique_siret"
            ),
            models.UniqueConstraint(fields=["rna"], condition=~Q(rna=""), name="actor_unique_rna"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="actor_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="actor_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["siren"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["departement", "status"]),
            models.Index(fields=["region", "status"]),
            models.Index(fields=["epci", "status"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("actors:detail_slug", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def is_closed(self) -> bool:
        return self.status == ActorStatus.CLOSED


class ActorOdd(models.Model):
    """ODD tagging of an actor: a goal, optionally a target ("4.4")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="odd_tags")
    odd = models.ForeignKey(Odd, on_delete=models.PROTECT, related_name="+")
    target = models.CharField(_("cible"), max_length=6, blank=True)

    class Meta:
        ordering = ["odd_id", "target"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "odd", "target"], name="actor_odd_unique")
        ]

    def __str__(self) -> str:
        return f"ODD {self.odd_id}{' · ' + self.target if self.target else ''}"


class InterventionArea(models.Model):
    """A territory where the actor works: a referential code, or a level without code."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="intervention_areas")
    level = models.CharField(_("échelon"), max_length=15, choices=InterventionLevel.choices)
    territory_code = models.CharField(_("territoire"), max_length=20, blank=True)
    label = models.CharField(_("libellé"), max_length=200, blank=True)

    class Meta:
        ordering = ["actor_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "level", "territory_code"], name="intervention_area_unique"
            )
        ]
        indexes = [models.Index(fields=["territory_code"])]

    def __str__(self) -> str:
        return self.label or self.territory_code or self.get_level_display()


class NeedOffer(TimestampedModel):
    """A need (besoin) or an offer (offre) published by an actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="needs_offers")
    direction = models.CharField(_("sens"), max_length=5, choices=Direction.choices)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="needs_offers", verbose_name=_("catégorie")
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    text = models.TextField(_("description"))
    themes = models.ManyToManyField(
        Theme, related_name="needs_offers", blank=True, verbose_name=_("thématiques")
    )
    territory_code = models.CharField(_("territoire"), max_length=20, blank=True)
    quantity = models.CharField(_("quantité"), max_length=100, blank=True)
    value_eur = models.DecimalField(
        _("valeur (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    valid_from = models.DateField(_("valable du"), null=True, blank=True)
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["actor_id", "direction", "category_id", "id"]
        verbose_name = _("besoin ou offre")
        verbose_name_plural = _("besoins et offres")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="need_offer_valid_period",
            )
        ]
        indexes = [models.Index(fields=["direction", "category", "actor"])]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.category_id} · {self.text[:40]}"


class ContactQuerySet(models.QuerySet["Contact"]):
    def reachable(self) -> ContactQuerySet:
        """Contacts that may be shown, revealed or exported (no objection recorded)."""
        return self.filter(opted_out_at__isnull=True)

    def notice_pending(self) -> ContactQuerySet:
        """Contacts not collected from the person and not yet informed (article 14)."""
        return self.reachable().exclude(source=ContactSource.FORM).filter(informed_at__isnull=True)


class Contact(TimestampedModel):
    """A contact person of an actor — personal data (RGPD): minimum fields, recorded consent,
    shown only to those entitled (``actors.permissions.can_view_contacts``)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="contacts")
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    role = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consentement recueilli le"), null=True, blank=True)
    is_primary = models.BooleanField(_("contact principal"), default=False)
    legal_basis = models.CharField(
        _("base légale"),
        max_length=20,
        choices=ContactLegalBasis.choices,
        default=ContactLegalBasis.CONSENT,
    )
    source = models.CharField(
        _("origine"), max_length=12, choices=ContactSource.choices, default=ContactSource.FORM
    )
    # Article 14: people whose data were not collected from them are told within a month.
    informed_at = models.DateTimeField(_("personne informée le"), null=True, blank=True)
    # Objection (article 21): the person is never shown, revealed or exported again.
    opted_out_at = models.DateTimeField(_("opposition le"), null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["actor_id", "-is_primary", "last_name", "id"]
        verbose_name = _("personne contact")
        verbose_name_plural = _("personnes contacts")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"
