"""Partnerships (partenariats, alliances) between actors, built with the four-step method.

A partnership has two or more parties (actors, each with a role, its own objectives and
expectations), a type with its direction of help, themes, a territory, dates, a status
that moves only along ``enums.ALLOWED_TRANSITIONS``, and an origin. The method's checklists
are copied from the editable practical sheets; commitments are contributions, documents
(conventions) and milestones; everything that happens is recorded as an event (timeline).

Other apps attach to a partnership by foreign key (``partnerships.Partnership``): the
evaluation (indicators, assessments), funding allocations, the case study of a finished
partnership. Writes go through ``partnerships.services`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Actor, PartnershipType, Theme
from maillage.core.models import TimestampedModel
from maillage.partnerships.enums import (
    ContributionKind,
    ContributionStatus,
    DocumentKind,
    EventKind,
    HelpDirection,
    LegalForm,
    MethodStep,
    Objective,
    PartnershipOrigin,
    PartnershipStatus,
    PartyRole,
    RiskKind,
    RiskLevel,
)

# --------------------------------------------------------------------------- sheets


class PracticalSheet(models.Model):
    """A practical sheet (fiche pratique) of one step of the method; its items make the
    checklist of every new partnership. Loaded by a data migration, edited by staff."""

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    step = models.CharField(_("étape"), max_length=12, choices=MethodStep.choices)
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("en bref"))
    body = models.TextField(
        _("contenu"),
        blank=True,
        help_text=_("Paragraphes séparés par une ligne vide ; « - » en début de ligne : liste."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("en usage"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("fiche pratique")
        verbose_name_plural = _("fiches pratiques")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnerships:sheet", kwargs={"code": self.code})


class SheetItem(models.Model):
    """One line of a sheet's checklist."""

    sheet = models.ForeignKey(PracticalSheet, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=80, unique=True)
    label = models.CharField(_("action"), max_length=250)
    help = models.TextField(_("aide"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("en usage"), default=True)

    class Meta:
        ordering = ["sheet__position", "position", "code"]
        verbose_name = _("action de fiche pratique")
        verbose_name_plural = _("actions des fiches pratiques")

    def __str__(self) -> str:
        return self.label


# --------------------------------------------------------------------------- partnerships


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def with_actor(self, actor: Actor) -> PartnershipQuerySet:
        return self.filter(parties__actor=actor)

    def finished(self) -> PartnershipQuerySet:
        """Finished partnerships (candidates for a case study)."""
        return self.filter(status=PartnershipStatus.TERMINEE)

    def in_territory(self, code: str) -> PartnershipQuerySet:
        """Partnerships whose territory lies inside ``code`` (or is ``code``)."""
        return self.filter(territory_keys__contains=f"|{code}|")


class Partnership(TimestampedModel):
    title = models.CharField(_("intitulé"), max_length=200)
    summary = models.TextField(_("le projet en quelques lignes"), blank=True)
    partnership_type = models.ForeignKey(
        PartnershipType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("type de partenariat"),
    )
    help_direction = models.CharField(
        _("sens de l'appui"), max_length=20, choices=HelpDirection.choices, blank=True
    )
    themes = models.ManyToManyField(
        Theme, related_name="partnerships", blank=True, verbose_name=_("thématiques")
    )
    territory_code = models.CharField(_("territoire"), max_length=20, blank=True)
    # "|com:86194|epci:200069854|dep:86|reg:75|fr|": the territory and those containing it,
    # kept by the services, so that "inside the Vienne" is one LIKE on both databases.
    territory_keys = models.CharField(max_length=400, blank=True, editable=False)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.IDEE,
    )
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)
    origin = models.CharField(
        _("origine"),
        max_length=20,
        choices=PartnershipOrigin.choices,
        default=PartnershipOrigin.DIRECT,
    )
    current_step = models.CharField(
        _("étape en cours"), max_length=12, choices=MethodStep.choices, default=MethodStep.PREPARER
    )
    legal_form = models.CharField(
        _("forme juridique"), max_length=24, choices=LegalForm.choices, blank=True
    )
    legal_form_note = models.TextField(_("pourquoi cette forme"), blank=True)
    lessons = models.TextField(_("enseignements"), blank=True)
    # Where it came from, when it came from another app's object.
    introduction = models.ForeignKey(
        "matching.Introduction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("mise en relation d'origine"),
    )
    programme_action = models.ForeignKey(
        "programmes.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("action de programme d'origine"),
    )
    # Optimistic concurrency: every write says which version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="partnership_starts_before_end",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values), name="partnership_status_known"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=PartnershipOrigin.values), name="partnership_origin_known"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="partnership_version_set"),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnerships:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status == PartnershipStatus.TERMINEE

    @property
    def is_closed(self) -> bool:
        """Finished or abandoned: commitments and evaluation are read-only history."""
        return self.status in (PartnershipStatus.TERMINEE, PartnershipStatus.ABANDONNEE)


