"""What the synthetic population (``maillage generate_synthetic``) is drawn from, besides the
demo archetypes (``demo.data.archetypes``): public bodies, registry-style names and objects,
extra sentences, and the national mix of kinds.

Proportions are orders of magnitude from public figures, rounded (documented in
docs/decisions/0010-synthetic-population.md): about 1.5 million active associations and
1.1 million employer companies, some 35 000 communes, a few thousand SIAE, ESAT and
cooperatives. So out of 100 actors: 55 associations, 38 companies, 1 cooperative, 3 public
bodies, and the rest split among the other kinds.
"""

from __future__ import annotations

from maillage.demo.data.archetypes import Archetype

# Share (per 10 000 actors) of each kind; the demo archetypes of a kind share its part
# according to their own weights.
KIND_SHARES: dict[str, int] = {
    "association": 5500,
    "entreprise": 3790,
    "cooperative": 110,
    "siae": 60,
    "secteur_adapte": 30,
    "mutuelle": 10,
    "fondation": 30,
    "reseau": 50,
    "intermediaire": 30,
    "collectivite": 250,
    "etat": 20,
    "etablissement_public": 120,
}

# Profile levels: (name, share in percent). A "registre" actor is what an import of the
# official registers gives (name, kind, commune, identifier, sometimes an object); a
# "partiel" profile was started on the platform; a "complet" one has needs, offers,
# contacts, intervention areas and partnership types.
PROFILE_LEVELS: tuple[tuple[str, int], ...] = (("registre", 55), ("partiel", 30), ("complet", 15))

# Share of closed (dissolved) actors, in percent.
CLOSED_PERCENT = 3

