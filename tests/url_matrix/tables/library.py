"""The case library: published case studies and good practices are public; a draft case
study is seen and changed by whoever sees its partnership (parties' members, the
facilitators who follow it, staff); a party's consent is given or withdrawn by its admins
(staff on its behalf); good practices are written by facilitators and staff, a draft seen
by its author and staff."""

from __future__ import annotations

from typing import Any

from url_matrix.spec import Attr, Entry, Post, every, only, post_only, signed_in
from url_matrix.world import World

VIEWERS = ("member", "org_admin", "facilitator", "staff")
# Consent is an organisation's own word: its admins (and staff). A plain member and the
# facilitator who follows the partnership may see the case study but not consent.
NOT_CONSENTERS = ("outsider", "other_facilitator", "member", "facilitator")


def _actor_a(w: World) -> dict[str, Any]:
    return {"actor": str(w.pk("A")), "decision": "retrait", "note": "Nous relisons d'abord."}


ENTRIES = [
    Entry("library:index", get=every(200)),
    Entry("library:mine", get=signed_in(200)),
    # The finished partnership already has its case study: those who may propose one are
    # sent to it.
    Entry(
        "library:propose",
        {"partnership_pk": "pship_done"},
        get=only(302, *VIEWERS),
        post=Post(owner=None, reason_no_owner="the partnership already has its case study"),
    ),
    Entry(
        "library:case",
        {"pk": "case_published", "slug": Attr("case_published", "slug")},
        get=every(200),
    ),
    Entry(
        "library:case",
        {"pk": "case_draft", "slug": Attr("case_draft", "slug")},
        variant="draft",
        get=only(200, *VIEWERS, visitor=404),
    ),
    Entry("library:case_short", {"pk": "case_published"}, get=every(301)),
    Entry(
        "library:case_edit",
        {"pk": "case_draft"},
        get=only(200, *VIEWERS),
        post=Post(
            {"lessons": "Se voir chaque mois a tout changé."}, from_form="form", owner="member"
        ),
    ),
    Entry(
        "library:case_consent",
        {"pk": "case_draft"},
        get=post_only(),
        post=Post(_actor_a, probes=NOT_CONSENTERS),
    ),
    Entry("library:case_publish", {"pk": "case_draft"}, get=post_only(), post=Post()),
    Entry(
        "library:case_unpublish",
        {"pk": "case_published"},
        get=post_only(),
        post=Post(lambda w: {"actor": str(w.pk("A"))}, probes=NOT_CONSENTERS),
    ),
    Entry(
        "library:case_delete",
        {"pk": "case_draft"},
        get=only(200, *VIEWERS),
        post=Post(owner="member"),
    ),
    Entry("library:practice_create", get=only(200, "facilitator", "other_facilitator", "staff")),
    Entry(
        "library:practice",
        {"pk": "practice", "slug": Attr("practice", "slug")},
        get=every(200),
    ),
    Entry(
        "library:practice",
        {"pk": "practice_draft", "slug": Attr("practice_draft", "slug")},
        variant="draft",
        get=only(200, "facilitator", "staff", visitor=404),
    ),
    Entry("library:practice_short", {"pk": "practice"}, get=every(301)),
    # Its author (the Vienne facilitator) and staff; another facilitator may not.
    Entry(
        "library:practice_edit",
        {"pk": "practice"},
        get=only(200, "facilitator", "staff"),
        post=Post(
            {"summary": "Trois rencontres informelles, puis la convention."},
            from_form="form",
            owner="facilitator",
            probes=("outsider", "other_facilitator", "org_admin"),
        ),
    ),
    Entry(
        "library:practice_status",
        {"pk": "practice"},
        get=post_only(),
        post=Post(
            {"status": "brouillon"},
            owner="facilitator",
            probes=("outsider", "other_facilitator", "org_admin"),
        ),
    ),
]
