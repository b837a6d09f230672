"""Site-wide pages: home, health, privacy notice, territory autocomplete, exports of the
directory (public selections), notifications, the audit trail of an actor."""

from __future__ import annotations

from url_matrix.spec import Entry, Post, every, only, post_only, signed_in

ENTRIES = [
    Entry("home", get=every(200)),
    Entry("healthz", get=every(200)),
    Entry("privacy", get=every(200)),
    Entry("territories:autocomplete", query="q=Poit", get=every(200)),
    # Exports of the public directory: what the directory shows (no contact persons).
    Entry("exports:actors_csv", get=every(200)),
    Entry("exports:actors_xlsx", get=every(200)),
    Entry("exports:actors_geojson", get=every(200)),
    # Notifications: everyone their own.
    Entry("notifications:list", get=signed_in(200)),
    Entry(
        "notifications:open",
        {"pk": "notification"},
        get=post_only(),
        post=Post(owner="org_admin", probes=("outsider", "other_facilitator", "member", "staff")),
    ),
    Entry("notifications:read_all", get=post_only()),
    # The unread counter answers everyone (0 for a visitor): the navigation polls it.
    Entry("notifications:badge", get=every(200)),
    Entry("notifications:preferences", get=signed_in(200)),
    # Audit trail: the organisation's admins, the facilitators of its territory and staff
    # read it; only staff restore a version.
    Entry(
        "audit:actor_history",
        {"pk": "A"},
        get=only(200, "org_admin", "facilitator", "staff"),
    ),
    Entry(
        "audit:actor_version",
        {"pk": "A", "event_id": "audit_event"},
        get=only(200, "staff"),
        post=Post(
            owner="staff", probes=("outsider", "other_facilitator", "org_admin", "facilitator")
        ),
    ),
]