PUBLIC_ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        key="mairie",
        weight=6,
        kind="collectivite",
        subkind="commune",
        names=("Mairie {de_commune}", "Commune {de_commune}", "Ville {de_commune}"),
        themes=("cohesion_territoriale", "developpement_local"),
        optional_themes=("engagement_citoyen", "vieillissement", "education"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        descriptions=(
            "La commune {de_commune} accompagne la vie associative locale : prêt de salles, "
            "subventions, forum des associations chaque mois de septembre.",
            "Services municipaux {de_commune} : action sociale, écoles, équipements "
            "sportifs et culturels, soutien au commerce de proximité.",
        ),
        needs=(
            ("reseau", "Mieux connaître les associations et les entreprises de la commune."),
            ("benevolat", "Des bénévoles pour l'accompagnement des personnes isolées."),
        ),
        offers=(
            ("locaux", "Des salles municipales prêtées aux associations."),
            ("financement", "Des subventions aux projets associatifs d'intérêt local."),
        ),
        roles=("Adjointe à la vie associative", "Directeur général des services"),
        sphere="pouvoirs_publics",
    ),
    Archetype(
        key="intercommunalite",
        weight=1,
        kind="collectivite",
        subkind="communaute_communes",
        names=("Maison de l'intercommunalité {du_pays}", "Service développement {du_pays}"),
        themes=("developpement_local", "cohesion_territoriale"),
        optional_themes=("transition_ecologique", "emploi"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        descriptions=(
            "Service de développement économique de l'intercommunalité {du_pays} : "
            "accueil des entreprises, zones d'activités, tiers-lieux et circuits courts.",
        ),
        needs=(("innovation", "Des partenaires pour expérimenter un tiers-lieu rural."),),
        offers=(("reseau", "Mise en relation avec les entreprises du territoire."),),
        roles=("Chargée de développement économique", "Vice-président"),
        intervention=("epci",),
        sphere="pouvoirs_publics",
    ),
    Archetype(
        key="ccas",
        weight=3,
        kind="etablissement_public",
        subkind="ccas",
        names=("CCAS {de_commune}", "Centre communal d'action sociale {de_commune}"),
        themes=("precarite", "acces_droits"),
        optional_themes=("vieillissement", "logement", "inclusion_bancaire"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Le centre communal d'action sociale {de_commune} instruit les demandes d'aide, "
            "accompagne les personnes âgées et oriente les familles en difficulté.",
        ),
        needs=(
            ("materiel", "Des colis alimentaires et des produits d'hygiène."),
            ("expertise", "Des relais associatifs pour les personnes en situation d'illettrisme."),
        ),
        offers=(("acces_publics", "Une permanence d'accès aux droits chaque semaine."),),
        roles=("Directrice du CCAS", "Travailleur social"),
        sphere="pouvoirs_publics",
    ),
    Archetype(
        key="mission_locale",
        weight=1,
        kind="etablissement_public",
        subkind="mission_locale",
        names=("Mission locale {du_pays}",),
        themes=("insertion_jeunes", "emploi"),
        optional_themes=("logement", "sante"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "La mission locale {du_pays} accompagne les jeunes de 16 à 25 ans vers l'emploi, "
            "la formation, le logement et la santé.",
        ),
        needs=(
            ("competences", "Des entreprises pour des stages et des immersions."),
            ("benevolat", "Des parrains et marraines pour les jeunes accompagnés."),
        ),
        offers=(("expertise", "Notre connaissance des jeunes éloignés de l'emploi."),),
        roles=("Conseillère en insertion", "Directeur"),
        intervention=("epci",),
        sphere="pouvoirs_publics",
    ),
    Archetype(
        key="france_travail",
        weight=1,
        kind="etablissement_public",
        subkind="france_travail",
        names=("Agence France Travail {de_commune}",),
        themes=("emploi", "insertion_iae"),
        partnership_types=("cooperation_economique",),
        descriptions=(
            "Agence France Travail {de_commune} : accompagnement des demandeurs d'emploi et "
            "des employeurs qui recrutent.",
        ),
        needs=(("reseau", "Des entreprises qui recrutent pour des job datings."),),
        offers=(("acces_publics", "Des ateliers pour les demandeurs d'emploi."),),
        roles=("Directrice d'agence", "Conseiller entreprises"),
        intervention=("epci",),
        sphere="pouvoirs_publics",
    ),
    Archetype(
        key="ddets",
        weight=1,
        kind="etat",
        subkind="ddets",
        names=("Direction départementale de l'emploi, du travail et des solidarités {du_pays}",),
        themes=("insertion_iae", "precarite"),
        partnership_types=("cooperation_economique",),
        descriptions=(
            "Service de l'État chargé de l'emploi, de l'insertion par l'activité économique "
            "et des solidarités dans le département.",
        ),
        needs=(("reseau", "Connaître les employeurs engagés dans l'inclusion."),),
        offers=(("financement", "Des aides au poste pour les structures d'insertion."),),
        roles=("Cheffe de service", "Chargé de mission IAE"),
        intervention=("dep",),
        sphere="pouvoirs_publics",
    ),
)

# Registry-style associations: what the RNA gives for the many small associations that
# no archetype describes (name patterns and their « objet »).
ASSOCIATION_NAMES: tuple[str, ...] = (
    "Comité des fêtes {de_commune}",
    "Amicale des anciens élèves {de_commune}",
    "Association sportive {de_commune}",
    "Football club {de_commune}",
    "Tennis club {de_commune}",
    "Club de pétanque {de_commune}",
    "Les Amis du patrimoine {de_commune}",
    "Association des parents d'élèves {de_commune}",
    "Société de chasse {de_commune}",
    "Club des aînés {de_commune}",
    "Chorale {word} {de_commune}",
    "Harmonie municipale {de_commune}",
    "Association culturelle {word}",
    "Les Jardins familiaux {de_commune}",
    "Atelier théâtre {word}",
    "Gymnastique volontaire {de_commune}",
    "Union des commerçants {de_commune}",
    "Association {word} {du_pays}",
    "Les Randonneurs {du_pays}",
    "Judo club {de_commune}",
    "Amicale des sapeurs-pompiers {de_commune}",
    "Association de pêche {word}",
    "Comité de jumelage {de_commune}",
    "Ludothèque {word}",
)
ASSOCIATION_WORDS: tuple[str, ...] = (
    "La Clé des chants",
    "Les Trois Rivières",
    "L'Envol",
    "Horizons",
    "Le Fil d'Ariane",
    "La Passerelle",
    "Les Tilleuls",
    "Arc-en-ciel",
    "Le Moulin",
    "La Source",
    "Les Hirondelles",
    "Escapade",
    "Renaissance",
    "Le Lien",
    "Tisserands",
    "Les Coquelicots",
)
ASSOCIATION_OBJECTS: tuple[str, ...] = (
    "Organiser des manifestations festives et culturelles {a_commune}.",
    "Favoriser la pratique du sport pour tous, enfants et adultes.",
    "Sauvegarder et mettre en valeur le patrimoine local.",
    "Créer du lien entre les habitants par des activités de loisirs.",
    "Représenter les parents d'élèves auprès des écoles {de_commune}.",
    "Rompre l'isolement des personnes âgées par des rencontres et des sorties.",
    "Promouvoir la musique et le chant choral.",
    "Entretenir des jardins partagés et transmettre le goût du jardinage.",
    "Soutenir les familles en difficulté du quartier.",
    "Développer les échanges avec notre ville jumelle.",
)

