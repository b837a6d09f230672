"""Imports of actor files and merge proposals: facilitators (in their territories) and
staff. The list and form pages answer 403 on purpose to everyone else (a page that exists
for them, with a message saying who may use it); a given upload or proposal is 404."""

from __future__ import annotations

from url_matrix.spec import Entry, Post, only, post_only

IMPORTERS = ("facilitator", "other_facilitator", "staff")
PROBES = ("outsider", "other_facilitator", "org_admin")

ENTRIES = [
    Entry("importers:uploads", get=only(200, *IMPORTERS, others=403)),
    Entry("importers:upload", get=only(200, *IMPORTERS, others=403)),
    Entry("importers:template", get=only(200, *IMPORTERS, others=403)),
    # The Vienne facilitator's upload: theirs and staff's (colleagues of the same
    # territory too; the Val-de-Marne facilitator is not one).
    Entry("importers:detail", {"pk": "upload"}, get=only(200, "facilitator", "staff")),
    Entry("importers:state", {"pk": "upload"}, get=only(200, "facilitator", "staff")),
    Entry("importers:rejected_csv", {"pk": "upload"}, get=only(200, "facilitator", "staff")),
    Entry(
        "importers:confirm",
        {"pk": "upload"},
        get=post_only(),
        post=Post(owner="facilitator", probes=PROBES),
    ),
    Entry(
        "importers:cancel",
        {"pk": "upload"},
        get=post_only(),
        post=Post(owner="facilitator", probes=PROBES),
    ),
    Entry(
        "importers:resume",
        {"pk": "upload"},
        get=post_only(),
        post=Post(
            owner=None,
            probes=PROBES,
            reason_no_owner="only a failed or interrupted upload resumes",
        ),
    ),
    Entry("importers:merges", get=only(200, *IMPORTERS, others=403)),
    Entry(
        "importers:merge_accept",
        {"pk": "merge"},
        get=post_only(),
        post=Post(
            lambda w: {f"accept-{w.pk('merge')}-keep": "auto"},
            owner="facilitator",
            probes=PROBES,
        ),
    ),
    Entry(
        "importers:merge_reject",
        {"pk": "merge"},
        get=post_only(),
        post=Post(
            lambda w: {f"reject-{w.pk('merge')}-note": "Deux associations distinctes."},
            owner="facilitator",
            probes=PROBES,
        ),
    ),
]
