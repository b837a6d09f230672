"""The cast of the library tests, built on the partnerships' one.

``build_library_world()`` takes ``partnerships.tests.factories.build_world()`` (Les
Ateliers du Clain and Entreprise Partenaire, with their members, facilitators and
outsiders), gives the partner company an admin, and finishes the partnership with
contributions, an indicator and a contact person on each party (who must never show in
the library). ``case_from(world)`` drafts its case study; ``published_case(world)`` has
every party agree and publishes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from maillage.accounts.models import User
from maillage.accounts.tests.factories import MembershipFactory, UserFactory
from maillage.actors.models import Contact
from maillage.evaluation import services as evaluation_services
from maillage.library import services
from maillage.library.models import CaseStudy, GoodPractice
from maillage.partnerships import services as partnership_services
from maillage.partnerships.enums import ContributionKind
from maillage.partnerships.models import Partnership
from maillage.partnerships.tests.factories import World, add_contribution, build_world, make_active

STARTED = dt.date(2024, 1, 8)
ENDED = dt.date(2024, 12, 20)


@dataclass
class LibraryWorld:
    world: World
    partner_admin: User

    @property
    def partnership(self) -> Partnership:
        return self.world.partnership

    def roles(self) -> dict[str, User | None]:
        cast = self.world.cast
        return {
            "anonymous": None,
            "stranger": cast.stranger,
            "staff": cast.staff,
            "admin": cast.admin,  # admin of the association party
            "member": cast.member,  # plain member of the association party
            "partner_admin": self.partner_admin,
            "partner_member": self.world.partner_member,
            "facilitator_in": cast.facilitator_in,
            "facilitator_epci": self.world.facilitator_epci,
            "facilitator_out": cast.facilitator_out,
            "other_admin": cast.other_admin,
            "deactivated_admin": cast.deactivated_admin,
            "pending": cast.pending,
        }


def finish(partnership: Partnership, *, by: User | None = None) -> Partnership:
    """Active (from ``STARTED``), with contributions and a measured indicator, then
    finished on ``ENDED``."""
    partnership = partnership_services.partnership_update(
        partnership=partnership,
        user=by,
        changes={
            "partnership_type": "mecenat",
            "starts_on": STARTED,
            "ends_on": ENDED,
            "summary": "Des ateliers numériques pour les habitants du quartier.",
            "themes": ["inclusion_numerique", "precarite"],
            "lessons": "Se voir chaque mois a tout changé.",
        },
        expected_version=partnership.version,
    )
    partnership = make_active(partnership, by=by)
    association, company = list(partnership.parties.order_by("id"))
    company = partnership_services.party_update(
        party=company,
        user=by,
        expected_version=company.version,
        brings="Le financement des ateliers et des salariés formateurs.",
    )
    add_contribution(partnership, company, amount="12000")
    add_contribution(
        partnership, company, kind=ContributionKind.COMPETENCES, amount="3500", hours="70"
    )
    add_contribution(
        partnership, association, kind=ContributionKind.BENEVOLAT, amount=None, people=6
    )
    indicator = evaluation_services.indicator_create(
        partnership=partnership,
        data=evaluation_services.IndicatorInput(
            name="Habitants formés",
            dimension="impact_bien_commun",
            unit="personnes",
            baseline=Decimal(0),
            target=Decimal(120),
        ),
        user=by,
    )
    evaluation_services.measurement_record(
        indicator=indicator, measured_on=dt.date(2024, 12, 1), value=Decimal(140), user=by
    )
    return partnership_services.partnership_transition(
        partnership=partnership, to_status="terminee", user=by
    )


def build_library_world() -> LibraryWorld:
    world = build_world()
    partner_admin = UserFactory(email="admin@partenaire.example", display_name="Paul Partenaire")
    MembershipFactory(user=partner_admin, actor=world.partner, admin=True)
    for actor, first in ((world.cast.actor, "Zoé"), (world.partner, "Yannick")):
        Contact.objects.create(
            actor=actor,
            first_name=first,
            last_name="Contactprivé",
            email=f"{first.lower()}@contact.example",
            phone="05 49 00 00 00",
        )
    world.partnership = finish(world.partnership, by=world.cast.admin)
    return LibraryWorld(world=world, partner_admin=partner_admin)


def case_from(lw: LibraryWorld) -> CaseStudy:
    return services.case_study_create_draft(partnership=lw.partnership, user=lw.world.cast.admin)


def published_case(lw: LibraryWorld) -> CaseStudy:
    case = case_from(lw)
    services.case_consent_give(case_study=case, actor=lw.world.cast.actor, user=lw.world.cast.admin)
    services.case_consent_give(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    return services.case_study_publish(case_study=case, user=lw.world.cast.admin)


def practice(
    title: str = "Se rencontrer avant de conventionner",
    *,
    themes: tuple[str, ...] = ("emploi",),
    types: tuple[str, ...] = ("mecenat",),
    territory: str = "",
    published: bool = True,
    by: User | None = None,
) -> GoodPractice:
    return services.good_practice_create(
        data=services.PracticeInput(
            title=title,
            summary="Trois rencontres informelles avant toute convention.",
            body="Pourquoi\n\n- se connaître\n- clarifier les attentes",
            themes=themes,
            partnership_types=types,
            territory_code=territory,
            source="Le RAMEAU, 2011",
        ),
        user=by,
        publish=published,
    )
