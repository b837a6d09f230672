"""The demo territory's share of this app, called by ``demo.services.demo_seed``.

MUST be idempotent (a second run creates nothing) and deterministic; MUST write through
the services only. The partnerships below are illustrative scenarios between the seeds'
real organisations (La Poste and the ESS, mécénat de compétences, achats responsables,
the Charenton programme's actions): their content and figures are invented for the demo,
which each summary says, and every person involved is fictional.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.actors.enums import Source
from maillage.actors.models import Actor
from maillage.partnerships import services
from maillage.partnerships.enums import STEP_ORDER
from maillage.partnerships.models import Partnership, Party

DEMO_NOTE = "Scénario de démonstration. "


@dataclass(frozen=True)
class PartySpec:
    key: str  # demo key of the actor (demo/data/organisations.py)
    role: str
    objectives: tuple[str, ...] = ()
    expectations: str = ""
    brings: str = ""


@dataclass(frozen=True)
class ContributionSpec:
    party: str
    kind: str
    description: str
    starts_on: dt.date
    amount: str | None = None
    hours: str | None = None
    people: int | None = None
    ends_on: dt.date | None = None
    status: str = "realisee"


@dataclass(frozen=True)
class RiskSpec:
    party: str
    kind: str
    level: str
    description: str
    mitigation: str


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due_on: dt.date
    done_on: dt.date | None = None


@dataclass(frozen=True)
class PartnershipSpec:
    title: str
    parties: tuple[PartySpec, ...]
    origin: str
    partnership_type: str
    themes: tuple[str, ...]
    summary: str
    statuses: tuple[tuple[str, str], ...]  # (status, note) after the idea
    step: str = "preparer"
    steps_done: tuple[str, ...] = ()  # steps whose actions are all ticked
    territory: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    legal_form: str = ""
    legal_form_note: str = ""
    risks: tuple[RiskSpec, ...] = ()
    contributions: tuple[ContributionSpec, ...] = ()
    milestones: tuple[MilestoneSpec, ...] = ()
    lessons: str = ""
    convention: bool = False
    created_by: str = ""  # a persona's e-mail
    extra_done: tuple[str, ...] = field(default_factory=tuple)  # sheet item codes ticked


IRIS_ORANGE = "Collecte solidaire des mobiles usagés avec les SIAE de la Vienne"
POSTE_MEDIATION = "Médiation numérique dans les bureaux de poste de Poitiers"
ORANGE_ADIE = "Mécénat de compétences : le numérique au service des micro-entrepreneurs"

PARTNERSHIPS: tuple[PartnershipSpec, ...] = (
    PartnershipSpec(
        title=IRIS_ORANGE,
        parties=(
            PartySpec(
                "iris",
                "porteur",
                ("ressources", "competences_rh", "innovation"),
                "Des volumes d'activité réguliers pour nos structures d'insertion et des "
                "parcours qualifiants (diagnostic et reconditionnement d'appareils).",
                "La coordination d'un groupement de SIAE, l'encadrement technique, la "
                "traçabilité des appareils.",
            ),
            PartySpec(
                "orange-poitou-charentes",
                "partenaire",
                ("parties_prenantes", "innovation", "competences_rh"),
                "Des achats responsables qui ancrent la délégation dans le territoire, et un "
                "meilleur taux de collecte des mobiles usagés.",
                "Les bornes de collecte en boutique, la formation des encadrants, un volume "
                "d'achats annuel.",
            ),
        ),
        origin="introduction",
        partnership_type="pratiques_responsables",
        themes=("insertion_iae", "transition_ecologique", "inclusion_numerique"),
        summary=DEMO_NOTE
        + "Orange confie à des structures d'insertion du réseau IRIS la collecte, le tri et "
        "le reconditionnement des mobiles usagés déposés dans ses boutiques de la Vienne : "
        "des heures de travail pour des salariés en parcours d'insertion, des appareils "
        "remis en circulation à prix solidaire, des déchets électroniques évités.",
        statuses=(
            ("en_construction", "Premiers échanges après une mise en relation par la CRESS."),
            ("active", "Convention signée, bornes commandées."),
            ("terminee", "Objectifs atteints ; la suite se discute avec deux autres entreprises."),
        ),
        step="evaluer",
        steps_done=("preparer", "rencontrer", "construire", "evaluer"),
        territory="dep:86",
        starts_on=dt.date(2023, 9, 1),
        ends_on=dt.date(2024, 12, 31),
        legal_form="prestation",
        legal_form_note="Les SIAE facturent leurs prestations : c'est leur modèle économique. "
        "IRIS, tête de réseau, coordonne le groupement sans facturer à titre commercial.",
        risks=(
            RiskSpec(
                "iris",
                "dependance",
                "moyen",
                "Orange représenterait près d'un tiers de l'activité de deux ateliers.",
                "Ouvrir la collecte à d'autres entreprises du territoire dès la deuxième année.",
            ),
            RiskSpec(
                "orange-poitou-charentes",
                "image",
                "moyen",
                "Un appareil mal effacé serait un incident grave pour des clients.",
                "Procédure d'effacement certifiée, contrôlée par sondage chaque mois.",
            ),
        ),
        contributions=(
            ContributionSpec(
                "orange-poitou-charentes",
                "achats",
                "Prestations de collecte, de tri et de reconditionnement confiées aux SIAE",
                dt.date(2023, 9, 1),
                amount="38000",
                ends_on=dt.date(2024, 12, 31),
            ),
            ContributionSpec(
                "orange-poitou-charentes",
                "competences",
                "Formation des encadrants au diagnostic des appareils (mécénat de compétences)",
                dt.date(2023, 10, 2),
                amount="7200",
                hours="120",
            ),
            ContributionSpec(
                "orange-poitou-charentes",
                "materiel",
                "Quarante bornes de collecte installées en boutique",
                dt.date(2023, 11, 15),
                amount="6000",
            ),
            ContributionSpec(
                "iris",
                "competences",
                "Coordination du groupement de SIAE et suivi des parcours",
                dt.date(2023, 9, 1),
                amount="9100",
                hours="260",
                ends_on=dt.date(2024, 12, 31),
            ),
        ),
        milestones=(
            MilestoneSpec("Convention signée", dt.date(2023, 9, 15), dt.date(2023, 9, 15)),
            MilestoneSpec(
                "Bornes installées dans les quarante boutiques",
                dt.date(2023, 11, 30),
                dt.date(2023, 12, 8),
            ),
            MilestoneSpec("Bilan à six mois", dt.date(2024, 3, 31), dt.date(2024, 4, 4)),
            MilestoneSpec(
                "Bilan final et décision sur la suite", dt.date(2024, 12, 15), dt.date(2025, 1, 20)
            ),
        ),
        lessons="Commencer petit, avec une boutique pilote, a rassuré les deux parties. Le "
        "point dur a été la traçabilité des appareils : un référent de chaque côté et un "
        "tableau de suivi partagé ont tout changé. Prochaine étape : ouvrir la collecte à "
        "d'autres entreprises pour que les ateliers ne dépendent pas d'un seul client.",
        convention=True,
        created_by="association@demo.example",
    ),
    PartnershipSpec(
        title=POSTE_MEDIATION,
        parties=(
            PartySpec(
                "la-poste-poitou-charentes",
                "porteur",
                ("innovation", "parties_prenantes"),
                "Mieux accueillir les clientèles fragiles et tester une réponse que nous "
                "pourrons proposer à d'autres bureaux.",
                "Des espaces d'accueil dans trois bureaux, le fonds de péréquation, la "
                "formation des agents.",
            ),
            PartySpec(
                "unis-cite-poitou-charentes",
                "partenaire",
                ("competences_rh", "ressources"),
                "Des missions utiles et formatrices pour nos volontaires.",
                "Huit volontaires en service civique, leur tutorat.",
            ),
            PartySpec(
                "ccas-poitiers",
                "tiers_facilitateur",
                ("parties_prenantes",),
                "Repérer plus tôt les personnes qui décrochent de leurs droits.",
                "La formation à l'accès aux droits, l'orientation des situations complexes.",
            ),
        ),
        origin="speed_dating",
        partnership_type="innovation_societale",
        themes=("inclusion_numerique", "acces_droits", "insertion_jeunes"),
        summary=DEMO_NOTE
        + "Des volontaires d'Unis-Cité accueillent, dans trois bureaux de poste de "
        "Poitiers, les personnes en difficulté avec les démarches en ligne ; le CCAS oriente "
        "les situations qui demandent un accompagnement social. Une réponse nouvelle, "
        "co-construite, à un besoin d'accès aux droits que personne ne couvrait seul.",
        statuses=(
            ("en_construction", "Rencontre lors du speed-dating de la CRESS."),
            ("active", "Ouverture des permanences dans trois bureaux."),
        ),
        step="evaluer",
        steps_done=("preparer", "rencontrer", "construire"),
        extra_done=("evaluer-pilotage",),
        territory="com:86194",
        starts_on=dt.date(2025, 1, 6),
        legal_form="convention_partenariat",
        legal_form_note="Une convention tripartite : chacun apporte et reçoit ; une "
        "convention de mécénat aurait installé une logique de don.",
        risks=(
            RiskSpec(
                "unis-cite-poitou-charentes",
                "capacite",
                "moyen",
                "Les volontaires changent tous les huit mois.",
                "Un binôme ancien–nouveau à chaque relève, un guide d'accueil écrit.",
            ),
            RiskSpec(
                "la-poste-poitou-charentes",
                "image",
                "faible",
                "Confusion possible entre la médiation et la mission de service public.",
                "Une signalétique claire et une charte d'accueil partagée.",
            ),
        ),
        contributions=(
            ContributionSpec(
                "la-poste-poitou-charentes",
                "financement",
                "Fonds de péréquation : indemnités complémentaires et formation des volontaires",
                dt.date(2025, 1, 6),
                amount="15000",
            ),
            ContributionSpec(
                "la-poste-poitou-charentes",
                "locaux",
                "Espaces d'accueil dans trois bureaux de poste (valorisation)",
                dt.date(2025, 1, 6),
                amount="4800",
                ends_on=dt.date(2025, 12, 31),
            ),
            ContributionSpec(
                "unis-cite-poitou-charentes",
                "benevolat",
                "Huit volontaires en service civique, deux demi-journées par semaine",
                dt.date(2025, 2, 3),
                hours="2400",
                people=8,
                ends_on=dt.date(2025, 12, 31),
                status="engagee",
            ),
            ContributionSpec(
                "ccas-poitiers",
                "competences",
                "Formation des volontaires à l'accès aux droits et permanences d'orientation",
                dt.date(2025, 1, 20),
                amount="3150",
                hours="90",
            ),
        ),
        milestones=(
            MilestoneSpec("Ouverture dans trois bureaux", dt.date(2025, 2, 3), dt.date(2025, 2, 3)),
            MilestoneSpec("Bilan à six mois", dt.date(2025, 7, 15), dt.date(2025, 7, 18)),
            MilestoneSpec("Extension à Châtellerault", dt.date(2027, 3, 1)),
        ),
        convention=True,
    ),
    PartnershipSpec(
        title="Achats responsables : entretien des espaces verts des sites postaux",
        parties=(
            PartySpec(
                "la-poste-poitou-charentes",
                "porteur",
                ("parties_prenantes", "ressources"),
                "Des achats qui créent de l'emploi local, à coût maîtrisé.",
            ),
            PartySpec(
                "iris",
                "partenaire",
                ("ressources", "competences_rh"),
                "Un marché pluriannuel pour plusieurs chantiers d'insertion.",
            ),
        ),
        origin="introduction",
        partnership_type="pratiques_responsables",
        themes=("insertion_iae", "emploi"),
        summary=DEMO_NOTE
        + "La Poste veut confier l'entretien des espaces verts de ses plateformes de la "
        "Vienne à des structures d'insertion ; IRIS coordonne une réponse groupée. Reste à "
        "caler le cahier des charges et la forme du contrat.",
        statuses=(("en_construction", "Les besoins des sites sont recensés."),),
        step="construire",
        steps_done=("preparer",),
        extra_done=("rencontrer-pistes", "rencontrer-premiere-rencontre", "rencontrer-attentes"),
        territory="dep:86",
        legal_form="prestation",
        risks=(
            RiskSpec(
                "iris",
                "dependance",
                "faible",
                "Un seul donneur d'ordre pour deux chantiers.",
                "Le marché reste minoritaire dans l'activité de chaque chantier.",
            ),
        ),
        contributions=(
            ContributionSpec(
                "la-poste-poitou-charentes",
                "achats",
                "Entretien des espaces verts de quatre plateformes (estimation annuelle)",
                dt.date(2027, 1, 4),
                amount="22000",
                status="engagee",
            ),
        ),
        milestones=(
            MilestoneSpec("Visite des sites avec les encadrants techniques", dt.date(2027, 1, 15)),
        ),
        created_by="association@demo.example",
    ),
    PartnershipSpec(
        title="Réseau territorial de référents handicap",
        parties=(
            PartySpec("natixis", "porteur", ("competences_rh", "parties_prenantes")),
            PartySpec("tremplin", "partenaire", ("innovation", "parties_prenantes")),
            PartySpec("ville-charenton", "tiers_facilitateur"),
        ),
        origin="programme_action",
        partnership_type="innovation_societale",
        themes=("handicap", "emploi"),
        summary=DEMO_NOTE
        + "Issu de l'action « Créer un réseau territorial de référents sur le handicap » du "
        "programme « Agir ensemble sur le territoire » : des personnes ressources dans "
        "chaque structure pour partager informations, expériences et bonnes pratiques.",
        statuses=(),
        created_by="animatrice@demo.example",
    ),
    PartnershipSpec(
        title="Observatoire des fragilités locales : signaux d'endettement",
        parties=(
            PartySpec("au-petit-plus", "porteur", ("innovation",)),
            PartySpec("credit-foncier", "partenaire", ("parties_prenantes",)),
        ),
        origin="programme_action",
        partnership_type="innovation_societale",
        themes=("precarite", "inclusion_bancaire"),
        summary=DEMO_NOTE
        + "Repérer plus tôt les ménages qui s'endettent, pour les orienter vers les "
        "structures qui peuvent les aider.",
        statuses=(
            ("en_construction", ""),
            (
                "abandonnee",
                "Les données de crédit ne peuvent pas être partagées en l'état (secret "
                "bancaire, RGPD) : le projet repartira avec des indicateurs agrégés, sans "
                "aucune donnée individuelle.",
            ),
        ),
    ),
    PartnershipSpec(
        title=ORANGE_ADIE,
        parties=(
            PartySpec(
                "adie-poitou-charentes",
                "porteur",
                ("competences_rh", "ressources"),
                "Des compétences numériques pour les créateurs que nous finançons.",
            ),
            PartySpec(
                "orange-poitou-charentes",
                "partenaire",
                ("competences_rh", "parties_prenantes"),
                "Des missions de mécénat de compétences qui ont du sens pour nos salariés.",
            ),
        ),
        origin="speed_dating",
        partnership_type="mecenat",
        themes=("inclusion_numerique", "developpement_local", "inclusion_bancaire"),
        summary=DEMO_NOTE + "Des salariés d'Orange accompagnent, en mécénat de compétences, des "
        "micro-entrepreneurs financés par l'Adie : site internet, outils de gestion, "
        "sécurité numérique.",
        statuses=(("en_construction", ""), ("active", "Premiers binômes constitués.")),
        step="evaluer",
        steps_done=("preparer", "rencontrer", "construire"),
        territory="dep:86",
        starts_on=dt.date(2025, 3, 3),
        ends_on=dt.date(2026, 12, 31),
        legal_form="convention_mecenat",
        legal_form_note="Un soutien sans contrepartie à une association d'intérêt général : "
        "les heures de salariés sont valorisées au coût de leur mise à disposition.",
        contributions=(
            ContributionSpec(
                "orange-poitou-charentes",
                "competences",
                "Accompagnement numérique de trente micro-entrepreneurs",
                dt.date(2025, 3, 3),
                amount="9000",
                hours="150",
                status="engagee",
            ),
            ContributionSpec(
                "orange-poitou-charentes",
                "materiel",
                "Vingt-cinq ordinateurs reconditionnés",
                dt.date(2025, 4, 14),
                amount="3750",
            ),
        ),
        created_by="entreprise@demo.example",
    ),
)


def demo_pdf(title: str) -> bytes:
    """A one-page PDF saying it is a demonstration document (valid cross-reference)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 16 Tf 60 760 Td (" + text + b") Tj 0 -28 Td /F1 11 Tf "
    stream += b"(Document de demonstration - sans valeur contractuelle.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def demo_actor(key: str) -> Actor | None:
    """The demo actor of a catalogue key, if it is loaded."""
    from maillage.demo.catalogue import demo_catalogue

    spec = next((item for item in demo_catalogue() if item.key == key), None)
    if spec is None:
        return None
    return (
        Actor.objects.filter(source=Source.DEMO, name=spec.name, seat_commune_id=spec.commune)
        .order_by("id")
        .first()
    )


