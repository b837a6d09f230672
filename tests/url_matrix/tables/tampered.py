"""Foreign ids in the body of a POST: someone acting on what they may change (their own
partnership, an event they manage, their account) names in the form an object of another
organisation. Nothing may change. ``control`` is the same POST naming their own object
instead (by ``control_role``, the same person unless said): it must change something, so
that the refusal above comes from the foreign id."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from url_matrix.spec import Arg, Entry, Lit
from url_matrix.world import INVITATION_TOKEN, World

Data = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Tampered:
    name: str
    kwargs: Mapping[str, Arg]
    role: str
    data: Data
    why: str
    control: Data | None = None
    control_role: str | None = None
    # A known bug (the case is then xfail, strict).
    bug: str = ""

    @property
    def entry(self) -> Entry:
        return Entry(self.name, self.kwargs)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.role}-{self.why.split(':')[0]}"


def _registration(actor: str) -> Data:
    return lambda w: {"actor": str(w.pk(actor))}


def _contribute(actor: str) -> Data:
    return lambda w: {"message": "Nous prêtons un local.", "actor": str(w.pk(actor))}


def _risk(party: str) -> Data:
    return lambda w: {
        "party": str(w.pk(party)),
        "kind": "image",
        "level": "eleve",
        "description": "Un risque rattaché à cette partie.",
    }


def _contribution(party: str) -> Data:
    return lambda w: {
        "party": str(w.pk(party)),
        "kind": "materiel",
        "status": "engagee",
        "description": "Prêt de matériel",
        "starts_on": "2025-02-01",
    }


def _consent(actor: str) -> Data:
    return lambda w: {"actor": str(w.pk(actor)), "decision": "retrait"}


def _unpublish(actor: str) -> Data:
    return lambda w: {"actor": str(w.pk(actor))}


def _wish(registration: str) -> Data:
    return lambda w: {"choice_1": str(w.pk(registration))}


def _constraint(first: str) -> Data:
    return lambda w: {
        "first": str(w.pk(first)),
        "second": str(w.pk("registration")),
        "kind": "avoid",
    }


def _proposal(porteur: str) -> Data:
    return lambda w: {
        "porteur_text": f"{w[porteur].name} (#{w.pk(porteur)})",
        "partner": f"{w['P'].name} (#{w.pk('P')})",
        "title": "Un partenariat proposé",
    }


def _event(programme: str | None) -> Data:
    def data(w: World) -> dict[str, Any]:
        values = {
            "kind": "atelier",
            "title": "Atelier numérique",
            "starts_at": "2030-03-01 14:00",
            "ends_at": "2030-03-01 17:00",
            "status": "publie",
            "registration_open": "on",
            "rounds": "0",
            "tables": "0",
            "slot_minutes": "7",
            "break_minutes": "1",
        }
        if programme:
            values["programme"] = str(w.pk(programme))
        return values

    return data


CASES = [
    Tampered(
        "events:register",
        {"pk": "event"},
        "outsider",
        _registration("A"),
        "on behalf of A: B's admin registers in the name of an organisation not theirs",
        control=_registration("B"),
    ),
    Tampered(
        "programmes:action_contribute",
        {"pk": "action"},
        "outsider",
        _contribute("A"),
        "on behalf of A: B's admin offers a contribution in A's name",
        control=_contribute("B"),
    ),
    Tampered(
        "partnerships:risk_add",
        {"pk": "mirror"},
        "outsider",
        _risk("pship_party"),
        "foreign party: B's partnership, a party of A's partnership (a risk)",
        control=_risk("mirror_party"),
    ),
    Tampered(
        "partnerships:contribution_add",
        {"pk": "mirror"},
        "outsider",
        _contribution("pship_party"),
        "foreign party: B's partnership, a party of A's partnership (a contribution)",
        control=_contribution("mirror_party"),
    ),
    Tampered(
        "partnerships:create",
        {},
        "other_facilitator",
        _proposal("A"),
        "outside the territory: the Val-de-Marne facilitator proposes a partnership A–P",
        control=_proposal("E"),
    ),
    Tampered(
        "library:case_consent",
        {"pk": "case_draft"},
        "org_admin",
        _consent("P"),
        "other party: A's admin withdraws P's consent",
        control=_consent("A"),
    ),
    Tampered(
        "library:case_unpublish",
        {"pk": "case_published"},
        "org_admin",
        _unpublish("P"),
        "other party: A's admin takes the case study out in P's name",
        control=_unpublish("A"),
    ),
    Tampered(
        "events:wishes",
        {"pk": "registration"},
        "org_admin",
        _wish("registration_member"),
        "other event: a wish to meet a participant of another event",
        control=_wish("registration_d"),
    ),
    Tampered(
        "events:constraint_add",
        {"pk": "sd_event"},
        "facilitator",
        _constraint("registration_member"),
        "other event: a constraint on a registration of another event",
        control=_constraint("registration_d"),
    ),
    Tampered(
        "events:create",
        {},
        "other_facilitator",
        _event("programme"),
        "another's programme: the Val-de-Marne facilitator attaches an event to it",
        control=_event(None),
    ),
    Tampered(
        "accounts:invitation",
        {"token": Lit(INVITATION_TOKEN + "-p")},
        "outsider",
        lambda w: {"answer": "accept"},
        "another account: B's admin accepts an invitation addressed to A's admin",
        control=lambda w: {"answer": "accept"},
        control_role="org_admin",
    ),
    Tampered(
        "accounts:invitation",
        {"token": Lit(INVITATION_TOKEN + "-p")},
        "member",
        lambda w: {"answer": "decline"},
        "another account: A's member declines an invitation addressed to A's admin",
        control=lambda w: {"answer": "decline"},
        control_role="org_admin",
    ),
    Tampered(
        "accounts:api_tokens",
        {},
        "outsider",
        lambda w: {"action": "revoke", "token": str(w.pk("api_token"))},
        "another account: B's admin revokes A's admin's API token",
        control=lambda w: {"action": "revoke", "token": str(w.pk("api_token"))},
        control_role="org_admin",
    ),
    Tampered(
        "funding:allocation_add",
        {"pk": "mirror_envelope"},
        "outsider",
        lambda w: {
            "partnership": str(w.pk("pship")),
            "amount_eur": "100",
            "decided_on": "2025-03-01",
            "purpose": "Financer un partenariat qu'on ne voit pas",
        },
        "foreign partnership: B's admin funds, from B's envelope, A's private partnership "
        "(and then reads it, with its evaluation's progress, on the envelope's page)",
    ),
]
