"""Commitments: contributions of each party, documents (conventions), milestones.

Documents are downloaded only through ``document_download``, which checks that the
reader may see the partnership (parties' members, facilitators who follow it, staff);
the stored file's name is random and lies outside the static files.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.documents import document_open
from maillage.partnerships.forms import ContributionForm, DocumentForm, MilestoneForm
from maillage.partnerships.models import Contribution, Milestone, Partnership, PartnershipDocument
from maillage.partnerships.permissions import (
    access_document_for_download,
    access_partnership_for_edit,
    access_partnership_for_view,
)
from maillage.partnerships.selectors import (
    contribution_totals,
    partnership_contributions,
    partnership_milestones,
)
from maillage.partnerships.views.common import (
    object_or_404,
    partnership_context,
    report_error,
    saved,
)


def _commitments_url(partnership: Partnership, anchor: str = "") -> str:
    url = reverse("partnerships:commitments", kwargs={"pk": partnership.pk})
    return f"{url}#{anchor}" if anchor else url


def _page(
    request: AuthenticatedRequest,
    partnership: Partnership,
    *,
    document_form: DocumentForm | None = None,
    milestone_form: MilestoneForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = partnership_context(request.user, partnership, "commitments")
    context.update(
        contributions=partnership_contributions(partnership=partnership),
        totals=contribution_totals(partnership=partnership, parties=context["parties"]),
        documents=list(
            PartnershipDocument.objects.filter(partnership=partnership)
            .select_related("uploaded_by")
            .order_by("-uploaded_at", "-id")
        ),
        milestones=partnership_milestones(partnership=partnership),
        document_form=document_form or DocumentForm(),
        milestone_form=milestone_form or MilestoneForm(partnership=partnership, user=request.user),
    )
    return render(request, "partnerships/commitments.html", context, status=status)


@login_required
def commitments(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    return _page(request, partnership)


# --------------------------------------------------------------------------- contributions


def _contribution_of(partnership: Partnership, contribution_pk: int) -> Contribution:
    return object_or_404(
        Contribution.objects.select_related("party__actor"),
        pk=contribution_pk,
        partnership=partnership,
    )


@login_required
def contribution_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    context = partnership_context(request.user, partnership, "commitments")
    form = ContributionForm(
        request.POST or None,
        initial={"kind": request.GET.get("kind", "")} if request.GET.get("kind") else None,
        partnership=partnership,
        parties=context["parties"],
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved(request, _("Contribution enregistrée."))
        return redirect(_commitments_url(partnership, "contributions"))
    context.update(form=form, contribution=None)
    return render(request, "partnerships/contribution_form.html", context)


@login_required
def contribution_edit(request: AuthenticatedRequest, pk: int, contribution_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    contribution = _contribution_of(partnership, contribution_pk)
    context = partnership_context(request.user, partnership, "commitments")
    form = ContributionForm(
        request.POST or None,
        partnership=partnership,
        parties=context["parties"],
        user=request.user,
        contribution=contribution,
    )
    if request.method == "POST" and form.is_valid():
        saved(request)
        return redirect(_commitments_url(partnership, "contributions"))
    context.update(form=form, contribution=contribution)
    return render(request, "partnerships/contribution_form.html", context)


@login_required
def contribution_delete(
    request: AuthenticatedRequest, pk: int, contribution_pk: int
) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    contribution = _contribution_of(partnership, contribution_pk)
    if request.method == "POST":
        try:
            services.contribution_delete(contribution=contribution, user=request.user)
        except DomainError as error:
            return report_error(request, error, _commitments_url(partnership, "contributions"))
        saved(request, _("Contribution retirée."))
        return redirect(_commitments_url(partnership, "contributions"))
    context = partnership_context(
        request.user, partnership, "commitments", contribution=contribution
    )
    return render(request, "partnerships/contribution_delete.html", context)


# --------------------------------------------------------------------------- documents


@login_required
@require_POST
def document_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                partnership=partnership,
                stream=upload,
                name=upload.name or "",
                size=upload.size or 0,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                signed_on=form.cleaned_data["signed_on"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            saved(request, _("Document déposé."))
            return redirect(_commitments_url(partnership, "documents"))
    return _page(request, partnership, document_form=form, status=400)


@login_required
@require_GET
def document_download(request: AuthenticatedRequest, pk: int, document_pk: int) -> FileResponse:
    document = access_document_for_download(request.user, document_pk)
    if document.partnership_id != pk:
        raise Http404
    filename = (
        get_valid_filename(Path(document.original_name).name) or f"document.{document.file_type}"
    )
    response = FileResponse(
        document_open(document.storage_name),
        as_attachment=True,
        filename=filename,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_delete(request: AuthenticatedRequest, pk: int, document_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    document = object_or_404(PartnershipDocument, pk=document_pk, partnership=partnership)
    if request.method == "POST":
        services.document_delete(document=document, user=request.user)
        saved(request, _("Document retiré."))
        return redirect(_commitments_url(partnership, "documents"))
    context = partnership_context(request.user, partnership, "commitments", document=document)
    return render(request, "partnerships/document_delete.html", context)


# --------------------------------------------------------------------------- milestones


def _milestone_of(partnership: Partnership, milestone_pk: int) -> Milestone:
    return object_or_404(Milestone, pk=milestone_pk, partnership=partnership)


@login_required
@require_POST
def milestone_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = MilestoneForm(request.POST, partnership=partnership, user=request.user)
    if form.is_valid():
        saved(request, _("Jalon ajouté."))
        return redirect(_commitments_url(partnership, "milestones"))
    return _page(request, partnership, milestone_form=form, status=400)


@login_required
def milestone_edit(request: AuthenticatedRequest, pk: int, milestone_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    milestone = _milestone_of(partnership, milestone_pk)
    form = MilestoneForm(
        request.POST or None, partnership=partnership, user=request.user, milestone=milestone
    )
    if request.method == "POST" and form.is_valid():
        saved(request)
        return redirect(_commitments_url(partnership, "milestones"))
    context = partnership_context(
        request.user, partnership, "commitments", form=form, milestone=milestone
    )
    return render(request, "partnerships/milestone_form.html", context)


@login_required
@require_POST
def milestone_done(request: AuthenticatedRequest, pk: int, milestone_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    milestone = _milestone_of(partnership, milestone_pk)
    try:
        services.milestone_complete(milestone=milestone, user=request.user)
    except DomainError as error:
        return report_error(request, error, _commitments_url(partnership, "milestones"))
    saved(request, _("Jalon atteint : %(title)s.") % {"title": milestone.title})
    return redirect(_commitments_url(partnership, "milestones"))


@login_required
def milestone_delete(request: AuthenticatedRequest, pk: int, milestone_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    milestone = _milestone_of(partnership, milestone_pk)
    if request.method == "POST":
        services.milestone_delete(milestone=milestone, user=request.user)
        saved(request, _("Jalon retiré."))
        return redirect(_commitments_url(partnership, "milestones"))
    context = partnership_context(request.user, partnership, "commitments", milestone=milestone)
    return render(request, "partnerships/milestone_delete.html", context)
