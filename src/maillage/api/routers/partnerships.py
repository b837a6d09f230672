"""``/api/v1/partnerships``: the partnerships the caller may see, as on the site: list,
propose one, read, change its fields (versioned), move its status, its contributions and
its timeline.

Signed-in callers only (403 otherwise). The same policy as the pages
(``partnerships.permissions``): the parties' members and the facilitators covering the
partnership read it; the parties' members change it; everyone else gets a 404, as for a
missing one. Broken rules, stale versions included, are 422 ``validation_error``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from maillage.actors.models import Actor
from maillage.api.auth import require_signed_in as _signed_in
from maillage.api.errors import ErrorOut
from maillage.api.schemas.partnerships import (
    ActorRefOut,
    ContributionIn,
    ContributionOut,
    DocumentOut,
    MilestoneOut,
    PartnershipCreateIn,
    PartnershipListIn,
    PartnershipListOut,
    PartnershipOut,
    PartnershipSummaryOut,
    PartnershipUpdateIn,
    PartyOut,
    StatusChangeOut,
    StepOut,
    TimelineEntryOut,
    TimelineOut,
    TotalsOut,
    TransitionIn,
)
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.enums import EventKind
from maillage.partnerships.models import (
    Contribution,
    Partnership,
    PartnershipDocument,
    PartnershipEvent,
    Party,
)
from maillage.partnerships.permissions import (
    access_partnership_for_edit,
    access_partnership_for_view,
    can_create_partnership_for,
)
from maillage.partnerships.selectors import (
    contribution_totals,
    method_progress,
    partnership_contributions,
    partnership_milestones,
    partnership_parties,
    partnership_timeline,
    partnerships_for_user,
)

router = Router(tags=["partnerships"])
LIST_LIMIT = 200
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _summary(
    request: HttpRequest, partnership: Partnership, parties: list[Party]
) -> dict[str, Any]:
    return {
        "id": partnership.pk,
        "title": partnership.title,
        "status": partnership.status,
        "partnership_type": partnership.partnership_type_id,
        "origin": partnership.origin,
        "current_step": partnership.current_step,
        "parties": [ActorRefOut(id=party.actor_id, name=party.actor.name) for party in parties],
        "updated_at": partnership.updated_at,
        "url": request.build_absolute_uri(partnership.get_absolute_url()),
    }


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def _contribution_out(contribution: Contribution) -> ContributionOut:
    return ContributionOut(
        id=contribution.pk,
        party=contribution.party_id,
        actor=ActorRefOut(id=contribution.party.actor_id, name=contribution.party.actor.name),
        kind=contribution.kind,  # type: ignore[arg-type]
        status=contribution.status,
        description=contribution.description,
        amount_eur=contribution.amount_eur,
        hours=contribution.hours,
        people=contribution.people,
        starts_on=contribution.starts_on,
        ends_on=contribution.ends_on,
    )


def _detail(request: HttpRequest, pk: int) -> PartnershipOut:
    partnership = Partnership.objects.select_related("partnership_type").get(pk=pk)
    parties = partnership_parties(partnership=partnership)
    totals = contribution_totals(partnership=partnership, parties=parties)
    documents = PartnershipDocument.objects.filter(partnership=partnership).order_by(
        "-uploaded_at", "-id"
    )
    history = PartnershipEvent.objects.filter(
        partnership=partnership, kind=EventKind.STATUS
    ).order_by("at", "id")
    return PartnershipOut(
        **_summary(request, partnership, parties),
        version=partnership.version,
        summary=partnership.summary,
        help_direction=partnership.help_direction,
        themes=sorted(partnership.themes.values_list("code", flat=True)),
        territory=partnership.territory_code,
        starts_on=partnership.starts_on,
        ends_on=partnership.ends_on,
        legal_form=partnership.legal_form,
        lessons=partnership.lessons,
        introduction=partnership.introduction_id,
        party_details=[
            PartyOut(
                id=party.pk,
                actor=ActorRefOut(id=party.actor_id, name=party.actor.name),
                role=party.role,
                objectives=list(party.objectives),
                expectations=party.expectations,
                brings=party.brings,
            )
            for party in parties
        ],
        steps=[
            StepOut(step=step.step, label=step.label, done=step.done, total=step.total)
            for step in method_progress(partnership=partnership)
        ],
        totals=TotalsOut(
            amount_eur=_cents(totals.all.amount_eur),
            money_eur=_cents(totals.all.money_eur),
            in_kind_eur=_cents(totals.all.in_kind_eur),
            hours=totals.all.hours.quantize(Decimal("0.1")),
            people=totals.all.people,
            realised_eur=_cents(totals.realised.amount_eur),
        ),
        milestones=[
            MilestoneOut(id=m.pk, title=m.title, due_on=m.due_on, done_on=m.done_on)
            for m in partnership_milestones(partnership=partnership)
        ],
        documents=[
            DocumentOut(
                id=document.pk,
                title=document.title,
                kind=document.kind,
                file_type=document.file_type,
                size=document.size,
                signed_on=document.signed_on,
                uploaded_at=document.uploaded_at,
                download_url=request.build_absolute_uri(
                    reverse(
                        "partnerships:document_download",
                        kwargs={"pk": partnership.pk, "document_pk": document.pk},
                    )
                ),
            )
            for document in documents
        ],
        status_history=[
            StatusChangeOut(
                at=event.at,
                from_status=event.data.get("from", ""),
                to_status=event.data.get("to", ""),
                note=event.note,
            )
            for event in history
        ],
    )


@router.get(
    "",
    response={200: PartnershipListOut, 400: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    operation_id="partnerships_list",
    summary="Mes partenariats",
    description="Ceux des organisations dont vous êtes membre et, pour un animateur, ceux de "
    f"son territoire ; les plus récemment modifiés d'abord ({LIST_LIMIT} au plus).",
)
def partnerships_list(request: HttpRequest, params: Query[PartnershipListIn]) -> PartnershipListOut:
    _signed_in(request)
    rows = partnerships_for_user(user=request.user, status=params.status or "")
    if params.actor is not None:
        rows = rows.filter(
            pk__in=Party.objects.filter(actor_id=params.actor).values("partnership_id")
        )
    found = list(rows[:LIST_LIMIT])
    return PartnershipListOut(
        count=rows.count(),
        results=[
            PartnershipSummaryOut(**_summary(request, row, list(row.parties.all())))
            for row in found
        ],
    )


@router.post(
    "",
    response={201: PartnershipOut, 400: ErrorOut, **ERRORS},
    operation_id="partnership_create",
    summary="Proposer un partenariat",
    description="Un partenariat au stade de l'idée entre deux acteurs ou plus. Pour une "
    "organisation dont vous êtes membre, ou, animateur, pour des acteurs de votre territoire. "
    "422 si un acteur figure deux fois, s'il y en a moins de deux, ou si l'un est fermé.",
)
def partnership_create(request: HttpRequest, payload: PartnershipCreateIn) -> Status:
    _signed_in(request)
    by_id = Actor.objects.in_bulk(payload.parties)
    missing = [pk for pk in payload.parties if pk not in by_id]
    if missing:
        raise DomainError(
            _("Acteur(s) inconnu(s) : %(ids)s.") % {"ids": ", ".join(map(str, missing))},
            field="parties",
            code="unknown_actor",
        )
    actors = [by_id[pk] for pk in payload.parties]
    if not can_create_partnership_for(request.user, actors):
        raise Http404
    partnership = services.partnership_create_draft(
        created_by=request.user,  # type: ignore[arg-type]
        parties=actors,
        origin=payload.origin,
        title=payload.title,
    )
    return Status(201, _detail(request, partnership.pk))


@router.get(
    "/{partnership_id}",
    response={200: PartnershipOut, **ERRORS},
    operation_id="partnership_get",
    summary="Un partenariat",
    description="Parties, objectifs et attentes, statut et son historique, avancement de la "
    "méthode, totaux des contributions, jalons, documents (téléchargement réservé).",
)
def partnership_get(request: HttpRequest, partnership_id: int) -> PartnershipOut:
    _signed_in(request)
    partnership = access_partnership_for_view(request.user, partnership_id)
    return _detail(request, partnership.pk)


@router.patch(
    "/{partnership_id}",
    response={200: PartnershipOut, **ERRORS},
    operation_id="partnership_update",
    summary="Modifier un partenariat",
    description="Seuls les champs envoyés changent. « version » est celle que vous avez lue : "
    "si quelqu'un a enregistré entre-temps, rien n'est écrit (422, champ « version »).",
)
def partnership_update(
    request: HttpRequest, partnership_id: int, payload: PartnershipUpdateIn
) -> PartnershipOut:
    _signed_in(request)
    partnership = access_partnership_for_edit(request.user, partnership_id)
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if "territory" in changes:
        changes["territory_code"] = changes.pop("territory") or ""
    for key in ("title", "summary", "partnership_type", "help_direction", "lessons"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    if "themes" in changes and changes["themes"] is None:
        changes["themes"] = []
    services.partnership_update(
        partnership=partnership,
        user=request.user,  # type: ignore[arg-type]
        changes=changes,
        expected_version=version,
    )
    return _detail(request, partnership.pk)


@router.post(
    "/{partnership_id}/transitions",
    response={200: PartnershipOut, **ERRORS},
    operation_id="partnership_transition",
    summary="Changer le statut d'un partenariat",
    description="idee → en_construction → active → terminee ; abandonnee depuis idee, "
    "en_construction ou active (avec une note) ; relance d'un abandon vers idee. Tout autre "
    "passage est refusé (422, code transition_not_allowed dans le message).",
)
def partnership_transition(
    request: HttpRequest, partnership_id: int, payload: TransitionIn
) -> PartnershipOut:
    _signed_in(request)
    partnership = access_partnership_for_edit(request.user, partnership_id)
    services.partnership_transition(
        partnership=partnership,
        to_status=payload.to,
        user=request.user,  # type: ignore[arg-type]
        note=payload.note,
        expected_version=payload.version,
    )
    return _detail(request, partnership.pk)


@router.get(
    "/{partnership_id}/contributions",
    response={200: list[ContributionOut], **ERRORS},
    operation_id="partnership_contributions",
    summary="Les contributions d'un partenariat",
)
def partnership_contributions_list(
    request: HttpRequest, partnership_id: int
) -> list[ContributionOut]:
    _signed_in(request)
    partnership = access_partnership_for_view(request.user, partnership_id)
    return [_contribution_out(row) for row in partnership_contributions(partnership=partnership)]


@router.post(
    "/{partnership_id}/contributions",
    response={201: ContributionOut, **ERRORS},
    operation_id="partnership_contribution_create",
    summary="Enregistrer une contribution",
    description="Montants et heures positifs ; un apport financier ou un achat a un montant, "
    "du mécénat de compétences des heures, du bénévolat des heures ou des personnes.",
)
def partnership_contribution_create(
    request: HttpRequest, partnership_id: int, payload: ContributionIn
) -> Status:
    _signed_in(request)
    partnership = access_partnership_for_edit(request.user, partnership_id)
    party = (
        Party.objects.select_related("actor")
        .filter(pk=payload.party, partnership=partnership)
        .first()
    )
    if party is None:
        raise DomainError(
            _("Cette partie n'appartient pas à ce partenariat."),
            field="party",
            code="unknown_party",
        )
    contribution = services.contribution_create(
        partnership=partnership,
        data=services.ContributionInput(
            party=party,
            kind=payload.kind,
            description=payload.description,
            amount_eur=payload.amount_eur,
            hours=payload.hours,
            people=payload.people,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            status=payload.status,
        ),
        user=request.user,  # type: ignore[arg-type]
    )
    return Status(201, _contribution_out(contribution))


@router.get(
    "/{partnership_id}/timeline",
    response={200: TimelineOut, **ERRORS},
    operation_id="partnership_timeline",
    summary="L'historique d'un partenariat",
    description="Tout ce qui s'est passé, le plus récent d'abord (200 au plus).",
)
def partnership_timeline_get(request: HttpRequest, partnership_id: int) -> TimelineOut:
    _signed_in(request)
    partnership = access_partnership_for_view(request.user, partnership_id)
    entries = partnership_timeline(partnership=partnership, limit=200)
    return TimelineOut(
        results=[
            TimelineEntryOut(at=entry.at, kind=entry.kind, sentence=entry.sentence, note=entry.note)  # type: ignore[arg-type]
            for entry in entries
        ]
    )
