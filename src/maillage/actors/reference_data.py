"""Reference vocabularies of domain.md §2–5, loaded by data migration and editable by staff.

Codes are stable (domain.md §9); labels are the French wording users see. ``di`` is the
data·inclusion v0 typology code (data-standards.md §3.6) so that exported actors speak the
national inclusion ecosystem's vocabulary; an empty value means no matching typology.
"""

from __future__ import annotations

# (code, label, default sphere, data·inclusion typology, [(subkind code, label, typology)])
KINDS = [
    (
        "association",
        "Association",
        "ess",
        "ASSO",
        [
            ("association_declaree", "Association déclarée", "ASSO"),
            ("association_rup", "Association reconnue d'utilité publique", "ASSO"),
            ("association_intermediaire", "Association intermédiaire", "AI"),
            ("association_droit_local", "Association de droit local (Alsace-Moselle)", "ASSO"),
            ("groupement_employeurs", "Groupement d'employeurs", "GEIQ"),
            ("association_membres", "Association au service de ses membres", "ASSO"),
            ("association_interet_general", "Association d'intérêt général", "ASSO"),
        ],
    ),
    (
        "fondation",
        "Fondation, fonds de dotation",
        "ess",
        "ASSO",
        [
            ("fondation", "Fondation", "ASSO"),
            ("fonds_dotation", "Fonds de dotation", "ASSO"),
        ],
    ),
    (
        "siae",
        "Structure d'insertion par l'activité économique (SIAE)",
        "ess",
        "",
        [
            ("ei", "Entreprise d'insertion (EI)", "EI"),
            ("etti", "Entreprise de travail temporaire d'insertion (ETTI)", "ETTI"),
            ("aci", "Atelier et chantier d'insertion (ACI)", "ACI"),
            ("ai", "Association intermédiaire (AI)", "AI"),
        ],
    ),
    (
        "secteur_adapte",
        "Secteur protégé et adapté",
        "ess",
        "EA",
        [
            ("esat", "ESAT", ""),
            ("entreprise_adaptee", "Entreprise adaptée", "EA"),
        ],
    ),
    (
        "cooperative",
        "Coopérative",
        "ess",
        "ESS",
        [
            ("scop", "SCOP", "ESS"),
            ("scic", "SCIC", "ESS"),
            ("cooperative_agricole", "Coopérative agricole", "ESS"),
            ("cooperative_usagers", "Coopérative d'usagers", "ESS"),
            ("banque_cooperative", "Banque coopérative", "ESS"),
        ],
    ),
    (
        "mutuelle",
        "Mutuelle",
        "ess",
        "ESS",
        [
            ("mutuelle_mutualite", "Mutuelle (code de la mutualité)", "ESS"),
            ("mutuelle_assurances", "Mutuelle (code des assurances)", "ESS"),
        ],
    ),
    (
        "entreprise",
        "Entreprise",
        "entreprises",
        "",
        [
            ("entreprise_privee", "Entreprise privée", ""),
            ("entreprise_publique", "Entreprise publique", ""),
        ],
    ),
    (
        "collectivite",
        "Collectivité territoriale",
        "pouvoirs_publics",
        "MUNI",
        [
            ("commune", "Commune", "MUNI"),
            ("communaute_communes", "Communauté de communes", "CC"),
            ("communaute_agglomeration", "Communauté d'agglomération", "EPCI"),
            ("communaute_urbaine", "Communauté urbaine", "EPCI"),
            ("metropole", "Métropole", "EPCI"),
            ("departement", "Département", "DEPT"),
            ("region", "Région", "REG"),
        ],
    ),
    (
        "etat",
        "Service déconcentré de l'État",
        "pouvoirs_publics",
        "ETAT",
        [
            ("prefecture", "Préfecture", "PREF"),
            ("dreets", "DREETS", "DEETS"),
            ("ddets", "DDETS", "DEETS"),
            ("autre_service_etat", "Autre service de l'État", "ETAT"),
        ],
    ),
    (
        "etablissement_public",
        "Établissement public, organisme",
        "pouvoirs_publics",
        "ETABL_PUB",
        [
            ("ccas", "CCAS", "CCAS"),
            ("cias", "CIAS", "CIAS"),
            ("caf", "CAF", "CAF"),
            ("france_travail", "France Travail", "FT"),
            ("mission_locale", "Mission locale", "ML"),
            ("mdph", "MDPH", "MDPH"),
            ("caisse_des_depots", "Caisse des Dépôts", "ETABL_PUB"),
            ("chambre_consulaire", "Chambre consulaire (CCI, CMA, chambre d'agriculture)", "CCONS"),
            ("ceser", "CESER", "ETABL_PUB"),
            ("autre_etablissement_public", "Autre établissement public", "ETABL_PUB"),
        ],
    ),
    (
        "reseau",
        "Réseau, fédération, tête de réseau",
        "ess",
        "",
        [
            ("cress", "CRESS", ""),
            ("union_regionale_scop", "Union régionale des SCOP", ""),
            ("federation", "Fédération", ""),
            ("tete_de_reseau", "Tête de réseau", ""),
        ],
    ),
    (
        "intermediaire",
        "Intermédiaire, structure d'accompagnement",
        "ess",
        "",
        [
            ("dla", "Dispositif local d'accompagnement (DLA)", ""),
            ("france_active", "France Active", ""),
            ("incubateur", "Incubateur", ""),
            ("autre_accompagnement", "Autre structure d'accompagnement", ""),
        ],
    ),
]

