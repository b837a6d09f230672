"""The demo territory's share of this app, called by ``demo.services.demo_seed``: the
programme « Agir ensemble sur le territoire » of Charenton-le-Pont – Saint-Maurice, as the
record of its restitution evening describes it (seed
``2013-charenton-agir-ensemble-actes.txt``): launched on 2 October 2012 before 140
people; three working groups (handicap, insertion des jeunes, lutte contre la précarité),
each co-led by an association–company pair, three meetings each between December 2012 and
April 2013; two actions selected per group and one cross-cutting action, each with its
referent organisation and the needs listed in the record; restitution on 5 June 2013;
follow-up milestone in November 2013.

Organisations are the seed's (demo actors of the catalogue); every person is fictional:
referents are the demo contact persons of the referent organisations, the facilitator is
the demo persona ``animatrice@demo.example``. Meeting dates inside the documented
December–April window are illustrative.

MUST be idempotent (a second run creates nothing) and deterministic; writes through
``programmes.services`` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count

from maillage.accounts.models import User
from maillage.actors.enums import Source
from maillage.actors.models import Actor, Contact
from maillage.demo.catalogue import demo_catalogue
from maillage.demo.personas import FACILITATOR
from maillage.programmes import services
from maillage.programmes.enums import PhaseKind, ProgrammeStatus, SelectionMethod
from maillage.programmes.models import Action, Programme

TITLE = "Agir ensemble sur le territoire"
PARIS = ZoneInfo("Europe/Paris")
RECORD = "actes de la soirée de restitution du 5 juin 2013"


@dataclass(frozen=True)
class ActionSeed:
    title: str
    referent: str  # demo key of the referent organisation
    summary: str
    needs: tuple[tuple[str, str], ...]  # (category code, text)


@dataclass(frozen=True)
class GroupSeed:
    title: str
    theme: str
    association: str
    company: str
    contributions: str  # « Les apports », in the meeting minutes
    leads: str  # « Les pistes évoquées »
    actions: tuple[ActionSeed, ...]


GROUPS: tuple[GroupSeed, ...] = (
    GroupSeed(
        title="Groupe handicap",
        theme="handicap",
        association="tremplin",
        company="natixis",
        contributions=(
            "Bénéficier d'une vision globale : l'entreprise a une vision parcellaire, orientée "
            "sur le recrutement et la formation des personnes handicapées ; le groupe a permis "
            "de se mettre à la place des personnes handicapées et de comprendre la diversité "
            "des problématiques (accès à la culture, à l'information, isolement…). Mieux "
            "comprendre l'autre, par la confrontation des difficultés respectives des "
            "structures."
        ),
        leads=(
            "Élargir le champ des possibles (quotidien, culture et loisirs, vie "
            "professionnelle) des personnes handicapées ; les impliquer dans toutes les "
            "dimensions de la vie du territoire ; lever les freins et les peurs liés aux "
            "handicaps ; communiquer sur le sujet, sensibiliser le public."
        ),
        actions=(
            ActionSeed(
                title="Créer un réseau territorial de référents sur le handicap",
                referent="natixis",
                summary=(
                    "Améliorer le partage d'information, d'expériences et de bonnes pratiques "
                    "concernant les personnes en situation de handicap. Au sein des "
                    "entreprises, associations, collectivités et de tout autre acteur "
                    "concerné (hôpital…), des personnes ressources sont identifiées pour "
                    "contribuer à des actions dans le domaine du handicap (participation à "
                    "l'organisation du raid handicap, relais de sensibilisation…)."
                ),
                needs=(
                    (
                        "reseau",
                        "Une cartographie des contacts dans les structures assujetties à "
                        "l'obligation d'emploi des travailleurs handicapés.",
                    ),
                    (
                        "communication",
                        "Un relais de communication sur le territoire pour mener des actions "
                        "de sensibilisation sur cette opération.",
                    ),
                    (
                        "reseau",
                        "Des partenaires (associations et entreprises) pour mener à bien la "
                        "mise en place du réseau (accueil positif des personnes qui vont être "
                        "sollicitées).",
                    ),
                    (
                        "benevolat",
                        "Des co-leaders investis dans le projet pour créer une dynamique "
                        "collective.",
                    ),
                    (
                        "expertise",
                        "Un réseau d'intervenants externes alimentant le réseau des référents "
                        "constitué.",
                    ),
                ),
            ),
            ActionSeed(
                title="Réaliser un raid sportif pour les personnes en situation de handicap",
                referent="academie-de-boxe",
                summary=(
                    "Un parcours sportif de quelques jours en Corse pour mettre en avant le "
                    "potentiel des personnes en situation de handicap à travers le "
                    "« surpassement de soi », accompagné d'un plan de communication pour "
                    "déstigmatiser le handicap auprès du public et des scolaires."
                ),
                needs=(
                    (
                        "communication",
                        "Un service de communication pour la réalisation et la mise en forme "
                        "des reportages.",
                    ),
                    ("competences", "La création d'une page internet dédiée au raid sportif."),
                    (
                        "reseau",
                        "Un appui des associations du territoire pour faire connaître l'événement.",
                    ),
                    ("communication", "Une communication des entreprises auprès des salariés."),
                    ("communication", "Une communication des écoles auprès des élèves."),
                ),
            ),
        ),
    ),
    GroupSeed(
        title="Groupe insertion des jeunes",
        theme="insertion_jeunes",
        association="maison-des-lyceens-robert-schuman",
        company="club-gravelle-entreprendre",
        contributions=(
            "Rencontrer des personnes très différentes, mais surtout passionnées, ce qui "
            "donne des échanges très riches ; renforcer certains liens préexistants entre "
            "acteurs ; prendre conscience du gouffre entre le monde de l'entreprise et "
            "l'éducation nationale, des liens qu'il est possible de tisser, et de l'écart "
            "entre les représentations que les jeunes et les entreprises se font les uns des "
            "autres."
        ),
        leads=(
            "Élaborer un document ressource, sorte de base de données, pour que les jeunes "
            "puissent plus facilement s'orienter ; organiser des rencontres entre "
            "professionnels et lycéens ; favoriser une découverte des métiers."
        ),
        actions=(
            ActionSeed(
                title=(
                    "Organiser des interventions par des professionnels pour présenter les "
                    "métiers du territoire"
                ),
                referent="maison-des-lyceens-robert-schuman",
                summary=(
                    "Permettre aux jeunes et aux professionnels de la jeunesse de mieux "
                    "connaître le secteur économique et le monde de l'entreprise : des temps "
                    "de rencontre entre des jeunes et/ou des professionnels de la jeunesse et "
                    "des responsables d'entreprise qui présentent leur métier et le "
                    "fonctionnement de leur structure."
                ),
                needs=(
                    (
                        "competences",
                        "Des professionnels venant présenter leur métier auprès des élèves et "
                        "des professeurs.",
                    ),
                    (
                        "formation",
                        "Des entreprises, des lieux professionnels à visiter, des métiers à "
                        "découvrir (bénéficiaire de l'action Parcours pour les jeunes).",
                    ),
                    ("reseau", "Des collaborations pour participer à la vie locale."),
                    (
                        "formation",
                        "L'accueil de stagiaires bac pro, commerce, entreprises, associations…",
                    ),
                    (
                        "reseau",
                        "Une présence au sein du lycée lors du forum des métiers ou des "
                        "journées portes ouvertes.",
                    ),
                ),
            ),
            ActionSeed(
                title="Créer un parcours-action vers le monde professionnel",
                referent="ville-charenton",
                summary=(
                    "Un parcours-action pour les jeunes de 16 à 25 ans en rupture scolaire "
                    "vers le monde professionnel : se sentir valorisés en découvrant leurs "
                    "aptitudes, mieux cerner leurs envies et projets professionnels et se "
                    "constituer un réseau de proximité. Co-animé par la direction de "
                    "l'économie et de l'emploi, le service jeunesse de Saint-Maurice et un "
                    "formateur indépendant."
                ),
                needs=(
                    ("benevolat", "Des tuteurs pour accompagner individuellement les jeunes."),
                    (
                        "formation",
                        "Des entreprises, des lieux professionnels à visiter, des métiers à "
                        "découvrir sur place.",
                    ),
                    (
                        "reseau",
                        "Des collaborations avec les services communaux des villes pour "
                        "participer à la vie locale : embauches ponctuelles lors d'événements "
                        "publics, travaux de rénovation dans les bâtiments gérés par les "
                        "bailleurs sociaux, etc.",
                    ),
                ),
            ),
        ),
    ),
    GroupSeed(
        title="Groupe lutte contre la précarité",
        theme="precarite",
        association="au-petit-plus",
        company="credit-foncier",
        contributions=(
            "Une meilleure compréhension de cette thématique complexe ; la définition d'un "
            "vocabulaire commun, préalable indispensable pour travailler ensemble ; la "
            "conviction renforcée que le triptyque associations, entreprises et "
            "collectivités est indispensable ; les entreprises sont d'autant plus prêtes à "
            "s'impliquer qu'elles sont sollicitées sur un enjeu et pas seulement au nom "
            "d'une association particulière."
        ),
        leads=(
            "Améliorer l'articulation entre les acteurs du territoire ; renforcer les liens "
            "et mieux faire connaître l'action de chacun ; mettre en place des actions de "
            "prévention ; mener des actions ciblées dans des domaines peu investis "
            "localement (téléphonie) ; sensibiliser le grand public pour faire tomber les "
            "préjugés ; renforcer l'appui aux personnes en précarité."
        ),
        actions=(
            ActionSeed(
                title="Créer un réseau d'entraide local",
                referent="club-gravelle-entreprendre",
                summary=(
                    "Regrouper de manière informelle des associations, des entreprises et des "
                    "acteurs de la collectivité qui peuvent être activés en fonction de "
                    "besoins d'ordre non financier."
                ),
                needs=(
                    (
                        "materiel",
                        "Alimenter une bourse de matériel et de services pour les "
                        "bénéficiaires et les acteurs en lien avec les bénéficiaires.",
                    ),
                    (
                        "communication",
                        "Un relais de communication et de valorisation du réseau local d'entraide.",
                    ),
                    (
                        "reseau",
                        "Des partenaires pour pérenniser et animer dans la durée ce réseau "
                        "tripartite.",
                    ),
                ),
            ),
            ActionSeed(
                title="Créer un observatoire des fragilités locales",
                referent="au-petit-plus",
                summary=(
                    "Identifier les types de fragilité qui pèsent sur les personnes en "
                    "précarité (logement, téléphonie, internet, crédits…) et orienter "
                    "ensuite les personnes concernées vers les solutions d'accompagnement "
                    "existantes."
                ),
                needs=(
                    (
                        "innovation",
                        "Des partenaires (logement, crédits, banque, téléphonie…) qui, par la "
                        "mise en place d'indicateurs, permettront d'anticiper l'aggravation de "
                        "la précarité et d'orienter les clients vers les structures locales "
                        "qui peuvent les aider.",
                    ),
                ),
            ),
        ),
    ),
)

CROSS_CUTTING = ActionSeed(
    title=(
        "Réaliser un guide des acteurs du territoire sur les 3 thématiques : handicap, "
        "insertion des jeunes, précarité"
    ),
    referent="ville-charenton",
    summary=(
        "Produire un guide numérique et/ou papier recensant les acteurs du territoire sur les "
        "trois thématiques, pour faciliter l'orientation des bénéficiaires, selon leurs "
        "besoins, vers les acteurs pertinents. Action transverse aux trois groupes, portée "
        "par la direction de l'économie et de l'emploi."
    ),
    needs=(
        (
            "reseau",
            "Des acteurs proposant un service relatif à une des trois thématiques voulant "
            "figurer dans le guide.",
        ),
        ("competences", "Un appui de professionnels pour l'élaboration du guide."),
    ),
)

PHASES = (
    (
        PhaseKind.LAUNCH,
        "Lancement devant 140 personnes",
        dt.date(2012, 10, 2),
        dt.date(2012, 10, 2),
        "La Communauté de communes lance un dialogue entre associations, entreprises et "
        "collectivités pour créer des actions conjointes sur trois thématiques partagées.",
    ),
    (
        PhaseKind.WORKING_GROUPS,
        "Trois groupes de travail, trois réunions chacun",
        dt.date(2012, 12, 1),
        dt.date(2013, 4, 30),
        "Une quinzaine de personnes par groupe, autour d'un binôme association–entreprise.",
    ),
    (
        PhaseKind.SELECTION,
        "Sept actions retenues",
        dt.date(2013, 4, 1),
        dt.date(2013, 4, 30),
        "Deux actions par groupe et une action transverse, dont les trois groupes ont "
        "partagé la nécessité.",
    ),
    (
        PhaseKind.RESTITUTION,
        "Soirée de restitution",
        dt.date(2013, 6, 5),
        dt.date(2013, 6, 5),
        "118 personnes présentes, dont 35 représentants d'entreprises et 41 d'associations ; "
        "6 représentants des groupes de travail et 7 référents d'actions.",
    ),
    (
        PhaseKind.FOLLOW_UP,
        "Point d'étape des actions",
        dt.date(2013, 11, 1),
        dt.date(2013, 11, 30),
        "Rendez-vous en novembre 2013 pour mesurer le chemin parcouru sur les actions.",
    ),
)
PARTNERS = (
    "ville-saint-maurice",
    "caisse-des-depots-ile-de-france",
    "credit-foncier",
    "club-gravelle-entreprendre",
    "le-rameau",
)
# Illustrative dates inside the documented window (December 2012 – April 2013).
MEETING_DATES = (
    dt.datetime(2012, 12, 11, 18, 0, tzinfo=PARIS),
    dt.datetime(2013, 2, 12, 18, 0, tzinfo=PARIS),
    dt.datetime(2013, 4, 9, 18, 0, tzinfo=PARIS),
)
GROUP_SIZE = 15


def demo_actor(key: str) -> Actor | None:
    """The demo actor of a catalogue key (None when the demo territory is not loaded)."""
    spec = next((s for s in demo_catalogue() if s.key == key), None)
    if spec is None:
        return None
    return (
        Actor.objects.filter(source=Source.DEMO, name=spec.name, seat_commune_id=spec.commune)
        .order_by("id")
        .first()
    )


def charenton_programme() -> Programme | None:
    lead = demo_actor("ville-charenton")
    return Programme.objects.filter(title=TITLE, lead_actor=lead).order_by("id").first()


def demo_seed_programmes(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create the Charenton programme if it is missing; return counts for the summary."""
    lead = demo_actor("ville-charenton")
    if lead is None:
        return {}
    # One query on a second run (seed_demo keeps a query budget).
    existing = (
        Programme.objects.filter(title=TITLE, lead_actor=lead)
        .annotate(
            n_groups=Count("working_groups", distinct=True),
            n_actions=Count("actions", distinct=True),
        )
        .order_by("id")
        .first()
    )
    if existing is None:
        _create(say=say)
        return demo_seed_programmes(say=say)
    return {
        "programmes": 1,
        "working_groups": existing.n_groups,  # type: ignore[attr-defined]
        "programme_actions": existing.n_actions,  # type: ignore[attr-defined]
    }