class Party(TimestampedModel):
    """An actor taking part in a partnership, with its role, objectives and expectations."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="partnership_parties",
        verbose_name=_("acteur"),
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=PartyRole.choices, default=PartyRole.PARTENAIRE
    )
    # Codes of ``enums.Objective``, most important first (the party's own « carré magique »).
    objectives = models.JSONField(_("objectifs"), default=list, blank=True)
    expectations = models.TextField(_("attentes"), blank=True)
    brings = models.TextField(_("ce que la structure apporte"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["partnership_id", "id"]
        verbose_name = _("partie prenante")
        verbose_name_plural = _("parties prenantes")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "actor"], name="party_unique_actor"),
            models.CheckConstraint(condition=Q(role__in=PartyRole.values), name="party_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"

    @property
    def objective_labels(self) -> list[str]:
        """The party's objectives, most important first, in the reader's language."""
        return [str(Objective(code).label) for code in self.objectives if code in Objective.values]


class ChecklistItem(TimestampedModel):
    """One action of a partnership's checklist, copied from a sheet (or added by hand)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="checklist")
    step = models.CharField(_("étape"), max_length=12, choices=MethodStep.choices)
    sheet_item = models.ForeignKey(
        SheetItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("action"), max_length=250)
    help = models.TextField(_("aide"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    done = models.BooleanField(_("fait"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership_id", "position", "id"]
        verbose_name = _("action de la méthode")
        verbose_name_plural = _("actions de la méthode")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "sheet_item"],
                condition=Q(sheet_item__isnull=False),
                name="checklist_item_unique_sheet_item",
            )
        ]

    def __str__(self) -> str:
        return self.label


class Risk(TimestampedModel):
    """One risk for one side of the partnership, with how it is kept in check."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="risks", verbose_name=_("pour")
    )
    kind = models.CharField(_("nature"), max_length=12, choices=RiskKind.choices)
    level = models.CharField(
        _("niveau"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.MOYEN
    )
    description = models.TextField(_("description"))
    mitigation = models.TextField(_("comment le maîtriser"), blank=True)

    class Meta:
        ordering = ["partnership_id", "party_id", "id"]
        verbose_name = _("risque")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.party.actor}"


class Contribution(TimestampedModel):
    """What one party brings: money, skills, volunteers, material, premises, purchases.

    ``amount_eur`` is the amount given for money and purchases, the valued amount
    (valorisation) for contributions in kind; ``hours`` and ``people`` measure skills and
    volunteering."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="contributions"
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("apportée par"),
    )
    kind = models.CharField(_("nature"), max_length=12, choices=ContributionKind.choices)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.ENGAGEE,
    )
    description = models.CharField(_("description"), max_length=300)
    amount_eur = models.DecimalField(
        _("montant ou valorisation (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    hours = models.DecimalField(_("heures"), max_digits=9, decimal_places=1, null=True, blank=True)
    people = models.PositiveIntegerField(_("personnes mobilisées"), null=True, blank=True)
    starts_on = models.DateField(_("date ou début"))
    ends_on = models.DateField(_("fin"), null=True, blank=True)

    class Meta:
        ordering = ["partnership_id", "starts_on", "id"]
        verbose_name = _("contribution")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__gte=0),
                name="contribution_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="contribution_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lte=F("ends_on")),
                name="contribution_starts_before_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.description}"


class PartnershipDocument(models.Model):
    """A convention or another document, stored outside the static files under a random
    name (``storage_name``) and served only by a permission-checked view."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("nature"), max_length=14, choices=DocumentKind.choices, default=DocumentKind.CONVENTION
    )
    title = models.CharField(_("titre"), max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    storage_name = models.CharField(max_length=200, unique=True, editable=False)
    file_type = models.CharField(_("format"), max_length=5)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    signed_on = models.DateField(_("signé le"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        ordering = ["partnership_id", "-uploaded_at", "id"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return self.title


class Milestone(TimestampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("jalon"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("prévu le"))
    done_on = models.DateField(_("atteint le"), null=True, blank=True)

    class Meta:
        ordering = ["partnership_id", "due_on", "id"]
        verbose_name = _("jalon")

    def __str__(self) -> str:
        return self.title


class PartnershipEvent(models.Model):
    """One line of the timeline. ``data`` holds codes and values (``{"from": "idee",
    "to": "en_construction"}``); the sentence is composed when shown, in the reader's
    language."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["partnership_id", "-at", "-id"]
        verbose_name = _("événement du partenariat")
        verbose_name_plural = _("événements des partenariats")
        indexes = [models.Index(fields=["partnership", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"
