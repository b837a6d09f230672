"""The directory, an actor's public page and map (public), an organisation's management
pages (its active admins and staff; facilitators read contacts elsewhere but do not write
the organisation's own word), membership, joining, leaving and claiming."""

from __future__ import annotations

from url_matrix.spec import Attr, Entry, Post, every, only, post_only, signed_in

EDITORS = ("org_admin", "staff")
# Nobody but the admins and staff: the member, the outsider and both facilitators are
# refused, and they are the probes of every state-changing URL below.
NOT_EDITORS = ("member", "outsider", "facilitator", "other_facilitator")

ENTRIES = [
    Entry("actors:directory", get=every(200)),
    # /acteurs/<pk>/ redirects (permanently) to the page with its slug.
    Entry("actors:detail", {"pk": "A"}, get=every(301)),
    Entry("actors:detail_slug", {"pk": "A", "slug": Attr("A", "slug")}, get=every(200)),
    Entry("actors:map", get=every(200)),
    Entry("actors:map_geojson", get=every(200)),
    Entry(
        "actors:edit",
        {"pk": "A"},
        get=only(200, *EDITORS),
        post=Post(
            {"description": "Ateliers de réparation et d'insertion, modifiés."},
            from_form="form",
            probes=NOT_EDITORS,
        ),
    ),
    Entry(
        "actors:confirm_profile",
        {"pk": "A"},
        get=post_only(),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry("actors:needs", {"pk": "A"}, get=only(200, *EDITORS)),
    Entry(
        "actors:need_add",
        {"pk": "A"},
        get=only(200, *EDITORS),
        post=Post(
            {"direction": "need", "category": "formation", "text": "Former nos bénévoles."},
            probes=NOT_EDITORS,
        ),
    ),
    Entry(
        "actors:need_edit",
        {"pk": "A", "item_pk": "need_a"},
        get=only(200, *EDITORS),
        post=Post(
            {"text": "Un développeur web bénévole, deux soirs par mois."},
            from_form="form",
            probes=NOT_EDITORS,
        ),
    ),
    Entry(
        "actors:need_delete",
        {"pk": "A", "item_pk": "need_a"},
        get=only(200, *EDITORS),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry("actors:contacts", {"pk": "A"}, get=only(200, *EDITORS)),
    Entry(
        "actors:contact_add",
        {"pk": "A"},
        get=only(200, *EDITORS),
        post=Post(
            {
                "first_name": "Lou",
                "last_name": "Nouvelle",
                "email": "lou.nouvelle@exemple.org",
                "consent_given": "on",
            },
            probes=NOT_EDITORS,
        ),
    ),
    Entry(
        "actors:contact_edit",
        {"pk": "A", "contact_pk": "contact_a"},
        get=only(200, *EDITORS),
        post=Post({"role": "Directrice"}, from_form="form", probes=NOT_EDITORS),
    ),
    Entry(
        "actors:contact_delete",
        {"pk": "A", "contact_pk": "contact_a"},
        get=only(200, *EDITORS),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry("actors:members", {"pk": "A"}, get=only(200, *EDITORS)),
    Entry(
        "actors:member_invite",
        {"pk": "A"},
        get=post_only(),
        post=Post({"email": "nouvelle@exemple.org", "role": "member"}, probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_approve",
        {"pk": "A", "membership_pk": "m_pending"},
        get=post_only(),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_refuse",
        {"pk": "A", "membership_pk": "m_pending"},
        get=post_only(),
        post=Post({"note": "Nous ne vous connaissons pas."}, probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_resend",
        {"pk": "A", "membership_pk": "m_invited"},
        get=post_only(),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_role",
        {"pk": "A", "membership_pk": "m_member"},
        get=post_only(),
        post=Post({"role": "admin"}, probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_deactivate",
        {"pk": "A", "membership_pk": "m_member"},
        get=post_only(),
        post=Post(probes=NOT_EDITORS),
    ),
    Entry(
        "actors:member_reactivate",
        {"pk": "A", "membership_pk": "m_deactivated"},
        get=post_only(),
        post=Post(probes=NOT_EDITORS),
    ),
    # Asking to join any organisation, or to manage an imported one, is open to every
    # signed-in person (its admins, or a facilitator, decide).
    Entry(
        "actors:join",
        {"pk": "A"},
        get=signed_in(200),
        post=Post({"message": "Je suis bénévole chez vous."}, owner="outsider", probes=()),
    ),
    Entry(
        "actors:leave",
        {"pk": "A"},
        get=only(200, "member", "org_admin"),
        post=Post(owner="member"),
    ),
    Entry(
        "actors:claim",
        {"pk": "imported"},
        get=signed_in(200),
        post=Post({"message": "Je préside cette amicale."}, owner="outsider", probes=()),
    ),
]
