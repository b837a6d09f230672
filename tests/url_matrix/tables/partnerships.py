"""Partnerships and their evaluation: seen by the parties' active members, the
facilitators who follow them (the Vienne one here) and staff; changed by the parties'
members and staff (facilitators accompany, they do not write the parties' commitments);
a party's assessment is answered by its own members only."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from url_matrix.spec import Attr, Entry, Post, every, only, post_only, signed_in
from url_matrix.world import PDF, World

VIEWERS = ("member", "org_admin", "facilitator", "staff")
EDITORS = ("member", "org_admin", "staff")
# The facilitator may read the partnership but not change it: a probe too.
NOT_EDITORS = ("outsider", "other_facilitator", "facilitator")
P = {"pk": "pship"}


def _party(w: World) -> str:
    return str(w.pk("pship_party"))


def _document(w: World) -> dict[str, Any]:
    return {
        "file": SimpleUploadedFile("avenant.pdf", PDF, content_type="application/pdf"),
        "title": "Avenant n° 1",
        "kind": "avenant",
    }


def edit(data: Any = None, **kwargs: Any) -> Post:
    """A change only the parties' members and staff may make."""
    return Post(data or {}, probes=NOT_EDITORS, **kwargs)


ENTRIES = [
    Entry("partnerships:list", get=signed_in(200)),
    Entry("partnerships:create", get=signed_in(200)),
    Entry("partnerships:actor_suggestions", query="q=Entreprise", get=signed_in(200)),
    Entry("partnerships:sheets", get=every(200)),
    Entry("partnerships:sheet", {"code": Attr("sheet", "code")}, get=every(200)),
    Entry("partnerships:detail", P, get=only(200, *VIEWERS)),
    Entry(
        "partnerships:edit",
        P,
        get=only(200, *EDITORS),
        post=edit({"summary": "Des ateliers numériques, le samedi."}, from_form="form"),
    ),
    Entry(
        "partnerships:status",
        P,
        get=only(200, *EDITORS),
        post=edit({"to_status": "terminee", "note": "Objectifs atteints."}, from_form="form"),
    ),
    Entry("partnerships:timeline", P, get=only(200, *VIEWERS)),
    Entry(
        "partnerships:party_add",
        P,
        get=only(200, *EDITORS),
        post=edit(lambda w: {"actor": f"{w['D'].name} (#{w.pk('D')})", "role": "partenaire"}),
    ),
    Entry(
        "partnerships:party_edit",
        {"pk": "pship", "party_pk": "pship_party"},
        get=only(200, *EDITORS),
        post=edit({"expectations": "Mobiliser des salariés bénévoles."}, from_form="form"),
    ),
    Entry(
        "partnerships:party_remove",
        {"pk": "pship", "party_pk": "pship_party_third"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    Entry("partnerships:method", P, get=only(200, *VIEWERS)),
    Entry(
        "partnerships:checklist_add",
        P,
        get=post_only(),
        post=edit({"step": "construire", "label": "Rédiger la convention"}),
    ),
    Entry(
        "partnerships:checklist_toggle",
        {"pk": "pship", "item_pk": "pship_checklist_item"},
        get=post_only(),
        post=edit({"done": "1"}),
    ),
    Entry(
        "partnerships:checklist_delete",
        {"pk": "pship", "item_pk": "pship_checklist_item"},
        get=post_only(),
        post=edit(),
    ),
    Entry("partnerships:advance_step", P, get=post_only(), post=edit({"force": "on"})),
    Entry(
        "partnerships:risk_add",
        P,
        get=only(200, *EDITORS),
        post=edit(
            lambda w: {
                "party": _party(w),
                "kind": "image",
                "level": "faible",
                "description": "Une polémique locale sur le mécène.",
            }
        ),
    ),
    Entry(
        "partnerships:risk_edit",
        {"pk": "pship", "risk_pk": "pship_risk"},
        get=only(200, *EDITORS),
        post=edit({"mitigation": "Chercher un second financeur."}, from_form="form"),
    ),
    Entry(
        "partnerships:risk_delete",
        {"pk": "pship", "risk_pk": "pship_risk"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    # Read by whoever sees the partnership; the form is for its editors.
    Entry(
        "partnerships:legal_form",
        P,
        get=only(200, *VIEWERS),
        post=edit({"legal_form": "convention_mecenat"}, from_form="form"),
    ),
    Entry("partnerships:commitments", P, get=only(200, *VIEWERS)),
    Entry(
        "partnerships:contribution_add",
        P,
        get=only(200, *EDITORS),
        post=edit(
            lambda w: {
                "party": _party(w),
                "kind": "materiel",
                "status": "engagee",
                "description": "Prêt de dix ordinateurs",
                "starts_on": "2025-02-01",
            }
        ),
    ),
    Entry(
        "partnerships:contribution_edit",
        {"pk": "pship", "contribution_pk": "pship_contribution"},
        get=only(200, *EDITORS),
        post=edit({"description": "Soutien au projet, année 1"}, from_form="form"),
    ),
    Entry(
        "partnerships:contribution_delete",
        {"pk": "pship", "contribution_pk": "pship_contribution"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    Entry(
        "partnerships:document_upload",
        P,
        get=post_only(),
        post=edit(_document),
    ),
    Entry(
        "partnerships:document_download",
        {"pk": "pship", "document_pk": "pship_document"},
        get=only(200, *VIEWERS),
    ),
    Entry(
        "partnerships:document_delete",
        {"pk": "pship", "document_pk": "pship_document"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    Entry(
        "partnerships:milestone_add",
        P,
        get=post_only(),
        post=edit({"title": "Comité de pilotage", "due_on": "2025-09-30"}),
    ),
    Entry(
        "partnerships:milestone_edit",
        {"pk": "pship", "milestone_pk": "pship_milestone"},
        get=only(200, *EDITORS),
        post=edit({"description": "En présence des deux présidents."}, from_form="form"),
    ),
    Entry(
        "partnerships:milestone_done",
        {"pk": "pship", "milestone_pk": "pship_milestone"},
        get=post_only(),
        post=edit(),
    ),
    Entry(
        "partnerships:milestone_delete",
        {"pk": "pship", "milestone_pk": "pship_milestone"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    # ------------------------------------------------------------------- evaluation
    Entry("evaluation:overview", P, get=only(200, *VIEWERS)),
    Entry(
        "evaluation:indicator_add",
        P,
        get=only(200, *EDITORS),
        post=edit(
            {
                "name": "Bénévoles mobilisés",
                "dimension": "valeur_association",
                "unit": "personnes",
                "baseline": "0",
                "target": "12",
            }
        ),
    ),
    Entry(
        "evaluation:indicator",
        {"pk": "pship", "indicator_pk": "pship_indicator"},
        get=only(200, *VIEWERS),
    ),
    Entry(
        "evaluation:indicator_edit",
        {"pk": "pship", "indicator_pk": "pship_indicator"},
        get=only(200, *EDITORS),
        post=edit({"description": "Compté à chaque atelier."}, from_form="form"),
    ),
    Entry(
        "evaluation:indicator_delete",
        {"pk": "pship", "indicator_pk": "pship_indicator"},
        get=only(200, *EDITORS),
        post=edit(),
    ),
    Entry(
        "evaluation:measurement_add",
        {"pk": "pship", "indicator_pk": "pship_indicator"},
        get=post_only(),
        post=edit({"measured_on": "2025-04-01", "value": "20"}),
    ),
    Entry(
        "evaluation:measurement_delete",
        {"pk": "pship", "indicator_pk": "pship_indicator", "measurement_pk": "pship_measurement"},
        get=post_only(),
        post=edit(),
    ),
    Entry(
        "evaluation:period_add",
        P,
        get=only(200, *EDITORS),
        post=edit({"label": "Bilan final", "starts_on": "2025-01-06", "ends_on": "2025-12-31"}),
    ),
    Entry(
        "evaluation:period",
        {"pk": "pship", "period_pk": "pship_period"},
        get=only(200, *VIEWERS),
    ),
    # A party answers for itself: A's members only (staff and facilitators read).
    Entry(
        "evaluation:assessment",
        {"pk": "pship", "period_pk": "pship_period", "party_pk": "pship_party"},
        get=only(200, "member", "org_admin"),
        post=Post(
            {"summary": "Un bon début, des bénévoles ravis."},
            from_form="form",
            probes=("outsider", "other_facilitator", "facilitator", "staff"),
        ),
    ),
    Entry("evaluation:report", P, get=only(200, *VIEWERS)),
    Entry("evaluation:summary", P, get=only(200, *VIEWERS)),
]
