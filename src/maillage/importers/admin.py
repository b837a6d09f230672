"""Staff follow imports here: runs and uploads (read-only, with their counts and rejected
lines), registry records (read-only) and merge proposals, decided through
``importers.merging`` (admin actions) so that the rules hold here too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from maillage.core.errors import DomainError
from maillage.importers.merging import merge_proposal_accept, merge_proposal_reject
from maillage.importers.models import ImportRun, ImportUpload, MergeProposal, RegistryRecord

ERRORS_SHOWN = 200


def _errors_table(summary: dict[str, Any] | None) -> SafeString:
    """The first rejected lines of a summary, escaped."""
    errors = (summary or {}).get("errors", [])[:ERRORS_SHOWN]
    if not errors:
        return format_html("{}", _("Aucune ligne rejetée."))
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (e.get("file", ""), e.get("line", ""), e.get("field", ""), e.get("message", ""))
            for e in errors
        ),
    )
    total = int((summary or {}).get("rejected", len(errors)))
    more = (
        format_html("<p>{}</p>", _("… et %(n)s autres.") % {"n": total - len(errors)})
        if total > len(errors)
        else ""
    )
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
        "<tbody>{}</tbody></table>{}",
        _("Fichier"),
        _("Ligne"),
        _("Champ"),
        _("Motif"),
        rows,
        more,
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the importers only: staff look, nobody edits by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = (
        "started_at",
        "kind",
        "status",
        "rows_read",
        "created",
        "updated",
        "unchanged",
        "skipped",
        "rejected",
        "started_by",
    )
    list_filter = ("kind", "status")
    date_hierarchy = "started_at"
    list_select_related = ("started_by",)
    exclude = ("summary", "dropped_ddl")
    readonly_fields = ("rejected_lines", "warnings")

    @admin.display(description=_("lignes rejetées"))
    def rejected_lines(self, obj: ImportRun) -> SafeString:
        return _errors_table(obj.summary)

    @admin.display(description=_("avertissements"))
    def warnings(self, obj: ImportRun) -> SafeString:
        summary = obj.summary or {}
        return _errors_table(
            {"errors": summary.get("warnings", []), "rejected": summary.get("warning_count", 0)}
        )


@admin.register(ImportUpload)
class ImportUploadAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "original_name",
        "uploaded_by",
        "status",
        "rows_done",
        "rows_total",
        "page_link",
    )
    list_filter = ("status", "restricted")
    search_fields = ("original_name", "uploaded_by__email")
    date_hierarchy = "created_at"
    list_select_related = ("uploaded_by",)
    exclude = ("preview", "result")
    readonly_fields = ("page_link", "preview_rejected", "result_rejected")

    @admin.display(description=_("page de l'import"))
    def page_link(self, obj: ImportUpload) -> SafeString:
        try:
            url = reverse("importers:detail", args=[obj.pk])
        except NoReverseMatch:  # the import pages are not mounted
            return format_html("{}", "—")
        return format_html('<a href="{}">{}</a>', url, _("ouvrir"))

    @admin.display(description=_("rejets de l'aperçu"))
    def preview_rejected(self, obj: ImportUpload) -> SafeString:
        return _errors_table(obj.preview)

    @admin.display(description=_("rejets de l'import"))
    def result_rejected(self, obj: ImportUpload) -> SafeString:
        return _errors_table(obj.result)


@admin.register(RegistryRecord)
class RegistryRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "source",
        "identifier",
        "actor",
        "legal_category",
        "naf_code",
        "qpv_code",
        "source_date",
    )
    list_filter = ("source",)
    search_fields = ("identifier", "actor__name")
    list_select_related = ("actor",)


def _decide_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[MergeProposal],
    decide: Callable[[MergeProposal], Any],
    done: str,
) -> None:
    succeeded = 0
    for proposal in queryset.select_related("actor", "candidate").order_by("pk"):
        try:
            decide(proposal)
        except DomainError as error:
            modeladmin.message_user(request, f"{proposal} : {error.message}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, f"{done} ({succeeded})", messages.SUCCESS)


@admin.register(MergeProposal)
class MergeProposalAdmin(admin.ModelAdmin):
    """Decided through the actions only (the same services as the facilitators' page)."""

    list_display = (
        "created_at",
        "actor_name",
        "candidate_name",
        "reason",
        "status",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status", "reason")
    search_fields = ("actor_name", "candidate_name")
    list_select_related = ("decided_by",)
    actions = ("accept_selected", "reject_selected")
    readonly_fields = (
        "actor",
        "candidate",
        "actor_name",
        "candidate_name",
        "reason",
        "detail",
        "status",
        "run",
        "decided_by",
        "decided_at",
        "decision_note",
        "kept_actor_id",
        "merged_actor_id",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(
        description=_("Fusionner les deux fiches (choix par défaut de la fiche conservée)")
    )
    def accept_selected(self, request: HttpRequest, queryset: QuerySet[MergeProposal]) -> None:
        _decide_each(
            self,
            request,
            queryset,
            lambda p: merge_proposal_accept(proposal=p, user=request.user),
            str(_("Fiches fusionnées")),
        )

    @admin.action(description=_("Garder les fiches distinctes"))
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[MergeProposal]) -> None:
        _decide_each(
            self,
            request,
            queryset,
            lambda p: merge_proposal_reject(proposal=p, user=request.user),
            str(_("Propositions écartées")),
        )
