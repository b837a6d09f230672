"""The one write path of funding envelopes: envelopes, allocations, expenses.

Every function is atomic and raises ``DomainError`` (field, code) for a broken rule:

- amounts are positive, with at most two decimals, and an envelope's period is in order
  (field errors, ``DomainValidationError``: « Un montant ne peut pas être négatif »…);
- the allocations of an envelope never exceed its budget (``over_allocated``), and what
  is spent under an allocation never exceeds it (``over_spent``). The check and the write
  happen under a lock on the envelope row (``select_for_update``), so two people
  allocating at the same time cannot together go over the budget;
- a closed envelope takes no new allocation nor expense (``closed``).

Permission is checked by the callers (``funding.permissions``), except for the creation,
whose rule depends on what is being created (``can_create_envelope``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.actors.models import Actor
from maillage.core.errors import DomainError, DomainValidationError
from maillage.funding.enums import EnvelopeStatus
from maillage.funding.models import ZERO, Allocation, Envelope, Expense
from maillage.funding.permissions import can_create_envelope
from maillage.partnerships.enums import PARTNER_STATUSES
from maillage.partnerships.models import Partnership
from maillage.partnerships.permissions import can_view_partnership
from maillage.partnerships.services import territory_keys_for
from maillage.programmes.models import Programme
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get

MAX_AMOUNT = Decimal("999999999999.99")
TITLE_MAX = 200


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


def format_eur(value: Decimal) -> str:
    """« 12 500 € », « 1 234,50 € »: French grouping, no useless cents."""
    amount = value.quantize(Decimal("0.01"))
    text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    if text.endswith(",00"):
        text = text[:-3]
    return f"{text}\u00a0€"


def _amount(errors: _Errors, field: str, value: Decimal | None, *, label: str) -> Decimal:
    """A positive amount with at most two decimals, or an error on ``field``."""
    if value is None:
        errors.add(field, _("Indiquez %(label)s.") % {"label": label})
        return ZERO
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        errors.add(field, _("Montant invalide."))
        return ZERO
    if not value.is_finite():
        errors.add(field, _("Montant invalide."))
        return ZERO
    if value < 0:
        errors.add(
            field,
            _("Un montant ne peut pas être négatif (%(value)s).") % {"value": format_eur(value)},
        )
        return ZERO
    if value == 0:
        errors.add(field, _("Un montant nul n'a pas de sens ici : indiquez un montant positif."))
        return ZERO
    if value > MAX_AMOUNT:
        errors.add(field, _("Montant trop grand."))
        return ZERO
    if value != value.quantize(Decimal("0.01")):
        errors.add(field, _("Deux décimales au plus (les centimes)."))
        return ZERO
    return value


# --------------------------------------------------------------------------- envelopes


@dataclass
class EnvelopeInput:
    title: str
    budget_eur: Decimal | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    territory_code: str
    funder: Actor | None = None
    programme_id: int | None = None
    description: str = ""


def _clean_envelope(data: EnvelopeInput, *, instance: Envelope | None) -> tuple[str, str, Decimal]:
    errors = _Errors()
    title = " ".join((data.title or "").split())
    if not title:
        errors.add("title", _("Donnez un intitulé à l'enveloppe."))
    elif len(title) > TITLE_MAX:
        errors.add("title", _("200 caractères au plus."))
    budget = _amount(errors, "budget_eur", data.budget_eur, label=_("le budget"))
    if data.starts_on is None:
        errors.add("starts_on", _("Indiquez le début de la période."))
    if data.ends_on is None:
        errors.add("ends_on", _("Indiquez la fin de la période."))
    if data.starts_on and data.ends_on and data.starts_on > data.ends_on:
        errors.add(
            "ends_on",
            _("La fin de la période (%(end)s) précède son début (%(start)s).")
            % {
                "end": data.ends_on.strftime("%d/%m/%Y"),
                "start": data.starts_on.strftime("%d/%m/%Y"),
            },
        )
    code = (data.territory_code or "").strip()
    territory = None
    if not code:
        errors.add("territory_code", _("Indiquez le territoire de l'enveloppe."))
    else:
        try:
            parse_territory_code(code)
        except InvalidTerritoryCode as error:
            errors.add("territory_code", str(error))
        else:
            territory = territory_get(code)
            if territory is None:
                errors.add("territory_code", _("Territoire inconnu : %(v)r.") % {"v": code})
    if data.funder is None and data.programme_id is None:
        errors.add(
            "funder",
            _("Une enveloppe appartient à un financeur, à un programme territorial, ou aux deux."),
        )
    if instance is not None and budget:
        allocated = _allocated(instance)
        if budget < allocated:
            errors.add(
                "budget_eur",
                _(
                    "Le budget ne peut pas descendre sous ce qui est déjà attribué "
                    "(%(allocated)s) : réduisez d'abord des attributions."
                )
                % {"allocated": format_eur(allocated)},
            )
    errors.raise_if_any()
    assert territory is not None
    assert data.starts_on is not None and data.ends_on is not None
    return title, territory.code, budget


def _programme(programme_id: int | None) -> Programme | None:
    if programme_id is None:
        return None
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        raise DomainError(_("Programme introuvable."), field="programme", code="not_found")
    return programme


@transaction.atomic
def envelope_create(*, data: EnvelopeInput, user: User | None) -> Envelope:
    """A new, open envelope. With a ``user``, checks that they may create it (staff, an
    admin of the funder, a facilitator of the territory, a facilitator of the programme)."""
    title, territory_code, budget = _clean_envelope(data, instance=None)
    programme = _programme(data.programme_id)
    if user is not None and not can_create_envelope(
        user,
        funder=data.funder,
        programme_facilitators=list(programme.facilitators.values_list("pk", flat=True))
        if programme is not None
        else [],
        territory_code=territory_code,
    ):
        raise DomainError(
            _(
                "Vous ne pouvez créer une enveloppe que pour une organisation dont vous êtes "
                "administrateur, un programme que vous animez ou un territoire que vous animez."
            ),
            field="funder",
            code="forbidden",
        )
    assert data.starts_on is not None and data.ends_on is not None
    return Envelope.objects.create(
        title=title,
        description=(data.description or "").strip(),
        funder=data.funder,
        programme=programme,
        budget_eur=budget,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        territory_code=territory_code,
        territory_keys=territory_keys_for(territory_code),
        created_by=user,
    )


def _lock(envelope: Envelope) -> Envelope:
    """The envelope row, locked until the transaction ends (PostgreSQL; SQLite writes are
    serialised anyway)."""
    return Envelope.objects.select_for_update().get(pk=envelope.pk)


@transaction.atomic
def envelope_update(*, envelope: Envelope, data: EnvelopeInput, user: User | None) -> Envelope:
    """Change an envelope's fields (the budget never below what is allocated; the
    allocations' decisions stay inside the period)."""
    current = _lock(envelope)
    title, territory_code, budget = _clean_envelope(data, instance=current)
    outside = Allocation.objects.filter(envelope=current).exclude(
        decided_on__range=(data.starts_on, data.ends_on)
    )
    if outside.exists():
        raise DomainError(
            _(
                "Des attributions ont été décidées hors de cette nouvelle période : la "
                "période doit les contenir toutes."
            ),
            field="starts_on",
            code="allocations_outside_period",
        )
    programme = _programme(data.programme_id)
    envelope.title = title
    envelope.description = (data.description or "").strip()
    envelope.funder = data.funder
    envelope.programme = programme
    envelope.budget_eur = budget
    envelope.starts_on = data.starts_on  # type: ignore[assignment]
    envelope.ends_on = data.ends_on  # type: ignore[assignment]
    envelope.territory_code = territory_code
    envelope.territory_keys = territory_keys_for(territory_code)
    envelope.save()
    return envelope