ODDS = [
    (1, "Pas de pauvreté", "#E5243B"),
    (2, "Faim « zéro »", "#DDA63A"),
    (3, "Bonne santé et bien-être", "#4C9F38"),
    (4, "Éducation de qualité", "#C5192D"),
    (5, "Égalité entre les sexes", "#FF3A21"),
    (6, "Eau propre et assainissement", "#26BDE2"),
    (7, "Énergie propre et d'un coût abordable", "#FCC30B"),
    (8, "Travail décent et croissance économique", "#A21942"),
    (9, "Industrie, innovation et infrastructure", "#FD6925"),
    (10, "Inégalités réduites", "#DD1367"),
    (11, "Villes et communautés durables", "#FD9D24"),
    (12, "Consommation et production responsables", "#BF8B2E"),
    (13, "Mesures relatives à la lutte contre les changements climatiques", "#3F7E44"),
    (14, "Vie aquatique", "#0A97D9"),
    (15, "Vie terrestre", "#56C02B"),
    (16, "Paix, justice et institutions efficaces", "#00689D"),
    (17, "Partenariats pour la réalisation des objectifs", "#19486A"),
]

# (code, label, ODD numbers)
THEMES = [
    ("insertion_iae", "Insertion par l'activité économique", [1, 8, 10]),
    ("insertion_jeunes", "Insertion des jeunes", [4, 8, 10]),
    ("handicap", "Handicap", [10, 3, 8]),
    ("precarite", "Lutte contre la précarité", [1, 2, 10]),
    (
        "acces_droits",
        "Accès aux droits (eau, énergie, télécoms, banque, santé, logement, transport)",
        [1, 6, 7, 10, 16],
    ),
    (
        "inclusion_bancaire",
        "Inclusion bancaire et financière (microcrédit, surendettement)",
        [1, 8, 10],
    ),
    ("inclusion_numerique", "Inclusion numérique", [4, 9, 10]),
    ("vieillissement", "Vieillissement et autonomie", [3, 10]),
    ("logement", "Logement", [1, 11]),
    ("sante", "Santé", [3]),
    ("emploi", "Emploi", [8]),
    ("education", "Éducation et orientation", [4]),
    ("culture_sport_loisirs", "Culture, sport et loisirs", [3, 4, 11]),
    (
        "transition_ecologique",
        "Transition écologique (rénovation énergétique, circuits courts, "
        "économie circulaire, recyclage)",
        [7, 11, 12, 13, 15],
    ),
    (
        "cohesion_territoriale",
        "Lieux partagés et cohésion des territoires (rural, quartiers prioritaires)",
        [10, 11],
    ),
    ("egalite_chances", "Égalité des chances et lutte contre les discriminations", [5, 10, 16]),
    ("developpement_local", "Développement économique local et entrepreneuriat", [8, 9, 11]),
    ("engagement_citoyen", "Engagement citoyen et bénévolat", [16, 17]),
]

