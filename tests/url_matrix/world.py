"""The world of the URL × role matrix, built once per test module.

Organisation A (« Les Ateliers du Clain », an association in Poitiers, Vienne) owns almost
everything, together with the Vienne facilitator: its introductions, its partnerships with
the company P, their documents, indicators and assessments, the facilitator's programme,
events, imports and good practices, A's envelope, A's case studies, A's admin's
notifications. The **outsiders** are the admin of organisation B (another company in
Poitiers, with nothing in common with A) and the facilitator of the Val-de-Marne: they are
the IDOR probes. B has its own objects too (a partnership with D, an envelope, needs,
contacts, memberships), so that a URL whose parent id is B's and child id is A's can be
tried (« my partnership, your contribution »).

Everything goes through the apps' factories and services, as their own tests do.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.test import Client
from django.utils import timezone

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership, User
from maillage.accounts.tests.factories import (
    ClaimRequestFactory,
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.models import Actor
from maillage.actors.tests.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    NeedOfferFactory,
    valid_siret,
)

# The roles of the matrix, in the order the report prints them.
ROLES = (
    "visitor",
    "member",
    "org_admin",
    "outsider",
    "facilitator",
    "other_facilitator",
    "staff",
)

# A token the test knows for A's pending e-mail invitation (only its hash is stored).
INVITATION_TOKEN = "jeton-d-invitation-de-la-matrice-0123456789"
MISSING_ID = 987_654_321


@dataclass
class World:
    users: dict[str, User | None]
    objects: dict[str, Any] = field(default_factory=dict)
    # One signed-in test client per role (set by the test module's fixture).
    clients: dict[str, Client] = field(default_factory=dict)
    # Personal data each role must never be shown (see ``_secrets``).
    secrets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every row of the project's tables once built (each test starts from this state).
    pristine: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.objects[name]

    def pk(self, name: str) -> int:
        return int(self.objects[name].pk)

    @property
    def people(self) -> dict[str, User]:
        """The signed-in roles' users."""
        return {role: user for role, user in self.users.items() if user is not None}

    def pk_of_user(self, role: str) -> int:
        return int(self.people[role].pk)


def _user(email: str, name: str, **fields: Any) -> User:
    return cast(User, UserFactory(email=email, display_name=name, **fields))