@transaction.atomic
def envelope_set_status(*, envelope: Envelope, status: str, user: User | None) -> Envelope:
    """Close an envelope (no more allocations nor expenses) or open it again."""
    if status not in EnvelopeStatus.values:
        raise DomainError(_("État inconnu : %(v)r.") % {"v": status}, field="status")
    envelope.status = status
    envelope.save(update_fields=["status", "updated_at"])
    return envelope


# --------------------------------------------------------------------------- allocations


def _allocated(envelope: Envelope, *, exclude: Allocation | None = None) -> Decimal:
    rows = Allocation.objects.filter(envelope=envelope)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(total=Sum("amount_eur"))["total"] or ZERO


def _spent(allocation: Allocation, *, exclude: Expense | None = None) -> Decimal:
    rows = Expense.objects.filter(allocation=allocation)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(total=Sum("amount_eur"))["total"] or ZERO


def _refuse_when_closed(envelope: Envelope, field: str) -> None:
    if envelope.status == EnvelopeStatus.CLOTUREE:
        raise DomainError(
            _("Cette enveloppe est clôturée : rouvrez-la pour la modifier."),
            field=field,
            code="closed",
        )


def _over_allocated(budget: Decimal, others: Decimal, amount: Decimal) -> DomainError:
    remaining = max(budget - others, ZERO)
    return DomainError(
        _(
            "Attribuer %(amount)s dépasserait le budget de l'enveloppe (%(budget)s) : "
            "%(allocated)s sont déjà attribués, il reste %(remaining)s."
        )
        % {
            "amount": format_eur(amount),
            "budget": format_eur(budget),
            "allocated": format_eur(others),
            "remaining": format_eur(remaining),
        },
        field="amount_eur",
        code="over_allocated",
    )