# Registry-style companies: a trade and a family name, as most of SIRENE reads.
COMPANY_NAMES: tuple[str, ...] = (
    "{surname} et Fils",
    "SARL {surname}",
    "Ets {surname}",
    "{surname} Conseil",
    "Transports {surname}",
    "Menuiserie {surname}",
    "Plomberie {surname}",
    "Électricité générale {surname}",
    "Pharmacie {surname}",
    "Cabinet {surname}",
    "Coiffure {word}",
    "Boucherie {surname}",
    "Maçonnerie {surname}",
    "Taxi {surname}",
    "Librairie {word}",
    "Restaurant {word}",
    "Fleurs {word}",
    "{surname} Informatique",
    "Auto-école {surname}",
    "Ambulances {surname}",
)
COMPANY_WORDS: tuple[str, ...] = (
    "Le Bon Accueil",
    "La Belle Époque",
    "Les Quatre Saisons",
    "Au Coin de la rue",
    "Le Comptoir",
    "La Fabrique",
    "L'Atelier",
    "Le Petit Marché",
    "Les Délices",
    "La Table d'hôtes",
)
COMPANY_OBJECTS: tuple[str, ...] = (
    "Entreprise artisanale {a_commune}, au service des particuliers et des professionnels.",
    "Commerce de proximité ouvert six jours sur sept.",
    "Prestations de services aux entreprises et aux collectivités {du_pays}.",
    "Entreprise familiale créée en {year}, {staff} salariés.",
    "Travaux de rénovation, d'entretien et de dépannage.",
)

# Sentences that lengthen a profile's presentation (platform profiles).
EXTRA_SENTENCES: tuple[str, ...] = (
    "Nous cherchons à nouer des partenariats durables avec les acteurs du territoire.",
    "Nos actions s'adressent en priorité aux habitants des quartiers prioritaires.",
    "L'équipe est joignable par courriel et reçoit sur rendez-vous.",
    "Nous travaillons en lien étroit avec la mairie et le centre social.",
    "Un engagement fort pour la transition écologique et les circuits courts.",
    "Nos bénévoles interviennent aussi dans les communes rurales voisines.",
    "Nous accueillons des stagiaires et des jeunes en service civique.",
    "Le projet associatif a été renouvelé en assemblée générale.",
    "Nous participons au forum des associations chaque rentrée.",
    "Nos locaux sont accessibles aux personnes à mobilité réduite.",
    "Les entreprises partenaires mobilisent leurs salariés lors de journées solidaires.",
    "Nous mesurons chaque année notre impact social avec nos partenaires.",
    "Un accompagnement individuel et collectif, gratuit et confidentiel.",
    "Nous recherchons des mécènes pour développer un nouveau projet.",
)

# Labels given to some actors of a kind: (kind, label code, percent of that kind).
LABEL_RULES: tuple[tuple[str, str, int], ...] = (
    ("association", "rup", 1),
    ("association", "jeunesse_education_populaire", 4),
    ("siae", "conventionnement_iae", 90),
    ("cooperative", "esus", 30),
    ("entreprise", "lucie", 1),
    ("entreprise", "b_corp", 1),
    ("collectivite", "charte_alliance", 5),
)