def _contact(actor: Actor) -> Contact | None:
    return Contact.objects.filter(actor=actor).order_by("-is_primary", "id").first()


def _create(*, say: Callable[[str], None]) -> Programme | None:
    lead = demo_actor("ville-charenton")
    if lead is None:
        return None
    facilitator = User.objects.filter(email__iexact=FACILITATOR.email).first()
    programme = services.programme_create(
        created_by=facilitator,
        title=TITLE,
        summary=(
            "Démarche de la Communauté de communes Charenton – Saint-Maurice, portée par sa "
            "direction de l'économie et de l'emploi avec Le RAMEAU : instaurer un dialogue "
            "entre associations, entreprises et collectivités pour créer des actions "
            "conjointes sur des problématiques locales — le handicap, l'insertion des jeunes "
            "et la lutte contre la précarité. Une première en Île-de-France, suivie par la "
            "Caisse des Dépôts, avec le soutien du Crédit Foncier et du Club Gravelle "
            f"Entreprendre ({RECORD})."
        ),
        territory_codes=["com:94018", "com:94069"],
        lead_actor=lead,
        co_pilots=[actor for key in PARTNERS if (actor := demo_actor(key)) is not None],
        themes=[group.theme for group in GROUPS],
        starts_on=dt.date(2012, 10, 2),
        ends_on=dt.date(2013, 11, 30),
        status=ProgrammeStatus.ACTIVE,
    )
    for kind, title, starts_on, ends_on, description in PHASES:
        services.phase_add(
            programme=programme,
            kind=kind,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description,
        )
    groups = []
    for seed in GROUPS:
        group = _group(programme, seed)
        groups.append(group)
        for action_seed in seed.actions:
            _action(programme, [group], action_seed, decided_by=facilitator)
    _action(programme, groups, CROSS_CUTTING, decided_by=facilitator)
    say(f"Programme de démonstration créé : {TITLE} (Charenton-le-Pont – Saint-Maurice)")
    return programme


