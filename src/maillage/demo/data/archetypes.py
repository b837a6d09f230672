"""The kinds of local structures fictional demo actors are composed from.

Each ``Archetype`` is a kind of structure a facilitator meets on a territory (épicerie
solidaire, chantier d'insertion, ESAT, boulangerie, Scop…) with name patterns, themes,
descriptions, needs, offers and contact roles written in plain French. Patterns use these
placeholders, filled by ``demo.catalogue``:

``{commune}`` Poitiers · ``{de_commune}`` de Poitiers / du Pin / d'Angoulême ·
``{a_commune}`` à Poitiers / au Pin · ``{pays}`` Bocage · ``{du_pays}`` du Bocage ·
``{surname}`` a family name · ``{word}`` one of the archetype's ``words`` ·
``{year}``, ``{volunteers}``, ``{staff}``, ``{families}`` plausible figures.

Job titles are written in the feminine or the masculine; ``demo.catalogue`` matches them
to the contact's first name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Archetype:
    key: str
    weight: int
    kind: str
    subkind: str
    names: tuple[str, ...]
    themes: tuple[str, ...]
    partnership_types: tuple[str, ...]
    descriptions: tuple[str, ...]
    needs: tuple[tuple[str, str], ...]
    offers: tuple[tuple[str, str], ...]
    roles: tuple[str, ...]
    optional_themes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    sphere: str = ""
    is_ess: bool | None = None
    sizes: tuple[str, ...] = ()
    intervention: tuple[str, ...] = ("commune",)
    # Only where there are fields and villages: never in the Val-de-Marne.
    rural: bool = False


_ASSO = "association"
_TIE = "association_interet_general"
_MEMBERS = "association_membres"

ARCHETYPES: tuple[Archetype, ...] = (
    # ----------------------------------------------------------------- associations
    Archetype(
        key="epicerie",
        weight=9,
        kind=_ASSO,
        subkind=_TIE,
        names=("Épicerie solidaire {de_commune}", "Épicerie sociale « {word} »"),
        words=(
            "Le Panier partagé",
            "La Corbeille",
            "Le Cabas solidaire",
            "L'Étal",
            "La Boussole",
            "Le Coup de pouce",
        ),
        themes=("precarite", "acces_droits"),
        optional_themes=("vieillissement", "sante"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Épicerie solidaire ouverte {a_commune} en {year} : des familles orientées par "
            "les travailleurs sociaux y font leurs courses pour 10 à 30 % du prix habituel, "
            "accompagnées par des bénévoles. Environ {families} foyers aidés chaque année, "
            "des ateliers cuisine et budget.",
            "Association d'aide alimentaire qui tient une épicerie solidaire {a_commune}. "
            "Au-delà des courses, l'équipe de {volunteers} bénévoles propose un accueil, une "
            "écoute et une orientation vers les services sociaux.",
        ),
        needs=(
            (
                "benevolat",
                "Des bénévoles pour l'accueil et la caisse, deux demi-journées par semaine.",
            ),
            ("materiel", "Un réfrigérateur professionnel pour proposer des produits frais."),
            (
                "logistique",
                "Un utilitaire pour aller chercher les denrées à la banque "
                "alimentaire une fois par semaine.",
            ),
            ("financement", "Le financement d'ateliers cuisine et budget pour les familles."),
        ),
        offers=(
            ("expertise", "Notre connaissance des familles en difficulté de la commune."),
            (
                "acces_publics",
                "Relayer une information ou un dispositif auprès des familles "
                "que nous accueillons.",
            ),
        ),
        roles=("Présidente", "Coordinatrice bénévole", "Trésorier"),
    ),
    Archetype(
        key="soutien_scolaire",
        weight=6,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Coup de pouce scolaire {de_commune}",
            "Les Cartables {de_commune}",
            "Réussir ensemble {de_commune}",
        ),
        themes=("education", "egalite_chances"),
        optional_themes=("insertion_jeunes",),
        partnership_types=("mecenat",),
        descriptions=(
            "Association d'accompagnement à la scolarité créée en {year} : {volunteers} "
            "bénévoles aident chaque semaine des collégiens et des lycéens {a_commune} à "
            "faire leurs devoirs et à préparer leur orientation.",
            "Aide aux devoirs, ateliers de lecture et sorties culturelles pour les enfants "
            "des familles modestes {de_commune}.",
        ),
        needs=(
            (
                "benevolat",
                "Des bénévoles, actifs ou retraités, pour l'aide aux devoirs en fin de journée.",
            ),
            ("materiel", "Des ordinateurs portables pour les ateliers numériques."),
            (
                "competences",
                "Des professionnels pour présenter leur métier aux collégiens de troisième.",
            ),
        ),
        offers=(
            ("acces_publics", "Une porte d'entrée vers les familles et les jeunes du quartier."),
        ),
        roles=("Coordinatrice", "Président", "Responsable des bénévoles"),
    ),
    Archetype(
        key="espace_vie_sociale",
        weight=6,
        kind=_ASSO,
        subkind=_TIE,
        names=("Espace de vie sociale « {word} »", "Maison des habitants {de_commune}"),
        words=("La Passerelle", "Le Lien", "L'Escale", "Le Fil", "La Ruche", "Le Carrefour"),
        themes=("cohesion_territoriale", "engagement_citoyen"),
        optional_themes=("culture_sport_loisirs", "vieillissement", "inclusion_numerique"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Lieu d'accueil et d'animation ouvert à tous les habitants {de_commune} : "
            "café associatif, ateliers, sorties familiales et permanences. Porté par "
            "{volunteers} bénévoles et {staff} salariés depuis {year}.",
            "Espace de rencontre entre générations {a_commune}, où les habitants montent "
            "eux-mêmes leurs projets avec l'appui d'une animatrice.",
        ),
        needs=(
            ("locaux", "Une salle plus grande pour les ateliers du samedi."),
            ("financement", "Le financement d'un poste d'animateur à mi-temps."),
            ("competences", "Un accompagnement pour refaire notre site et nos affiches."),
        ),
        offers=(
            ("locaux", "Notre salle de réunion, prêtée aux associations le soir."),
            ("acces_publics", "Un lieu où rencontrer les habitants du quartier."),
        ),
        roles=("Animatrice", "Co-président", "Directrice"),
    ),
    Archetype(
        key="mediation_numerique",
        weight=6,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "{word} — médiation numérique {du_pays}",
            "Les Écrivains publics numériques {du_pays}",
        ),
        words=("Clic solidaire", "Les Passeurs numériques", "Pixel et Partage", "Le Fil numérique"),
        themes=("inclusion_numerique", "acces_droits"),
        optional_themes=("vieillissement", "education"),
        partnership_types=("innovation_societale", "mecenat"),
        descriptions=(
            "Association de médiation numérique : ateliers pour apprendre à se servir d'un "
            "smartphone, accompagnement aux démarches en ligne et permanences d'écrivain "
            "public {a_commune} et dans les communes voisines.",
            "Depuis {year}, des conseillers et {volunteers} bénévoles aident les personnes "
            "éloignées du numérique à faire leurs démarches administratives en ligne.",
        ),
        needs=(
            ("materiel", "Des ordinateurs et des tablettes reconditionnés pour nos ateliers."),
            (
                "locaux",
                "Des permanences dans des lieux de passage (mairie, bureau de "
                "poste, centre commercial).",
            ),
            ("benevolat", "Des salariés à l'aise avec le numérique pour animer des ateliers."),
        ),
        offers=(
            (
                "formation",
                "Des ateliers d'initiation au numérique pour vos salariés ou vos clients.",
            ),
            ("expertise", "Notre expérience des difficultés des publics éloignés du numérique."),
        ),
        roles=("Conseillère numérique", "Coordinateur", "Président"),
        intervention=("commune", "epci"),
    ),
    Archetype(
        key="club_sportif",
        weight=7,
        kind=_ASSO,
        subkind=_MEMBERS,
        names=(
            "Union sportive {de_commune}",
            "Judo-club {de_commune}",
            "Club de basket {de_commune}",
            "Cercle d'escrime {de_commune}",
            "Association de randonnée {du_pays}",
        ),
        themes=("culture_sport_loisirs",),
        optional_themes=("handicap", "insertion_jeunes", "sante"),
        partnership_types=("mecenat",),
        descriptions=(
            "Club sportif fondé en {year}, {volunteers} bénévoles et plusieurs centaines "
            "de licenciés. Une section sport adapté accueille des personnes en situation "
            "de handicap.",
            "Association sportive {de_commune} : entraînements pour tous les âges, "
            "compétitions départementales et stages pendant les vacances scolaires.",
        ),
        needs=(
            (
                "financement",
                "Des partenaires pour financer les licences des jeunes des familles modestes.",
            ),
            ("materiel", "Un minibus pour les déplacements en compétition."),
            ("benevolat", "Des bénévoles pour l'organisation de notre tournoi annuel."),
        ),
        offers=(
            ("communication", "De la visibilité pour nos partenaires lors de nos manifestations."),
            ("locaux", "Notre club-house pour des réunions en semaine."),
        ),
        roles=("Président", "Secrétaire", "Entraîneuse"),
    ),
    Archetype(
        key="culture",
        weight=5,
        kind=_ASSO,
        subkind=_TIE,
        names=("Compagnie {word}", "École de musique {du_pays}", "Ciné-club {de_commune}"),
        words=(
            "des Quatre Vents",
            "L'Arbre à palabres",
            "La Lanterne",
            "Le Grand Écart",
            "Hors-Champ",
        ),
        themes=("culture_sport_loisirs", "education"),
        optional_themes=("cohesion_territoriale", "egalite_chances"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Association culturelle installée {a_commune} depuis {year} : spectacles, "
            "ateliers dans les écoles et actions culturelles dans les quartiers et les "
            "communes rurales.",
            "Structure d'éducation artistique qui fait découvrir la pratique à des publics "
            "qui en sont éloignés, en lien avec les établissements scolaires {du_pays}.",
        ),
        needs=(
            ("financement", "Le mécénat d'une tournée dans les communes rurales."),
            ("locaux", "Un lieu de répétition disponible en soirée."),
            ("communication", "Un relais de communication pour notre saison."),
        ),
        offers=(
            (
                "formation",
                "Des ateliers de prise de parole et de théâtre pour les équipes en entreprise.",
            ),
            ("acces_publics", "Des actions culturelles avec les habitants des quartiers."),
        ),
        roles=("Administratrice", "Directeur artistique", "Chargée de production"),
    ),
    Archetype(
        key="aide_domicile",
        weight=5,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Aide et services à domicile {du_pays}",
            "Les Amis des aînés {de_commune}",
            "Bien vieillir {du_pays}",
        ),
        themes=("vieillissement", "sante"),
        optional_themes=("cohesion_territoriale",),
        partnership_types=("innovation_societale", "mecenat"),
        descriptions=(
            "Association d'aide et d'accompagnement à domicile : {staff} salariés "
            "interviennent chez des personnes âgées ou en perte d'autonomie pour les "
            "aider au quotidien et rompre leur isolement.",
            "Association qui lutte contre l'isolement des personnes âgées {du_pays} : "
            "visites à domicile, appels de convivialité, sorties et transport solidaire.",
        ),
        needs=(
            (
                "benevolat",
                "Des bénévoles pour des visites de convivialité chez des personnes âgées isolées.",
            ),
            (
                "innovation",
                "Expérimenter un service de transport solidaire vers les "
                "commerces et les rendez-vous médicaux.",
            ),
            ("materiel", "Des tablettes simplifiées pour garder le lien avec les familles."),
        ),
        offers=(
            ("expertise", "Notre connaissance des besoins des personnes âgées à domicile."),
            (
                "formation",
                "Sensibiliser vos équipes d'accueil au vieillissement et à la perte d'autonomie.",
            ),
        ),
        roles=("Responsable de secteur", "Présidente", "Directeur"),
        intervention=("commune", "epci"),
    ),
    Archetype(
        key="handicap",
        weight=5,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Loisirs pour tous {du_pays}",
            "Handi'{word}",
            "Association des familles et amis de personnes handicapées {du_pays}",
        ),
        words=("Ensemble", "Partage", "Cap", "Sport"),
        themes=("handicap", "egalite_chances"),
        optional_themes=("culture_sport_loisirs", "emploi"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Association de familles qui organise des loisirs, des séjours et des temps de "
            "répit pour des enfants et des adultes en situation de handicap {du_pays}.",
            "Association qui défend l'accès de tous à la vie de la cité : sensibilisation "
            "dans les écoles et les entreprises, diagnostics d'accessibilité et activités "
            "partagées entre personnes handicapées et valides.",
        ),
        needs=(
            ("financement", "Le financement d'un séjour adapté pour une dizaine de jeunes."),
            ("benevolat", "Des accompagnateurs bénévoles pour les sorties du week-end."),
            ("communication", "Faire connaître nos actions de sensibilisation aux entreprises."),
        ),
        offers=(
            ("expertise", "Des diagnostics d'accessibilité de vos locaux et de vos services."),
            (
                "formation",
                "Sensibiliser vos équipes au handicap et à l'accueil des personnes handicapées.",
            ),
        ),
        roles=("Présidente", "Chargée de projets", "Vice-président"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="transition",
        weight=6,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Jardins partagés {de_commune}",
            "Repair café {de_commune}",
            "AMAP {de_commune}",
            "Ressourcerie associative {du_pays}",
        ),
        themes=("transition_ecologique", "cohesion_territoriale"),
        optional_themes=("engagement_citoyen", "precarite"),
        partnership_types=("innovation_societale", "mecenat"),
        descriptions=(
            "Association d'habitants née en {year} pour réparer, partager et consommer "
            "autrement {a_commune} : ateliers mensuels, jardin collectif et fête des "
            "récoltes.",
            "Collectif citoyen qui relie producteurs locaux et habitants, et sensibilise "
            "au gaspillage et à l'économie circulaire.",
        ),
        needs=(
            ("locaux", "Un local pour stocker nos outils et accueillir les ateliers."),
            ("materiel", "Des outils de bricolage et de jardinage en bon état."),
            ("benevolat", "Des bénévoles bricoleurs pour les ateliers de réparation."),
        ),
        offers=(
            (
                "formation",
                "Des ateliers de réparation et de réduction des déchets pour vos salariés.",
            ),
            ("benevolat", "Des habitants mobilisés pour des chantiers nature."),
        ),
        roles=("Co-présidente", "Animateur", "Trésorière"),
    ),
    Archetype(
        key="mobilite",
        weight=4,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Garage solidaire {du_pays}",
            "Auto-école sociale {du_pays}",
            "Mobilité solidaire {du_pays}",
        ),
        themes=("acces_droits", "emploi"),
        optional_themes=("insertion_jeunes", "precarite", "cohesion_territoriale"),
        partnership_types=("innovation_societale", "mecenat"),
        descriptions=(
            "Association qui lève le frein de la mobilité pour l'accès à l'emploi : "
            "réparations à prix coûtant, location de voitures et de scooters, préparation "
            "au permis pour des personnes orientées par les travailleurs sociaux.",
            "Plateforme de mobilité solidaire créée en {year} pour les habitants {du_pays} "
            "sans solution de transport, dans les quartiers comme dans les villages.",
        ),
        needs=(
            (
                "materiel",
                "Des véhicules d'occasion en état de rouler, donnés ou vendus à petit prix.",
            ),
            ("financement", "Le financement de permis de conduire pour des jeunes en insertion."),
            ("competences", "Un mécanicien retraité pour encadrer l'atelier un jour par semaine."),
        ),
        offers=(
            ("expertise", "Notre diagnostic des freins à la mobilité des demandeurs d'emploi."),
            ("achats", "Entretien et réparation de vos véhicules de service."),
        ),
        roles=("Conseillère mobilité", "Directeur", "Président"),
        intervention=("commune", "epci", "dep"),
    ),
    Archetype(
        key="logement",
        weight=4,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Habitat solidaire {du_pays}",
            "Toit partagé {de_commune}",
            "Un toit, deux générations {du_pays}",
        ),
        themes=("logement", "precarite"),
        optional_themes=("vieillissement",),
        partnership_types=("innovation_societale", "mecenat"),
        descriptions=(
            "Association qui accompagne des ménages en difficulté vers un logement stable : "
            "recherche de logement, accompagnement budgétaire et médiation avec les "
            "bailleurs.",
            "Association de cohabitation intergénérationnelle : des jeunes en formation "
            "logent chez des personnes âgées {du_pays}, en échange d'une présence et de "
            "petits services.",
        ),
        needs=(
            ("financement", "Le financement de l'accompagnement social lié au logement."),
            (
                "reseau",
                "Des propriétaires et des bailleurs prêts à louer à des ménages accompagnés.",
            ),
            ("materiel", "Du mobilier et de l'électroménager pour équiper les premiers logements."),
        ),
        offers=(("expertise", "Notre expérience de l'accès au logement des ménages fragiles."),),
        roles=("Travailleuse sociale", "Chargé de mission logement", "Présidente"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="langue",
        weight=3,
        kind=_ASSO,
        subkind=_TIE,
        names=(
            "Ateliers sociolinguistiques {de_commune}",
            "Lire et écrire {du_pays}",
            "Français pour tous {de_commune}",
        ),
        themes=("education", "egalite_chances", "acces_droits"),
        partnership_types=("mecenat",),
        descriptions=(
            "Association qui propose des ateliers de français et de lutte contre "
            "l'illettrisme à des adultes, pour gagner en autonomie dans la vie "
            "quotidienne et au travail.",
        ),
        needs=(
            ("benevolat", "Des bénévoles formateurs, une à deux heures par semaine."),
            ("locaux", "Une salle équipée d'un vidéoprojecteur en journée."),
        ),
        offers=(
            ("formation", "Des ateliers de français à visée professionnelle pour vos salariés."),
            ("expertise", "Repérer et accompagner les personnes en situation d'illettrisme."),
        ),
        roles=("Formatrice", "Coordinatrice pédagogique"),
    ),
    Archetype(
        key="parrainage",
        weight=3,
        kind=_ASSO,
        subkind=_TIE,
        names=("Parrainage vers l'emploi {du_pays}", "Passeport pour l'emploi {du_pays}"),
        themes=("emploi", "insertion_jeunes", "egalite_chances"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Association de parrainage : des salariés et des retraités bénévoles "
            "accompagnent des jeunes diplômés et des demandeurs d'emploi dans leur "
            "recherche pendant six mois.",
        ),
        needs=(
            ("benevolat", "Des salariés prêts à parrainer un jeune pendant six mois."),
            (
                "reseau",
                "Des entreprises qui ouvrent leurs portes pour des visites et des "
                "simulations d'entretien.",
            ),
        ),
        offers=(("acces_publics", "Des candidats motivés et accompagnés pour vos recrutements."),),
        roles=("Chargée de relations entreprises", "Président"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="sante",
        weight=3,
        kind=_ASSO,
        subkind=_TIE,
        names=("Prévention santé {du_pays}", "Association d'éducation pour la santé {du_pays}"),
        themes=("sante", "precarite"),
        optional_themes=("acces_droits",),
        partnership_types=("innovation_societale",),
        descriptions=(
            "Association de prévention et d'éducation pour la santé : ateliers nutrition, "
            "dépistages et accompagnement vers les soins des personnes qui y renoncent.",
        ),
        needs=(
            ("financement", "Le financement d'actions de prévention dans les communes rurales."),
            ("acces_publics", "Des lieux d'accueil pour tenir des permanences."),
        ),
        offers=(("formation", "Des ateliers de prévention santé pour vos équipes."),),
        roles=("Chargée de prévention", "Directeur"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="collectif_associations",
        weight=2,
        kind="reseau",
        subkind="tete_de_reseau",
        names=("Collectif des associations {de_commune}", "Maison des associations {du_pays}"),
        themes=("engagement_citoyen", "cohesion_territoriale"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        descriptions=(
            "Collectif qui fédère les associations {de_commune} : forum annuel, "
            "formations des bénévoles et mutualisation de matériel.",
        ),
        needs=(("competences", "Des formateurs bénévoles en comptabilité associative."),),
        offers=(
            (
                "reseau",
                "Relayer votre proposition auprès de toutes les associations de la commune.",
            ),
            ("materiel", "Le prêt de matériel d'animation (barnums, sonorisation)."),
        ),
        roles=("Président", "Animatrice de réseau"),
    ),
    # ------------------------------------------------------------------------- IAE
    Archetype(
        key="aci",
        weight=6,
        kind="siae",
        subkind="aci",
        names=("Chantier d'insertion {word} {du_pays}",),
        words=(
            "espaces verts",
            "patrimoine",
            "maraîchage bio",
            "bâtiment",
            "recyclerie",
            "bois et forêt",
        ),
        themes=("insertion_iae", "emploi"),
        optional_themes=("transition_ecologique", "cohesion_territoriale"),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        descriptions=(
            "Atelier et chantier d'insertion conventionné : {staff} salariés en parcours "
            "d'insertion y reprennent pied dans l'emploi, encadrés par des professionnels "
            "et accompagnés dans leur projet. Des prestations de qualité pour les "
            "collectivités, les bailleurs et les entreprises.",
            "Chantier d'insertion créé en {year}, qui allie production utile au territoire "
            "et accompagnement socio-professionnel de personnes éloignées de l'emploi.",
        ),
        needs=(
            (
                "achats",
                "Des clients pour nos prestations : entretien d'espaces verts, "
                "petits travaux, maraîchage.",
            ),
            (
                "reseau",
                "Des entreprises pour des immersions professionnelles et des "
                "recrutements en fin de parcours.",
            ),
            ("materiel", "Du matériel et de l'outillage professionnel."),
        ),
        offers=(
            (
                "achats",
                "Entretien d'espaces verts et de sentiers, petits travaux de "
                "maçonnerie et de peinture.",
            ),
            (
                "acces_publics",
                "Des salariés en parcours prêts pour une immersion ou un recrutement.",
            ),
        ),
        roles=("Encadrant technique", "Conseillère en insertion professionnelle", "Directeur"),
        intervention=("commune", "epci"),
    ),
    Archetype(
        key="ei",
        weight=4,
        kind="siae",
        subkind="ei",
        names=("{word} Insertion", "Recyclerie {du_pays}"),
        words=(
            "Tri'Ouest",
            "Ressources et Emplois",
            "Recycl'Action",
            "Bois Plus",
            "Net'Service",
            "Éco-Logis",
        ),
        themes=("insertion_iae", "transition_ecologique", "emploi"),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        descriptions=(
            "Entreprise d'insertion qui produit et vend des biens et des services tout en "
            "accompagnant vers l'emploi durable des personnes qui en sont éloignées : "
            "{staff} salariés, dont une majorité en parcours.",
        ),
        needs=(
            (
                "achats",
                "Des donneurs d'ordre pour nos prestations de tri, de recyclage et de nettoyage.",
            ),
            ("financement", "Un prêt pour investir dans une nouvelle ligne de tri."),
            ("locaux", "Un entrepôt de 500 m² pour développer l'activité."),
        ),
        offers=(
            ("achats", "Collecte et tri des déchets de bureau, nettoyage de locaux."),
            ("achats", "Une réponse conjointe à vos marchés avec clause d'insertion."),
        ),
        roles=("Gérant", "Chargée d'insertion", "Responsable commercial"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="etti",
        weight=2,
        kind="siae",
        subkind="etti",
        names=("Intérim solidaire {du_pays}", "{word} Intérim insertion"),
        words=("Tremplin Ouest", "Passerelle", "Atout Emploi"),
        themes=("insertion_iae", "emploi"),
        partnership_types=("pratiques_responsables",),
        descriptions=(
            "Entreprise de travail temporaire d'insertion : nous mettons à disposition des "
            "entreprises des intérimaires en parcours, que nous accompagnons et formons "
            "pendant leurs missions.",
        ),
        needs=(
            (
                "achats",
                "Des entreprises utilisatrices pour des missions d'intérim dans "
                "le bâtiment, la logistique et l'industrie.",
            ),
        ),
        offers=(
            (
                "achats",
                "Des intérimaires accompagnés pour vos pics d'activité, avec un "
                "suivi pendant la mission.",
            ),
        ),
        roles=("Chargée de recrutement", "Directeur d'agence"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="ai",
        weight=3,
        kind="siae",
        subkind="ai",
        names=("Association intermédiaire {word}",),
        words=(
            "Trait d'Union",
            "Relais Services",
            "Coup de Main",
            "Main Forte",
            "Solidarité Emploi",
        ),
        themes=("insertion_iae", "emploi", "precarite"),
        partnership_types=("pratiques_responsables",),
        descriptions=(
            "Association intermédiaire qui met à disposition de particuliers, "
            "d'associations, de collectivités et d'entreprises des personnes en recherche "
            "d'emploi pour des missions ponctuelles : ménage, jardinage, manutention.",
        ),
        needs=(
            ("achats", "Des clients pour des missions de ménage, de jardinage et de manutention."),
        ),
        offers=(("achats", "Des salariés disponibles rapidement pour vos petites missions."),),
        roles=("Chargée d'accompagnement", "Directrice"),
        intervention=("commune", "epci"),
    ),
    # --------------------------------------------------------------- secteur adapté
    Archetype(
        key="esat",
        weight=3,
        kind="secteur_adapte",
        subkind="esat",
        names=("ESAT {word}",),
        words=(
            "Les Ateliers de la Vallée",
            "Les Genêts",
            "L'Envol",
            "Les Tilleuls",
            "La Source",
            "Le Moulin",
        ),
        themes=("handicap", "emploi"),
        optional_themes=("transition_ecologique",),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        descriptions=(
            "Établissement et service d'aide par le travail qui accueille des travailleurs "
            "en situation de handicap : conditionnement, blanchisserie, espaces verts et "
            "restauration. Des prestations qui comptent dans votre obligation d'emploi "
            "de travailleurs handicapés.",
        ),
        needs=(
            (
                "achats",
                "Des entreprises clientes pour des travaux de conditionnement et de mise sous pli.",
            ),
            (
                "reseau",
                "Des stages en entreprise pour les travailleurs qui souhaitent "
                "rejoindre le milieu ordinaire.",
            ),
        ),
        offers=(
            ("achats", "Conditionnement, mise sous pli, entretien d'espaces verts, blanchisserie."),
            ("achats", "Une prestation plateaux-repas pour vos réunions."),
        ),
        roles=("Chargé d'affaires", "Directrice"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="entreprise_adaptee",
        weight=2,
        kind="secteur_adapte",
        subkind="entreprise_adaptee",
        sphere="entreprises",
        names=("{word} — entreprise adaptée",),
        words=("Adapt'Services", "Ouvrage", "Cap Logistique", "Impact Adapté"),
        themes=("handicap", "emploi"),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        descriptions=(
            "Entreprise adaptée : au moins 55 % de nos salariés sont en situation de "
            "handicap. Logistique, numérisation de documents et services aux entreprises.",
        ),
        needs=(("achats", "Des contrats de sous-traitance en logistique et en numérisation."),),
        offers=(
            ("achats", "Numérisation d'archives, préparation de commandes, accueil téléphonique."),
        ),
        roles=("Responsable commerciale", "Gérant"),
        intervention=("commune", "dep"),
    ),
    # ---------------------------------------------------------------- cooperatives
    Archetype(
        key="scop",
        weight=4,
        kind="cooperative",
        subkind="scop",
        sphere="entreprises",
        is_ess=True,
        sizes=("tpe", "pme"),
        names=("SCOP {word} {du_pays}",),
        words=(
            "Bâti-Coop",
            "Imprimerie coopérative",
            "Menuiserie coopérative",
            "Atelier d'architecture",
            "Bureau d'études énergies",
        ),
        themes=("developpement_local", "emploi"),
        optional_themes=("transition_ecologique",),
        partnership_types=("cooperation_economique", "pratiques_responsables"),
        descriptions=(
            "Société coopérative et participative : les salariés y sont associés "
            "majoritaires et décident ensemble. {staff} salariés, des clients publics et "
            "privés {du_pays}.",
        ),
        needs=(
            ("reseau", "Des partenaires de l'ESS pour des réponses groupées aux marchés publics."),
            ("achats", "Une SIAE en sous-traitance pour les finitions de nos chantiers."),
        ),
        offers=(
            ("competences", "Présenter le modèle coopératif à des porteurs de projet."),
            ("formation", "Accueillir des apprentis et des stagiaires."),
        ),
        roles=("Gérante", "Associé salarié"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="scic",
        weight=2,
        kind="cooperative",
        subkind="scic",
        names=("SCIC {word} {du_pays}",),
        words=("Énergie citoyenne", "Tiers-lieu", "Bois-énergie", "Alimentation locale"),
        themes=("transition_ecologique", "cohesion_territoriale", "developpement_local"),
        partnership_types=("cooperation_economique", "innovation_societale"),
        descriptions=(
            "Société coopérative d'intérêt collectif qui associe habitants, collectivités, "
            "entreprises et associations autour d'un projet pour le territoire : "
            "production d'énergie renouvelable, tiers-lieu ou alimentation locale.",
        ),
        needs=(
            ("financement", "De nouveaux sociétaires pour financer notre prochain investissement."),
            ("competences", "Un accompagnement juridique sur la gouvernance multi-sociétaires."),
        ),
        offers=(
            ("locaux", "Des bureaux partagés et une salle de réunion dans notre tiers-lieu."),
            ("innovation", "Expérimenter avec vous un projet citoyen de transition."),
        ),
        roles=("Directeur", "Chargée de développement"),
        intervention=("commune", "epci"),
    ),
    Archetype(
        key="cae",
        weight=2,
        kind="cooperative",
        subkind="scop",
        names=("Coopérative d'activité et d'emploi {du_pays}",),
        themes=("developpement_local", "emploi"),
        partnership_types=("cooperation_economique",),
        descriptions=(
            "Coopérative d'activité et d'emploi qui permet à des créateurs de tester et de "
            "développer leur activité en étant salariés, avant de devenir associés.",
        ),
        needs=(("reseau", "Des entreprises clientes pour les entrepreneurs de la coopérative."),),
        offers=(
            ("competences", "Accompagnement à la création d'activité dans un cadre sécurisé."),
        ),
        roles=("Chargée d'accompagnement", "Co-gérant"),
        intervention=("dep",),
    ),
    Archetype(
        key="coop_agricole",
        weight=2,
        kind="cooperative",
        subkind="cooperative_agricole",
        sphere="entreprises",
        names=("Coopérative de producteurs {du_pays}",),
        themes=("transition_ecologique", "developpement_local"),
        partnership_types=("cooperation_economique", "pratiques_responsables"),
        descriptions=(
            "Coopérative qui rassemble des agriculteurs {du_pays} pour transformer et "
            "vendre leurs produits en circuit court : magasin, restauration collective et "
            "paniers d'entreprise.",
        ),
        needs=(
            ("achats", "Des restaurants d'entreprise et des cantines pour nos produits locaux."),
        ),
        offers=(("materiel", "Des invendus donnés aux épiceries solidaires."),),
        roles=("Directeur", "Responsable commerciale"),
        intervention=("epci", "dep"),
        rural=True,
    ),
    # ------------------------------------------------------------------- companies
    Archetype(
        key="boulangerie",
        weight=4,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("Boulangerie {surname}", "Boulangerie-pâtisserie {surname}"),
        themes=("developpement_local",),
        optional_themes=("insertion_jeunes", "precarite"),
        partnership_types=("mecenat",),
        descriptions=(
            "Boulangerie artisanale {a_commune} depuis {year}, {staff} salariés dont des "
            "apprentis.",
        ),
        needs=(
            (
                "acces_publics",
                "Être mis en relation avec des jeunes qui cherchent un "
                "apprentissage en boulangerie.",
            ),
        ),
        offers=(
            ("materiel", "Nos invendus du soir pour une association d'aide alimentaire."),
            ("formation", "Des stages de découverte du métier pour des collégiens."),
        ),
        roles=("Gérant", "Cogérante"),
    ),
    Archetype(
        key="garage",
        weight=3,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("Garage {surname}",),
        themes=("developpement_local",),
        optional_themes=("acces_droits", "emploi"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Garage indépendant {a_commune} : entretien, réparation et vente de véhicules "
            "d'occasion. Entreprise familiale fondée en {year}.",
        ),
        needs=(
            (
                "reseau",
                "Connaître les structures qui accompagnent la mobilité des demandeurs d'emploi.",
            ),
        ),
        offers=(
            ("competences", "Des conseils de mécanique pour un garage solidaire."),
            (
                "materiel",
                "Des véhicules de reprise à petit prix pour des projets de mobilité solidaire.",
            ),
        ),
        roles=("Gérant",),
    ),
    Archetype(
        key="imprimerie",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe", "pme"),
        names=("Imprimerie {surname}",),
        themes=("developpement_local", "transition_ecologique"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Imprimerie labellisée pour ses pratiques environnementales, {staff} "
            "salariés, au service des entreprises, des collectivités et des associations "
            "{du_pays}.",
        ),
        needs=(
            ("achats", "Un ESAT ou une entreprise adaptée pour le façonnage et la mise sous pli."),
        ),
        offers=(
            ("communication", "L'impression à prix coûtant des supports d'une association locale."),
            ("materiel", "Des chutes de papier pour des ateliers créatifs."),
        ),
        roles=("Directrice", "Responsable de production"),
    ),
    Archetype(
        key="expert_comptable",
        weight=3,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe", "pme"),
        names=("Cabinet {surname} et associés", "{surname} Expertise comptable"),
        themes=("developpement_local", "engagement_citoyen"),
        partnership_types=("mecenat",),
        descriptions=(
            "Cabinet d'expertise comptable et de conseil aux TPE et aux associations "
            "{du_pays}, {staff} collaborateurs.",
        ),
        needs=(
            (
                "benevolat",
                "Une association où nos collaborateurs peuvent s'engager lors "
                "d'une journée solidaire.",
            ),
        ),
        offers=(
            (
                "competences",
                "Du mécénat de compétences : aide à la comptabilité et au "
                "budget d'une petite association.",
            ),
            ("locaux", "Notre salle de réunion, prêtée le soir."),
        ),
        roles=("Associée", "Expert-comptable"),
    ),
    Archetype(
        key="btp",
        weight=4,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe", "pme"),
        names=("{surname} Bâtiment", "Menuiserie {surname}", "{surname} Rénovation"),
        themes=("developpement_local", "emploi"),
        optional_themes=("transition_ecologique", "insertion_jeunes"),
        partnership_types=("pratiques_responsables", "cooperation_economique"),
        descriptions=(
            "Entreprise du bâtiment fondée en {year} : rénovation, isolation et "
            "menuiserie pour les particuliers et les collectivités, {staff} salariés.",
        ),
        needs=(
            (
                "acces_publics",
                "Recruter des jeunes et des personnes en reconversion dans "
                "les métiers du bâtiment.",
            ),
            (
                "reseau",
                "Une structure d'insertion pour répondre ensemble aux marchés avec clause sociale.",
            ),
        ),
        offers=(
            ("formation", "Des stages et des apprentissages dans nos équipes."),
            (
                "competences",
                "Des conseils en rénovation énergétique pour une association de logement.",
            ),
        ),
        roles=("Gérant", "Conducteur de travaux", "Assistante de direction"),
    ),
    Archetype(
        key="transport",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("pme",),
        names=("Transports {surname}",),
        themes=("developpement_local", "emploi"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Entreprise de transport et de logistique régionale, {staff} salariés, "
            "plateforme {a_commune}.",
        ),
        needs=(
            (
                "acces_publics",
                "Recruter des conducteurs, y compris des personnes en parcours d'insertion.",
            ),
        ),
        offers=(
            (
                "logistique",
                "Du transport gratuit de dons pour des associations, sur nos trajets à vide.",
            ),
        ),
        roles=("Directeur d'exploitation", "Responsable RH"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="numerique",
        weight=3,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe", "pme"),
        names=("{surname} Informatique", "Studio numérique {du_pays}"),
        themes=("developpement_local", "inclusion_numerique"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Entreprise de services numériques : sites web, maintenance informatique et "
            "accompagnement des petites structures {du_pays}, {staff} salariés.",
        ),
        needs=(
            (
                "achats",
                "Une entreprise d'insertion pour reconditionner notre matériel informatique.",
            ),
        ),
        offers=(
            ("competences", "Du mécénat de compétences pour refaire le site d'une association."),
            ("materiel", "Des ordinateurs remplacés chaque année, à donner."),
        ),
        roles=("Fondateur", "Cheffe de projet"),
    ),
    Archetype(
        key="hotel_restaurant",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("Hôtel-restaurant {word}", "Restaurant {word}"),
        words=("Le Relais", "L'Auberge du Pont", "La Table du marché", "Le Cheval blanc"),
        themes=("developpement_local",),
        optional_themes=("insertion_jeunes", "emploi"),
        partnership_types=("mecenat",),
        descriptions=(
            "Établissement familial {a_commune} : cuisine de produits locaux, {staff} salariés.",
        ),
        needs=(
            (
                "acces_publics",
                "Des candidats pour nos postes en cuisine et en salle, formés sur place.",
            ),
        ),
        offers=(
            ("locaux", "Notre salle, prêtée en après-midi pour des réunions associatives."),
            ("materiel", "Des repas offerts lors d'événements solidaires."),
        ),
        roles=("Gérante",),
    ),
    Archetype(
        key="industrie",
        weight=3,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("pme", "pme", "eti"),
        names=("{surname} Industrie", "Ateliers {surname}"),
        themes=("developpement_local", "emploi"),
        optional_themes=("handicap", "transition_ecologique", "insertion_jeunes"),
        partnership_types=("pratiques_responsables", "mecenat", "innovation_societale"),
        descriptions=(
            "Entreprise industrielle fondée en {year}, {staff} salariés : usinage, "
            "assemblage et sous-traitance pour l'aéronautique et le ferroviaire.",
            "PME industrielle familiale {du_pays} qui exporte une partie de sa production "
            "et recrute régulièrement.",
        ),
        needs=(
            ("achats", "Un ESAT pour des travaux de conditionnement et de petites séries."),
            (
                "expertise",
                "Des conseils pour accueillir et maintenir dans l'emploi des "
                "salariés en situation de handicap.",
            ),
            (
                "acces_publics",
                "Faire découvrir nos métiers à des jeunes et à des demandeurs d'emploi.",
            ),
        ),
        offers=(
            ("financement", "Un mécénat financier pour un projet d'insertion local."),
            ("benevolat", "Une journée solidaire par an pour nos salariés."),
            ("formation", "Des visites d'usine pour des collégiens et des lycéens."),
        ),
        roles=("Directeur général", "Responsable des ressources humaines", "Chargée RSE"),
        intervention=("commune", "dep"),
    ),
    Archetype(
        key="commerce",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("Librairie {word}", "Épicerie fine {surname}"),
        words=("Le Marque-page", "La Plume", "Les Mots voyageurs"),
        themes=("developpement_local", "culture_sport_loisirs"),
        partnership_types=("mecenat",),
        descriptions=("Commerce indépendant du centre-ville {de_commune}, ouvert en {year}.",),
        needs=(
            ("communication", "Faire connaître le commerce auprès des associations du quartier."),
        ),
        offers=(
            ("materiel", "Des livres et des lots pour les tombolas associatives."),
            ("locaux", "Une vitrine pour l'affichage des associations."),
        ),
        roles=("Gérante", "Gérant"),
    ),
    Archetype(
        key="ferme",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("Ferme {word}",),
        words=("des Trois Chênes", "du Grand Pré", "de la Source", "des Noues"),
        themes=("transition_ecologique", "developpement_local"),
        partnership_types=("mecenat", "cooperation_economique"),
        descriptions=(
            "Exploitation agricole en agriculture biologique : légumes, volailles et "
            "vente directe à la ferme et sur les marchés {du_pays}.",
        ),
        needs=(
            (
                "benevolat",
                "Des bras pour les récoltes d'été, avec des associations ou "
                "des salariés volontaires.",
            ),
        ),
        offers=(
            ("materiel", "Nos légumes hors calibre pour les épiceries solidaires."),
            ("formation", "Des visites pédagogiques de la ferme pour les écoles."),
        ),
        roles=("Exploitant", "Associée"),
        intervention=("commune", "epci"),
        rural=True,
    ),
    Archetype(
        key="conseil_rh",
        weight=2,
        kind="entreprise",
        subkind="entreprise_privee",
        sizes=("tpe",),
        names=("{surname} Conseil",),
        themes=("emploi", "egalite_chances"),
        partnership_types=("mecenat", "pratiques_responsables"),
        descriptions=(
            "Cabinet de conseil en ressources humaines et en recrutement pour les PME {du_pays}.",
        ),
        needs=(
            (
                "reseau",
                "Connaître les structures d'insertion pour proposer d'autres "
                "profils à nos clients.",
            ),
        ),
        offers=(
            (
                "competences",
                "Des simulations d'entretien d'embauche pour des jeunes et des "
                "demandeurs d'emploi.",
            ),
        ),
        roles=("Consultante", "Fondateur"),
        intervention=("commune", "dep"),
    ),
    # ----------------------------------------------------------- others of the ESS
    Archetype(
        key="fonds_dotation",
        weight=1,
        kind="fondation",
        subkind="fonds_dotation",
        names=("Fonds de dotation {surname} pour {word}",),
        words=("l'enfance", "l'insertion", "le patrimoine rural"),
        themes=("engagement_citoyen",),
        optional_themes=("education", "insertion_iae"),
        partnership_types=("mecenat",),
        descriptions=(
            "Fonds de dotation créé en {year} par une famille d'entrepreneurs {du_pays} "
            "pour soutenir des projets locaux d'intérêt général.",
        ),
        needs=(
            (
                "reseau",
                "Repérer les projets associatifs du territoire qui correspondent à notre objet.",
            ),
        ),
        offers=(
            (
                "financement",
                "Des subventions de 2 000 à 15 000 € pour des projets associatifs locaux.",
            ),
        ),
        roles=("Secrétaire générale", "Président"),
        intervention=("dep",),
    ),
    Archetype(
        key="couveuse",
        weight=2,
        kind="intermediaire",
        subkind="incubateur",
        names=("Couveuse d'entreprises {du_pays}", "Incubateur d'innovation sociale {du_pays}"),
        themes=("developpement_local", "emploi"),
        optional_themes=("egalite_chances",),
        partnership_types=("cooperation_economique", "innovation_societale"),
        descriptions=(
            "Structure d'accompagnement qui aide des porteurs de projet à tester, "
            "consolider et lancer leur activité, notamment des projets à impact social.",
        ),
        needs=(
            ("benevolat", "Des chefs d'entreprise pour parrainer des créateurs."),
            ("locaux", "Des bureaux à loyer modéré pour les entreprises en test."),
        ),
        offers=(("competences", "Un accompagnement des porteurs de projets à impact."),),
        roles=("Chargée d'incubation", "Directeur"),
        intervention=("epci", "dep"),
    ),
    Archetype(
        key="club_entreprises",
        weight=2,
        kind="reseau",
        subkind="tete_de_reseau",
        sphere="entreprises",
        names=("Club d'entreprises {du_pays}", "Club des entrepreneurs {de_commune}"),
        themes=("developpement_local", "engagement_citoyen"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Association de chefs d'entreprise {du_pays} : rencontres mensuelles, visites "
            "d'entreprises et projets solidaires menés ensemble.",
        ),
        needs=(
            (
                "reseau",
                "Des associations à soutenir ensemble lors de notre action solidaire annuelle.",
            ),
        ),
        offers=(
            ("reseau", "Présenter votre projet à une quarantaine de dirigeants."),
            ("competences", "Le parrainage de créateurs d'entreprise."),
        ),
        roles=("Président", "Animatrice du club"),
        intervention=("epci",),
    ),
    Archetype(
        key="mutuelle",
        weight=1,
        kind="mutuelle",
        subkind="mutuelle_mutualite",
        names=("Mutuelle santé {du_pays}",),
        themes=("sante", "acces_droits"),
        partnership_types=("mecenat", "innovation_societale"),
        descriptions=(
            "Mutuelle de santé régie par le code de la mutualité, proche de ses "
            "adhérents {du_pays} : complémentaire santé et actions de prévention.",
        ),
        needs=(
            (
                "acces_publics",
                "Des associations relais pour faire connaître l'aide à la complémentaire santé.",
            ),
        ),
        offers=(("financement", "Le financement d'actions de prévention santé."),),
        roles=("Responsable prévention", "Directeur"),
        intervention=("dep",),
    ),
)