CATEGORIES = [
    ("financement", "Financement"),
    ("competences", "Compétences (mécénat de compétences, pro bono)"),
    ("benevolat", "Bénévolat et mobilisation des salariés"),
    ("materiel", "Matériel et dons en nature"),
    ("locaux", "Locaux et lieux partagés"),
    ("logistique", "Logistique"),
    ("achats", "Achats et prestations (achats responsables)"),
    ("expertise", "Expertise des publics fragiles"),
    ("reseau", "Réseau et mise en relation"),
    ("communication", "Communication et visibilité"),
    ("formation", "Formation"),
    ("innovation", "Innovation, R&D, expérimentation"),
    ("acces_publics", "Accès aux publics"),
]

PARTNERSHIP_TYPES = [
    ("mecenat", "Mécénat", "Soutien (financier, humain, matériel) à une action d'intérêt général."),
    (
        "pratiques_responsables",
        "Pratiques responsables",
        "Améliorer la performance sociale ou environnementale de l'entreprise (achats "
        "responsables…).",
    ),
    (
        "cooperation_economique",
        "Coopération économique",
        "Une offre conjointe d'acteurs de profils différents (réponse commune à un marché…).",
    ),
    (
        "innovation_societale",
        "Innovation sociétale",
        "Concevoir et expérimenter ensemble une réponse nouvelle à un besoin non couvert.",
    ),
]

LABELS = [
    ("rup", "Reconnue d'utilité publique"),
    ("esus", "Agrément ESUS (entreprise solidaire d'utilité sociale)"),
    ("jeunesse_education_populaire", "Agrément jeunesse et éducation populaire"),
    ("conventionnement_iae", "Conventionnement IAE"),
    ("label_diversite", "Label Diversité"),
    ("label_egalite", "Label Égalité professionnelle"),
    ("lucie", "Label Lucie (RSE)"),
    ("b_corp", "Certification B Corp"),
    ("charte_alliance", "Signataire d'une charte d'alliance"),
    ("france_services", "Labellisé France Services"),
]


def load_reference_data(apps: object) -> None:
    """Create missing vocabulary rows; never overwrite what staff edited since."""
    get_model = apps.get_model  # type: ignore[attr-defined]
    kind_model = get_model("actors", "Kind")
    subkind_model = get_model("actors", "SubKind")
    odd_model = get_model("actors", "Odd")
    theme_model = get_model("actors", "Theme")
    category_model = get_model("actors", "Category")
    partnership_type_model = get_model("actors", "PartnershipType")
    label_model = get_model("actors", "Label")

    for number, name, colour in ODDS:
        odd_model.objects.get_or_create(number=number, defaults={"name": name, "colour": colour})
    for position, (code, name, sphere, di, subkinds) in enumerate(KINDS):
        kind, _ = kind_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "default_sphere": sphere,
                "di_typology": di,
                "position": position,
            },
        )
        for sub_position, (sub_code, sub_name, sub_di) in enumerate(subkinds):
            subkind_model.objects.get_or_create(
                code=sub_code,
                defaults={
                    "name": sub_name,
                    "kind": kind,
                    "di_typology": sub_di,
                    "position": sub_position,
                },
            )
    for position, (code, name, odds) in enumerate(THEMES):
        theme, created = theme_model.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        if created:
            theme.odds.set(odds)
    for position, (code, name) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    for position, (code, name, description) in enumerate(PARTNERSHIP_TYPES):
        partnership_type_model.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
    for position, (code, name) in enumerate(LABELS):
        label_model.objects.get_or_create(code=code, defaults={"name": name, "position": position})
