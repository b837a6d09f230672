"""The four-step method: checklists from the practical sheets, climbing the steps, the
risk analysis and the choice of a legal form."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships.enums import (
    STEP_ORDER,
    EventKind,
    LegalForm,
    MethodStep,
    RiskKind,
    RiskLevel,
)
from maillage.partnerships.models import (
    ChecklistItem,
    Partnership,
    Party,
    Risk,
    SheetItem,
)
from maillage.partnerships.services.events import partnership_event_record, save_versioned


def _step_label(step: str) -> str:
    return str(MethodStep(step).label)


@transaction.atomic
def checklist_instantiate(*, partnership: Partnership) -> int:
    """Copy the active sheets' items the partnership does not have yet (at creation, and
    when staff added items to the sheets since); returns how many were added. Items keep
    their own wording: editing a sheet later does not rewrite a partnership's history."""
    present = set(
        ChecklistItem.objects.filter(partnership=partnership, sheet_item__isnull=False).values_list(
            "sheet_item_id", flat=True
        )
    )
    items = (
        SheetItem.objects.filter(is_active=True, sheet__is_active=True)
        .exclude(pk__in=present)
        .select_related("sheet")
        .order_by("sheet__position", "position", "code")
    )
    created = ChecklistItem.objects.bulk_create(
        ChecklistItem(
            partnership=partnership,
            step=item.sheet.step,
            sheet_item=item,
            label=item.label,
            help=item.help,
            position=STEP_ORDER.index(item.sheet.step) * 1000
            + item.sheet.position * 10
            + item.position,
        )
        for item in items
    )
    return len(created)


def _refuse_when_abandoned(partnership: Partnership, field: str) -> None:
    if partnership.status == "abandonnee":
        raise DomainError(
            _("Ce partenariat est abandonné : relancez-le avant de le modifier."),
            field=field,
            code="closed",
        )


@transaction.atomic
def checklist_item_set_done(*, item: ChecklistItem, done: bool, user: User | None) -> ChecklistItem:
    _refuse_when_abandoned(item.partnership, "done")
    if item.done == done:
        return item
    item.done = done
    item.done_at = timezone.now() if done else None
    item.done_by = user if done else None
    item.save(update_fields=["done", "done_at", "done_by", "updated_at"])
    partnership_event_record(
        partnership=item.partnership,
        kind=EventKind.CHECKLIST,
        user=user,
        data={"label": item.label, "step": item.step, "done": done},
    )
    return item


@transaction.atomic
def checklist_item_add(
    *, partnership: Partnership, step: str, label: str, user: User | None
) -> ChecklistItem:
    """An action of the parties' own, next to those of the sheets."""
    _refuse_when_abandoned(partnership, "label")
    errors: dict[str, list[str]] = {}
    if step not in MethodStep.values:
        errors["step"] = [_("Étape inconnue : %(v)r.") % {"v": step}]
    text = " ".join((label or "").split())
    if not text:
        errors["label"] = [_("Décrivez l'action en quelques mots.")]
    elif len(text) > 250:
        errors["label"] = [_("250 caractères au plus.")]
    if errors:
        raise DomainValidationError(errors)
    last = ChecklistItem.objects.filter(partnership=partnership).aggregate(top=Max("position"))
    item = ChecklistItem.objects.create(
        partnership=partnership, step=step, label=text, position=(last["top"] or 0) + 1
    )
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.CHECKLIST,
        user=user,
        data={"label": text, "step": step, "added": True},
    )
    return item


@transaction.atomic
def checklist_item_delete(*, item: ChecklistItem, user: User | None) -> None:
    """Only the parties' own actions may be removed; the sheets' ones are ticked or not."""
    if item.sheet_item_id is not None:
        raise DomainError(
            _("Cette action vient d'une fiche pratique : elle ne se supprime pas."),
            field="item",
            code="sheet_item",
        )
    item.delete()


