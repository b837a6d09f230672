"""Events: public once published; managed by their organisers (the Vienne facilitator
here), their programme's facilitators and staff; a participant's agenda, wishes and
follow-ups are theirs (A's admin's registration) and the managers'."""

from __future__ import annotations

from typing import Any

from url_matrix.spec import Attr, Entry, Post, every, only, post_only
from url_matrix.world import World

MANAGERS = ("facilitator", "staff")
PARTICIPANT = ("org_admin", "facilitator", "staff")
DRAFT = only(200, *MANAGERS, visitor=404)
# A's people take part (A's admin in the speed-dating): they do not manage the event.
NOT_MANAGERS = ("outsider", "other_facilitator", "member", "org_admin")


def _constraint(w: World) -> dict[str, Any]:
    return {
        "first": str(w.pk("registration")),
        "second": str(w.pk("registration_partner")),
        "kind": "avoid",
    }


ENTRIES = [
    Entry("events:list", get=every(200)),
    Entry("events:create", get=only(200, "facilitator", "other_facilitator", "staff")),
    Entry(
        "events:cancel",
        {"pk": "registration_member"},
        get=post_only(),
        post=Post(owner="member", probes=("outsider", "other_facilitator", "org_admin")),
    ),
    Entry(
        "events:checkin_toggle",
        {"pk": "registration"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "events:side_set",
        {"pk": "registration"},
        get=post_only(),
        post=Post(
            {"side": "B"},
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry(
        "events:mark_left",
        {"pk": "registration"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("events:agenda", {"pk": "registration"}, get=only(200, *PARTICIPANT)),
    Entry("events:agenda_ics", {"pk": "registration"}, get=only(200, *PARTICIPANT)),
    Entry(
        "events:wishes",
        {"pk": "registration"},
        get=only(200, *PARTICIPANT),
        post=Post(
            lambda w: {"choice_1": str(w.pk("registration_d"))},
            owner="org_admin",
            probes=("outsider", "other_facilitator", "member"),
        ),
    ),
    Entry(
        "events:follow_up",
        {"pk": "sd_meeting"},
        get=post_only(),
        post=Post(
            {"follow_up": "oui"},
            owner="org_admin",
            probes=("outsider", "other_facilitator", "member"),
        ),
    ),
    Entry(
        "events:constraint_remove",
        {"pk": "constraint"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "events:edit",
        {"pk": "event"},
        get=only(200, *MANAGERS),
        post=Post(
            {"description": "Avec la CAF et la CPAM."},
            from_form="form",
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry("events:ics", {"pk": "event"}, get=every(200)),
    Entry("events:ics", {"pk": "event_draft"}, variant="draft", get=DRAFT),
    # Registering for a published event is open to every signed-in person.
    Entry(
        "events:register",
        {"pk": "event"},
        get=post_only(),
        post=Post(lambda w: {"actor": str(w.pk("B"))}, owner="outsider", probes=()),
    ),
    Entry("events:manage", {"pk": "event"}, get=only(200, *MANAGERS)),
    Entry(
        "events:remind",
        {"pk": "event"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("events:checkin", {"pk": "event"}, get=only(200, *MANAGERS)),
    Entry("events:badges", {"pk": "event"}, get=only(200, *MANAGERS)),
    Entry("events:sheet", {"pk": "event"}, get=only(200, *MANAGERS)),
    Entry("events:speed_dating", {"pk": "sd_event"}, get=only(200, *MANAGERS)),
    Entry(
        "events:plan",
        {"pk": "sd_event"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "events:constraint_add",
        {"pk": "sd_event"},
        get=post_only(),
        post=Post(_constraint, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("events:table_plan", {"pk": "sd_event"}, get=only(200, *MANAGERS)),
    Entry("events:live", {"pk": "sd_event"}, get=only(200, *MANAGERS)),
    Entry(
        "events:round_done",
        {"pk": "sd_event"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("events:detail_short", {"pk": "event"}, get=every(200)),
    Entry("events:detail_short", {"pk": "event_draft"}, variant="draft", get=DRAFT),
    Entry("events:detail", {"pk": "event", "slug": Attr("event", "slug")}, get=every(200)),
    Entry(
        "events:detail",
        {"pk": "event_draft", "slug": Attr("event_draft", "slug")},
        variant="draft",
        get=DRAFT,
    ),
]
