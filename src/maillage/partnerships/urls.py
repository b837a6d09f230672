"""Pages of the app, mounted at ``/partenariats/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.partnerships.views import commitments, method, partnerships

app_name = "partnerships"

_P = "<int:pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", partnerships.partnership_list, name="list"),
    path("proposer/", partnerships.partnership_create, name="create"),
    path("acteurs/suggestions/", partnerships.actor_suggestions, name="actor_suggestions"),
    path("fiches-pratiques/", partnerships.sheets, name="sheets"),
    path("fiches-pratiques/<slug:code>/", partnerships.sheet, name="sheet"),
    path(_P, partnerships.detail, name="detail"),
    path(f"{_P}modifier/", partnerships.edit, name="edit"),
    path(f"{_P}statut/", partnerships.status, name="status"),
    path(f"{_P}historique/", partnerships.timeline, name="timeline"),
    path(f"{_P}parties/ajouter/", partnerships.party_add, name="party_add"),
    path(f"{_P}parties/<int:party_pk>/", partnerships.party_edit, name="party_edit"),
    path(f"{_P}parties/<int:party_pk>/retirer/", partnerships.party_remove, name="party_remove"),
    path(f"{_P}methode/", method.method, name="method"),
    path(f"{_P}methode/actions/ajouter/", method.checklist_add, name="checklist_add"),
    path(
        f"{_P}methode/actions/<int:item_pk>/cocher/",
        method.checklist_toggle,
        name="checklist_toggle",
    ),
    path(
        f"{_P}methode/actions/<int:item_pk>/supprimer/",
        method.checklist_delete,
        name="checklist_delete",
    ),
    path(f"{_P}methode/etape-suivante/", method.advance_step, name="advance_step"),
    path(f"{_P}methode/risques/ajouter/", method.risk_add, name="risk_add"),
    path(f"{_P}methode/risques/<int:risk_pk>/", method.risk_edit, name="risk_edit"),
    path(f"{_P}methode/risques/<int:risk_pk>/supprimer/", method.risk_delete, name="risk_delete"),
    path(f"{_P}methode/forme-juridique/", method.legal_form, name="legal_form"),
    path(f"{_P}engagements/", commitments.commitments, name="commitments"),
    path(
        f"{_P}engagements/contributions/ajouter/",
        commitments.contribution_add,
        name="contribution_add",
    ),
    path(
        f"{_P}engagements/contributions/<int:contribution_pk>/",
        commitments.contribution_edit,
        name="contribution_edit",
    ),
    path(
        f"{_P}engagements/contributions/<int:contribution_pk>/supprimer/",
        commitments.contribution_delete,
        name="contribution_delete",
    ),
    path(
        f"{_P}engagements/documents/deposer/", commitments.document_upload, name="document_upload"
    ),
    path(
        f"{_P}engagements/documents/<int:document_pk>/telecharger/",
        commitments.document_download,
        name="document_download",
    ),
    path(
        f"{_P}engagements/documents/<int:document_pk>/supprimer/",
        commitments.document_delete,
        name="document_delete",
    ),
    path(f"{_P}engagements/jalons/ajouter/", commitments.milestone_add, name="milestone_add"),
    path(
        f"{_P}engagements/jalons/<int:milestone_pk>/",
        commitments.milestone_edit,
        name="milestone_edit",
    ),
    path(
        f"{_P}engagements/jalons/<int:milestone_pk>/atteint/",
        commitments.milestone_done,
        name="milestone_done",
    ),
    path(
        f"{_P}engagements/jalons/<int:milestone_pk>/supprimer/",
        commitments.milestone_delete,
        name="milestone_delete",
    ),
]
