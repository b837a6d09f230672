"""The demo territory's share of this app, called by ``demo.services.demo_seed``.

MUST be idempotent (a second run creates nothing, in two queries) and deterministic; MUST
write through the services only. Three case studies drawn from the seeds, and good
practices taken from them:

- « Collecte solidaire des mobiles usagés » (IRIS × Orange, the partnerships demo's
  finished and evaluated partnership): published, each party's consent given by its demo
  admin (the association and company personas);
- the Crédit Foncier's housing mécénat with Solidarités Nouvelles pour le Logement (seed
  2013, Charenton): published, the consents recorded in writing by the platform's team;
- the recycling of post offices' paper by an insertion company (seed 2012, « sous-traiter
  l'activité recyclage aux EI locales »: La Poste × Les Ateliers du Bocage): in
  preparation, one consent still awaited — what a facilitator of the Vienne sees.

The partnerships' details and figures are invented for the demo (their summaries say so);
every person is fictional; a case study names organisations only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.actors.models import Actor
from maillage.evaluation import services as evaluation_services
from maillage.library import services
from maillage.library.models import CaseStudy, GoodPractice
from maillage.partnerships import services as partnership_services
from maillage.partnerships.demo import IRIS_ORANGE, demo_actor
from maillage.partnerships.models import Partnership

DEMO_NOTE = "Scénario de démonstration. "
WRITTEN_CONSENT = "Accord écrit de la structure, reçu par courriel (démonstration)."

CREDIT_FONCIER_SNL = "Mécénat logement : des logements d'insertion à Charenton-le-Pont"
POSTE_BOCAGE = "Recyclage des papiers des bureaux de poste par une entreprise d'insertion"
CASE_TITLES = (IRIS_ORANGE, CREDIT_FONCIER_SNL, POSTE_BOCAGE)


@dataclass(frozen=True)
class Contribution:
    party: str
    kind: str
    description: str
    starts_on: dt.date
    amount: str | None = None
    hours: str | None = None
    people: int | None = None


@dataclass(frozen=True)
class Indicator:
    name: str
    dimension: str
    unit: str
    baseline: str
    target: str
    value: str
    measured_on: dt.date
    impact_family: str = ""


@dataclass(frozen=True)
class DemoPartnership:
    title: str
    parties: tuple[str, ...]  # demo keys, the porteur first
    partnership_type: str
    themes: tuple[str, ...]
    summary: str
    lessons: str
    starts_on: dt.date
    ends_on: dt.date
    contributions: tuple[Contribution, ...]
    indicators: tuple[Indicator, ...]
    legal_form: str = ""
    legal_form_note: str = ""


OWN_PARTNERSHIPS: tuple[DemoPartnership, ...] = (
    DemoPartnership(
        title=CREDIT_FONCIER_SNL,
        parties=("solidarites-nouvelles-logement", "credit-foncier"),
        partnership_type="mecenat",
        themes=("logement", "precarite"),
        summary=DEMO_NOTE
        + "Le Crédit Foncier soutient Solidarités Nouvelles pour le Logement, qui crée des "
        "logements d'insertion et accompagne leurs locataires grâce à des groupes locaux de "
        "bénévoles ; des collaborateurs de l'entreprise rejoignent ces groupes (seed 2013, "
        "« Agir ensemble sur le territoire »).",
        lessons="Un mécénat qui dure parce qu'il s'appuie sur l'engagement des "
        "collaborateurs, pas seulement sur un chèque.\n"
        "Partir du territoire : l'entreprise soutient des logements là où elle est implantée.",
        starts_on=dt.date(2011, 9, 1),
        ends_on=dt.date(2013, 6, 28),
        contributions=(
            Contribution(
                "credit-foncier",
                "financement",
                "Dotation de mécénat pour la rénovation de logements d'insertion",
                dt.date(2011, 10, 3),
                amount="60000",
            ),
            Contribution(
                "credit-foncier",
                "benevolat",
                "Collaborateurs engagés dans les groupes locaux de bénévoles",
                dt.date(2012, 1, 9),
                people=14,
            ),
            Contribution(
                "solidarites-nouvelles-logement",
                "competences",
                "Accompagnement des locataires par les groupes locaux",
                dt.date(2011, 10, 3),
                hours="1800",
            ),
        ),
        indicators=(
            Indicator(
                "Logements d'insertion rénovés",
                "impact_bien_commun",
                "logements",
                "0",
                "6",
                "7",
                dt.date(2013, 6, 28),
                "confiance",
            ),
            Indicator(
                "Collaborateurs bénévoles",
                "retour_entreprise",
                "personnes",
                "0",
                "10",
                "14",
                dt.date(2013, 6, 28),
                "performance",
            ),
        ),
        legal_form="convention_mecenat",
        legal_form_note="Un soutien à une action d'intérêt général, sans contrepartie.",
    ),
    DemoPartnership(
        title=POSTE_BOCAGE,
        parties=("ateliers-du-bocage", "la-poste-poitou-charentes"),
        partnership_type="cooperation_economique",
        themes=("insertion_iae", "transition_ecologique"),
        summary=DEMO_NOTE
        + "Les bureaux de poste confient la collecte et le tri de leurs papiers et "
        "consommables à une entreprise d'insertion, qui forme ses salariés aux techniques "
        "de logistique de La Poste (piste d'action de l'étude de 2012 : « sous-traiter "
        "l'activité recyclage aux EI locales »).",
        lessons="Un volume régulier compte plus qu'un gros volume ponctuel pour une "
        "structure d'insertion.\n"
        "Un contrat de prestation, et non du mécénat : la structure vit de son activité.",
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2024, 2, 29),
        contributions=(
            Contribution(
                "la-poste-poitou-charentes",
                "achats",
                "Collecte et tri des papiers de 40 bureaux (prestation)",
                dt.date(2022, 3, 1),
                amount="18000",
            ),
            Contribution(
                "la-poste-poitou-charentes",
                "competences",
                "Formation des encadrants aux techniques de tri et de logistique",
                dt.date(2022, 4, 4),
                amount="2400",
                hours="48",
            ),
        ),
        indicators=(
            Indicator(
                "Papier collecté et recyclé",
                "impact_bien_commun",
                "tonnes",
                "0",
                "40",
                "46",
                dt.date(2024, 2, 29),
                "performance",
            ),
            Indicator(
                "Heures de travail en parcours d'insertion",
                "valeur_association",
                "heures",
                "0",
                "3000",
                "3350",
                dt.date(2024, 2, 29),
                "confiance",
            ),
        ),
        legal_form="prestation",
        legal_form_note="L'entreprise d'insertion facture ses prestations.",
    ),
)


@dataclass(frozen=True)
class Practice:
    title: str
    summary: str
    body: str
    source: str
    step: str = ""
    themes: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


PRACTICES: tuple[Practice, ...] = (
    Practice(
        title="Choisir une convention qui protège le statut de l'association",
        summary="Mécénat, prestation ou convention de partenariat : la forme juridique suit "
        "le sens de l'appui, et une prestation mal choisie peut fragiliser le statut d'une "
        "association d'intérêt général.",
        body="Avant de signer, demandez-vous qui aide qui.\n\n"
        "- l'entreprise soutient une action d'intérêt général : convention de mécénat ;\n"
        "- l'association vend un service : contrat de prestation (la structure d'insertion "
        "vit de son activité) ;\n"
        "- les deux construisent ensemble : convention de partenariat, où chacun apporte "
        "et reçoit.\n\n"
        "Une prestation de service risquerait d'impacter le statut juridique des "
        "associations d'intérêt général : cherchez des conventions innovantes.",
        source="Étude La Poste – Le RAMEAU, Poitou-Charentes (2012)",
        step="construire",
        types=("mecenat", "pratiques_responsables", "cooperation_economique"),
    ),
    Practice(
        title="Tenir une permanence associative les jours de versement des prestations",
        summary="Une médiatrice présente au bureau de poste aux moments clés, comme les "
        "jours de remise des prestations sociales, rend les services plus accessibles aux "
        "clientèles fragiles.",
        body="160 partenariats de ce type sont en place pour 300 bureaux de poste ; ils "
        "couvrent 75 % du territoire.\n\n"
        "- choisir les jours où les personnes fragiles viennent d'elles-mêmes ;\n"
        "- former les guichetiers volontaires à orienter vers l'association ;\n"
        "- évaluer : c'est ce qui permet de rendre compte et d'améliorer la relation.",
        source="« Agir ensemble sur le territoire », Charenton – Saint-Maurice (2013)",
        step="construire",
        themes=("acces_droits", "precarite"),
        types=("pratiques_responsables", "innovation_societale"),
    ),
    Practice(
        title="Le speed-dating associations–entreprises",
        summary="Dix dirigeants d'associations et dix dirigeants d'entreprises se "
        "rencontrent quelques minutes chacun ; un accompagnement au partenariat suit. "
        "Alsace Active en a fait naître 55 partenariats.",
        body="Le laboratoire régional des partenariats, lancé par Alsace Active en 2012, "
        "réunit associations, entreprises, collectivités et chercheurs.\n\n"
        "- préparer chaque participant : ses enjeux, ce qu'il cherche, ce qu'il offre ;\n"
        "- quelques minutes par rencontre, puis des suites choisies des deux côtés ;\n"
        "- accompagner les binômes qui veulent aller plus loin.\n\n"
        "Le succès tient à la volonté partagée de travailler ensemble et dans la durée.",
        source="Alsace Active, laboratoire régional des partenariats (2013)",
        step="rencontrer",
        themes=("developpement_local",),
        types=("mecenat", "innovation_societale"),
    ),
    Practice(
        title="S'appuyer sur la caution des pairs",
        summary="Les freins au partenariat sont d'abord culturels : le témoignage d'une "
        "structure qui a vécu un partenariat réussi fait plus que les labels pour décider "
        "une PME ou une association.",
        body="- faire témoigner des binômes qui ont réussi ;\n"
        "- demander une recommandation à un partenaire passé ;\n"
        "- publier les études de cas, avec l'accord de chaque partie.",
        source="Le RAMEAU, groupe de réflexion « Associations & PME » (2011)",
        step="rencontrer",
    ),
)


def _actor(key: str) -> Actor | None:
    return demo_actor(key)


def _persona(attribute: str) -> User | None:
    from maillage.demo import personas

    persona = getattr(personas, attribute)
    return User.objects.filter(email__iexact=persona.email).first()


def _own_partnership(spec: DemoPartnership, *, say: Callable[[str], None]) -> Partnership | None:
    found = Partnership.objects.filter(title=spec.title).order_by("id").first()
    if found is not None:
        return found
    actors = [_actor(key) for key in spec.parties]
    if any(actor is None for actor in actors):
        say(
            _("Étude de cas de démonstration ignorée (acteurs absents) : %(t)s") % {"t": spec.title}
        )
        return None
    partnership = partnership_services.partnership_create_draft(
        created_by=None,
        parties=[actor for actor in actors if actor is not None],
        origin="direct",
        title=spec.title,
    )
    partnership = partnership_services.partnership_update(
        partnership=partnership,
        user=None,
        changes={
            "summary": spec.summary,
            "partnership_type": spec.partnership_type,
            "themes": list(spec.themes),
            "starts_on": spec.starts_on,
            "ends_on": spec.ends_on,
            "lessons": spec.lessons,
        },
        expected_version=partnership.version,
    )
    if spec.legal_form:
        partnership = partnership_services.partnership_set_legal_form(
            partnership=partnership,
            legal_form=spec.legal_form,
            note=spec.legal_form_note,
            user=None,
            expected_version=partnership.version,
        )
    parties = {party.actor_id: party for party in partnership.parties.all()}
    by_key = dict(zip(spec.parties, actors, strict=True))
    for item in spec.contributions:
        actor = by_key[item.party]
        assert actor is not None
        partnership_services.contribution_create(
            partnership=partnership,
            data=partnership_services.ContributionInput(
                party=parties[actor.pk],
                kind=item.kind,
                description=item.description,
                starts_on=item.starts_on,
                amount_eur=Decimal(item.amount) if item.amount else None,
                hours=Decimal(item.hours) if item.hours else None,
                people=item.people,
                status="realisee",
            ),
            user=None,
        )
    for status in ("en_construction", "active"):
        partnership = partnership_services.partnership_transition(
            partnership=partnership, to_status=status, user=None
        )
    for indicator in spec.indicators:
        created = evaluation_services.indicator_create(
            partnership=partnership,
            data=evaluation_services.IndicatorInput(
                name=indicator.name,
                dimension=indicator.dimension,
                unit=indicator.unit,
                baseline=Decimal(indicator.baseline),
                target=Decimal(indicator.target),
                impact_family=indicator.impact_family,
            ),
            user=None,
        )
        evaluation_services.measurement_record(
            indicator=created,
            measured_on=indicator.measured_on,
            value=Decimal(indicator.value),
            user=None,
        )
    return partnership_services.partnership_transition(
        partnership=partnership, to_status="terminee", user=None
    )


def _consent_all(case: CaseStudy, *, staff: User | None, admins: dict[int, User | None]) -> None:
    """Each party agrees: through its demo admin when it has one, else recorded by staff."""
    for consent in case.consents.select_related("actor").order_by("id"):
        admin = admins.get(consent.actor_id)
        if admin is not None:
            services.case_consent_give(case_study=case, actor=consent.actor, user=admin)
        elif staff is not None:
            services.case_consent_give(
                case_study=case, actor=consent.actor, user=staff, note=WRITTEN_CONSENT
            )


def _case(partnership: Partnership, *, staff: User | None) -> CaseStudy | None:
    existing = CaseStudy.objects.filter(partnership=partnership).first()
    if existing is not None:
        return existing
    if services.case_study_eligibility(partnership):
        return None
    return services.case_study_create_draft(partnership=partnership, user=staff)


def demo_seed_library(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create what is missing of this app's demo data; return counts for the summary."""
    cases = CaseStudy.objects.filter(title__in=CASE_TITLES).count()
    practices = GoodPractice.objects.filter(title__in=[p.title for p in PRACTICES]).count()
    if cases == len(CASE_TITLES) and practices == len(PRACTICES):
        return {"case_studies": cases, "good_practices": practices}
    staff = _persona("STAFF")
    association_admin = _persona("ASSOCIATION_ADMIN")
    company_admin = _persona("COMPANY_ADMIN")
    iris, orange = _actor("iris"), _actor("orange-poitou-charentes")
    admins: dict[int, User | None] = {}
    if iris is not None:
        admins[iris.pk] = association_admin
    if orange is not None:
        admins[orange.pk] = company_admin

    # 1. IRIS × Orange (the partnerships demo's finished one): published by its parties.
    iris_orange = Partnership.objects.filter(title=IRIS_ORANGE).order_by("id").first()
    if iris_orange is not None:
        case = _case(iris_orange, staff=staff)
        if (
            case is not None
            and not case.is_published
            and case.consents.filter(status="en_attente").exists()
        ):
            _consent_all(case, staff=staff, admins=admins)
            services.case_study_publish(case_study=case, user=association_admin or staff)
    # 2. Crédit Foncier × SNL: published, consents recorded by the platform's team.
    snl = _own_partnership(OWN_PARTNERSHIPS[0], say=say)
    if snl is not None:
        case = _case(snl, staff=staff)
        if (
            case is not None
            and not case.is_published
            and case.consents.filter(status="en_attente").exists()
        ):
            _consent_all(case, staff=staff, admins={})
            services.case_study_publish(case_study=case, user=staff)
    # 3. La Poste × Les Ateliers du Bocage: in preparation, La Poste's consent awaited.
    bocage = _own_partnership(OWN_PARTNERSHIPS[1], say=say)
    bocage_actor = _actor("ateliers-du-bocage")
    if bocage is not None and bocage_actor is not None and staff is not None:
        case = _case(bocage, staff=staff)
        if case is not None and not case.consents.exclude(status="en_attente").exists():
            services.case_consent_give(
                case_study=case, actor=bocage_actor, user=staff, note=WRITTEN_CONSENT
            )
    for practice in PRACTICES:
        if GoodPractice.objects.filter(title=practice.title).exists():
            continue
        services.good_practice_create(
            data=services.PracticeInput(
                title=practice.title,
                summary=practice.summary,
                body=practice.body,
                step=practice.step,
                themes=practice.themes,
                partnership_types=practice.types,
                source=practice.source,
            ),
            user=staff,
            publish=True,
        )
    cases = CaseStudy.objects.filter(title__in=CASE_TITLES).count()
    practices = GoodPractice.objects.filter(title__in=[p.title for p in PRACTICES]).count()
    say(
        _("Bibliothèque de démonstration : %(c)d études de cas, %(p)d bonnes pratiques.")
        % {"c": cases, "p": practices}
    )
    return {"case_studies": cases, "good_practices": practices}
