"""Fixed code sets of partnerships (domain.md §5 and §9). Codes never change; labels may."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipStatus(models.TextChoices):
    IDEE = "idee", _("Idée")
    EN_CONSTRUCTION = "en_construction", _("En construction")
    ACTIVE = "active", _("Active")
    TERMINEE = "terminee", _("Terminée")
    ABANDONNEE = "abandonnee", _("Abandonnée")


# The lifecycle: only these moves are allowed. A finished partnership stays finished (it
# may become a case study); an abandoned idea may be taken up again, from the start.
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PartnershipStatus.IDEE: (PartnershipStatus.EN_CONSTRUCTION, PartnershipStatus.ABANDONNEE),
    PartnershipStatus.EN_CONSTRUCTION: (PartnershipStatus.ACTIVE, PartnershipStatus.ABANDONNEE),
    PartnershipStatus.ACTIVE: (PartnershipStatus.TERMINEE, PartnershipStatus.ABANDONNEE),
    PartnershipStatus.TERMINEE: (),
    PartnershipStatus.ABANDONNEE: (PartnershipStatus.IDEE,),
}

# Statuses in which the parties are partners for real (``actors_are_partners``).
PARTNER_STATUSES = (
    PartnershipStatus.EN_CONSTRUCTION,
    PartnershipStatus.ACTIVE,
    PartnershipStatus.TERMINEE,
)


class PartnershipOrigin(models.TextChoices):
    INTRODUCTION = "introduction", _("Mise en relation")
    SPEED_DATING = "speed_dating", _("Speed-dating")
    PROGRAMME_ACTION = "programme_action", _("Action d'un programme territorial")
    DIRECT = "direct", _("Initiative directe")


class PartyRole(models.TextChoices):
    PORTEUR = "porteur", _("Porteur")
    PARTENAIRE = "partenaire", _("Partenaire")
    TIERS_FACILITATEUR = "tiers_facilitateur", _("Tiers facilitateur")


class HelpDirection(models.TextChoices):
    """Who helps whom (the "zones" of the typology, seed 2012 p. 35)."""

    COMPANY_HELPS = (
        "entreprise_aide",
        _("L'association est en demande d'appui : l'entreprise l'aide"),
    )
    ASSOCIATION_HELPS = (
        "association_aide",
        _("L'entreprise est en demande d'appui : l'association l'aide"),
    )
    CO_CONSTRUCTION = (
        "co_construction",
        _("Zone de coopération et de co-construction : ils bâtissent ensemble"),
    )


# The direction of help of each of the four types (a type added later by staff defaults to
# co-construction, and the parties may say otherwise).
DIRECTION_BY_TYPE: dict[str, str] = {
    "mecenat": HelpDirection.COMPANY_HELPS,
    "pratiques_responsables": HelpDirection.ASSOCIATION_HELPS,
    "cooperation_economique": HelpDirection.CO_CONSTRUCTION,
    "innovation_societale": HelpDirection.CO_CONSTRUCTION,
}


class Objective(models.TextChoices):
    """The four objectives of a partnership (« carré magique »)."""

    RESSOURCES = "ressources", _("Impacts économiques / ressources financières")
    COMPETENCES_RH = "competences_rh", _("Management et RH / mobilisation des compétences")
    PARTIES_PRENANTES = (
        "parties_prenantes",
        _("Dialogue avec les parties prenantes / implication des acteurs"),
    )
    INNOVATION = "innovation", _("Innovation")


class MethodStep(models.TextChoices):
    """The four steps of the « déMarches Partenariales » kit, to climb in order."""

    PREPARER = "preparer", _("Se préparer")
    RENCONTRER = "rencontrer", _("Rencontrer et choisir")
    CONSTRUIRE = "construire", _("Construire")
    EVALUER = "evaluer", _("Faire vivre et évaluer")


STEP_ORDER: tuple[str, ...] = tuple(MethodStep.values)


class LegalForm(models.TextChoices):
    CONVENTION_MECENAT = "convention_mecenat", _("Convention de mécénat")
    PARRAINAGE = "parrainage", _("Contrat de parrainage")
    PRESTATION = "prestation", _("Contrat de prestation de services")
    CONVENTION_PARTENARIAT = "convention_partenariat", _("Convention de partenariat")
    GROUPEMENT = "groupement", _("Groupement (cotraitance, groupement momentané)")
    STRUCTURE_COMMUNE = "structure_commune", _("Structure commune (SCIC, GIE, association)")


class RiskKind(models.TextChoices):
    DEPENDANCE = "dependance", _("Dépendance")
    IMAGE = "image", _("Image et réputation")
    STATUT = "statut", _("Statut juridique et fiscal")
    FORME = "forme", _("Forme juridique inadaptée au projet")
    CAPACITE = "capacite", _("Capacité à tenir ses engagements")
    AUTRE = "autre", _("Autre")


class RiskLevel(models.TextChoices):
    FAIBLE = "faible", _("Faible")
    MOYEN = "moyen", _("Moyen")
    ELEVE = "eleve", _("Élevé")


class ContributionKind(models.TextChoices):
    """What a party brings (the codes of the need/offer categories, domain.md §9)."""

    FINANCEMENT = "financement", _("Apport financier")
    COMPETENCES = "competences", _("Compétences (mécénat de compétences, pro bono)")
    BENEVOLAT = "benevolat", _("Bénévolat et mobilisation des salariés")
    MATERIEL = "materiel", _("Matériel et dons en nature")
    LOCAUX = "locaux", _("Locaux et lieux partagés")
    ACHATS = "achats", _("Achats et prestations")


class ContributionStatus(models.TextChoices):
    ENGAGEE = "engagee", _("Engagée")
    REALISEE = "realisee", _("Réalisée")


class DocumentKind(models.TextChoices):
    CONVENTION = "convention", _("Convention signée")
    AVENANT = "avenant", _("Avenant")
    ANNEXE = "annexe", _("Annexe")
    COMPTE_RENDU = "compte_rendu", _("Compte rendu")


class EventKind(models.TextChoices):
    """What the timeline records."""

    CREATED = "created", _("Création")
    UPDATED = "updated", _("Modification")
    STATUS = "status", _("Changement de statut")
    PARTY_ADDED = "party_added", _("Partie ajoutée")
    PARTY_REMOVED = "party_removed", _("Partie retirée")
    PARTY_UPDATED = "party_updated", _("Objectifs d'une partie")
    STEP = "step", _("Étape de la méthode")
    CHECKLIST = "checklist", _("Liste de contrôle")
    RISK = "risk", _("Analyse des risques")
    LEGAL_FORM = "legal_form", _("Forme juridique")
    CONTRIBUTION = "contribution", _("Contribution")
    DOCUMENT = "document", _("Document")
    MILESTONE = "milestone", _("Jalon")
    EVALUATION = "evaluation", _("Évaluation")