def _accounts(w: World) -> None:
    from maillage.accounts.services import _token_hash

    o = w.objects
    poitiers = CommuneFactory()
    from maillage.matching.tests.factories import charenton

    o["charenton"] = charenton()
    o["A"] = ActorFactory(
        name="Les Ateliers du Clain",
        seat_commune=poitiers,
        confirmed=True,
        located=True,
        themes=["insertion_iae"],
    )
    o["P"] = ActorFactory(
        name="Entreprise Partenaire", entreprise=True, seat_commune=poitiers, located=True
    )
    o["B"] = ActorFactory(
        name="Entreprise Voisine", entreprise=True, seat_commune=poitiers, located=True
    )
    o["D"] = ActorFactory(name="Régie des Couronneries", seat_commune=poitiers)
    o["F"] = ActorFactory(name="Banque Solidaire", entreprise=True, seat_commune=poitiers)
    o["E"] = ActorFactory(name="Association de Charenton", seat_commune=o["charenton"])

    users: dict[str, User] = {}
    users["org_admin"] = _user("admin@ateliers.example", "Alice Admin")
    users["member"] = _user("membre@ateliers.example", "Marc Membre")
    users["outsider"] = _user("admin@voisine.example", "Olivier Autre")
    users["facilitator"] = _user("animatrice@vienne.example", "Fanny Animatrice")
    users["other_facilitator"] = _user("animateur@valdemarne.example", "Fabien Ailleurs")
    users["staff"] = _user("equipe@maillage.example", "Équipe Maillage", staff=True)
    w.users.update(users)
    o["partner_admin"] = _user("admin@partenaire.example", "Paul Partenaire")
    o["d_admin"] = _user("admin@regie.example", "Rita Régie")
    o["b_member"] = _user("membre@voisine.example", "Bruno Voisin")
    o["candidate"] = _user("candidat@ateliers.example", "Paule Postule")
    o["former"] = _user("ancien@ateliers.example", "Denis Désactivé")
    o["claimant"] = _user("presidente@amicale.example", "Claire Revendique")

    MembershipFactory(user=users["org_admin"], actor=o["A"], admin=True)
    o["m_member"] = MembershipFactory(user=users["member"], actor=o["A"])
    o["m_outsider"] = MembershipFactory(user=users["outsider"], actor=o["B"], admin=True)
    o["m_b_member"] = MembershipFactory(user=o["b_member"], actor=o["B"])
    MembershipFactory(user=o["partner_admin"], actor=o["P"], admin=True)
    MembershipFactory(user=o["d_admin"], actor=o["D"], admin=True)
    o["m_pending"] = MembershipFactory(user=o["candidate"], actor=o["A"], pending=True)
    o["m_deactivated"] = MembershipFactory(user=o["former"], actor=o["A"], deactivated=True)
    o["m_invited"] = Membership.objects.create(
        actor=o["A"],
        invited_email="invitee@exemple.org",
        invited_by=users["org_admin"],
        role=MembershipRole.MEMBER,
        status=MembershipStatus.INVITED,
        invitation_token_hash=_token_hash(INVITATION_TOKEN),
        invitation_expires_at=timezone.now() + dt.timedelta(days=14),
    )
    # P invites A's admin to join it: an invitation addressed to the account.
    o["m_invitation_to_admin"] = Membership.objects.create(
        actor=o["P"],
        user=users["org_admin"],
        invited_email=users["org_admin"].email,
        invited_by=o["partner_admin"],
        role=MembershipRole.MEMBER,
        status=MembershipStatus.INVITED,
        invitation_token_hash=_token_hash(INVITATION_TOKEN + "-p"),
        invitation_expires_at=timezone.now() + dt.timedelta(days=14),
    )
    FacilitatorScopeFactory(user=users["facilitator"], territory_code="dep:86")
    FacilitatorScopeFactory(user=users["other_facilitator"], territory_code="dep:94")

    o["need_a"] = NeedOfferFactory(actor=o["A"])
    o["need_b"] = NeedOfferFactory(actor=o["B"], offer=True)
    o["contact_a"] = ContactFactory(actor=o["A"], first_name="Zoé", last_name="Contactprivé")
    o["contact_a_imported"] = ContactFactory(actor=o["A"], imported=True, first_name="Yves")
    o["contact_b"] = ContactFactory(actor=o["B"], first_name="Xavier")

    from maillage.accounts.api_tokens import api_token_create

    o["api_token"], _clear = api_token_create(user=users["org_admin"], name="Tableur", scope="read")
    o["imported"] = ActorFactory(name="Amicale du Clain", imported=True, seat_commune=poitiers)
    o["claim"] = ClaimRequestFactory(user=o["claimant"], actor=o["imported"])


def _importers(w: World) -> None:
    from maillage.importers.enums import MergeReason, UploadStatus
    from maillage.importers.merging import merge_proposals_create
    from maillage.importers.models import MergeProposal
    from maillage.importers.tests.web import upload_in_state

    o = w.objects
    o["upload"] = upload_in_state(
        user=w.people["facilitator"],
        status=UploadStatus.READY,
        preview={"read": 10, "rejected": 1},
    )
    first = cast(
        Actor,
        ActorFactory(name="Les Amis du Clain", seat_commune=o["A"].seat_commune, rna="W861000001"),
    )
    second = cast(
        Actor,
        ActorFactory(
            name="Association Les Amis du Clain",
            seat_commune=o["A"].seat_commune,
            siret=valid_siret(4242),
            siren=valid_siret(4242)[:9],
            source="sirene",
        ),
    )
    merge_proposals_create(
        pairs=[(second.pk, first.pk, MergeReason.NAME_COMMUNE, "Même nom, même commune.")],
        run=None,
    )
    o["merge"] = MergeProposal.objects.get(actor=second, candidate=first)