def _partnership_in_territory(envelope: Envelope, partnership: Partnership) -> bool:
    """Located inside the envelope's territory, or with a party seated inside it."""
    if envelope.territory_code == "fr":
        return True
    if f"|{envelope.territory_code}|" in (partnership.territory_keys or ""):
        return True
    for actor in Actor.objects.filter(partnership_parties__partnership=partnership):
        if actor.seat_commune_id and f"|{envelope.territory_code}|" in territory_keys_for(
            f"com:{actor.seat_commune_id}"
        ):
            return True
    return False


@dataclass
class AllocationInput:
    amount_eur: Decimal | None
    decided_on: dt.date | None
    purpose: str


def _clean_allocation(envelope: Envelope, data: AllocationInput) -> tuple[Decimal, str]:
    errors = _Errors()
    amount = _amount(errors, "amount_eur", data.amount_eur, label=_("le montant attribué"))
    if data.decided_on is None:
        errors.add("decided_on", _("Indiquez la date de la décision."))
    elif not (envelope.starts_on <= data.decided_on <= envelope.ends_on):
        errors.add(
            "decided_on",
            _("La décision doit tomber dans la période de l'enveloppe (du %(start)s au %(end)s).")
            % {
                "start": envelope.starts_on.strftime("%d/%m/%Y"),
                "end": envelope.ends_on.strftime("%d/%m/%Y"),
            },
        )
    purpose = (data.purpose or "").strip()
    if not purpose:
        errors.add("purpose", _("Dites ce que finance cette attribution."))
    errors.raise_if_any()
    assert data.decided_on is not None
    return amount, purpose


@transaction.atomic
def allocation_create(
    *, envelope: Envelope, partnership: Partnership, data: AllocationInput, user: User | None
) -> Allocation:
    """Grant an amount of the envelope to a partnership being built, active or finished,
    located in the envelope's territory (or with a party seated there). With a ``user``,
    the partnership must be one they may see: an envelope's manager does not learn of
    partnerships outside their reach by funding them."""
    if user is not None and not can_view_partnership(user, partnership):
        raise DomainError(_("Partenariat introuvable."), field="partnership", code="not_found")
    current = _lock(envelope)
    _refuse_when_closed(current, "amount_eur")
    amount, purpose = _clean_allocation(current, data)
    assert data.decided_on is not None
    if partnership.status not in PARTNER_STATUSES:
        raise DomainError(
            _(
                "« %(title)s » est %(status)s : seul un partenariat en construction, actif "
                "ou terminé peut être financé."
            )
            % {"title": partnership.title, "status": partnership.get_status_display().lower()},
            field="partnership",
            code="partnership_not_fundable",
        )
    if not _partnership_in_territory(current, partnership):
        raise DomainError(
            _("« %(title)s » ne se situe pas sur le territoire de l'enveloppe.")
            % {"title": partnership.title},
            field="partnership",
            code="out_of_territory",
        )
    if Allocation.objects.filter(envelope=current, partnership=partnership).exists():
        raise DomainError(
            _(
                "Ce partenariat a déjà une attribution sur cette enveloppe : modifiez son "
                "montant plutôt que d'en créer une seconde."
            ),
            field="partnership",
            code="duplicate_allocation",
        )
    others = _allocated(current)
    if others + amount > current.budget_eur:
        raise _over_allocated(current.budget_eur, others, amount)
    try:
        with transaction.atomic():
            return Allocation.objects.create(
                envelope=current,
                partnership=partnership,
                amount_eur=amount,
                decided_on=data.decided_on,
                purpose=purpose,
                created_by=user,
            )
    except IntegrityError as error:  # the same partnership, allocated meanwhile
        raise DomainError(
            _("Ce partenariat a déjà une attribution sur cette enveloppe."),
            field="partnership",
            code="duplicate_allocation",
        ) from error


