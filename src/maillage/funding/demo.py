"""The demo territory's share of this app, called by ``demo.services.demo_seed``.

MUST be idempotent (a second run creates nothing, in one query) and deterministic; MUST
write through the services only.

La Poste's fonds de péréquation (domain.md §7: 40–50 k€ per département) as an envelope
of 45 000 € for the Vienne in 2025, funding two of the partnerships demo's partnerships
with La Poste (the digital mediation in Poitiers' post offices, with expenses recorded;
the green spaces of the postal sites, being built), and the Charenton programme's own
budget, not allocated yet. Amounts and dates are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from maillage.funding import services
from maillage.funding.models import Envelope
from maillage.partnerships.demo import POSTE_MEDIATION, demo_actor
from maillage.partnerships.models import Partnership

PEREQUATION = "Fonds de péréquation postal 2025 — Vienne"
PROGRAMME_BUDGET = "Agir ensemble : budget des actions 2013-2014"
ENVELOPE_TITLES = (PEREQUATION, PROGRAMME_BUDGET)


def _perequation(*, say: Callable[[str], None]) -> None:
    la_poste = demo_actor("la-poste-poitou-charentes")
    if la_poste is None:
        say(_("Enveloppe de démonstration ignorée (La Poste absente)."))
        return
    envelope = services.envelope_create(
        data=services.EnvelopeInput(
            title=PEREQUATION,
            budget_eur=Decimal("45000"),
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 12, 31),
            territory_code="dep:86",
            funder=la_poste,
            description="Démonstration. Le fonds de péréquation finance la présence postale "
            "dans les territoires ; une part va aux partenariats avec les associations des "
            "quartiers prioritaires (40 à 50 k€ par département). La preuve de l'utilité "
            "sociale des partenariats financés se présente aux élus.",
        ),
        user=None,
    )
    mediation = Partnership.objects.filter(title=POSTE_MEDIATION).order_by("id").first()
    if mediation is not None:
        allocation = services.allocation_create(
            envelope=envelope,
            partnership=mediation,
            data=services.AllocationInput(
                amount_eur=Decimal("15000"),
                decided_on=dt.date(2025, 1, 20),
                purpose="Permanences de médiation numérique dans trois bureaux de poste de "
                "Poitiers : indemnités des volontaires, matériel, formation.",
            ),
            user=None,
        )
        for amount, on, description, evidence in (
            (
                "4200",
                dt.date(2025, 3, 31),
                "Indemnités et matériel, 1er trimestre",
                "Facture UC-2025-03",
            ),
            (
                "4800",
                dt.date(2025, 6, 30),
                "Indemnités et formation, 2e trimestre",
                "Facture UC-2025-06",
            ),
        ):
            services.expense_record(
                allocation=allocation,
                data=services.ExpenseInput(
                    amount_eur=Decimal(amount),
                    spent_on=on,
                    description=description,
                    evidence=evidence,
                ),
                user=None,
            )
    green = (
        Partnership.objects.filter(
            title__startswith="Achats responsables : entretien des espaces verts"
        )
        .order_by("id")
        .first()
    )
    if green is not None and green.status in ("en_construction", "active", "terminee"):
        services.allocation_create(
            envelope=envelope,
            partnership=green,
            data=services.AllocationInput(
                amount_eur=Decimal("6000"),
                decided_on=dt.date(2025, 9, 15),
                purpose="Amorçage : diagnostic des sites et premières interventions d'une "
                "structure d'insertion.",
            ),
            user=None,
        )


def _programme_budget(*, say: Callable[[str], None]) -> None:
    from maillage.programmes.demo import TITLE
    from maillage.programmes.models import Programme

    programme = Programme.objects.filter(title__startswith=TITLE).order_by("id").first()
    if programme is None:
        return
    services.envelope_create(
        data=services.EnvelopeInput(
            title=PROGRAMME_BUDGET,
            budget_eur=Decimal("20000"),
            starts_on=dt.date(2013, 6, 5),
            ends_on=dt.date(2014, 6, 30),
            territory_code="com:94018",
            funder=demo_actor("ville-charenton"),
            programme_id=programme.pk,
            description="Démonstration. Le budget que la collectivité réserve aux actions "
            "retenues du programme, à attribuer aux partenariats qui les portent.",
        ),
        user=None,
    )


def demo_seed_funding(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create what is missing of this app's demo data; return counts for the summary."""
    existing = set(
        Envelope.objects.filter(title__in=ENVELOPE_TITLES).values_list("title", flat=True)
    )
    if PEREQUATION not in existing:
        _perequation(say=say)
    if PROGRAMME_BUDGET not in existing:
        _programme_budget(say=say)
    count = Envelope.objects.filter(title__in=ENVELOPE_TITLES).count() if len(existing) < 2 else 2
    if len(existing) < count:
        say(_("Enveloppes de financement de démonstration : %(n)d.") % {"n": count})
    return {"funding_envelopes": count}