def _group(programme: Programme, seed: GroupSeed) -> Any:
    association, company = demo_actor(seed.association), demo_actor(seed.company)
    group = services.working_group_create(
        programme=programme,
        title=seed.title,
        theme=seed.theme,
        description=f"Binôme d'animation association–entreprise ; pistes évoquées : {seed.leads}",
        co_lead_association=association,
        co_lead_company=company,
    )
    # About fifteen organisations per group: the referents, then demo actors of the two
    # communes working on the theme (in name order, so the same every run).
    for action_seed in seed.actions:
        referent = demo_actor(action_seed.referent)
        if referent is not None:
            services.group_member_add(group=group, actor=referent)
    others = (
        Actor.objects.filter(
            source=Source.DEMO,
            seat_commune_id__in=["94018", "94069"],
            themes__code=seed.theme,
        )
        .distinct()
        .order_by("name", "id")
    )
    for actor in others:
        if group.members.count() >= GROUP_SIZE:
            break
        services.group_member_add(group=group, actor=actor)
    members = list(group.members.order_by("id"))
    for number, starts_at in enumerate(MEETING_DATES, start=1):
        meeting = services.group_meeting_create(
            group=group,
            title=f"Réunion {number} — {seed.title.lower()}",
            starts_at=starts_at,
            location="Charenton-le-Pont",
            agenda=(
                "Partager les constats et les attentes de chacun."
                if number == 1
                else "Approfondir les pistes d'action."
                if number == 2
                else "Choisir les actions à proposer et leurs référents."
            ),
        )
        minutes = (
            f"Les apports : {seed.contributions}"
            if number == 1
            else f"Les pistes évoquées : {seed.leads}"
            if number == 2
            else "Deux actions retenues par le groupe : "
            + " ; ".join(a.title for a in seed.actions)
            + "."
        )
        # Illustrative attendance: the whole group but a few, varying by meeting.
        present = [m.pk for index, m in enumerate(members) if (index + number) % 5]
        services.group_meeting_record(meeting=meeting, minutes=minutes, attendee_ids=present)
    return group


def _action(
    programme: Programme, groups: list[Any], seed: ActionSeed, *, decided_by: User | None
) -> Action:
    action = services.action_propose(
        programme=programme,
        title=seed.title,
        summary=seed.summary,
        groups=groups,
        is_cross_cutting=len(groups) > 1,
        proposed_by=decided_by,
    )
    referent = demo_actor(seed.referent)
    services.action_update(
        action=action,
        title=seed.title,
        summary=seed.summary,
        referent_actor=referent,
        referent_contact=_contact(referent) if referent is not None else None,
    )
    for category, text in seed.needs:
        services.action_need_add(action=action, text=text, category=category)
    if decided_by is not None:
        services.action_select(
            action=action,
            decided_by=decided_by,
            method=SelectionMethod.VOTE,
            selected=True,
            note=f"Retenue par le groupe de travail et présentée à la restitution ({RECORD}).",
        )
    services.milestone_add(
        action=action, title="Point d'étape devant le territoire", due_on=dt.date(2013, 11, 30)
    )
    return action
