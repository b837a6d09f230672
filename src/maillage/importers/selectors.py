"""Reads for the import pages: runs and merge proposals."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.actors.permissions import AnyUser
from maillage.importers.enums import MergeStatus
from maillage.importers.models import ImportRun, MergeProposal
from maillage.importers.permissions import merge_proposals_decidable_by


def merge_proposals_pending(*, user: AnyUser) -> QuerySet[MergeProposal]:
    """Pending proposals the user may decide, newest first, with both actors loaded."""
    return (
        merge_proposals_decidable_by(user)
        .filter(status=MergeStatus.PENDING)
        .select_related("actor", "candidate", "actor__seat_commune", "candidate__seat_commune")
        .order_by("-created_at", "-id")
    )


def import_runs_recent(*, limit: int = 20) -> list[ImportRun]:
    return list(ImportRun.objects.order_by("-started_at", "-id")[:limit])