def _matching(w: World) -> None:
    from maillage.matching.enums import BestPairsStatus
    from maillage.matching.models import BestPairsReport, FollowUp
    from maillage.matching.tests.factories import EndorsementFactory, IntroductionFactory

    o, u = w.objects, w.people
    o["intro_accepted"] = IntroductionFactory(
        from_actor=o["A"], to_actor=o["P"], accepted=True, requested_by=u["org_admin"]
    )
    o["intro_to_a"] = IntroductionFactory(from_actor=o["F"], to_actor=o["A"], requested_by=None)
    o["intro_from_a"] = IntroductionFactory(
        from_actor=o["A"], to_actor=o["D"], requested_by=u["member"]
    )
    # Accepted too, and not endorsed yet: A may endorse E.
    o["intro_accepted_e"] = IntroductionFactory(
        from_actor=o["A"], to_actor=o["E"], accepted=True, requested_by=u["org_admin"]
    )
    o["endorsement"] = EndorsementFactory(from_actor=o["A"], to_actor=o["P"], author=u["org_admin"])
    o["followup"] = FollowUp.objects.create(introduction=o["intro_accepted"], actor=o["A"])
    o["best_pairs"] = BestPairsReport.objects.create(
        territory_code="dep:86", requested_by=u["facilitator"], status=BestPairsStatus.DONE
    )


def _programmes(w: World) -> None:
    from maillage.programmes import services
    from maillage.programmes.enums import ActionStatus, ProgrammeStatus
    from maillage.programmes.tests.factories import ActionFactory

    o, u = w.objects, w.people
    o["programme"] = services.programme_create(
        created_by=u["facilitator"],
        title="Agir ensemble en Vienne",
        summary="Associations et entreprises de la Vienne agissent ensemble.",
        territory_codes=["dep:86"],
        status=ProgrammeStatus.ACTIVE,
    )
    o["programme_draft"] = services.programme_create(
        created_by=u["facilitator"], title="Programme en préparation", territory_codes=["dep:86"]
    )
    o["group"] = services.working_group_create(
        programme=o["programme"],
        title="Emploi des jeunes",
        co_lead_association=o["A"],
        co_lead_company=o["P"],
    )
    o["group_member"] = services.group_member_add(group=o["group"], actor=o["D"])
    o["group_meeting"] = services.group_meeting_create(
        group=o["group"],
        title="Première réunion",
        starts_at=timezone.now() + dt.timedelta(days=10),
    )
    held = services.group_meeting_create(
        group=o["group"], title="Réunion de lancement", starts_at=timezone.now()
    )
    o["group_meeting_held"] = services.group_meeting_record(
        meeting=held,
        minutes="Compte rendu : le binôme se répartit les rôles.",
        attendee_ids=[o["group_member"].pk],
    )
    o["action"] = ActionFactory(
        programme=o["programme"],
        title="Chantier d'insertion partagé",
        referent_actor=o["A"],
        referent_user=u["org_admin"],
        status=ActionStatus.SELECTED,
    )
    o["proposal"] = services.action_propose(
        programme=o["programme"],
        title="Forum de l'emploi",
        groups=[o["group"]],
        proposed_by=u["facilitator"],
    )
    o["action_need"] = services.action_need_add(action=o["action"], text="Des bénévoles")
    o["programme_milestone"] = services.milestone_add(action=o["action"], title="Lancement")
    o["programme_contribution"] = services.contribution_offer(
        action=o["action"],
        user=o["partner_admin"],
        message="Nous prêtons une salle.",
        actor=o["P"],
    )


