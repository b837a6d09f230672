"""Commitments: each party's contributions, the documents (conventions), the milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships.documents import (
    document_discard,
    document_store,
    document_validate,
)
from maillage.partnerships.enums import (
    ContributionKind,
    ContributionStatus,
    DocumentKind,
    EventKind,
    PartnershipStatus,
)
from maillage.partnerships.models import (
    Contribution,
    Milestone,
    Partnership,
    PartnershipDocument,
    Party,
)
from maillage.partnerships.services.events import partnership_event_record, partnership_notify

MAX_AMOUNT = Decimal("9999999999.99")
MAX_HOURS = Decimal("99999999.9")


def _refuse_when_abandoned(partnership: Partnership, field: str) -> None:
    if partnership.status == PartnershipStatus.ABANDONNEE:
        raise DomainError(
            _("Ce partenariat est abandonné : relancez-le avant de le modifier."),
            field=field,
            code="closed",
        )


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- contributions


@dataclass
class ContributionInput:
    party: Party
    kind: str
    description: str
    starts_on: dt.date | None
    amount_eur: Decimal | None = None
    hours: Decimal | None = None
    people: int | None = None
    ends_on: dt.date | None = None
    status: str = ContributionStatus.ENGAGEE


def _clean_contribution(partnership: Partnership, data: ContributionInput) -> str:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if data.party.partnership_id != partnership.pk:
        add("party", _("Cette structure n'est pas partie à ce partenariat."))
    if data.kind not in ContributionKind.values:
        add("kind", _("Nature de contribution inconnue : %(v)r.") % {"v": data.kind})
    if data.status not in ContributionStatus.values:
        add("status", _("État inconnu : %(v)r.") % {"v": data.status})
    text = " ".join((data.description or "").split())
    if not text:
        add("description", _("Décrivez la contribution en quelques mots."))
    elif len(text) > 300:
        add("description", _("300 caractères au plus."))
    if data.amount_eur is not None:
        if data.amount_eur < 0:
            add("amount_eur", _("Le montant ne peut pas être négatif."))
        elif data.amount_eur > MAX_AMOUNT:
            add("amount_eur", _("Montant trop élevé."))
    if data.hours is not None:
        if data.hours < 0:
            add("hours", _("Le nombre d'heures ne peut pas être négatif."))
        elif data.hours > MAX_HOURS:
            add("hours", _("Nombre d'heures trop élevé."))
    if data.people is not None and data.people < 0:
        add("people", _("Le nombre de personnes ne peut pas être négatif."))
    if data.kind in (ContributionKind.FINANCEMENT, ContributionKind.ACHATS) and not (
        data.amount_eur
    ):
        add("amount_eur", _("Indiquez le montant (en euros)."))
    if data.kind == ContributionKind.COMPETENCES and not data.hours:
        add("hours", _("Indiquez le nombre d'heures de compétences mobilisées."))
    if data.kind == ContributionKind.BENEVOLAT and not (data.hours or data.people):
        add("hours", _("Indiquez le nombre d'heures ou de personnes mobilisées."))
    if data.starts_on is None:
        add("starts_on", _("Indiquez la date (ou le début) de la contribution."))
    elif data.ends_on is not None and data.ends_on < data.starts_on:
        add(
            "ends_on",
            _("La fin (%(end)s) précède le début (%(start)s) : vérifiez les dates.")
            % {"end": _date(data.ends_on), "start": _date(data.starts_on)},
        )
    if errors:
        raise DomainValidationError(errors)
    return text


@transaction.atomic
def contribution_create(
    *, partnership: Partnership, data: ContributionInput, user: User | None
) -> Contribution:
    _refuse_when_abandoned(partnership, "description")
    text = _clean_contribution(partnership, data)
    assert data.starts_on is not None  # checked above
    contribution = Contribution.objects.create(
        partnership=partnership,
        party=data.party,
        kind=data.kind,
        status=data.status,
        description=text,
        amount_eur=data.amount_eur,
        hours=data.hours,
        people=data.people,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.CONTRIBUTION,
        user=user,
        data={
            "actor": data.party.actor.name,
            "kind": data.kind,
            "description": text,
            "amount_eur": str(data.amount_eur) if data.amount_eur is not None else None,
            "hours": str(data.hours) if data.hours is not None else None,
        },
    )
    return contribution


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, data: ContributionInput, user: User | None
) -> Contribution:
    partnership = contribution.partnership
    _refuse_when_abandoned(partnership, "description")
    text = _clean_contribution(partnership, data)
    contribution.party = data.party
    contribution.kind = data.kind
    contribution.status = data.status
    contribution.description = text
    contribution.amount_eur = data.amount_eur
    contribution.hours = data.hours
    contribution.people = data.people
    assert data.starts_on is not None  # checked above
    contribution.starts_on = data.starts_on
    contribution.ends_on = data.ends_on
    contribution.save()
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.CONTRIBUTION,
        user=user,
        data={
            "actor": data.party.actor.name,
            "kind": data.kind,
            "description": text,
            "updated": True,
        },
    )
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, user: User | None) -> None:
    partnership = contribution.partnership
    _refuse_when_abandoned(partnership, "description")
    data = {
        "actor": contribution.party.actor.name,
        "kind": contribution.kind,
        "description": contribution.description,
        "deleted": True,
    }
    contribution.delete()
    partnership_event_record(
        partnership=partnership, kind=EventKind.CONTRIBUTION, user=user, data=data
    )


# --------------------------------------------------------------------------- documents


@transaction.atomic
def document_upload(
    *,
    partnership: Partnership,
    stream: IO[bytes],
    name: str,
    size: int,
    title: str = "",
    kind: str = DocumentKind.CONVENTION,
    signed_on: dt.date | None = None,
    user: User | None,
) -> PartnershipDocument:
    """Check the file by its content (``documents.document_validate``), keep it under a
    random name and record it. If the record cannot be written, the file is removed."""
    _refuse_when_abandoned(partnership, "file")
    if kind not in DocumentKind.values:
        raise DomainError(_("Nature de document inconnue."), field="kind", code="invalid")
    file_type = document_validate(name=name, size=size, stream=stream)
    original = Path(name).name[:200]
    clean_title = " ".join((title or "").split())[:200] or Path(original).stem[:200]
    stored = document_store(stream=stream, file_type=file_type)
    try:
        with transaction.atomic():
            document = PartnershipDocument.objects.create(
                partnership=partnership,
                kind=kind,
                title=clean_title,
                original_name=original,
                storage_name=stored.storage_name,
                file_type=stored.file_type,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
                signed_on=signed_on,
                uploaded_by=user,
                uploaded_at=timezone.now(),
            )
    except Exception:
        document_discard(stored.storage_name)
        raise
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.DOCUMENT,
        user=user,
        data={"title": clean_title, "document_kind": kind},
    )
    partnership_notify(
        partnership=partnership,
        kind="partnership_document",
        title=_("Document déposé sur « %(title)s » : %(document)s")
        % {"title": partnership.title, "document": clean_title},
        exclude=user,
    )
    return document


@transaction.atomic
def document_delete(*, document: PartnershipDocument, user: User | None) -> None:
    partnership = document.partnership
    name, title = document.storage_name, document.title
    document.delete()
    # The file goes once the deletion is committed (a rollback keeps both).
    transaction.on_commit(lambda: document_discard(name))
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.DOCUMENT,
        user=user,
        data={"title": title, "deleted": True},
    )


# --------------------------------------------------------------------------- milestones


def _clean_milestone(title: str, due_on: dt.date | None) -> str:
    errors: dict[str, list[str]] = {}
    text = " ".join((title or "").split())
    if not text:
        errors["title"] = [_("Nommez le jalon.")]
    elif len(text) > 200:
        errors["title"] = [_("200 caractères au plus.")]
    if due_on is None:
        errors["due_on"] = [_("Indiquez la date prévue.")]
    if errors:
        raise DomainValidationError(errors)
    return text


@transaction.atomic
def milestone_create(
    *,
    partnership: Partnership,
    title: str,
    due_on: dt.date | None,
    description: str = "",
    user: User | None,
) -> Milestone:
    _refuse_when_abandoned(partnership, "title")
    text = _clean_milestone(title, due_on)
    assert due_on is not None  # checked above
    milestone = Milestone.objects.create(
        partnership=partnership,
        title=text,
        due_on=due_on,
        description=(description or "").strip(),
    )
    partnership_event_record(
        partnership=partnership,
        kind=EventKind.MILESTONE,
        user=user,
        data={"title": text, "due_on": due_on.isoformat() if due_on else None},
    )
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    title: str,
    due_on: dt.date | None,
    description: str = "",
    done_on: dt.date | None = None,
    user: User | None,
) -> Milestone:
    _refuse_when_abandoned(milestone.partnership, "title")
    text = _clean_milestone(title, due_on)
    was_done = milestone.done_on is not None
    milestone.title = text
    assert due_on is not None  # checked above
    milestone.due_on = due_on
    milestone.description = (description or "").strip()
    milestone.done_on = done_on
    milestone.save()
    if done_on is not None and not was_done:
        partnership_event_record(
            partnership=milestone.partnership,
            kind=EventKind.MILESTONE,
            user=user,
            data={"title": text, "done_on": done_on.isoformat()},
        )
    return milestone


@transaction.atomic
def milestone_complete(
    *, milestone: Milestone, user: User | None, done_on: dt.date | None = None
) -> Milestone:
    return milestone_update(
        milestone=milestone,
        title=milestone.title,
        due_on=milestone.due_on,
        description=milestone.description,
        done_on=done_on or timezone.localdate(),
        user=user,
    )


@transaction.atomic
def milestone_delete(*, milestone: Milestone, user: User | None) -> None:
    milestone.delete()
