"""Territorial programmes: public once published (persons inside only for its
participants); managed by their facilitators and staff; an action also by its referent
(A's admin here)."""

from __future__ import annotations

from url_matrix.spec import Attr, Entry, Post, every, only, post_only

MANAGERS = ("facilitator", "staff")
# A's admin is the action's referent.
ACTION_MANAGERS = ("org_admin", "facilitator", "staff")
# The proposal is seen by the programme's participants: managers, and the members of its
# groups' organisations (A co-leads the group).
PARTICIPANTS = ("member", "org_admin", "facilitator", "staff")
DRAFT = only(200, *MANAGERS, visitor=404)
# The programme's participants (A's people; A's admin refers an action) do not manage it.
NOT_MANAGERS = ("outsider", "other_facilitator", "member", "org_admin")
NOT_ACTION_MANAGERS = ("outsider", "other_facilitator", "member")

ENTRIES = [
    Entry("programmes:list", get=every(200)),
    Entry("programmes:create", get=only(200, "facilitator", "other_facilitator", "staff")),
    Entry("programmes:group", {"pk": "group"}, get=every(200)),
    Entry(
        "programmes:group_edit",
        {"pk": "group"},
        get=only(200, *MANAGERS),
        post=Post(
            {"description": "Trois réunions d'ici l'été."},
            from_form="form",
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry(
        "programmes:member_add",
        {"pk": "group"},
        get=only(200, *MANAGERS),
        post=Post(lambda w: {"actor": str(w.pk("F"))}, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "programmes:member_remove",
        {"pk": "group_member"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "programmes:meeting_create",
        {"pk": "group"},
        get=only(200, *MANAGERS),
        post=Post(
            {"title": "Deuxième réunion", "starts_at": "2030-01-10 18:00"},
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry(
        "programmes:meeting_record",
        {"pk": "group_meeting"},
        get=only(200, *MANAGERS),
        post=Post(
            {"minutes": "Douze présents ; trois actions proposées."},
            from_form="form",
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry("programmes:action", {"pk": "action"}, get=every(200)),
    Entry(
        "programmes:action",
        {"pk": "proposal"},
        variant="proposal",
        get=only(200, *PARTICIPANTS, visitor=404),
    ),
    # « Je veux contribuer »: any member of an organisation, on a selected action (the
    # outsider, admin of B, may; a facilitator who belongs to no organisation may not).
    Entry(
        "programmes:action_contribute",
        {"pk": "action"},
        get=post_only(),
        post=Post(
            lambda w: {"message": "Nous prêtons un local.", "actor": str(w.pk("A"))},
            owner="member",
            probes=("other_facilitator",),
        ),
    ),
    Entry(
        "programmes:action_vote",
        {"pk": "proposal"},
        get=post_only(),
        post=Post(owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "programmes:action_select",
        {"pk": "proposal"},
        get=only(200, *MANAGERS),
        post=Post({"selected": "1", "method": "vote"}, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "programmes:action_edit",
        {"pk": "action"},
        get=only(200, *ACTION_MANAGERS),
        post=Post(
            {"summary": "Un chantier partagé par trois structures."},
            from_form="form",
            probes=NOT_ACTION_MANAGERS,
        ),
    ),
    Entry(
        "programmes:action_status",
        {"pk": "action"},
        get=post_only(),
        post=Post({"status": "en_cours"}, probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:need_add",
        {"pk": "action"},
        get=post_only(),
        post=Post({"text": "Un local le samedi matin"}, probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:milestone_add",
        {"pk": "action"},
        get=post_only(),
        post=Post({"title": "Premier chantier"}, probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:milestone_done",
        {"pk": "programme_milestone"},
        get=post_only(),
        post=Post(probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:update_add",
        {"pk": "action"},
        get=post_only(),
        post=Post({"text": "Le chantier a commencé."}, probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:contribution_decide",
        {"pk": "programme_contribution"},
        get=post_only(),
        post=Post({"decision": "accept"}, probes=NOT_ACTION_MANAGERS),
    ),
    Entry(
        "programmes:edit",
        {"pk": "programme"},
        get=only(200, *MANAGERS),
        post=Post(
            {"summary": "Agir ensemble, deuxième saison."},
            from_form="form",
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry("programmes:dashboard", {"pk": "programme"}, get=only(200, *MANAGERS)),
    Entry(
        "programmes:phase_add",
        {"pk": "programme"},
        get=only(200, *MANAGERS),
        post=Post(
            {"kind": "lancement", "title": "Soirée de lancement"},
            owner="facilitator",
            probes=NOT_MANAGERS,
        ),
    ),
    Entry(
        "programmes:group_create",
        {"pk": "programme"},
        get=only(200, *MANAGERS),
        post=Post({"title": "Inclusion numérique"}, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry(
        "programmes:action_propose",
        {"pk": "programme"},
        get=only(200, *MANAGERS),
        post=Post({"title": "Une bourse aux locaux"}, owner="facilitator", probes=NOT_MANAGERS),
    ),
    Entry("programmes:detail_short", {"pk": "programme"}, get=every(200)),
    Entry("programmes:detail_short", {"pk": "programme_draft"}, variant="draft", get=DRAFT),
    Entry(
        "programmes:detail",
        {"pk": "programme", "slug": Attr("programme", "slug")},
        get=every(200),
    ),
    Entry(
        "programmes:detail",
        {"pk": "programme_draft", "slug": Attr("programme_draft", "slug")},
        variant="draft",
        get=DRAFT,
    ),
]
