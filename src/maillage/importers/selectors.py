"""Reads for the import pages: runs, uploads and their preview, merge proposals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipStatus
from maillage.accounts.models import Membership
from maillage.actors.models import Actor, Kind
from maillage.actors.permissions import AnyUser
from maillage.exports.canonical import split_values
from maillage.importers.enums import MergeStatus
from maillage.importers.models import ImportRun, ImportUpload, MergeProposal
from maillage.importers.permissions import (
    import_uploads_visible_to,
    merge_proposals_decidable_by,
)
from maillage.territories.models import Commune
from maillage.territories.selectors import Territory, commune_resolve, territory_get


def merge_proposals_pending(*, user: AnyUser) -> QuerySet[MergeProposal]:
    """Pending proposals the user may decide, newest first, with both actors loaded."""
    return (
        merge_proposals_decidable_by(user)
        .filter(status=MergeStatus.PENDING)
        .select_related(
            "actor",
            "candidate",
            "actor__kind",
            "candidate__kind",
            "actor__seat_commune",
            "candidate__seat_commune",
        )
        .order_by("-created_at", "-id")
    )


def import_runs_recent(*, limit: int = 20) -> list[ImportRun]:
    return list(ImportRun.objects.order_by("-started_at", "-id")[:limit])


def import_uploads_for(*, user: AnyUser) -> QuerySet[ImportUpload]:
    """The uploads a user sees (theirs, their territories', every one for staff), newest
    first."""
    return (
        import_uploads_visible_to(user).select_related("uploaded_by").order_by("-created_at", "-id")
    )


def import_upload_territories(*, upload: ImportUpload) -> list[Territory]:
    """The territories an upload is restricted to, named (a stale code keeps its code)."""
    return [
        territory_get(code) or Territory(code=code, level="", name=code)
        for code in upload.territory_codes or []
    ]


# --------------------------------------------------------------------------- preview


@dataclass(frozen=True)
class PreviewRow:
    """One row of an upload's preview, as it will be imported."""

    line: int
    name: str
    kind: str
    commune: str
    identifiers: list[tuple[str, str]]
    needs: int
    offers: int
    actor_id: int | None  # the existing actor the row updates; None: a new actor


def import_preview_rows(*, upload: ImportUpload) -> list[PreviewRow]:
    """The first valid rows of the dry run, with kind and commune named."""
    rows: list[dict[str, Any]] = list((upload.preview or {}).get("preview", []))
    kinds = dict(
        Kind.objects.filter(code__in={str(r.get("kind", "")).strip() for r in rows}).values_list(
            "code", "name"
        )
    )
    codes = {str(r.get("commune", "")).strip().zfill(5) for r in rows if r.get("commune")}
    communes = {c.code: c for c in Commune.objects.filter(code__in=codes)}
    result = []
    for row in rows:
        code = str(row.get("commune", "")).strip()
        commune = communes.get(code.zfill(5)) if code else None
        if commune is None and code:
            commune = commune_resolve(code)  # an old code or an arrondissement
        kind = str(row.get("kind", "")).strip()
        result.append(
            PreviewRow(
                line=int(row.get("line", 0)),
                name=str(row.get("name", "")),
                kind=kinds.get(kind, kind),
                commune=f"{commune.name} ({commune.code})" if commune else code,
                identifiers=[
                    (label, str(row[key]).strip())
                    for key, label in (("siret", "SIRET"), ("siren", "SIREN"), ("rna", "RNA"))
                    if str(row.get(key, "")).strip()
                ],
                needs=len(split_values(str(row.get("needs", "")))),
                offers=len(split_values(str(row.get("offers", "")))),
                actor_id=row.get("actor"),
            )
        )
    return result


def import_phase_label(phase: str) -> str:
    """The importer's phase name as a sentence of the interface."""
    labels = {
        "acteurs": _("Lecture et enregistrement des lignes"),
        "index de recherche": _("Mise à jour de l'index de recherche"),
        "reconstruction des index": _("Reconstruction des index"),
    }
    return labels.get(phase, phase)


# --------------------------------------------------------------------------- merge proposals


@dataclass
class MergeSide:
    actor: Actor | None
    name: str  # kept by the proposal, for an actor deleted since
    active_members: int = 0


@dataclass
class MergeReview:
    proposal: MergeProposal
    sides: list[MergeSide] = field(default_factory=list)

    @property
    def decidable(self) -> bool:
        """Both actors still exist: they can be merged."""
        return all(side.actor is not None for side in self.sides)


def merge_reviews(*, proposals: Sequence[MergeProposal]) -> list[MergeReview]:
    """Both actors of each proposal side by side, with their active members counted (the
    facilitator keeps the one its organisation manages)."""
    ids = {
        actor_id
        for proposal in proposals
        for actor_id in (proposal.actor_id, proposal.candidate_id)
        if actor_id is not None
    }
    members: dict[int | None, int] = dict(
        Membership.objects.filter(actor_id__in=ids, status=MembershipStatus.ACTIVE)
        .order_by()
        .values("actor_id")
        .annotate(n=Count("id"))
        .values_list("actor_id", "n")
    )
    return [
        MergeReview(
            proposal=proposal,
            sides=[
                MergeSide(
                    actor=proposal.actor,
                    name=proposal.actor_name,
                    active_members=members.get(proposal.actor_id, 0),
                ),
                MergeSide(
                    actor=proposal.candidate,
                    name=proposal.candidate_name,
                    active_members=members.get(proposal.candidate_id, 0),
                ),
            ],
        )
        for proposal in proposals
    ]
