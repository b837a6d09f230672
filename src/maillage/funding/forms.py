"""Forms of the funding pages. They parse what people type; the rules live in
``funding.services`` (``ServiceForm.clean`` calls the service and maps its errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from maillage.accounts.models import User
from maillage.actors.forms import (
    FrenchDecimalField,
    ServiceForm,
    _set_picker_label,
    _territory_picker,
)
from maillage.actors.models import Actor
from maillage.funding import services
from maillage.funding.models import Allocation, Envelope, Expense
from maillage.partnerships.models import Partnership
from maillage.partnerships.selectors import actor_find


def _date(label: Any, *, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _amount(label: Any, *, help_text: Any = "") -> FrenchDecimalField:
    return FrenchDecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        localize=True,  # « 1 234,50 » as well as « 1234.50 »
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _programme_choices(user: User, current: int | None) -> list[tuple[str, str]]:
    from maillage.programmes.models import Programme
    from maillage.programmes.permissions import programmes_managed_by

    rows = programmes_managed_by(user)
    if current is not None:
        rows = rows | Programme.objects.filter(pk=current)
    return [
        ("", _("— aucun —")),
        *(
            (str(pk), title)
            for pk, title in rows.distinct().order_by("title", "id").values_list("pk", "title")
        ),
    ]


class EnvelopeForm(ServiceForm):
    title = forms.CharField(label=_lazy("Intitulé"), max_length=200)
    funder = forms.CharField(
        label=_lazy("Financeur"),
        required=False,
        help_text=_lazy(
            "L'organisation qui apporte les fonds (un fonds de péréquation, une collectivité, "
            "une fondation…) : son nom, son SIRET ou son numéro RNA."
        ),
    )
    programme = forms.ChoiceField(
        label=_lazy("Programme territorial"),
        required=False,
        help_text=_lazy(
            "Le budget d'un programme que vous animez (facultatif si un financeur est indiqué)."
        ),
    )
    budget_eur = _amount(_lazy("Budget (€)"), help_text=_lazy("Par exemple 45 000."))
    starts_on = _date(_lazy("Début de la période"))
    ends_on = _date(_lazy("Fin de la période"))
    territory_code = forms.CharField(
        label=_lazy("Territoire"),
        max_length=20,
        help_text=_lazy("Le territoire couvert : un département (dep:86), une commune, un EPCI…"),
        widget=_territory_picker(),
    )
    description = forms.CharField(
        label=_lazy("Objet de l'enveloppe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, user: User, envelope: Envelope | None = None, **kwargs: Any
    ) -> None:
        self.user, self.envelope = user, envelope
        if envelope is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": envelope.title,
                    "funder": f"{envelope.funder.name} (#{envelope.funder_id})"
                    if envelope.funder
                    else "",
                    "programme": str(envelope.programme_id or ""),
                    "budget_eur": envelope.budget_eur,
                    "starts_on": envelope.starts_on,
                    "ends_on": envelope.ends_on,
                    "territory_code": envelope.territory_code,
                    "description": envelope.description,
                },
            )
        super().__init__(*args, **kwargs)
        self._set_choices(
            "programme", _programme_choices(user, envelope.programme_id if envelope else None)
        )
        _set_picker_label(
            self.fields["territory_code"],
            self.data.get("territory_code") or (envelope.territory_code if envelope else ""),
        )

    def perform(self, data: dict[str, Any]) -> Envelope | None:
        funder: Actor | None = None
        text = (data.get("funder") or "").strip()
        if text:
            funder = actor_find(text=text)
            if funder is None:
                self.add_error(
                    "funder",
                    _(
                        "Aucun acteur ne correspond à « %(text)s » : indiquez son nom exact, "
                        "son SIRET ou son numéro RNA."
                    )
                    % {"text": text},
                )
        programme = data.get("programme") or ""
        payload = services.EnvelopeInput(
            title=data.get("title") or "",
            budget_eur=data.get("budget_eur"),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            territory_code=data.get("territory_code") or "",
            funder=funder,
            programme_id=int(programme) if programme else None,
            description=data.get("description") or "",
        )
        if self.envelope is None:
            return services.envelope_create(data=payload, user=self.user)
        return services.envelope_update(envelope=self.envelope, data=payload, user=self.user)


class AllocationForm(ServiceForm):
    partnership = forms.ChoiceField(label=_lazy("Partenariat financé"))
    amount_eur = _amount(_lazy("Montant attribué (€)"))
    decided_on = _date(_lazy("Date de la décision"))
    purpose = forms.CharField(
        label=_lazy("Objet du financement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Ce que finance cette attribution, tel que la décision le dit."),
    )

    def __init__(
        self,
        *args: Any,
        user: User,
        envelope: Envelope,
        partnerships: list[Partnership] | None = None,
        allocation: Allocation | None = None,
        **kwargs: Any,
    ) -> None:
        self.user, self.envelope, self.allocation = user, envelope, allocation
        self.partnerships = {str(p.pk): p for p in partnerships or []}
        if allocation is not None:
            kwargs.setdefault(
                "initial",
                {
                    "amount_eur": allocation.amount_eur,
                    "decided_on": allocation.decided_on,
                    "purpose": allocation.purpose,
                },
            )
        super().__init__(*args, **kwargs)
        if allocation is not None:
            del self.fields["partnership"]
        else:
            self._set_choices(
                "partnership",
                [("", _("— choisir —"))]
                + [
                    (pk, f"{p.title} ({p.get_status_display().lower()})")
                    for pk, p in self.partnerships.items()
                ],
            )

    def perform(self, data: dict[str, Any]) -> Allocation | None:
        payload = services.AllocationInput(
            amount_eur=data.get("amount_eur"),
            decided_on=data.get("decided_on"),
            purpose=data.get("purpose") or "",
        )
        if self.allocation is not None:
            return services.allocation_update(
                allocation=self.allocation, data=payload, user=self.user
            )
        partnership = self.partnerships.get(data.get("partnership") or "")
        if partnership is None:
            return None
        return services.allocation_create(
            envelope=self.envelope, partnership=partnership, data=payload, user=self.user
        )


class ExpenseForm(ServiceForm):
    amount_eur = _amount(_lazy("Montant dépensé (€)"))
    spent_on = _date(_lazy("Date de la dépense"))
    description = forms.CharField(label=_lazy("Objet de la dépense"), max_length=300)
    evidence = forms.CharField(
        label=_lazy("Justificatif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_lazy("Référence de la facture, de l'ordre de paiement ou du compte rendu."),
    )

    def __init__(self, *args: Any, user: User, allocation: Allocation, **kwargs: Any) -> None:
        self.user, self.allocation = user, allocation
        super().__init__(*args, **kwargs)

    def perform(self, data: dict[str, Any]) -> Expense:
        return services.expense_record(
            allocation=self.allocation,
            data=services.ExpenseInput(
                amount_eur=data.get("amount_eur"),
                spent_on=data.get("spent_on"),
                description=data.get("description") or "",
                evidence=data.get("evidence") or "",
            ),
            user=self.user,
        )
