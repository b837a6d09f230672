"""Suggestions, introductions, endorsements, follow-ups (an organisation's members speak
for it; facilitators of its territory and staff read), and the facilitators' tools."""

from __future__ import annotations

from url_matrix.spec import Entry, Post, but, only, post_only, signed_in

MEMBERS = ("member", "org_admin")
FACILITATORS = ("facilitator", "other_facilitator", "staff")
# Speaking for A: its members only (the facilitator and staff read, they do not act).
NOT_MEMBERS = ("outsider", "other_facilitator", "facilitator", "staff")

ENTRIES = [
    # Members of one organisation go straight to its suggestions.
    Entry(
        "matching:home",
        get=but(signed_in(200), member=302, org_admin=302, outsider=302),
    ),
    Entry(
        "matching:suggestions",
        {"actor_id": "A"},
        get=only(200, *MEMBERS, "facilitator", "staff"),
    ),
    Entry("matching:dismissed", {"actor_id": "A"}, get=only(200, *MEMBERS)),
    Entry(
        "matching:feedback",
        {"actor_id": "A", "candidate_id": "B"},
        get=post_only(),
        post=Post({"action": "pas_pertinent"}, owner="member", probes=NOT_MEMBERS),
    ),
    Entry(
        "matching:introduction_new",
        {"actor_id": "A", "candidate_id": "B"},
        get=only(200, *MEMBERS),
        post=Post(
            {"message": "Bonjour, nous aimerions vous présenter notre chantier d'insertion."},
            owner="member",
            probes=NOT_MEMBERS,
        ),
    ),
    Entry(
        "matching:endorsement_new",
        {"actor_id": "A", "candidate_id": "E"},
        get=only(200, *MEMBERS),
        post=Post(
            {"text": "Un partenaire fiable : les ateliers ont tenu tous leurs délais."},
            owner="member",
            probes=NOT_MEMBERS,
        ),
    ),
    Entry(
        "matching:endorsement_withdraw",
        {"pk": "endorsement"},
        get=post_only(),
        post=Post(owner="member", probes=NOT_MEMBERS),
    ),
    Entry("matching:introductions", get=signed_in(200)),
    Entry(
        "matching:introduction",
        {"pk": "intro_accepted"},
        get=only(200, *MEMBERS, "facilitator", "staff"),
    ),
    Entry(
        "matching:introduction_accept",
        {"pk": "intro_to_a"},
        get=post_only(),
        post=Post(owner="member", probes=NOT_MEMBERS),
    ),
    Entry(
        "matching:introduction_decline",
        {"pk": "intro_to_a"},
        get=post_only(),
        post=Post(
            {"reason": "pas_le_bon_moment"},
            owner="member",
            probes=NOT_MEMBERS,
        ),
    ),
    Entry(
        "matching:introduction_withdraw",
        {"pk": "intro_from_a"},
        get=post_only(),
        post=Post(owner="member", probes=NOT_MEMBERS),
    ),
    Entry(
        "matching:introduction_partnership",
        {"pk": "intro_accepted"},
        get=post_only(),
        post=Post(owner="member", probes=NOT_MEMBERS),
    ),
    Entry(
        "matching:followup",
        {"pk": "followup"},
        get=only(200, *MEMBERS),
        post=Post(
            {"outcome": "partenariat", "note": "Une convention signée."},
            owner="member",
            probes=NOT_MEMBERS,
        ),
    ),
    Entry("matching:facilitation", get=only(200, *FACILITATORS)),
    Entry("matching:best_pairs", get=only(200, *FACILITATORS)),
    Entry(
        "matching:best_pairs_state",
        {"pk": "best_pairs"},
        get=only(200, "facilitator", "staff"),
    ),
    Entry(
        "matching:facilitate",
        {"actor_a": "A", "actor_b": "B"},
        get=only(200, "facilitator", "staff"),
        post=Post(
            {"message": "Je vous présente : vous travaillez tous deux sur l'insertion."},
            owner="facilitator",
        ),
    ),
]
