"""Who may decide a merge proposal: staff, and facilitators whose territory covers the seat
of one of the two actors (the same people who decide claims, ``can_decide_claim``).

Who may import actor files in the web interface: staff (anywhere) and facilitators (rows
outside their territories are rejected by the importer); who sees and manages an upload."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.accounts.models import FacilitatorScope, User
from maillage.actors.models import Actor
from maillage.actors.permissions import (
    AnyUser,
    can_decide_claim,
    facilitator_territory_filter,
    is_facilitator,
)
from maillage.importers.enums import MergeStatus
from maillage.importers.models import ImportUpload, MergeProposal


def can_decide_merge(user: AnyUser, proposal: MergeProposal) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return any(
        actor is not None and can_decide_claim(user, actor)
        for actor in (proposal.actor, proposal.candidate)
    )


def merge_proposals_decidable_by(user: AnyUser) -> QuerySet[MergeProposal]:
    """The queryset form of ``can_decide_merge`` (pending and decided ones)."""
    if not user.is_authenticated or not user.is_active:
        return MergeProposal.objects.none()
    if user.is_staff:
        return MergeProposal.objects.all()
    condition = facilitator_territory_filter(user)
    if condition is None:
        return MergeProposal.objects.none()
    covered = Actor.objects.filter(condition).values("pk")
    return MergeProposal.objects.filter(Q(actor__in=covered) | Q(candidate__in=covered))


def access_merge_proposal_for_decision(user: AnyUser, proposal_id: int) -> MergeProposal:
    """The proposal, if the user may decide it and it is still pending; 404 otherwise."""
    proposal = (
        MergeProposal.objects.select_related("actor", "candidate")
        .filter(pk=proposal_id, status=MergeStatus.PENDING)
        .first()
    )
    if proposal is None or not can_decide_merge(user, proposal):
        raise Http404
    return proposal


# --------------------------------------------------------------------------- web import


def can_import_actors(user: AnyUser) -> bool:
    """Upload actor files: facilitators (in their territories) and staff (anywhere)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or is_facilitator(user)


def _shared_territories(user: User) -> Q | None:
    """Uploads restricted to one of the user's own territory codes."""
    condition: Q | None = None
    for code in FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True):
        term = Q(restricted=True, territories__contains=f"|{code}|")
        condition = term if condition is None else condition | term
    return condition


def import_uploads_visible_to(user: AnyUser) -> QuerySet[ImportUpload]:
    """Staff see every upload; a facilitator sees theirs and those restricted to a
    territory code they facilitate too (colleagues of the same territory)."""
    if not can_import_actors(user):
        return ImportUpload.objects.none()
    if user.is_staff:
        return ImportUpload.objects.all()
    assert isinstance(user, User)  # can_import_actors: signed in
    condition = Q(uploaded_by=user)
    shared = _shared_territories(user)
    if shared is not None:
        condition |= shared
    return ImportUpload.objects.filter(condition)


def can_view_import_upload(user: AnyUser, upload: ImportUpload) -> bool:
    return import_uploads_visible_to(user).filter(pk=upload.pk).exists()


def can_manage_import_upload(user: AnyUser, upload: ImportUpload) -> bool:
    """Confirm, cancel or resume: whoever uploaded it (still allowed to import), and staff."""
    if not can_import_actors(user):
        return False
    return bool(user.is_staff) or upload.uploaded_by_id == user.pk


def access_import_upload_for_view(user: AnyUser, upload_id: int) -> ImportUpload:
    """The upload's preview and status (404 for missing and forbidden alike)."""
    upload = (
        import_uploads_visible_to(user)
        .select_related("uploaded_by", "confirmed_by", "run")
        .filter(pk=upload_id)
        .first()
    )
    if upload is None:
        raise Http404
    return upload


def access_import_upload_for_action(user: AnyUser, upload_id: int) -> ImportUpload:
    """Confirm, cancel, resume (404 for missing and forbidden alike)."""
    upload = ImportUpload.objects.filter(pk=upload_id).first()
    if upload is None or not can_manage_import_upload(user, upload):
        raise Http404
    return upload
