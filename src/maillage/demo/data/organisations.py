"""The organisations named in the seeds, as the seeds describe them.

Sources: ``shared/seeds/2012-la-poste-rameau-etude-poitou-charentes.txt`` (the panel of the
Poitou-Charentes study and the actors it cites) and
``shared/seeds/2013-charenton-agir-ensemble-actes.txt`` (« Agir ensemble sur le
territoire », Charenton-le-Pont – Saint-Maurice). Names and roles are the seeds'; figures
are dated by the seed they come from.

Rules kept here:
- real organisations carry NO identifier (SIREN, SIRET, RNA): leave them empty rather
  than plausible and wrong; no street address either;
- the seat is the commune of the organisation (or, when the seed documents its action on
  a territory but not its seat, the commune where it acts — the description then never
  claims a seat); coordinates are the town centre, hence ``coordinates_approximate``;
- contact persons are added by the catalogue and are always fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maillage.demo.data.communes import (
    CHARENTON_SAINT_MAURICE,
    COMMUNES_BY_CODE,
    POITOU_CHARENTES,
)
from maillage.demo.specs import ActorSpec, NeedOfferSpec

POITIERS = "86194"
NIORT = "79191"
CHARENTON = "94018"
SAINT_MAURICE = "94069"
PARIS = "75056"

ALL_TYPES = ("mecenat", "pratiques_responsables", "cooperation_economique", "innovation_societale")


def need(category: str, text: str, *themes: str) -> NeedOfferSpec:
    return NeedOfferSpec(direction="need", category=category, text=text, themes=themes)


def offer(category: str, text: str, *themes: str) -> NeedOfferSpec:
    return NeedOfferSpec(direction="offer", category=category, text=text, themes=themes)


@dataclass(frozen=True)
class RealOrganisation:
    spec: ActorSpec
    contact_role: str


def _org(
    key: str,
    name: str,
    kind: str,
    commune: str,
    *,
    description: str,
    themes: tuple[str, ...],
    items: tuple[NeedOfferSpec, ...],
    contact_role: str,
    **fields: Any,
) -> RealOrganisation:
    place = COMMUNES_BY_CODE[commune]
    spec = ActorSpec(
        key=key,
        name=name,
        kind=kind,
        commune=commune,
        latitude=place.latitude,
        longitude=place.longitude,
        description=description,
        themes=themes,
        needs_offers=items,
        **fields,
    )
    return RealOrganisation(spec=spec, contact_role=contact_role)


# --------------------------------------------------------------------------- 2012 panel

_PANEL_2012 = (
    _org(
        "iris",
        "IRIS – Initiative régionale pour l'insertion et la solidarité",
        "reseau",
        POITIERS,
        subkind="tete_de_reseau",
        acronym="IRIS",
        themes=("insertion_iae", "emploi", "developpement_local", "transition_ecologique"),
        partnership_types=(
            "cooperation_economique",
            "pratiques_responsables",
            "innovation_societale",
        ),
        intervention=POITOU_CHARENTES,
        description=(
            "Union régionale des structures d'insertion par l'activité économique (SIAE) de "
            "Poitou-Charentes, IRIS regroupe les différents mouvements de l'insertion par "
            "l'activité économique et représente environ 160 structures (14 000 personnes "
            "accompagnées, soit 4 000 équivalents temps plein, en 2012). Centre de "
            "ressources et lieu de concertation des SIAE, elle anime le réseau régional, "
            "représente les structures auprès des partenaires publics et privés, accueille "
            "les porteurs de projet et coordonne les réponses aux appels d'offres. Selon "
            "ses chiffres, un euro public investi dans l'insertion en réinjecte trois dans "
            "le tissu local."
        ),
        items=(
            offer(
                "achats",
                "Un interlocuteur unique pour confier des lots d'insertion à "
                "plusieurs SIAE : nous coordonnons les réponses groupées aux marchés "
                "publics et privés (espaces verts, recyclage, logistique, bâtiment).",
                "insertion_iae",
            ),
            offer(
                "formation",
                "Des formations qualifiantes pour les salariés en parcours "
                "d'insertion : 89 % de réussite au CAP à l'issue de nos formations.",
                "insertion_iae",
                "emploi",
            ),
            offer(
                "reseau",
                "Orientation vers la structure d'insertion adaptée à votre "
                "besoin, dans chacun des quatre départements.",
            ),
            need(
                "innovation",
                "Expérimenter avec une grande entreprise régionale une "
                "filière de collecte et de recyclage du papier de bureau confiée aux SIAE, "
                "de la collecte au tri.",
                "transition_ecologique",
                "insertion_iae",
            ),
            need(
                "reseau",
                "Rencontrer les directions achats des entreprises du territoire "
                "pour leur présenter l'offre des SIAE du réseau.",
            ),
        ),
        contact_role="Chargé de développement économique",
    ),
    _org(
        "ateliers-du-bocage",
        "Les Ateliers du Bocage",
        "siae",
        "79210",
        subkind="ei",
        acronym="ADB",
        themes=("insertion_iae", "transition_ecologique", "inclusion_numerique", "emploi"),
        labels=("conventionnement_iae",),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        intervention=("dep", "fr"),
        description=(
            "Entreprise d'insertion du Bocage bressuirais, membre de la branche Économie "
            "solidaire et insertion d'Emmaüs France. Ses métiers : collecte et tri des "
            "consommables bureautiques, reconditionnement et réemploi de matériels "
            "informatiques et téléphoniques, fabrication et recyclage de palettes en bois, "
            "collecte des déchets d'emballages, entretien des espaces verts. 230 salariés "
            "dont 60 en insertion en 2012. Elle porte aussi Solidatech, qui aide les "
            "associations à s'équiper en numérique."
        ),
        items=(
            offer(
                "achats",
                "Collecte et tri de vos cartouches, toners et consommables "
                "bureautiques usagés, avec un suivi de ce qui est réemployé ou recyclé.",
                "transition_ecologique",
            ),
            offer(
                "achats",
                "Reconditionnement de votre parc informatique et de vos "
                "téléphones en fin de vie, avec effacement des données.",
                "transition_ecologique",
                "inclusion_numerique",
            ),
            offer(
                "materiel",
                "Des ordinateurs reconditionnés à prix solidaire pour les associations.",
                "inclusion_numerique",
            ),
            need(
                "materiel",
                "Des gisements de matériel informatique et de téléphones : "
                "entreprises et collectivités qui renouvellent leur parc.",
                "transition_ecologique",
            ),
            need(
                "logistique",
                "Des partenaires pour mutualiser les tournées de collecte dans la région.",
            ),
        ),
        contact_role="Responsable commerciale",
    ),
    _org(
        "ipca",
        "Insertion Poitou-Charentes Active (IPCA)",
        "intermediaire",
        POITIERS,
        subkind="france_active",
        acronym="IPCA",
        themes=("developpement_local", "emploi", "insertion_iae"),
        partnership_types=("mecenat", "cooperation_economique"),
        intervention=POITOU_CHARENTES,
        description=(
            "Fonds territorial du réseau France Active. IPCA favorise la consolidation, le "
            "développement et la création d'initiatives économiques créatrices d'emploi et, "
            "plus largement, le développement local, social et solidaire de la région. Elle "
            "intervient à l'échelle régionale et départementale et met en relation les "
            "porteurs de projet avec son réseau."
        ),
        items=(
            offer(
                "financement",
                "Garanties bancaires et prêts solidaires pour les "
                "créateurs d'entreprise et les structures de l'ESS.",
            ),
            offer(
                "reseau", "Mise en relation avec notre réseau de financeurs et d'accompagnateurs."
            ),
            need(
                "competences",
                "Des cadres financiers bénévoles pour siéger dans nos comités d'engagement.",
            ),
            need(
                "financement",
                "Des entreprises prêtes à orienter une part de leur "
                "épargne salariale vers des fonds solidaires régionaux.",
            ),
        ),
        contact_role="Chargée d'investissement solidaire",
    ),
    _org(
        "ei2s",
        "EI2S",
        "reseau",
        POITIERS,
        subkind="tete_de_reseau",
        sphere="entreprises",
        themes=("developpement_local", "transition_ecologique", "engagement_citoyen"),
        partnership_types=("innovation_societale", "cooperation_economique"),
        intervention=(*POITOU_CHARENTES, "fr"),
        description=(
            "Association d'entreprises qui favorise la rencontre des acteurs du territoire "
            "autour des enjeux du développement durable : environnementaux, économiques, "
            "sociaux et sociétaux. Historiquement très présente en Poitou-Charentes, elle "
            "agit aussi aux niveaux national et international et rassemble des PME prêtes "
            "à mutualiser leurs initiatives."
        ),
        items=(
            offer(
                "reseau",
                "Des rencontres régulières entre dirigeants de PME engagées et "
                "acteurs de l'économie sociale et solidaire.",
            ),
            offer(
                "competences",
                "Des retours d'expérience de PME sur leurs démarches de responsabilité sociétale.",
            ),
            need(
                "innovation",
                "Des projets fédérateurs d'intérêt général sur lesquels "
                "plusieurs PME puissent s'engager ensemble.",
            ),
        ),
        contact_role="Coordinatrice du réseau",
    ),
    _org(
        "unis-cite-poitou-charentes",
        "Unis-Cité – délégation régionale Poitou-Charentes",
        "association",
        POITIERS,
        subkind="association_interet_general",
        website="https://www.uniscite.fr",
        themes=(
            "engagement_citoyen",
            "insertion_jeunes",
            "cohesion_territoriale",
            "inclusion_numerique",
        ),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=POITOU_CHARENTES,
        description=(
            "Association créée fin 1994, pionnière du service civique : elle l'organise et "
            "le promeut pour développer l'esprit de responsabilité et l'engagement citoyen, "
            "lutter contre les préjugés, renforcer la cohésion sociale et mobiliser la "
            "jeunesse face aux besoins sociaux et environnementaux. Présente dans douze "
            "régions et une trentaine de villes en 2012."
        ),
        items=(
            offer(
                "benevolat",
                "Des équipes de jeunes volontaires en service civique pour "
                "des missions d'intérêt général de plusieurs mois.",
                "engagement_citoyen",
            ),
            offer(
                "benevolat", "Des journées de mobilisation solidaire co-animées avec vos salariés."
            ),
            offer(
                "acces_publics",
                "Des volontaires pour accompagner les usagers dans les "
                "bureaux de poste : démarches en ligne, automates.",
                "inclusion_numerique",
            ),
            need(
                "financement",
                "Le financement de l'encadrement des équipes de volontaires "
                "(tutorat, formation civique et citoyenne).",
            ),
            need(
                "competences",
                "Des salariés tuteurs pour aider les volontaires à "
                "construire leur projet d'avenir.",
                "insertion_jeunes",
            ),
        ),
        contact_role="Responsable des partenariats",
    ),
    _org(
        "croix-rouge-poitou-charentes",
        "Croix-Rouge française – délégation régionale Poitou-Charentes",
        "association",
        POITIERS,
        subkind="association_rup",
        labels=("rup",),
        website="https://www.croix-rouge.fr",
        themes=("precarite", "sante", "acces_droits", "engagement_citoyen"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=POITOU_CHARENTES,
        description=(
            "Délégation régionale du mouvement humanitaire international présent dans 186 "
            "pays. Elle lutte contre les précarités et agit dans les champs sanitaire, "
            "social, médico-social et de la formation. L'échelon régional assure la "
            "cohésion des délégations et des établissements pour mieux adapter l'action "
            "aux besoins locaux."
        ),
        items=(
            offer(
                "formation",
                "Formations aux premiers secours pour les salariés des "
                "entreprises et des collectivités.",
                "sante",
            ),
            offer(
                "expertise",
                "Notre expérience de l'accompagnement des personnes en "
                "précarité : repérage, écoute, orientation.",
                "precarite",
            ),
            need(
                "benevolat",
                "Des bénévoles pour les maraudes et l'aide alimentaire, "
                "y compris des salariés en mécénat de compétences.",
                "precarite",
            ),
            need(
                "logistique", "Des véhicules et des solutions de stockage pour l'aide alimentaire."
            ),
            need(
                "innovation",
                "Expérimenter avec une entreprise de services la détection "
                "partagée des fragilités économiques de ses clients.",
                "acces_droits",
            ),
        ),
        contact_role="Déléguée régionale à l'action sociale",
    ),
    _org(
        "adie-poitou-charentes",
        "Adie – Association pour le droit à l'initiative économique",
        "association",
        POITIERS,
        subkind="association_rup",
        labels=("rup",),
        acronym="Adie",
        website="https://www.adie.org",
        themes=("inclusion_bancaire", "developpement_local", "emploi"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=POITOU_CHARENTES,
        description=(
            "Elle aide des personnes exclues du marché du travail et du système bancaire à "
            "créer leur entreprise, et donc leur propre emploi, grâce au microcrédit et à "
            "un accompagnement. Organisée en 18 délégations régionales, elle a financé "
            "1 200 personnes en Poitou-Charentes en 2011."
        ),
        items=(
            offer(
                "financement",
                "Microcrédit professionnel pour les créateurs d'entreprise "
                "qui n'ont pas accès au crédit bancaire.",
                "inclusion_bancaire",
            ),
            offer(
                "formation",
                "Former des conseillers bancaires et des agents d'accueil à "
                "repérer les porteurs de projet.",
                "inclusion_bancaire",
            ),
            need(
                "benevolat",
                "Des bénévoles experts (comptabilité, juridique, commerce) "
                "pour accompagner les micro-entrepreneurs après leur financement.",
            ),
            need(
                "acces_publics",
                "Des permanences dans des lieux d'accueil du public "
                "(bureaux de poste, mairies) pour rencontrer les porteurs de projet.",
            ),
        ),
        contact_role="Conseillère en microcrédit",
    ),
    _org(
        "macif",
        "Macif",
        "mutuelle",
        NIORT,
        subkind="mutuelle_assurances",
        sphere="entreprises",
        is_ess=True,
        company_size="ge",
        website="https://www.macif.fr",
        themes=("acces_droits", "inclusion_bancaire", "vieillissement", "engagement_citoyen"),
        partnership_types=("innovation_societale", "pratiques_responsables", "mecenat"),
        intervention=("fr",),
        description=(
            "Mutuelle d'assurances dont le siège est à Niort, dans les Deux-Sèvres, berceau "
            "des mutuelles d'assurance. En 2012, l'une des trois enseignes de SFEREN, "
            "groupe d'assurance mutuelle avec la MAIF et la Matmut. Elle relève de l'ESS "
            "par son statut ; l'étude de 2012 l'a lue « par le prisme économique », dans "
            "la sphère des entreprises."
        ),
        items=(
            offer(
                "competences",
                "Des échanges de bonnes pratiques sur la prévention et "
                "l'accompagnement des sociétaires en difficulté.",
            ),
            offer(
                "financement",
                "Un soutien à des projets d'innovation sociale portés par "
                "des associations du Niortais.",
            ),
            need(
                "innovation",
                "Co-construire avec des associations des solutions de "
                "prévention pour les sociétaires fragilisés : budget, mobilité, logement.",
                "acces_droits",
            ),
        ),
        contact_role="Responsable de l'engagement sociétal régional",
    ),
    _org(
        "mutuelle-de-poitiers",
        "Mutuelle de Poitiers Assurances",
        "mutuelle",
        "86133",
        subkind="mutuelle_assurances",
        sphere="entreprises",
        is_ess=True,
        themes=("acces_droits", "developpement_local", "engagement_citoyen"),
        partnership_types=("mecenat", "pratiques_responsables"),
        intervention=(*POITOU_CHARENTES, "dep:85", "dep:87"),
        description=(
            "Société d'assurances mutuelle fondée en 1838, généraliste mais spécialisée "
            "dans les dommages aux biens et aux personnes. Développée d'abord sur son "
            "secteur historique (Poitou-Charentes, Vendée, Haute-Vienne), elle s'implante "
            "depuis au niveau national ; une « PME de l'assurance » à côté des grands "
            "acteurs nationaux. Mutuelle de l'ESS, lue dans la sphère des entreprises par "
            "l'étude de 2012."
        ),
        items=(
            offer(
                "financement",
                "Un soutien à des associations locales de prévention : "
                "sécurité routière, accidents de la vie courante.",
            ),
            need(
                "reseau",
                "Mieux connaître les associations de notre territoire historique "
                "pour y ancrer nos engagements.",
                "developpement_local",
            ),
        ),
        contact_role="Chargée de communication institutionnelle",
    ),
    _org(
        "orange-poitou-charentes",
        "Orange – délégation régionale Poitou-Charentes",
        "entreprise",
        POITIERS,
        subkind="entreprise_privee",
        company_size="ge",
        public_service_mission=True,
        website="https://www.orange.com",
        themes=("inclusion_numerique", "acces_droits", "handicap"),
        partnership_types=("innovation_societale", "mecenat", "pratiques_responsables"),
        intervention=POITOU_CHARENTES,
        description=(
            "Opérateur de télécommunications (téléphonie fixe et mobile, internet, "
            "télévision), filiale du groupe France Télécom en 2012. La Fondation Orange, "
            "créée en 1987, prolonge la mission de l'entreprise — permettre à tous de mieux "
            "communiquer — par des actions dans l'autisme, le lien social et la musique "
            "vocale. Acteur de l'accès aux télécommunications, prêt à travailler avec La "
            "Poste et l'ESS sur de nouvelles approches des clients fragiles."
        ),
        items=(
            offer(
                "competences",
                "Présenter nos actions sociétales et nos offres adaptées "
                "aux clients fragiles aux professionnels de l'accompagnement.",
                "acces_droits",
            ),
            offer(
                "formation",
                "Des ateliers d'initiation au smartphone et aux démarches en "
                "ligne animés par des salariés volontaires.",
                "inclusion_numerique",
            ),
            need(
                "expertise",
                "Repérer avec les associations les clients en difficulté de "
                "paiement, pour les orienter avant la coupure de ligne.",
                "acces_droits",
            ),
            need(
                "innovation",
                "Co-construire un service d'« écrivain public numérique » "
                "avec des associations et La Poste.",
                "inclusion_numerique",
            ),
        ),
        contact_role="Délégué régional aux relations avec les collectivités",
    ),
    _org(
        "gdf-suez-poitou-charentes",
        "GDF SUEZ – délégation régionale Poitou-Charentes",
        "entreprise",
        POITIERS,
        subkind="entreprise_privee",
        company_size="ge",
        public_service_mission=True,
        themes=("acces_droits", "precarite", "transition_ecologique", "logement"),
        partnership_types=("innovation_societale", "mecenat"),
        intervention=POITOU_CHARENTES,
        description=(
            "Deuxième groupe mondial de l'énergie en 2012, né le 22 juillet 2008 de la "
            "fusion de Gaz de France et de Suez (devenu ENGIE en 2015). Il a lancé en 2010 "
            "le dispositif « Rassembleur d'énergies » contre la précarité énergétique. "
            "Acteur de l'accès à l'énergie, prêt à travailler avec La Poste et l'ESS sur de "
            "nouvelles approches des clients fragiles."
        ),
        items=(
            offer(
                "innovation",
                "Des expérimentations contre la précarité énergétique avec "
                "des entrepreneurs sociaux.",
                "precarite",
                "transition_ecologique",
            ),
            offer(
                "expertise",
                "Informer les associations sur les droits et les aides liés à l'énergie.",
                "acces_droits",
            ),
            need(
                "acces_publics",
                "Des relais associatifs pour repérer tôt les ménages en précarité énergétique.",
                "precarite",
            ),
        ),
        contact_role="Délégué régional solidarité",
    ),
    _org(
        "union-regionale-scop",
        "Union régionale des Scop de Poitou-Charentes",
        "reseau",
        POITIERS,
        subkind="union_regionale_scop",
        sphere="entreprises",
        themes=("developpement_local", "emploi"),
        partnership_types=("cooperation_economique",),
        intervention=POITOU_CHARENTES,
        description=(
            "Créée en 1982, elle regroupe les sociétés coopératives et participatives des "
            "quatre départements adhérentes à la Confédération générale des Scop. Elle "
            "promeut et développe le statut coopératif, soutient les filières émergentes, "
            "participe à des actions collectives et sensibilise les pouvoirs publics "
            "locaux. Lue dans la sphère des entreprises « par le prisme économique » dans "
            "l'étude de 2012."
        ),
        items=(
            offer(
                "competences",
                "Accompagnement à la création, à la reprise et à la "
                "transmission d'entreprises en Scop ou en Scic.",
            ),
            offer(
                "reseau",
                "Mise en relation avec les coopératives de la région, présentes "
                "dans tous les secteurs.",
            ),
            need(
                "communication",
                "Faire connaître le modèle coopératif aux élus et aux "
                "chefs d'entreprise qui préparent leur transmission.",
            ),
        ),
        contact_role="Délégué régional",
    ),
    _org(
        "ceser-poitou-charentes",
        "Conseil économique, social et environnemental régional (CESER) Poitou-Charentes",
        "etablissement_public",
        POITIERS,
        subkind="ceser",
        acronym="CESER",
        themes=("developpement_local", "cohesion_territoriale"),
        partnership_types=("innovation_societale",),
        intervention=POITOU_CHARENTES,
        description=(
            "Assemblée consultative prévue par la Constitution. Elle rend un avis "
            "obligatoire au conseil régional sur les contrats de projet État-Région, les "
            "budgets et les compétences régionales, mène des études, informe le public et "
            "participe aux organismes et associations de la région. Depuis 2016, CESER "
            "Nouvelle-Aquitaine."
        ),
        items=(
            offer(
                "expertise",
                "Des études et des avis sur les enjeux économiques, sociaux "
                "et environnementaux du territoire.",
            ),
            offer(
                "formation",
                "Présenter le fonctionnement du secteur associatif aux "
                "agents des entreprises de service public.",
            ),
        ),
        contact_role="Chargée d'études",
    ),
    _org(
        "ccir-poitou-charentes",
        "Chambre de commerce et d'industrie régionale Poitou-Charentes",
        "etablissement_public",
        POITIERS,
        subkind="chambre_consulaire",
        acronym="CCIR",
        themes=("developpement_local", "emploi"),
        partnership_types=("cooperation_economique",),
        intervention=POITOU_CHARENTES,
        description=(
            "Établissement public économique qui représente l'industrie, le commerce et les "
            "services de Poitou-Charentes et anime le réseau des six CCI territoriales. Elle "
            "contribue au développement économique, à l'attractivité et à l'aménagement du "
            "territoire, et propose conseil, assistance et formation professionnelle. La "
            "chambre régionale n'est pas en contact direct avec les entreprises : ce sont "
            "les chambres locales qui le sont."
        ),
        items=(
            offer(
                "reseau", "Relais vers les six CCI territoriales et leurs réseaux d'entreprises."
            ),
            offer(
                "formation",
                "Formation professionnelle et dispositifs de conseil pour les entreprises.",
            ),
            need(
                "reseau",
                "Mieux connaître les acteurs de l'ESS pour les associer aux "
                "actions de développement économique.",
            ),
        ),
        contact_role="Chargé de mission développement durable",
    ),
    _org(
        "departement-vienne",
        "Département de la Vienne",
        "collectivite",
        POITIERS,
        subkind="departement",
        themes=("insertion_iae", "precarite", "emploi", "vieillissement", "handicap"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        intervention=("dep",),
        description=(
            "Collectivité chef de file de l'action sociale. Sa direction de l'insertion "
            "soutient le retour à l'emploi des personnes en difficulté avec l'ensemble des "
            "acteurs de l'insertion : ce travail a abouti au programme départemental "
            "d'insertion et à un pacte territorial pour l'insertion 2011-2013. Sa direction "
            "de l'action sociale facilite les contacts entre les acteurs sociaux."
        ),
        items=(
            offer(
                "financement",
                "Le cofinancement d'actions d'insertion dans le cadre du "
                "programme départemental d'insertion.",
                "insertion_iae",
            ),
            offer("reseau", "Faciliter les contacts avec les acteurs sociaux du département."),
            need(
                "reseau",
                "Des entreprises partenaires du pacte territorial pour "
                "l'insertion, prêtes à accueillir et à recruter des personnes en parcours.",
                "emploi",
            ),
        ),
        contact_role="Chargée de mission insertion",
    ),
    _org(
        "ddcs-vienne",
        "Direction départementale de la cohésion sociale de la Vienne",
        "etat",
        POITIERS,
        subkind="autre_service_etat",
        acronym="DDCS",
        themes=("precarite", "engagement_citoyen", "logement", "culture_sport_loisirs"),
        partnership_types=("innovation_societale",),
        intervention=("dep",),
        description=(
            "Service déconcentré de l'État placé sous l'autorité du préfet. Elle met en "
            "œuvre les politiques sociales et celles de la jeunesse, des sports, de la vie "
            "associative et de l'éducation populaire, et dialogue avec les CAF, les "
            "collectivités et les associations. Depuis 2021, ses missions relèvent de la "
            "DDETS de la Vienne."
        ),
        items=(
            offer(
                "reseau", "Faciliter les contacts avec les associations et les services de l'État."
            ),
            offer(
                "expertise",
                "Notre connaissance de la vie associative et des dispositifs "
                "d'hébergement et d'insertion du département.",
                "precarite",
            ),
        ),
        contact_role="Conseiller vie associative",
    ),
    _org(
        "ccas-poitiers",
        "Centre communal d'action sociale (CCAS) de Poitiers",
        "etablissement_public",
        POITIERS,
        subkind="ccas",
        acronym="CCAS",
        themes=("precarite", "acces_droits", "vieillissement", "logement"),
        partnership_types=("innovation_societale", "cooperation_economique"),
        intervention=("commune",),
        description=(
            "Établissement public communal. Il instruit les demandes d'aide sociale et "
            "d'aide médicale, anime une action générale de prévention et de développement "
            "social — prestations en espèces ou en nature, établissements et services "
            "sociaux ou médico-sociaux — et coordonne les aides sociales de la ville."
        ),
        items=(
            offer(
                "acces_publics",
                "Orienter les habitants en difficulté vers les aides et "
                "les associations partenaires.",
                "acces_droits",
            ),
            offer("reseau", "Faciliter les contacts avec les acteurs sociaux de la ville."),
            need(
                "innovation",
                "Des partenaires (énergie, télécoms, banque, logement) pour "
                "repérer plus tôt les situations de fragilité et agir en prévention.",
                "precarite",
            ),
        ),
        contact_role="Responsable du pôle accès aux droits",
    ),
    _org(
        "maires-vienne",
        "Association des maires de la Vienne",
        "association",
        POITIERS,
        subkind="association_membres",
        sphere="pouvoirs_publics",
        themes=("cohesion_territoriale", "developpement_local"),
        partnership_types=("cooperation_economique",),
        intervention=("dep",),
        description=(
            "Elle fédère les maires et les présidents d'intercommunalité de la Vienne ; "
            "son service Vienne Services apporte appui et conseil aux communes. Un relais "
            "naturel vers les élus des communes rurales."
        ),
        items=(
            offer(
                "reseau",
                "Relayer une information auprès des maires et des secrétariats "
                "de mairie du département.",
                "cohesion_territoriale",
            ),
        ),
        contact_role="Chargée de mission",
    ),
    _org(
        "arosh-poitou-charentes",
        "Association régionale des organismes sociaux pour l'habitat en Poitou-Charentes (AROSH)",
        "reseau",
        POITIERS,
        subkind="federation",
        sphere="pouvoirs_publics",
        acronym="AROSH",
        themes=("logement", "cohesion_territoriale", "precarite"),
        partnership_types=("innovation_societale", "cooperation_economique"),
        intervention=POITOU_CHARENTES,
        description=(
            "Membre de la fédération nationale des associations régionales d'organismes "
            "HLM, elle regroupe 24 organismes de logement social de la région. Elle "
            "coordonne l'action professionnelle régionale (renouvellement urbain, "
            "développement de l'offre, qualité de service), accompagne la concertation "
            "entre organismes d'un même territoire, capitalise les pratiques et représente "
            "les organismes auprès des pouvoirs publics régionaux."
        ),
        items=(
            offer(
                "expertise",
                "Notre expertise du logement social et des quartiers prioritaires.",
                "logement",
            ),
            offer("reseau", "Relais vers les 24 organismes de logement social de la région."),
            need(
                "innovation",
                "Des associations pour accompagner les locataires fragiles : "
                "budget, énergie, numérique.",
                "precarite",
            ),
        ),
        contact_role="Chargé de mission politiques locales de l'habitat",
    ),
    _org(
        "caisse-des-depots-poitou-charentes",
        "Caisse des Dépôts – direction régionale Poitou-Charentes",
        "etablissement_public",
        POITIERS,
        subkind="caisse_des_depots",
        themes=("developpement_local", "cohesion_territoriale", "logement"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        intervention=POITOU_CHARENTES,
        description=(
            "Établissement public. Sa direction régionale accompagne les collectivités et "
            "les intercommunalités dans leurs projets et investit dans des projets "
            "d'intérêt général structurants pour l'aménagement du territoire (760 M€ "
            "investis en 2009). Elle soutient le dispositif local d'accompagnement (DLA) "
            "des associations employeuses et co-pilote en 2013 le cycle de rencontres "
            "entreprises-ESS de La Poste."
        ),
        items=(
            offer(
                "financement",
                "Des investissements d'intérêt général dans les projets "
                "structurants des territoires.",
                "developpement_local",
            ),
            offer("reseau", "Ouvrir notre réseau d'accompagnement des associations (DLA)."),
        ),
        contact_role="Chargée de développement territorial",
    ),
    _org(
        "cress-poitou-charentes",
        "Chambre régionale de l'économie sociale et solidaire (CRESS) Poitou-Charentes",
        "reseau",
        POITIERS,
        subkind="cress",
        acronym="CRESS",
        themes=("developpement_local", "engagement_citoyen", "emploi"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        intervention=POITOU_CHARENTES,
        description=(
            "Instance de représentation, de coordination et d'animation des acteurs de "
            "l'économie sociale et solidaire de la région, membre du Conseil national des "
            "CRESS. Elle promeut l'ESS, coordonne ses acteurs et défend leurs intérêts "
            "auprès des pouvoirs publics. En 2013, elle co-pilote avec La Poste et la "
            "Caisse des Dépôts un cycle de rencontres entre entreprises et structures de "
            "l'ESS (numérique en zone rurale, emploi des jeunes, vieillissement)."
        ),
        items=(
            offer(
                "reseau", "L'organisation de rencontres entre entreprises et structures de l'ESS."
            ),
            offer(
                "communication",
                "Faire connaître l'ESS et ses acteurs auprès du grand public et des élus.",
            ),
            need(
                "competences",
                "Des entreprises prêtes à partager leurs données et leurs "
                "retours d'expérience pour observer les partenariats en région.",
            ),
        ),
        contact_role="Chargée de mission partenariats",
    ),
    _org(
        "la-poste-poitou-charentes",
        "La Poste – direction régionale Poitou-Charentes",
        "entreprise",
        POITIERS,
        subkind="entreprise_publique",
        company_size="ge",
        public_service_mission=True,
        website="https://www.laposte.fr",
        themes=(
            "acces_droits",
            "inclusion_bancaire",
            "inclusion_numerique",
            "cohesion_territoriale",
            "vieillissement",
        ),
        partnership_types=ALL_TYPES,
        intervention=POITOU_CHARENTES,
        description=(
            "Direction régionale du groupe La Poste, qui assure quatre missions de service "
            "public : le service universel postal, le transport et la distribution de la "
            "presse, l'aménagement du territoire et l'accessibilité bancaire. Environ 800 "
            "bureaux de poste dans la région. En 2012, elle mène avec Le RAMEAU une "
            "recherche-action sur ses relations avec l'ESS : pratiques RSE, offre aux "
            "clientèles fragiles, engagement des postiers ; 40 à 50 k€ du fonds de "
            "péréquation vont chaque année aux partenariats associatifs dans chaque "
            "département."
        ),
        items=(
            offer(
                "locaux",
                "Accueillir des permanences associatives dans les bureaux de "
                "poste : aide aux démarches, accès aux droits.",
                "acces_droits",
            ),
            offer(
                "financement",
                "Soutenir des partenariats associatifs dans les quartiers "
                "prioritaires au titre du fonds de péréquation.",
                "cohesion_territoriale",
            ),
            offer(
                "benevolat",
                "Des postiers volontaires pour des missions longues, "
                "notamment autour du numérique.",
                "inclusion_numerique",
            ),
            need(
                "expertise",
                "Des associations spécialistes des publics fragiles "
                "(illettrisme, handicap, surendettement) pour former nos agents "
                "d'accueil.",
                "acces_droits",
            ),
            need(
                "achats",
                "Des entreprises d'insertion et des ESAT pour collecter et "
                "recycler le papier de nos bureaux.",
                "insertion_iae",
                "transition_ecologique",
            ),
            need(
                "innovation",
                "Co-développer un service d'« écrivain public moderne » pour "
                "réduire la fracture numérique.",
                "inclusion_numerique",
            ),
        ),
        contact_role="Déléguée au développement responsable",
    ),
    _org(
        "region-poitou-charentes",
        "Conseil régional de Poitou-Charentes",
        "collectivite",
        POITIERS,
        subkind="region",
        themes=("emploi", "education", "developpement_local"),
        partnership_types=("cooperation_economique",),
        intervention=POITOU_CHARENTES,
        description=(
            "Collectivité régionale, compétente notamment pour la formation professionnelle "
            "et le développement économique ; fusionnée en 2016 dans la Région "
            "Nouvelle-Aquitaine."
        ),
        items=(
            offer(
                "financement",
                "Le financement de la formation professionnelle des "
                "demandeurs d'emploi et des salariés en insertion.",
                "emploi",
            ),
        ),
        contact_role="Chargé de mission économie sociale et solidaire",
    ),
)

# --------------------------------------------------------------- 2012: actors cited

_CITED_2012 = (
    _org(
        "le-rameau",
        "Le RAMEAU",
        "association",
        "94080",
        subkind="association_interet_general",
        website="https://www.lerameau.fr",
        themes=("engagement_citoyen", "developpement_local", "cohesion_territoriale"),
        partnership_types=ALL_TYPES,
        intervention=("fr",),
        description=(
            "Laboratoire de recherche appliquée sur la co-construction du bien commun, sous "
            "statut associatif d'intérêt général, créé en mars 2006. Il pilote "
            "l'Observatoire national des partenariats, anime des cercles de réflexion "
            "prospective et conduit des expérimentations de terrain, dont la "
            "recherche-action Poitou-Charentes avec La Poste (2012) et « Agir ensemble sur "
            "le territoire » à Charenton-le-Pont – Saint-Maurice (2013). Il tient une "
            "bibliothèque de 300 cas pratiques."
        ),
        items=(
            offer(
                "expertise",
                "Une méthode et des outils pour structurer une démarche "
                "partenariale : kit en quatre marches, fiches pratiques.",
            ),
            offer(
                "formation",
                "L'accès à une bibliothèque de cas pratiques de partenariats "
                "associations-entreprises.",
            ),
            offer(
                "reseau",
                "L'animation de démarches territoriales de co-construction : "
                "groupes de travail, restitution.",
            ),
        ),
        contact_role="Chargée de recherche",
    ),
    _org(
        "entraide-sociale-poitevine",
        "Entraide sociale poitevine",
        "association",
        POITIERS,
        subkind="association_interet_general",
        acronym="ESP",
        themes=("precarite", "acces_droits", "logement"),
        partnership_types=("mecenat",),
        description=(
            "Association poitevine d'aide aux personnes en difficulté, citée en 2012 parmi "
            "les associations locales dynamiques et en plein essor du territoire et parmi "
            "les partenaires de l'aide aux publics en difficulté."
        ),
        items=(
            offer(
                "expertise",
                "Notre connaissance de terrain des personnes en difficulté à Poitiers.",
                "precarite",
            ),
            need("benevolat", "Des bénévoles pour l'accueil et l'accompagnement des personnes."),
        ),
        contact_role="Coordinatrice",
    ),
    _org(
        "cros-poitou-charentes",
        "Comité régional olympique et sportif de Poitou-Charentes",
        "association",
        POITIERS,
        subkind="association_membres",
        acronym="CROS",
        themes=("culture_sport_loisirs", "engagement_citoyen", "handicap"),
        partnership_types=("mecenat",),
        intervention=POITOU_CHARENTES,
        description=(
            "Représentant du mouvement sportif régional, cité en 2012 comme l'association "
            "sportive de référence du territoire. Il fédère les ligues et comités et "
            "accompagne les clubs et leurs bénévoles."
        ),
        items=(
            offer(
                "reseau",
                "Relayer une action auprès des ligues, comités et clubs sportifs de la région.",
                "culture_sport_loisirs",
            ),
            need(
                "financement",
                "Des partenaires pour développer le sport des publics qui en "
                "sont éloignés : quartiers, personnes handicapées.",
                "handicap",
            ),
        ),
        contact_role="Conseiller en développement",
    ),
    _org(
        "udaf-vienne",
        "Union départementale des associations familiales (UDAF) de la Vienne",
        "association",
        POITIERS,
        subkind="association_interet_general",
        acronym="UDAF",
        themes=("precarite", "inclusion_bancaire", "vieillissement", "logement"),
        partnership_types=("innovation_societale",),
        intervention=("dep",),
        description=(
            "Institution qui représente les familles auprès des pouvoirs publics et fédère "
            "les associations familiales du département ; elle exerce aussi des mesures de "
            "protection et d'accompagnement budgétaire."
        ),
        items=(
            offer(
                "expertise",
                "L'accompagnement budgétaire des familles et la prévention du surendettement.",
                "inclusion_bancaire",
            ),
            need(
                "innovation",
                "Des partenaires bancaires et énergéticiens pour repérer tôt "
                "les familles qui décrochent.",
                "precarite",
            ),
        ),
        contact_role="Responsable du service d'accompagnement budgétaire",
    ),
    _org(
        "crajep-poitou-charentes",
        "Comité régional des associations de jeunesse et "
        "d'éducation populaire (CRAJEP) Poitou-Charentes",
        "reseau",
        POITIERS,
        subkind="federation",
        acronym="CRAJEP",
        themes=("education", "insertion_jeunes", "engagement_citoyen"),
        partnership_types=("innovation_societale",),
        intervention=POITOU_CHARENTES,
        description=(
            "Coordination régionale des mouvements de jeunesse et d'éducation populaire, "
            "citée en 2012 parmi les associations de jeunesse du territoire."
        ),
        items=(
            offer(
                "reseau",
                "Relais vers les mouvements de jeunesse et d'éducation populaire de la région.",
                "education",
            ),
        ),
        contact_role="Animateur de réseau",
    ),
    _org(
        "restos-du-coeur-vienne",
        "Les Restaurants du Cœur – association départementale de la Vienne",
        "association",
        POITIERS,
        subkind="association_interet_general",
        themes=("precarite", "engagement_citoyen", "acces_droits"),
        partnership_types=("mecenat",),
        intervention=("dep",),
        description=(
            "Antenne départementale de l'association fondée en 1985 : aide alimentaire, "
            "accompagnement vers l'insertion et accès aux droits. Citée en 2012 parmi les "
            "associations nationales présentes en région."
        ),
        items=(
            need(
                "benevolat",
                "Des bénévoles pour les distributions et les collectes, "
                "notamment pendant la campagne d'hiver.",
                "precarite",
            ),
            need(
                "logistique",
                "Un entrepôt ou des véhicules frigorifiques prêtés lors des collectes nationales.",
            ),
            offer(
                "acces_publics",
                "Des lieux d'accueil où rencontrer des personnes en grande précarité.",
                "precarite",
            ),
        ),
        contact_role="Responsable départementale des partenariats",
    ),
    _org(
        "secours-populaire-vienne",
        "Secours populaire français – fédération de la Vienne",
        "association",
        POITIERS,
        subkind="association_interet_general",
        themes=("precarite", "acces_droits", "culture_sport_loisirs"),
        partnership_types=("mecenat",),
        intervention=("dep",),
        description=(
            "Fédération départementale de l'association de solidarité : aide alimentaire et "
            "vestimentaire, accès aux droits, vacances et culture pour les familles. Citée "
            "en 2012 parmi les associations nationales présentes en région."
        ),
        items=(
            need("materiel", "Des dons de produits d'hygiène et de fournitures scolaires."),
            need(
                "benevolat",
                "Des salariés bénévoles pour la journée des oubliés des vacances.",
                "culture_sport_loisirs",
            ),
            offer(
                "expertise",
                "Notre connaissance des familles en difficulté du département.",
                "precarite",
            ),
        ),
        contact_role="Secrétaire départementale",
    ),
    _org(
        "secours-catholique-poitou",
        "Secours catholique – délégation Poitou",
        "association",
        POITIERS,
        subkind="association_interet_general",
        themes=("precarite", "logement", "acces_droits"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=("dep:86", "dep:79"),
        description=(
            "Délégation de l'association caritative pour la Vienne et les Deux-Sèvres : "
            "accueil, accompagnement et entraide des personnes en précarité. Citée en 2012 "
            "parmi les associations nationales présentes en région."
        ),
        items=(
            need("benevolat", "Des bénévoles pour les accueils de jour."),
            offer(
                "expertise",
                "Nos études sur la pauvreté et l'expérience de nos accueils de jour.",
                "precarite",
            ),
        ),
        contact_role="Animatrice de réseau de solidarité",
    ),
    _org(
        "passerelles-et-competences",
        "Passerelles et Compétences",
        "association",
        PARIS,
        subkind="association_interet_general",
        themes=("engagement_citoyen",),
        partnership_types=("mecenat",),
        intervention=("fr",),
        description=(
            "Association nationale qui met en relation des professionnels bénévoles et des "
            "associations de solidarité pour des missions de compétences ; citée en 2012 "
            "parmi les associations nationales récemment implantées en Poitou-Charentes."
        ),
        items=(
            offer(
                "competences",
                "Des bénévoles experts pour des missions courtes : "
                "communication, gestion, informatique, ressources humaines.",
                "engagement_citoyen",
            ),
            need(
                "benevolat",
                "Des salariés prêts à donner quelques heures de leurs "
                "compétences à une association.",
                "engagement_citoyen",
            ),
        ),
        contact_role="Responsable d'antenne",
    ),
    _org(
        "agirabcd",
        "AGIRabcd",
        "association",
        PARIS,
        subkind="association_interet_general",
        themes=("engagement_citoyen", "vieillissement"),
        partnership_types=("mecenat",),
        intervention=("fr",),
        description=(
            "Association de retraités bénévoles qui mettent leurs compétences au service de "
            "projets de solidarité ; citée en 2012 parmi les associations nationales "
            "récemment implantées en Poitou-Charentes."
        ),
        items=(
            offer(
                "competences",
                "Des retraités bénévoles pour accompagner des projets "
                "(gestion, technique, formation).",
                "engagement_citoyen",
            ),
        ),
        contact_role="Délégué régional",
    ),
    _org(
        "wesco",
        "WESCO",
        "entreprise",
        "79062",
        subkind="entreprise_privee",
        company_size="pme",
        themes=("education", "developpement_local"),
        partnership_types=("mecenat", "pratiques_responsables"),
        intervention=("dep", "fr"),
        description=(
            "Entreprise qui fabrique du matériel pédagogique et de puériculture, citée en "
            "2012 parmi les PME fortement engagées du territoire."
        ),
        items=(
            offer(
                "materiel",
                "Du mobilier et du matériel pédagogique déclassés pour des "
                "structures d'accueil d'enfants.",
                "education",
            ),
            need(
                "achats",
                "Des ESAT et des entreprises d'insertion du Bocage pour des "
                "travaux de conditionnement.",
                "insertion_iae",
            ),
        ),
        contact_role="Responsable RSE",
    ),
    _org(
        "millet",
        "Millet",
        "entreprise",
        "79049",
        subkind="entreprise_privee",
        company_size="pme",
        themes=("developpement_local", "emploi", "transition_ecologique"),
        partnership_types=("pratiques_responsables",),
        intervention=("dep",),
        description=(
            "Menuiserie industrielle, fabricant de fenêtres et de portes, citée en 2012 "
            "parmi les PME fortement engagées du territoire."
        ),
        items=(
            offer(
                "formation",
                "Faire découvrir les métiers de la menuiserie industrielle à "
                "des jeunes et à des demandeurs d'emploi.",
                "emploi",
            ),
            need(
                "acces_publics",
                "Être mis en relation avec des jeunes qui cherchent un apprentissage.",
                "insertion_jeunes",
            ),
        ),
        contact_role="Responsable des ressources humaines",
    ),
    _org(
        "body-nature",
        "Body Nature",
        "entreprise",
        "79195",
        subkind="entreprise_privee",
        company_size="pme",
        themes=("transition_ecologique", "developpement_local"),
        partnership_types=("pratiques_responsables", "mecenat"),
        intervention=("dep", "fr"),
        description=(
            "Entreprise qui fabrique et commercialise des produits biologiques pour "
            "l'entretien de la maison et la cosmétique, citée en 2012 parmi les PME "
            "fortement engagées du territoire."
        ),
        items=(
            offer(
                "materiel",
                "Des dons de produits d'entretien et d'hygiène pour les "
                "épiceries et les accueils solidaires.",
                "precarite",
            ),
            need(
                "achats",
                "Un ESAT ou une entreprise adaptée pour des travaux de conditionnement.",
                "handicap",
            ),
        ),
        contact_role="Chargée de développement durable",
    ),
    _org(
        "maif",
        "MAIF",
        "mutuelle",
        NIORT,
        subkind="mutuelle_assurances",
        sphere="entreprises",
        is_ess=True,
        company_size="ge",
        themes=("education", "engagement_citoyen"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=("fr",),
        description=(
            "Mutuelle d'assurance dont le siège est à Niort ; en 2012, membre de SFEREN "
            "avec la Macif et la Matmut. L'étude de 2012 rappelle que les sièges des "
            "grandes mutuelles d'assurance font de Niort le berceau du secteur."
        ),
        items=(
            offer(
                "competences",
                "Des collaborateurs volontaires pour des actions d'éducation et de prévention.",
                "education",
            ),
        ),
        contact_role="Chargé de l'engagement sociétal",
    ),
    _org(
        "maaf",
        "MAAF Assurances",
        "mutuelle",
        "79081",
        subkind="mutuelle_assurances",
        sphere="entreprises",
        is_ess=True,
        company_size="ge",
        themes=("acces_droits", "developpement_local"),
        partnership_types=("mecenat",),
        intervention=("fr",),
        description=(
            "Mutuelle d'assurance dont le siège est à Chauray, près de Niort, citée en 2012 "
            "parmi les grandes mutuelles qui font le poids de l'ESS en Poitou-Charentes."
        ),
        items=(
            offer(
                "financement",
                "Un soutien à des associations de prévention du Niortais.",
                "developpement_local",
            ),
        ),
        contact_role="Responsable des partenariats",
    ),
    _org(
        "groupama-centre-atlantique",
        "Groupama Centre-Atlantique",
        "mutuelle",
        NIORT,
        subkind="mutuelle_assurances",
        sphere="entreprises",
        is_ess=True,
        company_size="eti",
        themes=("developpement_local", "cohesion_territoriale"),
        partnership_types=("mecenat",),
        intervention=POITOU_CHARENTES,
        description=(
            "Caisse régionale de l'assurance mutuelle agricole, dont le siège est à Niort ; "
            "citée en 2012 parmi les grandes mutuelles d'assurance niortaises."
        ),
        items=(
            offer(
                "financement",
                "Un soutien à des projets associatifs en milieu rural.",
                "cohesion_territoriale",
            ),
        ),
        contact_role="Chargée de communication",
    ),
    _org(
        "edf-poitou-charentes",
        "EDF – délégation régionale Poitou-Charentes",
        "entreprise",
        POITIERS,
        subkind="entreprise_publique",
        company_size="ge",
        public_service_mission=True,
        themes=("acces_droits", "precarite", "transition_ecologique"),
        partnership_types=("innovation_societale",),
        intervention=POITOU_CHARENTES,
        description=(
            "Délégation régionale du fournisseur d'électricité. Avec GDF SUEZ et La Poste, "
            "l'un des trois piliers des réunions d'information sur l'accès aux droits "
            "organisées pour les associations (une dizaine d'associations présentes sur "
            "une trentaine invitées à la première réunion)."
        ),
        items=(
            offer(
                "expertise",
                "Informer les associations sur les aides et les tarifs sociaux de l'énergie.",
                "acces_droits",
            ),
            need(
                "acces_publics",
                "Des associations relais pour orienter les ménages en impayés vers une solution.",
                "precarite",
            ),
        ),
        contact_role="Correspondante solidarité",
    ),
    _org(
        "banque-de-france-poitiers",
        "Banque de France – succursale de Poitiers",
        "etablissement_public",
        POITIERS,
        subkind="autre_etablissement_public",
        themes=("inclusion_bancaire", "acces_droits"),
        partnership_types=("innovation_societale",),
        intervention=("dep",),
        description=(
            "Succursale départementale de la banque centrale : droit au compte, "
            "surendettement, information des particuliers. Impliquée dans l'initiative "
            "d'information des associations sur l'accès aux droits."
        ),
        items=(
            offer(
                "formation",
                "Des sessions d'information des travailleurs sociaux sur le "
                "surendettement et le droit au compte.",
                "inclusion_bancaire",
            ),
        ),
        contact_role="Responsable du service des particuliers",
    ),
    _org(
        "cpam-vienne",
        "Caisse primaire d'assurance maladie (CPAM) de la Vienne",
        "etablissement_public",
        POITIERS,
        subkind="autre_etablissement_public",
        acronym="CPAM",
        public_service_mission=True,
        themes=("sante", "acces_droits"),
        partnership_types=("innovation_societale",),
        intervention=("dep",),
        description=(
            "L'Assurance maladie dans la Vienne ; impliquée dans l'initiative d'information "
            "des associations sur l'accès aux droits (santé)."
        ),
        items=(
            offer(
                "formation",
                "Informer les associations sur la complémentaire santé "
                "solidaire et l'accès aux soins.",
                "sante",
                "acces_droits",
            ),
        ),
        contact_role="Chargée de mission accès aux soins",
    ),
    _org(
        "eaux-de-vienne-siveer",
        "Eaux de Vienne – Siveer",
        "etablissement_public",
        POITIERS,
        subkind="autre_etablissement_public",
        public_service_mission=True,
        themes=("acces_droits", "transition_ecologique"),
        partnership_types=("innovation_societale",),
        intervention=("dep",),
        description=(
            "Service public de l'eau et de l'assainissement dans la Vienne ; impliqué dans "
            "l'initiative d'information des associations sur l'accès aux droits (eau)."
        ),
        items=(
            offer(
                "expertise",
                "Expliquer aux associations les dispositifs d'aide au paiement des factures d'eau.",
                "acces_droits",
            ),
        ),
        contact_role="Responsable de la relation aux abonnés",
    ),
)

# --------------------------------------------------------------- 2013 Charenton

_CHARENTON_2013 = (
    _org(
        "ville-charenton",
        "Ville de Charenton-le-Pont",
        "collectivite",
        CHARENTON,
        subkind="commune",
        themes=("emploi", "developpement_local", "handicap", "insertion_jeunes", "precarite"),
        partnership_types=ALL_TYPES,
        intervention=CHARENTON_SAINT_MAURICE,
        description=(
            "Sa direction de l'économie et de l'emploi, qui agit pour Charenton-le-Pont et "
            "Saint-Maurice, a lancé le 2 octobre 2012, devant 140 personnes, « Agir "
            "ensemble sur le territoire » au nom de la Communauté de communes "
            "Charenton – Saint-Maurice (dissoute en 2016 dans la Métropole du Grand "
            "Paris) : trois groupes de travail associations-entreprises (handicap, "
            "insertion des jeunes, lutte contre la précarité), sept actions retenues et un "
            "guide des acteurs du territoire. 118 personnes à la restitution du 5 juin "
            "2013, dont 35 entreprises et 41 associations."
        ),
        items=(
            offer(
                "reseau",
                "L'animation du réseau associations-entreprises-collectivités "
                "« Agir ensemble sur le territoire ».",
                "developpement_local",
            ),
            offer(
                "communication",
                "Un guide numérique et papier des acteurs du territoire "
                "sur le handicap, l'insertion des jeunes et la précarité.",
            ),
            need(
                "reseau",
                "Des acteurs qui proposent un service sur l'une des trois "
                "thématiques et veulent figurer dans le guide des acteurs.",
            ),
            need(
                "competences",
                "Des professionnels (rédaction, graphisme) pour élaborer le "
                "guide des acteurs du territoire.",
            ),
            need(
                "benevolat",
                "Des tuteurs pour accompagner un par un des jeunes de 16 à 25 "
                "ans en rupture scolaire vers le monde professionnel.",
                "insertion_jeunes",
            ),
        ),
        contact_role="Chargée de mission économie et entreprises",
    ),
    _org(
        "ville-saint-maurice",
        "Ville de Saint-Maurice",
        "collectivite",
        SAINT_MAURICE,
        subkind="commune",
        themes=("insertion_jeunes", "education", "cohesion_territoriale"),
        partnership_types=("innovation_societale", "cooperation_economique"),
        intervention=("commune",),
        description=(
            "Son service jeunesse co-anime l'action « parcours-action vers le monde "
            "professionnel » de la démarche Agir ensemble sur le territoire : aider des "
            "jeunes de 16 à 25 ans en rupture scolaire à découvrir leurs aptitudes, "
            "préciser leur projet et se constituer un réseau de proximité."
        ),
        items=(
            offer(
                "acces_publics",
                "L'accompagnement de jeunes de 16 à 25 ans par le service jeunesse.",
                "insertion_jeunes",
            ),
            need(
                "formation",
                "Des entreprises et des lieux professionnels à visiter pour "
                "faire découvrir les métiers sur place.",
                "insertion_jeunes",
            ),
            need(
                "reseau",
                "Des embauches ponctuelles lors d'événements publics et des "
                "chantiers de rénovation chez les bailleurs sociaux pour les jeunes du "
                "parcours.",
                "emploi",
            ),
        ),
        contact_role="Coordinatrice jeunesse",
    ),
    _org(
        "natixis",
        "Natixis",
        "entreprise",
        CHARENTON,
        subkind="entreprise_privee",
        company_size="ge",
        themes=("handicap", "emploi", "egalite_chances"),
        partnership_types=("pratiques_responsables", "innovation_societale"),
        intervention=CHARENTON_SAINT_MAURICE,
        description=(
            "Banque de financement, de gestion d'actifs et de services financiers du "
            "groupe BPCE, actrice du territoire de Charenton – Saint-Maurice. Elle a "
            "co-animé en 2012-2013 le groupe « handicap » de la démarche Agir ensemble "
            "sur le territoire avec l'association Tremplin, et porte l'action « réseau "
            "territorial de référents handicap »."
        ),
        items=(
            offer(
                "competences",
                "Notre expérience RH du recrutement et de la formation de "
                "personnes en situation de handicap.",
                "handicap",
            ),
            offer(
                "benevolat",
                "Des collaborateurs volontaires comme référents handicap et "
                "relais de sensibilisation.",
                "handicap",
            ),
            need(
                "reseau",
                "Une cartographie des contacts handicap des structures soumises "
                "à l'obligation d'emploi de travailleurs handicapés.",
                "handicap",
            ),
            need(
                "communication",
                "Un relais de communication sur le territoire pour les "
                "actions de sensibilisation au handicap.",
            ),
            need(
                "reseau",
                "Des co-leaders, associations et entreprises, pour animer le "
                "réseau des référents dans la durée.",
            ),
        ),
        contact_role="Chargée de mission handicap",
    ),
    _org(
        "tremplin",
        "Tremplin – Études, Handicap, Entreprises",
        "association",
        CHARENTON,
        subkind="association_interet_general",
        themes=("handicap", "education", "insertion_jeunes", "emploi"),
        partnership_types=("mecenat", "pratiques_responsables"),
        intervention=("reg:11", "fr"),
        description=(
            "Association créée en 1992 par quatre grandes entreprises pour accompagner les "
            "lycéens et les étudiants en situation de handicap dans leurs études et vers "
            "l'emploi ; elle réunit près de 200 entreprises partenaires et les aide à "
            "mieux accueillir. Elle a co-animé le groupe « handicap » de la démarche Agir "
            "ensemble sur le territoire (2012-2013)."
        ),
        items=(
            offer(
                "expertise",
                "Sensibiliser les managers et les équipes à l'accueil de "
                "jeunes en situation de handicap.",
                "handicap",
            ),
            offer(
                "acces_publics",
                "Des lycéens et des étudiants handicapés accompagnés jusqu'au premier emploi.",
                "insertion_jeunes",
            ),
            need(
                "formation",
                "Des stages, des alternances et des premiers emplois pour les "
                "étudiants que nous accompagnons.",
                "emploi",
            ),
        ),
        contact_role="Chargé de relations entreprises",
    ),
    _org(
        "club-gravelle-entreprendre",
        "Club Gravelle Entreprendre",
        "reseau",
        CHARENTON,
        subkind="tete_de_reseau",
        sphere="entreprises",
        themes=("developpement_local", "engagement_citoyen", "precarite", "insertion_jeunes"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=(*CHARENTON_SAINT_MAURICE, "com:94046"),
        description=(
            "Club d'entreprises de Charenton-le-Pont, Saint-Maurice et Maisons-Alfort, dont "
            "les membres accompagnent des créateurs d'entreprise par un tutorat. Partenaire "
            "de la démarche Agir ensemble sur le territoire, il a co-animé le groupe "
            "« insertion des jeunes » et porte l'action « réseau d'entraide local » : des "
            "associations, des entreprises et des services de la collectivité mobilisables "
            "pour des besoins non financiers, avec une bourse de matériel et de services."
        ),
        items=(
            offer(
                "competences",
                "Le tutorat de créateurs d'entreprise par des chefs d'entreprise du club.",
                "developpement_local",
            ),
            offer(
                "materiel",
                "Une bourse de matériel et de services entre les membres du "
                "réseau d'entraide local.",
                "precarite",
            ),
            need(
                "reseau",
                "Des partenaires pour animer dans la durée le réseau d'entraide "
                "associations-entreprises-collectivité.",
            ),
            need("communication", "Un relais pour faire connaître le réseau local d'entraide."),
        ),
        contact_role="Secrétaire du club",
    ),
    _org(
        "maison-des-lyceens-robert-schuman",
        "Maison des lycéens du lycée Robert Schuman",
        "association",
        CHARENTON,
        subkind="association_declaree",
        themes=("education", "insertion_jeunes", "engagement_citoyen"),
        partnership_types=("mecenat", "innovation_societale"),
        description=(
            "Association des élèves du lycée Robert Schuman de Charenton-le-Pont, qui anime "
            "la vie lycéenne. Elle a co-animé le groupe « insertion des jeunes » de la "
            "démarche Agir ensemble et porte l'action « des professionnels présentent les "
            "métiers du territoire » aux élèves et aux professeurs."
        ),
        items=(
            need(
                "competences",
                "Des professionnels qui viennent présenter leur métier aux "
                "élèves et aux professeurs.",
                "education",
            ),
            need(
                "formation",
                "Des stages pour les élèves de bac professionnel (commerce, gestion).",
                "insertion_jeunes",
            ),
            need(
                "reseau",
                "Des entreprises et des associations au forum des métiers et aux "
                "journées portes ouvertes du lycée.",
            ),
            offer(
                "benevolat",
                "Des lycéens engagés pour des collectes et des actions solidaires.",
                "engagement_citoyen",
            ),
        ),
        contact_role="Conseillère principale d'éducation",
    ),
    _org(
        "credit-foncier",
        "Crédit Foncier",
        "entreprise",
        CHARENTON,
        subkind="entreprise_privee",
        company_size="eti",
        themes=("logement", "precarite", "engagement_citoyen", "developpement_local"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=(*CHARENTON_SAINT_MAURICE, "fr"),
        description=(
            "Acteur du financement et de l'immobilier depuis 160 ans en 2013, du groupe "
            "BPCE. Son mécénat repose sur trois piliers : le logement (par exemple avec "
            "Solidarités Nouvelles pour le Logement), l'engagement associatif de ses "
            "collaborateurs et l'ancrage territorial. Partenaire de la démarche Agir "
            "ensemble sur le territoire, il a co-animé le groupe « lutte contre la "
            "précarité ». Ses activités ont été reprises par BPCE en 2019."
        ),
        items=(
            offer(
                "financement",
                "Le mécénat de projets liés au logement des personnes en difficulté.",
                "logement",
            ),
            offer(
                "benevolat",
                "Le soutien des projets associatifs où s'engagent nos collaborateurs.",
                "engagement_citoyen",
            ),
            need(
                "reseau",
                "Connaître les associations du territoire pour y ancrer notre mécénat.",
                "developpement_local",
            ),
        ),
        contact_role="Chargée de mécénat",
    ),
    _org(
        "au-petit-plus",
        "Épicerie solidaire Au Petit Plus",
        "association",
        CHARENTON,
        subkind="association_interet_general",
        website="https://www.aupetitplus.fr",
        themes=("precarite", "acces_droits", "vieillissement"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=CHARENTON_SAINT_MAURICE,
        description=(
            "Association créée en 2005 à l'initiative de la Société de Saint-Vincent-de-Paul. "
            "L'épicerie apporte une aide alimentaire aux personnes en précarité de "
            "Charenton-le-Pont et de Saint-Maurice : après étude de leur dossier, les "
            "bénéficiaires font leurs courses accompagnés de bénévoles et paient 10 % du "
            "prix des produits ; des paniers sont portés aux personnes âgées qui ne peuvent "
            "se déplacer. Elle porte l'action « observatoire des fragilités locales » de la "
            "démarche Agir ensemble."
        ),
        items=(
            need(
                "innovation",
                "Des partenaires (logement, crédit, banque, téléphonie) pour "
                "construire des indicateurs d'alerte et orienter tôt les personnes vers les "
                "structures d'accompagnement.",
                "precarite",
                "acces_droits",
            ),
            need("materiel", "Du matériel frigorifique pour stocker des produits frais."),
            need(
                "benevolat",
                "Des bénévoles pour l'accueil de l'épicerie et la livraison "
                "des paniers aux personnes âgées.",
                "vieillissement",
            ),
            offer(
                "expertise",
                "Notre connaissance des situations de précarité du "
                "territoire et des circuits d'orientation.",
                "precarite",
            ),
        ),
        contact_role="Trésorière",
    ),
    _org(
        "academie-de-boxe",
        "Académie de boxe",
        "association",
        CHARENTON,
        subkind="association_membres",
        themes=("culture_sport_loisirs", "handicap", "insertion_jeunes"),
        partnership_types=("mecenat", "innovation_societale"),
        intervention=CHARENTON_SAINT_MAURICE,
        description=(
            "Club de boxe du territoire, référent de l'action « raid sportif pour les "
            "personnes en situation de handicap » de la démarche Agir ensemble : un "
            "parcours sportif de quelques jours en Corse pour montrer le potentiel des "
            "personnes handicapées par le dépassement de soi, avec un plan de communication "
            "pour changer le regard du public et des scolaires."
        ),
        items=(
            need(
                "communication",
                "Un service de communication pour réaliser et mettre en "
                "forme les reportages du raid.",
                "handicap",
            ),
            need("competences", "La création d'une page internet dédiée au raid sportif."),
            need(
                "communication",
                "Que les entreprises relaient le raid auprès de leurs "
                "salariés et les écoles auprès des élèves.",
            ),
            need(
                "reseau", "L'appui des associations du territoire pour faire connaître l'événement."
            ),
        ),
        contact_role="Entraîneur bénévole",
    ),
    _org(
        "caisse-des-depots-ile-de-france",
        "Caisse des Dépôts – direction régionale Île-de-France",
        "etablissement_public",
        PARIS,
        subkind="caisse_des_depots",
        themes=("developpement_local", "cohesion_territoriale"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        intervention=("reg:11",),
        description=(
            "Partenaire de l'expérimentation « Agir ensemble sur le territoire » à "
            "Charenton-le-Pont – Saint-Maurice, qu'elle a suivie de près : une première en "
            "Île-de-France."
        ),
        items=(
            offer(
                "financement",
                "Le soutien de démarches territoriales de coopération "
                "entre associations, entreprises et collectivités.",
                "cohesion_territoriale",
            ),
            offer("reseau", "L'ouverture de notre réseau d'accompagnement des associations (DLA)."),
        ),
        contact_role="Chargé de développement territorial",
    ),
    _org(
        "solidarites-nouvelles-logement",
        "Solidarités Nouvelles pour le Logement",
        "association",
        PARIS,
        subkind="association_interet_general",
        acronym="SNL",
        themes=("logement", "precarite"),
        partnership_types=("mecenat",),
        intervention=("reg:11",),
        description=(
            "Association qui crée des logements d'insertion pour des personnes en "
            "difficulté et les accompagne grâce à des groupes locaux de bénévoles ; "
            "partenaire du mécénat logement du Crédit Foncier (2013)."
        ),
        items=(
            need(
                "financement",
                "Le financement de la rénovation de logements d'insertion.",
                "logement",
            ),
            need("benevolat", "Des bénévoles pour accompagner les locataires.", "logement"),
        ),
        contact_role="Responsable du mécénat",
    ),
    _org(
        "habitat-et-humanisme",
        "Habitat et Humanisme",
        "association",
        "69034",
        subkind="association_interet_general",
        themes=("logement", "precarite", "developpement_local"),
        partnership_types=("innovation_societale", "mecenat"),
        intervention=("fr",),
        description=(
            "Mouvement qui agit pour le logement et l'insertion des personnes en "
            "difficulté. Avec l'Université catholique de Lyon, il a impulsé en 2013 les "
            "Ateliers de l'entrepreneuriat humaniste en Rhône-Alpes : partenariats "
            "associations-entreprises, financement des associations en grande difficulté, "
            "incubation de projets sociétaux, épargne salariale solidaire."
        ),
        items=(
            offer(
                "expertise",
                "Notre expérience du logement d'insertion et de l'accompagnement des ménages.",
                "logement",
            ),
            need(
                "financement",
                "De l'épargne salariale solidaire pour financer des logements à loyer très modéré.",
                "logement",
            ),
        ),
        contact_role="Chargée des partenariats entreprises",
    ),
    _org(
        "universite-catholique-de-lyon",
        "Université catholique de Lyon",
        "association",
        "69123",
        subkind="association_interet_general",
        themes=("education", "developpement_local"),
        partnership_types=("innovation_societale",),
        intervention=("reg:84",),
        description=(
            "Établissement d'enseignement supérieur ; avec Habitat et Humanisme, "
            "co-initiateur en 2013 des Ateliers de l'entrepreneuriat humaniste, qui "
            "associent la recherche aux travaux de groupes d'acteurs."
        ),
        items=(
            offer(
                "expertise",
                "Un regard de chercheurs sur les partenariats associations-entreprises.",
                "education",
            ),
        ),
        contact_role="Chargé de mission recherche",
    ),
    _org(
        "alsace-active",
        "Alsace Active",
        "intermediaire",
        "67482",
        subkind="france_active",
        themes=("developpement_local", "emploi", "engagement_citoyen"),
        partnership_types=ALL_TYPES,
        intervention=("dep:67", "dep:68"),
        description=(
            "Fonds territorial France Active qui porte le dispositif local d'accompagnement "
            "(DLA) : accompagnement et financement des créateurs d'entreprise et des "
            "associations employeuses. En février 2012, avec ses partenaires, elle a lancé "
            "le premier laboratoire régional des partenariats associations-entreprises : "
            "speed-datings entre dix dirigeants d'associations et dix d'entreprises, "
            "analyse des pratiques, diffusion. 55 partenariats en étaient nés en 2013."
        ),
        items=(
            offer(
                "reseau",
                "L'organisation de speed-datings entre dirigeants d'associations et d'entreprises.",
            ),
            offer(
                "competences",
                "L'accompagnement des PME qui veulent construire des "
                "partenariats avec des associations.",
            ),
            offer(
                "financement",
                "Le financement solidaire des créateurs d'entreprise et des "
                "associations employeuses.",
                "emploi",
            ),
        ),
        contact_role="Chargé de mission partenariats",
    ),
)

REAL_ORGANISATIONS: tuple[RealOrganisation, ...] = (
    *_PANEL_2012,
    *_CITED_2012,
    *_CHARENTON_2013,
)