@transaction.atomic
def allocation_update(
    *, allocation: Allocation, data: AllocationInput, user: User | None
) -> Allocation:
    """Change an allocation: never above what the budget leaves, never below what is
    already spent under it."""
    current = _lock(allocation.envelope)
    _refuse_when_closed(current, "amount_eur")
    amount, purpose = _clean_allocation(current, data)
    others = _allocated(current, exclude=allocation)
    if others + amount > current.budget_eur:
        raise _over_allocated(current.budget_eur, others, amount)
    spent = _spent(allocation)
    if amount < spent:
        raise DomainError(
            _(
                "%(spent)s sont déjà dépensés sur cette attribution : elle ne peut pas "
                "descendre en dessous."
            )
            % {"spent": format_eur(spent)},
            field="amount_eur",
            code="below_spent",
        )
    allocation.amount_eur = amount
    allocation.decided_on = data.decided_on  # type: ignore[assignment]
    allocation.purpose = purpose
    allocation.save()
    return allocation


@transaction.atomic
def allocation_delete(*, allocation: Allocation, user: User | None) -> None:
    """Withdraw an allocation that nothing was spent under."""
    _refuse_when_closed(_lock(allocation.envelope), "allocation")
    if Expense.objects.filter(allocation=allocation).exists():
        raise DomainError(
            _("Des dépenses sont enregistrées sur cette attribution : supprimez-les d'abord."),
            field="allocation",
            code="allocation_in_use",
        )
    allocation.delete()


# --------------------------------------------------------------------------- expenses


@dataclass
class ExpenseInput:
    amount_eur: Decimal | None
    spent_on: dt.date | None
    description: str
    evidence: str = ""


@transaction.atomic
def expense_record(*, allocation: Allocation, data: ExpenseInput, user: User | None) -> Expense:
    """An amount spent under an allocation, on or after its decision, not in the future,
    never beyond what is left of the allocation."""
    current = _lock(allocation.envelope)
    _refuse_when_closed(current, "amount_eur")
    allocation = Allocation.objects.get(pk=allocation.pk)
    errors = _Errors()
    amount = _amount(errors, "amount_eur", data.amount_eur, label=_("le montant dépensé"))
    if data.spent_on is None:
        errors.add("spent_on", _("Indiquez la date de la dépense."))
    elif data.spent_on > timezone.localdate():
        errors.add("spent_on", _("Une dépense ne peut pas être datée dans le futur."))
    elif data.spent_on < allocation.decided_on:
        errors.add(
            "spent_on",
            _("La dépense précède la décision d'attribution (%(date)s).")
            % {"date": allocation.decided_on.strftime("%d/%m/%Y")},
        )
    description = " ".join((data.description or "").split())
    if not description:
        errors.add("description", _("Dites à quoi a servi cette dépense."))
    elif len(description) > 300:
        errors.add("description", _("300 caractères au plus."))
    errors.raise_if_any()
    assert data.spent_on is not None
    spent = _spent(allocation)
    if spent + amount > allocation.amount_eur:
        raise DomainError(
            _(
                "Cette dépense (%(amount)s) dépasserait l'attribution (%(allocated)s) : "
                "%(spent)s sont déjà dépensés, il reste %(remaining)s."
            )
            % {
                "amount": format_eur(amount),
                "allocated": format_eur(allocation.amount_eur),
                "spent": format_eur(spent),
                "remaining": format_eur(max(allocation.amount_eur - spent, ZERO)),
            },
            field="amount_eur",
            code="over_spent",
        )
    return Expense.objects.create(
        allocation=allocation,
        amount_eur=amount,
        spent_on=data.spent_on,
        description=description,
        evidence=(data.evidence or "").strip(),
        recorded_by=user,
    )


@transaction.atomic
def expense_delete(*, expense: Expense, user: User | None) -> None:
    _refuse_when_closed(_lock(expense.allocation.envelope), "expense")
    expense.delete()