@transaction.atomic
def partnership_advance_step(
    *, partnership: Partnership, user: User | None, force: bool = False
) -> Partnership:
    """Climb to the next step of the method. With unticked actions left in the current
    step, ``force`` must confirm it (``code="checklist_incomplete"`` lists them)."""
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    _refuse_when_abandoned(current, "step")
    index = STEP_ORDER.index(current.current_step)
    if index == len(STEP_ORDER) - 1:
        raise DomainError(
            _("« %(step)s » est la dernière étape de la méthode.")
            % {"step": _step_label(current.current_step)},
            field="step",
            code="last_step",
        )
    left = list(
        ChecklistItem.objects.filter(
            partnership=current, step=current.current_step, done=False
        ).order_by("position", "id")
    )
    if left and not force:
        raise DomainError(
            _(
                "Il reste %(count)d action(s) à cocher à l'étape « %(step)s » : %(labels)s. "
                "Cochez-les, ou confirmez que vous passez à l'étape suivante malgré tout."
            )
            % {
                "count": len(left),
                "step": _step_label(current.current_step),
                "labels": " ; ".join(item.label for item in left[:5])
                + (" …" if len(left) > 5 else ""),
            },
            field="step",
            code="checklist_incomplete",
        )
    previous = current.current_step
    partnership.current_step = STEP_ORDER[index + 1]
    save_versioned(partnership, expected_version=current.version, fields=["current_step"])
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.STEP,
        user=user,
        data={"from": previous, "to": partnership.current_step, "left": len(left)},
    )
    return partnership


# --------------------------------------------------------------------------- risks


def _clean_risk(
    *, partnership: Partnership, party: Party, kind: str, level: str, description: str
) -> str:
    errors: dict[str, list[str]] = {}
    if party.partnership_id != partnership.pk:
        errors["party"] = [_("Cette structure n'est pas partie à ce partenariat.")]
    if kind not in RiskKind.values:
        errors["kind"] = [_("Nature de risque inconnue : %(v)r.") % {"v": kind}]
    if level not in RiskLevel.values:
        errors["level"] = [_("Niveau inconnu : %(v)r.") % {"v": level}]
    text = (description or "").strip()
    if not text:
        errors["description"] = [_("Décrivez le risque.")]
    if errors:
        raise DomainValidationError(errors)
    return text


@transaction.atomic
def risk_create(
    *,
    partnership: Partnership,
    party: Party,
    kind: str,
    level: str,
    description: str,
    mitigation: str = "",
    user: User | None,
) -> Risk:
    _refuse_when_abandoned(partnership, "description")
    text = _clean_risk(
        partnership=partnership, party=party, kind=kind, level=level, description=description
    )
    risk = Risk.objects.create(
        partnership=partnership,
        party=party,
        kind=kind,
        level=level,
        description=text,
        mitigation=(mitigation or "").strip(),
    )
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.RISK,
        user=user,
        data={"actor": party.actor.name, "kind": kind, "level": level},
    )
    return risk


@transaction.atomic
def risk_update(
    *,
    risk: Risk,
    party: Party,
    kind: str,
    level: str,
    description: str,
    mitigation: str = "",
    user: User | None,
) -> Risk:
    _refuse_when_abandoned(risk.partnership, "description")
    text = _clean_risk(
        partnership=risk.partnership, party=party, kind=kind, level=level, description=description
    )
    risk.party, risk.kind, risk.level = party, kind, level
    risk.description, risk.mitigation = text, (mitigation or "").strip()
    risk.save()
    return risk


@transaction.atomic
def risk_delete(*, risk: Risk, user: User | None) -> None:
    risk.delete()


# --------------------------------------------------------------------------- legal form


@transaction.atomic
def partnership_set_legal_form(
    *,
    partnership: Partnership,
    legal_form: str,
    note: str,
    user: User | None,
    expected_version: int,
) -> Partnership:
    """Choose the legal form of the commitments (empty: not chosen yet)."""
    _refuse_when_abandoned(partnership, "legal_form")
    if legal_form and legal_form not in LegalForm.values:
        raise DomainError(
            _("Forme juridique inconnue : %(v)r.") % {"v": legal_form},
            field="legal_form",
            code="invalid",
        )
    partnership.legal_form = legal_form
    partnership.legal_form_note = (note or "").strip()
    save_versioned(
        partnership, expected_version=expected_version, fields=["legal_form", "legal_form_note"]
    )
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.LEGAL_FORM,
        user=user,
        data={"legal_form": legal_form},
    )
    return partnership
