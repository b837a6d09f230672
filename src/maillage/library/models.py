"""The case library (bibliothèque de cas): case studies drawn from partnerships, good
practices, and — shown beside them, not copied — the practical sheets of the method
(``partnerships.PracticalSheet``).

A case study tells one partnership: what it did, who took part, its type, themes and
territory, its results, lessons and key figures. It is written as a draft (pre-filled from
the partnership and its evaluation) and published only once every party has agreed: one
``CaseConsent`` per party, given by that party's admin; any party may withdraw its consent
before publication, and a party's admin may take a published case study back out of the
library. Writes go through ``library.services``.

Contact persons never appear in the library: a case study names organisations, never
people.
"""

from __future__ import annotations

from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.models import TimestampedModel
from maillage.library.enums import CaseStudyStatus, ConsentStatus, PracticeStatus
from maillage.partnerships.enums import MethodStep

_M = TypeVar("_M", bound=models.Model)


class LibraryQuerySet(models.QuerySet[_M]):
    """Filters shared by case studies and good practices (both have ``status``,
    ``themes``, ``territory_keys`` and ``search_text``)."""

    def published(self) -> Self:
        return self.filter(status="publiee")

    def in_territory(self, code: str) -> Self:
        """Located inside ``code`` (or exactly there)."""
        return self.filter(territory_keys__contains=f"|{code}|")

    def with_theme(self, code: str) -> Self:
        return self.filter(themes__code=code)

    def matching(self, words: list[str]) -> Self:
        """Every word (already folded: lower case, no accents) appears in the text."""
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class CaseStudyQuerySet(LibraryQuerySet["CaseStudy"]):
    pass


class GoodPracticeQuerySet(LibraryQuerySet["GoodPractice"]):
    pass


class CaseStudy(TimestampedModel):
    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="case_study",
        verbose_name=_("partenariat"),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(max_length=120, blank=True, editable=False)
    summary = models.TextField(_("en bref"), help_text=_("Deux ou trois phrases, pour la liste."))
    what = models.TextField(_("le projet"), blank=True)
    who = models.TextField(_("les acteurs et leurs rôles"), blank=True)
    partnership_type = models.ForeignKey(
        PartnershipType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("type de partenariat"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="case_studies", blank=True, verbose_name=_("thématiques")
    )
    territory_code = models.CharField(_("territoire"), max_length=20, blank=True)
    territory_keys = models.CharField(max_length=400, blank=True, editable=False)
    results = models.TextField(_("résultats"), blank=True)
    lessons = models.TextField(_("enseignements"), blank=True)
    status = models.CharField(
        _("état"),
        max_length=12,
        choices=CaseStudyStatus.choices,
        default=CaseStudyStatus.BROUILLON,
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # Folded text of the title, summary, project, actors, results and lessons, kept by the
    # services: « every word appears » is then one LIKE per word on both databases.
    search_text = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at", "id"]
        verbose_name = _("étude de cas")
        verbose_name_plural = _("études de cas")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStudyStatus.values), name="case_study_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStudyStatus.BROUILLON) | Q(published_at__isnull=False),
                name="case_study_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:case", kwargs={"pk": self.pk, "slug": self.slug or "cas"})

    @property
    def is_published(self) -> bool:
        return self.status == CaseStudyStatus.PUBLIEE


class CaseFigure(models.Model):
    """A key figure of a case study (« 12 000 € apportés », « 340 personnes reçues »)."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("libellé"), max_length=150)
    value = models.CharField(_("valeur"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case_study_id", "position", "id"]
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")

    def __str__(self) -> str:
        return f"{self.label} : {self.value}"


class CaseConsent(models.Model):
    """One party's agreement to publish the case study."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="consents")
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("partie")
    )
    status = models.CharField(
        _("accord"), max_length=12, choices=ConsentStatus.choices, default=ConsentStatus.EN_ATTENTE
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Recorded by the platform's team for a party that agreed in writing (no admin account).
    on_behalf = models.BooleanField(_("enregistré pour la partie"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["case_study_id", "id"]
        verbose_name = _("accord de publication")
        verbose_name_plural = _("accords de publication")
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "actor"], name="case_consent_one_per_party"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ConsentStatus.values), name="case_consent_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_study} · {self.actor} · {self.status}"


class GoodPractice(TimestampedModel):
    """A good practice (bonne pratique): a short, reusable lesson, not tied to one
    partnership, written by facilitators or the platform's team."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(max_length=120, blank=True, editable=False)
    summary = models.TextField(_("en bref"))
    body = models.TextField(
        _("contenu"),
        blank=True,
        help_text=_("Paragraphes séparés par une ligne vide ; « - » en début de ligne : liste."),
    )
    step = models.CharField(
        _("étape de la méthode"), max_length=12, choices=MethodStep.choices, blank=True
    )
    themes = models.ManyToManyField(
        Theme, related_name="good_practices", blank=True, verbose_name=_("thématiques")
    )
    partnership_types = models.ManyToManyField(
        PartnershipType,
        related_name="good_practices",
        blank=True,
        verbose_name=_("types de partenariat"),
    )
    territory_code = models.CharField(_("territoire"), max_length=20, blank=True)
    territory_keys = models.CharField(max_length=400, blank=True, editable=False)
    source = models.CharField(
        _("source"), max_length=250, blank=True, help_text=_("D'où vient cette pratique.")
    )
    status = models.CharField(
        _("état"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.BROUILLON
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title", "id"]
        verbose_name = _("bonne pratique")
        verbose_name_plural = _("bonnes pratiques")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PracticeStatus.values), name="good_practice_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:practice", kwargs={"pk": self.pk, "slug": self.slug or "pratique"})

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLIEE
