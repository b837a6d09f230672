"""Funding envelopes (enveloppes de financement): a funder's or a programme's budget for a
territory and a period — e.g. La Poste's fonds de péréquation, 40–50 k€ per département —,
its allocations to partnerships (with a decision date and a purpose) and the amounts
spent under each allocation (with their date and evidence).

Invariants kept by ``funding.services`` (the one write path) and stated here where the
database can hold them: amounts are never negative; the allocations of an envelope never
exceed its budget; what is spent under an allocation never exceeds it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.actors.models import Actor
from maillage.core.models import TimestampedModel
from maillage.funding.enums import EnvelopeStatus

ZERO = Decimal(0)


class EnvelopeQuerySet(models.QuerySet["Envelope"]):
    def in_territory(self, code: str) -> EnvelopeQuerySet:
        """Envelopes whose territory lies inside ``code`` (or is ``code``)."""
        return self.filter(territory_keys__contains=f"|{code}|")


class Envelope(TimestampedModel):
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("objet de l'enveloppe"), blank=True)
    funder = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_envelopes",
        verbose_name=_("financeur"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_envelopes",
        verbose_name=_("programme territorial"),
    )
    budget_eur = models.DecimalField(_("budget (€)"), max_digits=14, decimal_places=2)
    starts_on = models.DateField(_("début de la période"))
    ends_on = models.DateField(_("fin de la période"))
    territory_code = models.CharField(_("territoire"), max_length=20)
    # "|dep:86|reg:75|fr|": the territory and those containing it (see partnerships).
    territory_keys = models.CharField(max_length=400, blank=True, editable=False)
    status = models.CharField(
        _("état"), max_length=10, choices=EnvelopeStatus.choices, default=EnvelopeStatus.OUVERTE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créée par"),
    )

    objects = EnvelopeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title", "id"]
        verbose_name = _("enveloppe de financement")
        verbose_name_plural = _("enveloppes de financement")
        constraints = [
            models.CheckConstraint(
                condition=Q(funder__isnull=False) | Q(programme__isnull=False),
                name="envelope_has_funder_or_programme",
            ),
            models.CheckConstraint(condition=Q(budget_eur__gte=0), name="envelope_budget_positive"),
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="envelope_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnvelopeStatus.values), name="envelope_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == EnvelopeStatus.OUVERTE


class Allocation(TimestampedModel):
    """An amount of an envelope granted to one partnership (one per partnership and
    envelope: a top-up changes the amount)."""

    envelope = models.ForeignKey(Envelope, on_delete=models.CASCADE, related_name="allocations")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="funding_allocations",
        verbose_name=_("partenariat financé"),
    )
    amount_eur = models.DecimalField(_("montant attribué (€)"), max_digits=14, decimal_places=2)
    decided_on = models.DateField(_("décision du"))
    purpose = models.TextField(_("objet du financement"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["envelope_id", "decided_on", "id"]
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.UniqueConstraint(
                fields=["envelope", "partnership"], name="allocation_one_per_partnership"
            ),
            models.CheckConstraint(
                condition=Q(amount_eur__gt=0), name="allocation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.envelope} → {self.partnership}"


class Expense(TimestampedModel):
    """An amount actually spent under an allocation, with its evidence (invoice, payment
    order…)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="expenses")
    amount_eur = models.DecimalField(_("montant dépensé (€)"), max_digits=14, decimal_places=2)
    spent_on = models.DateField(_("dépensé le"))
    description = models.CharField(_("objet de la dépense"), max_length=300)
    evidence = models.TextField(
        _("justificatif"),
        blank=True,
        help_text=_("Référence de la facture, de l'ordre de paiement ou du compte rendu."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["allocation_id", "spent_on", "id"]
        verbose_name = _("dépense")
        constraints = [
            models.CheckConstraint(condition=Q(amount_eur__gt=0), name="expense_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount_eur} €)"
