"""Import pages: facilitators' and staff's actor-file uploads (preview, confirmation,
progress, summary) and the merge proposals they decide. Thin: parse, check access (through
``importers.permissions``), call a service, render."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.selectors import facilitator_territories
from maillage.actors.permissions import is_facilitator
from maillage.core.errors import DomainError
from maillage.core.ratelimit import rate_limited
from maillage.exports.canonical import COLUMNS, neutralise_formula
from maillage.importers import selectors
from maillage.importers.enums import UploadStatus
from maillage.importers.forms import ImportUploadForm, MergeAcceptForm, MergeRejectForm
from maillage.importers.merging import merge_proposal_accept, merge_proposal_reject
from maillage.importers.models import ImportUpload
from maillage.importers.permissions import (
    access_import_upload_for_action,
    access_import_upload_for_view,
    access_merge_proposal_for_decision,
    can_import_actors,
    can_manage_import_upload,
)
from maillage.importers.runs import ImportSummary
from maillage.importers.uploads import (
    ACTIVE_STATUSES,
    CANCELLABLE_STATUSES,
    MAX_UPLOAD_BYTES,
    import_upload_cancel,
    import_upload_confirm,
    import_upload_create,
    import_upload_importable_rows,
    import_upload_is_stalled,
    import_upload_resume,
)

UPLOADS_PER_PAGE = 20
PROPOSALS_PER_PAGE = 20


def _require_importer(request: AuthenticatedRequest) -> None:
    if not can_import_actors(request.user):
        raise PermissionDenied(
            _("L'import d'acteurs est réservé aux animateurs territoriaux et à l'équipe.")
        )


# --------------------------------------------------------------------------- uploads


@login_required
@require_GET
def upload_list(request: AuthenticatedRequest) -> HttpResponse:
    _require_importer(request)
    page = Paginator(selectors.import_uploads_for(user=request.user), UPLOADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "importers/upload_list.html", {"page_obj": page})


@login_required
@rate_limited("upload")
def upload_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_importer(request)
    bound = request.method == "POST"
    form = ImportUploadForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = import_upload_create(file=form.cleaned_data["file"], user=request.user)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("importers:detail", pk=upload.pk)
    return render(
        request,
        "importers/upload_form.html",
        {
            "form": form,
            "columns": COLUMNS,
            "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
            "territories": (
                [] if request.user.is_staff else facilitator_territories(user=request.user)
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def upload_template(request: AuthenticatedRequest) -> HttpResponse:
    """A model file: the canonical header and one example row."""
    _require_importer(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modele-import-acteurs.csv"'
    response.write("\ufeff")
    example = {
        "name": _("Association exemple"),
        "kind": "association",
        "commune": "86194",
        "themes": "insertion_iae|cohesion_territoriale",
        "needs": _("benevolat:bénévoles pour l'accueil"),
        "offers": _("locaux:salle de réunion"),
        "website": "https://exemple.org",
    }
    writer = csv.writer(response, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerow([example.get(column, "") for column in COLUMNS])
    return response


def _counts(summary: dict[str, Any], *, preview: bool) -> list[tuple[str, int, str]]:
    """(label, value, css modifier) of an import summary (a preview's says what will be)."""
    rows = [
        (_("Lignes lues"), summary.get("read", 0), ""),
        (
            _("Acteurs à créer") if preview else _("Acteurs créés"),
            summary.get("created", 0),
            "ok",
        ),
        (
            _("Acteurs à mettre à jour") if preview else _("Acteurs mis à jour"),
            summary.get("updated", 0),
            "ok",
        ),
        (_("Inchangés"), summary.get("unchanged", 0), ""),
        (_("Lignes rejetées"), summary.get("rejected", 0), "error"),
    ]
    if summary.get("skipped"):
        rows.append((_("Lignes écartées"), summary["skipped"], ""))
    if summary.get("merge_proposals"):
        rows.append((_("Doublons possibles à examiner"), summary["merge_proposals"], "warn"))
    return rows


def _state_context(request: AuthenticatedRequest, upload: ImportUpload) -> dict[str, Any]:
    stored = upload.result if upload.status == UploadStatus.DONE else upload.preview
    summary = {**ImportSummary().as_dict(), **(stored or {})}
    errors = summary.get("errors", [])
    return {
        "upload": upload,
        "status": upload.status,
        "polling": upload.status in ACTIVE_STATUSES,
        "stalled": import_upload_is_stalled(upload=upload),
        "can_manage": can_manage_import_upload(request.user, upload),
        "can_cancel": upload.status in CANCELLABLE_STATUSES,
        "phase_label": selectors.import_phase_label(upload.phase),
        "summary": summary,
        "counts": _counts(summary, preview=upload.status != UploadStatus.DONE) if stored else [],
        "rejected_lines": errors,
        "rejected_unlisted": max(0, int(summary.get("rejected", 0)) - len(errors)),
        "warnings": summary.get("warnings", []),
        "preview_rows": (
            selectors.import_preview_rows(upload=upload)
            if upload.status == UploadStatus.READY
            else []
        ),
        "importable_rows": import_upload_importable_rows(upload=upload),
        "actor_links": summary.get("actors", []) if upload.status == UploadStatus.DONE else [],
    }


@login_required
@require_GET
def upload_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """An upload's page: its analysis, preview and confirmation, then the import's progress
    and summary (the state region polls itself while something is running)."""
    upload = access_import_upload_for_view(request.user, pk)
    context = _state_context(request, upload)
    context["territories"] = selectors.import_upload_territories(upload=upload)
    return render(request, "importers/upload_detail.html", context)


@login_required
@require_GET
def upload_state(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The state region of the upload page (htmx polls it every 2 s while active)."""
    upload = access_import_upload_for_view(request.user, pk)
    context = _state_context(request, upload)
    context["announce"] = bool(request.headers.get("HX-Request")) and not context["polling"]
    return render(request, "importers/partials/upload_state.html", context)


@login_required
@require_GET
def upload_rejected_csv(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The rejected lines (preview, or the import's when done) to fix the file."""
    upload = access_import_upload_for_view(request.user, pk)
    summary = (upload.result if upload.status == UploadStatus.DONE else upload.preview) or {}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lignes-rejetees-{upload.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("ligne"), _("champ"), _("motif")])
    for error in summary.get("errors", []):
        writer.writerow(
            [
                error.get("line", ""),
                neutralise_formula(str(error.get("field", ""))),
                neutralise_formula(str(error.get("message", ""))),
            ]
        )
    return response


def _upload_action(request: AuthenticatedRequest, pk: int, action: Any, done: str) -> HttpResponse:
    upload = access_import_upload_for_action(request.user, pk)
    try:
        action(upload=upload, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("importers:detail", pk=upload.pk)


@login_required
@require_POST
def upload_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _upload_action(
        request, pk, import_upload_confirm, _("Import lancé : suivez sa progression ci-dessous.")
    )


@login_required
@require_POST
def upload_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _upload_action(
        request, pk, import_upload_cancel, _("Import annulé ; le fichier déposé est supprimé.")
    )


@login_required
@require_POST
def upload_resume(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _upload_action(request, pk, import_upload_resume, _("Import relancé."))


# --------------------------------------------------------------------------- merge proposals


def _can_review_merges(request: AuthenticatedRequest) -> bool:
    return bool(request.user.is_staff) or is_facilitator(request.user)


@login_required
@require_GET
def merge_list(request: AuthenticatedRequest) -> HttpResponse:
    """Pending merge proposals in the user's territories, both actors side by side."""
    if not _can_review_merges(request):
        raise PermissionDenied(
            _("Les doublons sont examinés par les animateurs territoriaux et l'équipe.")
        )
    page = Paginator(
        selectors.merge_proposals_pending(user=request.user), PROPOSALS_PER_PAGE
    ).get_page(request.GET.get("page"))
    reviews = selectors.merge_reviews(proposals=list(page.object_list))
    items = [
        {
            "review": review,
            "accept_form": MergeAcceptForm(proposal=review.proposal),
            "reject_form": MergeRejectForm(proposal=review.proposal),
        }
        for review in reviews
    ]
    return render(request, "importers/merge_list.html", {"page_obj": page, "items": items})


def _back_to_merges(request: HttpRequest) -> HttpResponse:
    url = reverse("importers:merges")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
@require_POST
def merge_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = access_merge_proposal_for_decision(request.user, pk)
    form = MergeAcceptForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, _("Choisissez la fiche à conserver."))
        return _back_to_merges(request)
    keep_id = form.keep_id()
    keep = next(
        (a for a in (proposal.actor, proposal.candidate) if a is not None and a.pk == keep_id),
        None,
    )
    try:
        kept = merge_proposal_accept(
            proposal=proposal, user=request.user, keep=keep, note=form.cleaned_data["note"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            format_html(
                _('Fiches fusionnées : <a href="{url}">{name}</a> est conservée.'),
                url=kept.get_absolute_url(),
                name=kept.name,
            ),
        )
    return _back_to_merges(request)


@login_required
@require_POST
def merge_reject(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = access_merge_proposal_for_decision(request.user, pk)
    form = MergeRejectForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, _("La note ne doit pas dépasser 2 000 caractères."))
        return _back_to_merges(request)
    try:
        merge_proposal_reject(proposal=proposal, user=request.user, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("« %(first)s » et « %(second)s » restent deux fiches distinctes.")
            % {"first": proposal.actor_name, "second": proposal.candidate_name},
        )
    return _back_to_merges(request)