def _events(w: World) -> None:
    from maillage.events.enums import ConstraintKind, EventStatus
    from maillage.events.models import Meeting, PairConstraint
    from maillage.events.services import event_create, registration_create, wishes_set

    o, u = w.objects, w.people
    start = timezone.now() + dt.timedelta(days=20)
    o["event"] = event_create(
        created_by=u["facilitator"],
        kind="reunion_information",
        title="Réunion d'information accès aux droits",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        venue="Salle des fêtes",
        programme=o["programme"],
        status=EventStatus.PUBLISHED,
    )
    o["event_draft"] = event_create(
        created_by=u["facilitator"],
        kind="reunion_information",
        title="Réunion en préparation",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    o["sd_event"] = event_create(
        created_by=u["facilitator"],
        kind="speed_dating",
        title="Speed-dating associations-entreprises",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        status=EventStatus.PUBLISHED,
        rounds=3,
        tables=2,
    )
    o["registration_member"] = registration_create(event=o["event"], user=u["member"], actor=o["A"])
    o["registration"] = registration_create(
        event=o["sd_event"], user=u["org_admin"], actor=o["A"], side="A"
    )
    o["registration_partner"] = registration_create(
        event=o["sd_event"], user=o["partner_admin"], actor=o["P"], side="B"
    )
    o["registration_d"] = registration_create(
        event=o["sd_event"], user=o["d_admin"], actor=o["D"], side="B"
    )
    o["sd_meeting"] = Meeting.objects.create(
        event=o["sd_event"],
        round_number=1,
        table=1,
        first=o["registration"],
        second=o["registration_partner"],
    )
    o["constraint"] = PairConstraint.objects.create(
        event=o["sd_event"],
        first=o["registration"],
        second=o["registration_partner"],
        kind=ConstraintKind.MUST_MEET,
    )
    wishes_set(registration=o["registration"], targets=[o["registration_partner"]])


PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _furnish_partnership(w: World, prefix: str, partnership: Any, *, by: User) -> None:
    """Children of every kind the partnership's URLs take: party, contribution, risk,
    checklist item, milestone, document, indicator, measurement, period."""
    from maillage.evaluation import services as evaluation_services
    from maillage.evaluation.tests.factories import indicator, period
    from maillage.partnerships import services
    from maillage.partnerships.tests.factories import add_contribution

    o = w.objects
    parties = list(partnership.parties.order_by("id"))
    o[f"{prefix}_party"] = parties[0]
    o[f"{prefix}_party_other"] = parties[1]
    o[f"{prefix}_contribution"] = add_contribution(partnership, parties[1], by=by)
    o[f"{prefix}_risk"] = services.risk_create(
        partnership=partnership,
        party=parties[0],
        kind="dependance",
        level="moyen",
        description="Le financement de la deuxième année n'est pas acquis.",
        user=by,
    )
    o[f"{prefix}_checklist_item"] = services.checklist_item_add(
        partnership=partnership, step="preparer", label="Relire la convention", user=by
    )
    o[f"{prefix}_milestone"] = services.milestone_create(
        partnership=partnership,
        title="Signature de la convention",
        due_on=dt.date(2025, 6, 30),
        user=by,
    )
    o[f"{prefix}_document"] = services.document_upload(
        partnership=partnership,
        stream=io.BytesIO(PDF),
        name="convention.pdf",
        size=len(PDF),
        title="Convention signée",
        user=by,
    )
    o[f"{prefix}_indicator"] = indicator(partnership)
    o[f"{prefix}_measurement"] = evaluation_services.measurement_record(
        indicator=o[f"{prefix}_indicator"],
        measured_on=dt.date(2025, 3, 1),
        value=Decimal(12),
        user=by,
    )
    o[f"{prefix}_period"] = period(partnership)


def _partnerships(w: World) -> None:
    from maillage.library.tests.factories import finish
    from maillage.partnerships import services
    from maillage.partnerships.tests.factories import make_active, partnership_between

    o, u = w.objects, w.people
    pship = partnership_between(
        o["A"], o["P"], by=u["org_admin"], title="Ateliers numériques solidaires"
    )
    o["pship"] = make_active(pship, by=u["org_admin"])
    _furnish_partnership(w, "pship", o["pship"], by=u["org_admin"])
    # A third party (F), the one a party_remove may take out.
    o["pship_party_third"] = services.party_add(
        partnership=o["pship"], actor=o["F"], role="partenaire", user=u["org_admin"]
    )
    o["pship"].refresh_from_db()
    mirror = partnership_between(o["B"], o["D"], by=u["outsider"], title="Jardins partagés")
    o["mirror"] = make_active(mirror, by=u["outsider"])
    _furnish_partnership(w, "mirror", o["mirror"], by=u["outsider"])
    o["pship_done"] = finish(
        partnership_between(o["A"], o["P"], by=u["org_admin"], title="Repair café"),
        by=u["org_admin"],
    )
    o["pship_published"] = finish(
        partnership_between(o["A"], o["P"], by=u["org_admin"], title="Jardin solidaire"),
        by=u["org_admin"],
    )


def _sheet(w: World) -> None:
    from maillage.partnerships.models import PracticalSheet

    w.objects["sheet"] = PracticalSheet.objects.filter(is_active=True).order_by("position").first()


def _evaluation(w: World) -> None:
    from maillage.evaluation.tests.factories import answer

    o = w.objects
    o["assessment"] = answer(
        o["pship_period"],
        o["pship_party"],
        w.people["org_admin"],
        {"valeur_association": 3},
        submit=False,
    )


def _library(w: World) -> None:
    from maillage.library import services

    o, u = w.objects, w.people
    o["case_draft"] = services.case_study_create_draft(
        partnership=o["pship_done"], user=u["org_admin"]
    )
    # Both parties agreed: the draft may be published (or an agreement withdrawn).
    services.case_consent_give(case_study=o["case_draft"], actor=o["A"], user=u["org_admin"])
    services.case_consent_give(case_study=o["case_draft"], actor=o["P"], user=o["partner_admin"])
    o["case_draft"].refresh_from_db()
    case = services.case_study_create_draft(partnership=o["pship_published"], user=u["org_admin"])
    services.case_consent_give(case_study=case, actor=o["A"], user=u["org_admin"])
    services.case_consent_give(case_study=case, actor=o["P"], user=o["partner_admin"])
    o["case_published"] = services.case_study_publish(case_study=case, user=u["org_admin"])
    from maillage.library.tests.factories import practice

    o["practice"] = practice("Se rencontrer avant de conventionner", by=u["facilitator"])
    o["practice_draft"] = practice(
        "Un binôme pour chaque groupe", published=False, by=u["facilitator"]
    )


def _funding(w: World) -> None:
    from maillage.funding.tests.factories import allocate, envelope_create, spend

    o, u = w.objects, w.people
    o["envelope"] = envelope_create(funder=o["A"], user=u["facilitator"])
    o["allocation"] = allocate(o["envelope"], o["pship"])
    o["expense"] = spend(o["allocation"])
    # Nothing spent under this one: it may be withdrawn.
    o["allocation_spare"] = allocate(o["envelope"], o["pship_done"], amount="2000")
    o["mirror_envelope"] = envelope_create(
        funder=o["B"], title="Fonds de la Voisine", budget="10000", user=u["outsider"]
    )
    o["mirror_allocation"] = allocate(o["mirror_envelope"], o["mirror"], amount="5000")
    o["mirror_expense"] = spend(o["mirror_allocation"], amount="500")


def _notifications(w: World) -> None:
    from maillage.notifications.services import notification_send

    o, u = w.objects, w.people
    o["notification"] = notification_send(
        user=u["org_admin"],
        kind="matrix",
        title="Une nouvelle mise en relation",
        url=o["intro_to_a"].get_absolute_url(),
    )


def _audit(w: World) -> None:
    from maillage.audit.models import AuditEvent

    o = w.objects
    event = (
        AuditEvent.objects.filter(subject_type="actors.actor", subject_id=o["A"].pk)
        .order_by("id")
        .first()
    )
    o["audit_event"] = event


def _secrets(w: World) -> None:
    """Contact persons are personal data: A's are shown to A's members, the facilitators
    covering A, staff and parties to an accepted introduction with A (P, E) — never to a
    visitor, to B's admin or to the Val-de-Marne facilitator (and B's, in turn, never to
    A's people, who have nothing in common with B). Nor are A's people (its
    members' names and addresses: referents, contributors, participants), nor the titles
    of A's private objects (partnerships, envelope, drafts, an introduction's message)."""
    o, u = w.objects, w.people

    def contact(key: str) -> tuple[str, ...]:
        return (o[key].last_name, o[key].email)

    def person(user: User) -> tuple[str, ...]:
        return (user.email, user.display_name)

    of_a = (
        *contact("contact_a"),
        *contact("contact_a_imported"),
        *person(u["org_admin"]),
        *person(u["member"]),
        # Private objects: their very existence must not leak (titles, messages).
        o["pship"].title,
        o["pship_done"].title,
        o["envelope"].title,
        o["intro_accepted"].message,
        o["programme_draft"].title,
        o["event_draft"].title,
        o["practice_draft"].title,
        # A programme's minutes and contributions: its participants only.
        o["group_meeting_held"].minutes,
        o["programme_contribution"].message,
    )
    of_b = (
        *contact("contact_b"),
        *person(u["outsider"]),
        *person(o["b_member"]),
        o["mirror"].title,
        o["mirror_envelope"].title,
    )
    w.secrets = {
        "visitor": (*of_a, *of_b),
        "member": of_b,
        "org_admin": of_b,
        "outsider": of_a,
        "other_facilitator": (*of_a, *of_b),
    }


def build_world() -> World:
    w = World(users=dict.fromkeys(ROLES))
    _accounts(w)
    _importers(w)
    _matching(w)
    _programmes(w)
    _events(w)
    _partnerships(w)
    _sheet(w)
    _evaluation(w)
    _library(w)
    _funding(w)
    _notifications(w)
    _audit(w)
    _secrets(w)
    return w