def _user(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first() if email else None


def _create(spec: PartnershipSpec, actors: dict[str, Actor]) -> Partnership:
    user = _user(spec.created_by)
    partnership = services.partnership_create_draft(
        created_by=user,
        parties=[actors[party.key] for party in spec.parties],
        origin=spec.origin,
        title=spec.title,
    )
    parties: dict[str, Party] = {key: partnership.parties.get(actor=actors[key]) for key in actors}
    for party_spec in spec.parties:
        party = parties[party_spec.key]
        services.party_update(
            party=party,
            user=user,
            expected_version=party.version,
            role=party_spec.role,
            objectives=list(party_spec.objectives),
            expectations=party_spec.expectations,
            brings=party_spec.brings,
        )
    changes: dict[str, Any] = {
        "summary": spec.summary,
        "partnership_type": spec.partnership_type,
        "themes": list(spec.themes),
        "starts_on": spec.starts_on,
        "ends_on": spec.ends_on,
        "lessons": spec.lessons,
    }
    if spec.territory:
        changes["territory_code"] = spec.territory
    partnership = services.partnership_update(
        partnership=partnership, user=user, changes=changes, expected_version=partnership.version
    )
    for item in partnership.checklist.all().order_by("position", "id"):
        code = item.sheet_item.code if item.sheet_item else ""
        if item.step in spec.steps_done or code in spec.extra_done:
            services.checklist_item_set_done(item=item, done=True, user=user)
    while partnership.current_step != spec.step and STEP_ORDER.index(
        partnership.current_step
    ) < STEP_ORDER.index(spec.step):
        partnership = services.partnership_advance_step(
            partnership=partnership, user=user, force=True
        )
    if spec.legal_form:
        partnership.refresh_from_db()
        services.partnership_set_legal_form(
            partnership=partnership,
            legal_form=spec.legal_form,
            note=spec.legal_form_note,
            user=user,
            expected_version=partnership.version,
        )
    for risk in spec.risks:
        services.risk_create(
            partnership=partnership,
            party=parties[risk.party],
            kind=risk.kind,
            level=risk.level,
            description=risk.description,
            mitigation=risk.mitigation,
            user=user,
        )
    for contribution in spec.contributions:
        services.contribution_create(
            partnership=partnership,
            data=services.ContributionInput(
                party=parties[contribution.party],
                kind=contribution.kind,
                description=contribution.description,
                starts_on=contribution.starts_on,
                ends_on=contribution.ends_on,
                amount_eur=Decimal(contribution.amount) if contribution.amount else None,
                hours=Decimal(contribution.hours) if contribution.hours else None,
                people=contribution.people,
                status=contribution.status,
            ),
            user=user,
        )
    for milestone in spec.milestones:
        created = services.milestone_create(
            partnership=partnership, title=milestone.title, due_on=milestone.due_on, user=user
        )
        if milestone.done_on:
            services.milestone_complete(milestone=created, user=user, done_on=milestone.done_on)
    if spec.convention:
        content = demo_pdf(f"Convention - {spec.title}")
        services.document_upload(
            partnership=partnership,
            stream=io.BytesIO(content),
            name="convention-de-partenariat.pdf",
            size=len(content),
            title="Convention de partenariat (démonstration)",
            kind="convention",
            signed_on=spec.starts_on,
            user=user,
        )
    for status, note in spec.statuses:
        partnership = services.partnership_transition(
            partnership=partnership, to_status=status, user=user, note=note
        )
    return partnership


def demo_seed_partnerships(*, say: Callable[[str], None]) -> dict[str, Any]:
    """Create what is missing of this app's demo data; return counts for the summary."""
    created = 0
    for spec in PARTNERSHIPS:
        if Partnership.objects.filter(title=spec.title).exists():
            continue
        actors = {party.key: demo_actor(party.key) for party in spec.parties}
        missing = sorted(key for key, actor in actors.items() if actor is None)
        if missing:
            say(
                _("Partenariat de démonstration ignoré (acteurs absents : %(keys)s).")
                % {"keys": ", ".join(missing)}
            )
            continue
        _create(spec, {key: actor for key, actor in actors.items() if actor is not None})
        created += 1
    if created:
        say(_("Partenariats de démonstration créés : %(n)d.") % {"n": created})
    titles = [spec.title for spec in PARTNERSHIPS]
    return {
        "partnerships": Partnership.objects.filter(title__in=titles).count(),
        "partnerships_created": created,
    }
