"""``/compte/…``: sign-up and sign-in, the account's own pages, RGPD, invitations and the
facilitators' decisions on claims."""

from __future__ import annotations

from url_matrix.spec import Entry, Lit, Post, but, every, only, post_only, signed_in
from url_matrix.world import INVITATION_TOKEN

# Signed-in people are sent on to « Mon espace ».
TO_DASHBOARD = 302

ENTRIES = [
    Entry("accounts:dashboard", get=signed_in(200)),
    Entry("accounts:login", get=but(signed_in(TO_DASHBOARD), visitor=200)),
    # POST only (Django's rule): a link cannot sign someone out.
    Entry("accounts:logout", get=every(405)),
    Entry("accounts:signup", get=but(signed_in(TO_DASHBOARD), visitor=200)),
    Entry("accounts:profile", get=signed_in(200)),
    Entry("accounts:security", get=signed_in(200)),
    Entry("accounts:two_factor_verify", get=signed_in(200)),
    Entry("accounts:api_tokens", get=signed_in(200)),
    Entry("accounts:my_data", get=signed_in(200)),
    Entry("accounts:erase_account", get=post_only()),
    # Article 14 notices: facilitators (their territories' contacts) and staff.
    Entry(
        "accounts:privacy_notices",
        get=only(200, "facilitator", "other_facilitator", "staff"),
    ),
    Entry(
        "accounts:privacy_notice_sent",
        {"pk": "contact_a_imported"},
        get=post_only(),
        post=Post(
            owner="facilitator",
            probes=("outsider", "other_facilitator", "member", "org_admin"),
        ),
    ),
    Entry("accounts:password_change", get=signed_in(200)),
    Entry("accounts:password_change_done", get=signed_in(200)),
    Entry("accounts:password_reset", get=every(200)),
    Entry("accounts:password_reset_done", get=every(200)),
    # An unknown link: the page says it is invalid.
    Entry(
        "accounts:password_reset_confirm",
        {"uidb64": Lit("MQ"), "token": Lit("set-password")},
        get=every(200),
    ),
    Entry("accounts:password_reset_complete", get=every(200)),
    Entry("accounts:organisation_create", get=signed_in(200)),
    # An invitation from P addressed to A's admin's account.
    Entry(
        "accounts:invitation_answer",
        {"pk": "m_invitation_to_admin"},
        get=post_only(),
        post=Post(
            {"answer": "accept"},
            owner="org_admin",
            probes=("outsider", "other_facilitator", "member", "staff"),
        ),
    ),
    # The e-mail link: whoever holds the token sees the invitation (and must sign in to
    # answer it).
    Entry(
        "accounts:invitation",
        {"token": Lit(INVITATION_TOKEN)},
        get=every(200),
        discloses="the holder of the link is the person invited: it names who invites them",
    ),
    Entry("accounts:claims", get=signed_in(200)),
    Entry(
        "accounts:claim_detail",
        {"pk": "claim"},
        get=only(200, "facilitator", "staff"),
        post=Post(
            {"decision": "reject", "note": "Pas de lien avec l'association."},
            owner="facilitator",
            probes=("outsider", "other_facilitator", "member", "org_admin"),
        ),
    ),
]
