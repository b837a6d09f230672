"""Funding envelopes (A's, on the Vienne): managed by the funder's admins, the facilitators
covering the envelope's territory and staff; seen whole by them and the funder's members.
Creating one is open to staff, admins of an organisation (for their own funder) and
facilitators (for their territories)."""

from __future__ import annotations

from url_matrix.spec import Entry, Post, but, only, post_only, signed_in

MANAGERS = ("org_admin", "facilitator", "staff")
FULL_VIEW = ("member", *MANAGERS)
# A's plain member sees the envelope but does not manage it.
NOT_MANAGERS = ("outsider", "other_facilitator", "member")
E = {"pk": "envelope"}
A = {"pk": "envelope", "allocation_pk": "allocation"}

ENTRIES = [
    Entry("funding:list", get=signed_in(200)),
    Entry("funding:create", get=but(signed_in(200), member=404)),
    Entry("funding:detail", E, get=only(200, *FULL_VIEW)),
    Entry(
        "funding:edit",
        E,
        get=only(200, *MANAGERS),
        post=Post(
            {"description": "Priorité aux quartiers."}, from_form="form", probes=NOT_MANAGERS
        ),
    ),
    Entry(
        "funding:status",
        E,
        get=post_only(),
        post=Post({"status": "cloturee"}, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("funding:export", E, get=only(200, *FULL_VIEW)),
    Entry(
        "funding:allocation_add",
        E,
        get=only(200, *MANAGERS),
        post=Post(
            lambda w: {
                "partnership": str(w.pk("pship_published")),
                "amount_eur": "1000",
                "decided_on": "2025-03-01",
                "purpose": "Jardin solidaire",
            },
            probes=NOT_MANAGERS,
        ),
    ),
    # B's envelope on the Vienne (its admin manages it): the form must not offer A's
    # partnerships, which B's admin may not see.
    Entry(
        "funding:allocation_add",
        {"pk": "mirror_envelope"},
        variant="B's envelope",
        get=only(200, "outsider", "facilitator", "staff"),
    ),
    Entry(
        "funding:allocation_edit",
        A,
        get=only(200, *MANAGERS),
        post=Post({"purpose": "Permanences et ateliers"}, from_form="form", probes=NOT_MANAGERS),
    ),
    Entry(
        "funding:allocation_delete",
        {"pk": "envelope", "allocation_pk": "allocation_spare"},
        get=only(200, *MANAGERS),
        post=Post(probes=NOT_MANAGERS),
    ),
    Entry(
        "funding:expense_add",
        A,
        get=only(200, *MANAGERS),
        post=Post(
            {
                "amount_eur": "150",
                "spent_on": "2025-05-02",
                "description": "Location de salle",
                "evidence": "Facture 2025-031",
            },
            probes=NOT_MANAGERS,
        ),
    ),
    Entry(
        "funding:expense_delete",
        {"pk": "envelope", "allocation_pk": "allocation", "expense_pk": "expense"},
        get=post_only(),
        post=Post(probes=NOT_MANAGERS),
    ),
]
