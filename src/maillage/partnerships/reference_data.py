"""The practical sheets (fiches pratiques) of the four-step method, as first loaded.

Written from the seeds: La Poste's « déMarches Partenariales » kit (2012: « une frise
méthodologique… 4 marches à monter… une fiche pratique par action »), Le RAMEAU's
workshops (2011: risk analysis, « marketing de l'offre », peers' endorsement, collaborative
evaluation on three dimensions, legal answers per type of partnership; 2022: the « carré
magique » of objectives, the preparation of each partner, the impacts on confiance,
performance and innovation) and the Charenton–Saint-Maurice programme (2013).

Loaded by a data migration; staff edit them in the admin afterwards (the loader creates
what is missing and never overwrites an edited sheet).
"""

from __future__ import annotations

# (code, step, title, summary, body, [(item code, label, help)])
SHEETS: list[tuple[str, str, str, str, str, list[tuple[str, str, str]]]] = [
    (
        "clarifier-ses-enjeux",
        "preparer",
        "Clarifier ses enjeux et ses objectifs",
        "Avant de chercher un partenaire, chaque structure sait pourquoi elle s'engage : ses "
        "enjeux, ses objectifs, ce qu'elle peut apporter et ce qu'elle attend.",
        "La phase de préparation de chacun des partenaires est une étape stratégique : "
        "les associations et les entreprises n'abordent pas leurs enjeux de la même façon, "
        "et c'est en les partageant que l'on choisit un mode de partenariat qui tient.\n\n"
        "Le « carré magique » propose quatre objectifs à classer par ordre d'importance :\n"
        "- impacts économiques / ressources financières ;\n"
        "- management et ressources humaines / mobilisation des compétences ;\n"
        "- dialogue avec les parties prenantes / implication des acteurs et ancrage "
        "territorial ;\n"
        "- innovation.\n\n"
        "Deux axes aident à les lire : un axe interne (consolider ses moyens) et un axe "
        "externe (faire rayonner son projet). Chaque partie fait l'exercice pour elle-même, "
        "avant la première rencontre.",
        [
            (
                "preparer-enjeux",
                "Chaque partie a formulé ses enjeux : pourquoi ce partenariat, pourquoi maintenant",
                "Quelques lignes suffisent : le besoin du projet ou de l'entreprise, ce qui "
                "change si le partenariat réussit.",
            ),
            (
                "preparer-objectifs",
                "Chaque partie a classé ses objectifs du « carré magique »",
                "Ressources, compétences et RH, parties prenantes, innovation : indiquez-les "
                "dans la fiche de chaque partie, le plus important d'abord.",
            ),
            (
                "preparer-apports",
                "Les apports possibles de chacun sont listés",
                "Financement, compétences, bénévolat, matériel, locaux, achats, connaissance "
                "des publics fragiles, réseau…",
            ),
            (
                "preparer-validation-interne",
                "La démarche est validée en interne",
                "Direction, bureau ou conseil d'administration : le partenariat engage la "
                "structure, pas seulement une personne.",
            ),
        ],
    ),
    (
        "choisir-son-type",
        "preparer",
        "Choisir le type de partenariat",
        "Quatre types de partenariat, quatre façons de s'aider : qui est en demande d'appui, "
        "qui aide, ou bien construit-on ensemble ?",
        "- Mécénat : un soutien financier, humain ou matériel à une action d'intérêt "
        "général. L'association est en demande d'appui, l'entreprise l'aide.\n"
        "- Pratiques responsables : améliorer la performance sociale ou environnementale de "
        "l'entreprise (achats responsables auprès d'une SIAE ou d'un ESAT, sensibilisation "
        "des salariés…). L'entreprise est en demande d'appui, l'association l'aide.\n"
        "- Coopération économique : une offre commune d'acteurs aux profils différents, par "
        "exemple une réponse conjointe à un marché public avec une structure d'insertion.\n"
        "- Innovation sociétale : concevoir et expérimenter ensemble une réponse nouvelle à "
        "un besoin non couvert.\n\n"
        "Les deux derniers types forment la zone de coopération et de co-construction : ce "
        "sont les plus exigeants, et ceux où la valeur créée pour chacun et pour le "
        "territoire est la plus forte.",
        [
            (
                "preparer-type",
                "Le type de partenariat est choisi",
                "Mécénat, pratiques responsables, coopération économique ou innovation sociétale.",
            ),
            (
                "preparer-sens",
                "Le sens de l'appui est clair pour tous",
                "Qui est en demande, qui aide, ou une co-construction où chacun apporte et reçoit.",
            ),
            (
                "preparer-besoin-territoire",
                "Le projet répond à un besoin du territoire ou de ses habitants",
                "Les partenariats ont du sens quand ils touchent au cœur de métier des "
                "partenaires et à un enjeu partagé du territoire.",
            ),
        ],
    ),
    (
        "presenter-son-projet",
        "preparer",
        "Présenter son projet à un partenaire",
        "Pour être entendue d'une entreprise, une association présente son projet comme une "
        "offre : ce qu'elle fait, pour qui, avec quels résultats, et ce qu'elle propose.",
        "Les entreprises, les PME en particulier, connaissent mal le monde associatif, et "
        "l'inverse est vrai. Le « marketing de l'offre » associative lève ce frein "
        "opérationnel : une présentation courte, des résultats concrets, des besoins "
        "exprimés en apports précis.\n\n"
        "Les profils clairs rassurent : statut, agréments et labels, partenaires actuels, "
        "territoire d'action. La fiche de la structure sur la plateforme en est la base : "
        "tenez-la à jour.",
        [
            (
                "preparer-presentation",
                "Une présentation du projet tient en une page",
                "Mission, publics, résultats chiffrés, territoire, ce que le partenariat "
                "permettrait.",
            ),
            (
                "preparer-besoins-chiffres",
                "Les besoins sont exprimés en apports concrets",
                "Un montant, un nombre d'heures de compétences, un local, un volume d'achats…",
            ),
        ],
    ),
    (
        "identifier-ses-partenaires",
        "rencontrer",
        "Identifier et rencontrer ses partenaires",
        "Trouver le bon partenaire est souvent le premier frein : s'appuyer sur l'annuaire, "
        "les rencontres du territoire et surtout la parole des pairs.",
        "Plus que les labels, ce sont les pairs qui font passer à l'acte : une structure qui "
        "a déjà travaillé avec le partenaire pressenti est la meilleure référence. Les "
        "acteurs publics peuvent renforcer cette caution, en catalyseurs plutôt qu'en "
        "pilotes.\n\n"
        "Les formats de rencontre qui marchent : les speed-datings (10 dirigeants "
        "d'associations et 10 d'entreprises qui se rencontrent quelques minutes), les "
        "groupes de travail thématiques d'un programme territorial, les réunions "
        "d'information sur un enjeu précis.\n\n"
        "Les relations entre personnes sont la clé : prenez le temps d'une vraie première "
        "rencontre entre dirigeants.",
        [
            (
                "rencontrer-pistes",
                "Plusieurs partenaires possibles ont été identifiés",
                "Annuaire, suggestions de la plateforme, rencontres, réseaux et fédérations.",
            ),
            (
                "rencontrer-references",
                "Des références de pairs ont été recueillies sur le partenaire pressenti",
                "Partenariats passés, recommandations, reconnaissance par les pouvoirs publics.",
            ),
            (
                "rencontrer-premiere-rencontre",
                "Une première rencontre a eu lieu entre dirigeants",
                "",
            ),
            (
                "rencontrer-attentes",
                "Les attentes de chacun sont partagées et compatibles",
                "Chaque partie a lu les objectifs et attentes de l'autre sur la fiche du "
                "partenariat.",
            ),
        ],
    ),
    (
        "analyser-les-risques",
        "rencontrer",
        "Analyser les risques, pour chaque partie",
        "Un partenariat équilibré ne met aucun des partenaires en risque : chacun analyse "
        "ce qu'il expose, et comment le maîtriser.",
        "Pour l'association :\n"
        "- la dépendance : quelle part du budget ce partenaire représente-t-il ? que "
        "devient le projet s'il s'arrête ?\n"
        "- l'image : être associée à une marque, à des pratiques, à une communication ;\n"
        "- le statut juridique et fiscal : un contrat de prestation de service peut "
        "remettre en cause la non-lucrativité d'une association d'intérêt général et sa "
        "capacité à délivrer des reçus fiscaux ;\n"
        "- la capacité à tenir ses engagements (bénévoles, salariés, trésorerie).\n\n"
        "Pour l'entreprise :\n"
        "- l'image : une difficulté du partenaire rejaillit sur la marque ;\n"
        "- l'engagement dans la durée : heures de salariés, volumes d'achats ;\n"
        "- la cohérence avec son métier et sa stratégie.\n\n"
        "Pour tous : la forme de l'accord. Une convention de mécénat installe une logique "
        "de don qui peut mal convenir à une co-construction ; une prestation crée une "
        "relation de client à fournisseur.",
        [
            (
                "rencontrer-risques-association",
                "Les risques pour l'association sont analysés",
                "Dépendance financière, image, statut fiscal, capacité.",
            ),
            (
                "rencontrer-risques-entreprise",
                "Les risques pour l'entreprise sont analysés",
                "Image, engagement dans la durée, cohérence avec le métier.",
            ),
            (
                "rencontrer-mesures",
                "Une mesure est prévue pour chaque risque important",
                "",
            ),
            (
                "rencontrer-choix",
                "Chaque partie confirme le choix de son partenaire",
                "",
            ),
        ],
    ),
    (
        "co-construire-le-projet",
        "construire",
        "Co-construire le projet",
        "Écrire ensemble les objectifs communs, le plan d'action, la gouvernance et les "
        "contributions de chacun.",
        "Les modes de fonctionnement des associations, des entreprises et des collectivités "
        "sont très différents : une démarche structurée évite que la relation ne repose que "
        "sur deux personnes. Définir un vocabulaire commun est un préalable.\n\n"
        "Le projet commun précise :\n"
        "- les objectifs partagés et les résultats attendus, pour chaque partie et pour les "
        "bénéficiaires ;\n"
        "- le plan d'action, son calendrier et ses jalons ;\n"
        "- la gouvernance : un référent par partie, une instance de pilotage, la place d'un "
        "tiers facilitateur (souvent la collectivité) ;\n"
        "- les contributions de chacun, chiffrées et valorisées (heures de compétences, "
        "matériel, locaux).",
        [
            (
                "construire-objectifs-communs",
                "Les objectifs communs et les résultats attendus sont écrits",
                "",
            ),
            (
                "construire-plan-action",
                "Le plan d'action est établi, avec ses jalons",
                "Ajoutez les jalons dans l'onglet « Engagements ».",
            ),
            (
                "construire-gouvernance",
                "Chaque partie a nommé un référent ; le pilotage commun est organisé",
                "",
            ),
            (
                "construire-contributions",
                "Les contributions de chaque partie sont chiffrées",
                "Montants, heures et leur valorisation, matériel, locaux, achats.",
            ),
        ],
    ),
    (
        "choisir-la-forme-juridique",
        "construire",
        "Choisir la forme juridique",
        "Convention de mécénat, parrainage, prestation, convention de partenariat, "
        "groupement : chaque forme a ses effets juridiques et fiscaux ; elle doit "
        "correspondre à la nature réelle du partenariat.",
        "La bonne forme dépend du type de partenariat :\n"
        "- mécénat : la convention de mécénat (don sans contrepartie équivalente, réduction "
        "d'impôt pour l'entreprise si la structure est d'intérêt général) ;\n"
        "- pratiques responsables : un contrat de prestation ou d'achat, naturel avec une "
        "SIAE ou un ESAT ; prudence pour une association d'intérêt général ;\n"
        "- coopération économique : un groupement (cotraitance) ou une sous-traitance "
        "déclarée pour répondre ensemble à un marché ;\n"
        "- innovation sociétale : une convention de partenariat sur mesure, voire une "
        "structure commune (SCIC) si le projet change d'échelle.\n\n"
        "Les solutions existantes ne conviennent pas toujours à la co-construction : "
        "n'hésitez pas à vous faire conseiller (DLA, juriste, expert-comptable). La "
        "convention décrit l'objet, les apports, la durée, la communication, la propriété "
        "des résultats et les conditions de sortie.",
        [
            (
                "construire-forme",
                "La forme juridique est choisie en connaissant ses effets",
                "Voir les repères ci-dessous, dans l'onglet « Méthode ».",
            ),
            (
                "construire-convention-redigee",
                "La convention est rédigée",
                "Objet, apports, durée, communication, propriété des résultats, sortie.",
            ),
            (
                "construire-convention-signee",
                "La convention est signée et déposée sur la plateforme",
                "Formats acceptés : PDF, ODT, DOCX.",
            ),
        ],
    ),
    (
        "preparer-l-evaluation",
        "construire",
        "Préparer l'évaluation dès le départ",
        "L'évaluation se prépare au début : des objectifs partagés, quelques indicateurs "
        "avec leur point de départ et leur cible, un calendrier de bilans.",
        "Trois dimensions sont à évaluer pour chaque partenariat :\n"
        "- la valeur ajoutée pour l'association ;\n"
        "- le retour sur engagement pour l'entreprise ;\n"
        "- l'impact réel pour le bien commun (bénéficiaires, territoire) — le seul levier "
        "assez fort pour lever les inerties.\n\n"
        "Vérifiez en amont que le modèle de partenariat est cohérent avec les attentes de "
        "chacun. Choisissez peu d'indicateurs, mesurables, avec une situation de départ et "
        "une cible.",
        [
            (
                "construire-indicateurs",
                "Les indicateurs sont définis, avec situation de départ et cible",
                "Au moins un par dimension : valeur pour l'association, retour pour "
                "l'entreprise, impact pour le bien commun.",
            ),
            (
                "construire-calendrier-bilans",
                "Le calendrier des bilans est fixé",
                "Par exemple à six mois, puis à la fin de la convention.",
            ),
        ],
    ),
    (
        "piloter-le-partenariat",
        "evaluer",
        "Faire vivre le partenariat",
        "Piloter dans la durée : se réunir, suivre les engagements, faire connaître le "
        "partenariat en interne.",
        "La performance d'un partenariat s'évalue dans la durée. Les réunions de pilotage "
        "permettent d'ajuster le plan d'action et de traiter les difficultés avant qu'elles "
        "ne pèsent sur la relation.\n\n"
        "Faire vivre, c'est aussi mobiliser : présenter le partenariat aux salariés, aux "
        "bénévoles, aux adhérents ; proposer des journées solidaires ou du mécénat de "
        "compétences ; témoigner lors des rencontres du territoire.",
        [
            (
                "evaluer-pilotage",
                "Les réunions de pilotage se tiennent comme prévu",
                "",
            ),
            (
                "evaluer-suivi-contributions",
                "Les contributions réalisées sont suivies",
                "Passez les contributions de « engagée » à « réalisée ».",
            ),
            (
                "evaluer-communication-interne",
                "Le partenariat est présenté en interne",
                "Salariés, bénévoles, adhérents, instances.",
            ),
        ],
    ),
    (
        "evaluer-l-utilite-sociale",
        "evaluer",
        "Évaluer l'utilité sociale, ensemble",
        "Chaque partie évalue les trois dimensions, avec ses preuves ; on compare, on "
        "discute les écarts, on mesure les impacts.",
        "L'évaluation partenariale repose sur une définition partagée des objectifs. À "
        "chaque bilan :\n"
        "- les indicateurs sont mesurés ;\n"
        "- chaque partie remplit son évaluation sans voir celle des autres, puis découvre "
        "leurs réponses : les écarts sont des sujets de discussion, pas des fautes ;\n"
        "- on regarde les impacts sur l'écosystème : la confiance (des personnes, des "
        "territoires), la performance (RSE des entreprises, hybridation des modèles des "
        "structures d'intérêt général, co-construction des politiques publiques), "
        "l'innovation (territoriale, sociétale).\n\n"
        "La démonstration de l'utilité sociale est un levier de dialogue avec les élus et "
        "les financeurs, au moment de valider les projets comme lors du bilan.",
        [
            (
                "evaluer-mesures",
                "Les indicateurs sont mesurés à chaque bilan",
                "",
            ),
            (
                "evaluer-evaluation-croisee",
                "Chaque partie a rempli son évaluation ; les écarts ont été discutés",
                "",
            ),
            (
                "evaluer-synthese-elus",
                "La synthèse d'utilité sociale est présentée aux élus et aux financeurs",
                "La page « Utilité sociale » du rapport d'évaluation tient sur une page.",
            ),
        ],
    ),
    (
        "valoriser-et-capitaliser",
        "evaluer",
        "Valoriser et capitaliser",
        "Faire connaître les résultats, écrire les enseignements, décider de la suite.",
        "Les exemples de partenariats réussis sont des gages importants pour que d'autres "
        "s'engagent : le témoignage des pairs lève les freins culturels. Un partenariat "
        "terminé peut devenir une étude de cas pour le territoire.\n\n"
        "Écrivez ce qui a marché, ce qui a coincé, ce que vous referiez autrement. Puis "
        "décidez ensemble : renouveler, changer d'échelle, essaimer ailleurs, ou conclure.",
        [
            (
                "evaluer-communication",
                "Les résultats sont communiqués",
                "Rapport d'évaluation, témoignages, rencontres du territoire.",
            ),
            (
                "evaluer-enseignements",
                "Les enseignements sont écrits",
                "Dans le champ « Enseignements » du partenariat.",
            ),
            (
                "evaluer-suite",
                "La suite est décidée : renouveler, changer d'échelle ou conclure",
                "",
            ),
        ],
    ),
]


def load_practical_sheets(apps: object) -> None:
    """Create the missing sheets and items; never overwrite what staff edited since."""
    get_model = apps.get_model  # type: ignore[attr-defined]
    sheet_model = get_model("partnerships", "PracticalSheet")
    item_model = get_model("partnerships", "SheetItem")
    for position, (code, step, title, summary, body, items) in enumerate(SHEETS):
        sheet, _ = sheet_model.objects.get_or_create(
            code=code,
            defaults={
                "step": step,
                "title": title,
                "summary": summary,
                "body": body,
                "position": position,
            },
        )
        for item_position, (item_code, label, help_text) in enumerate(items):
            item_model.objects.get_or_create(
                code=item_code,
                defaults={
                    "sheet": sheet,
                    "label": label,
                    "help": help_text,
                    "position": item_position,
                },
            )
