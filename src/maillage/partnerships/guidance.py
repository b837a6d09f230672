"""Guidance of the method: which legal form fits which partnership, and the points of
attention of the risk analysis. Pure functions of a partnership's facts, no writes.

Sources: seed 2011 (« typologie des partenariats et réponses juridiques adaptées »,
« l'analyse des risques pour une PME et pour une association ») and seed 2012 (« une
convention de mécénat risquerait d'induire une logique philanthropique qui n'est pas la
démarche partenariale de co-construction… une prestation de service risquerait d'impacter
le statut juridique des associations d'intérêt général »). This is guidance to open the
discussion, not legal advice: the sheets say to check with an adviser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.partnerships.enums import (
    HelpDirection,
    LegalForm,
    RiskKind,
    RiskLevel,
)

RECOMMENDED = "recommande"
POSSIBLE = "possible"
DISCOURAGED = "deconseille"
FIT_LABELS = {
    RECOMMENDED: _("Adaptée à ce type de partenariat"),
    POSSIBLE: _("Possible, selon le contenu"),
    DISCOURAGED: _("Peu adaptée à ce type de partenariat"),
}

# Kinds of actors whose general-interest tax status a commercial relationship may threaten.
GENERAL_INTEREST_KINDS = frozenset({"association", "fondation"})

LEGAL_FORM_TEXT: dict[str, Promise] = {
    LegalForm.CONVENTION_MECENAT: _(
        "Un don (en numéraire, en nature ou en compétences) à une structure d'intérêt "
        "général, sans contrepartie équivalente. L'entreprise bénéficie d'une réduction "
        "d'impôt (article 238 bis du code général des impôts, dans les plafonds légaux) si "
        "la structure peut délivrer un reçu fiscal. Les contreparties restent symboliques "
        "(mention du nom du mécène). Le mécénat de compétences se valorise au coût des "
        "heures des salariés mis à disposition."
    ),
    LegalForm.PARRAINAGE: _(
        "Un soutien à une action ou un événement en échange d'une visibilité publicitaire "
        "proportionnée. C'est une opération commerciale : une charge pour l'entreprise, une "
        "recette commerciale pour l'association (TVA et impôts commerciaux au-delà de la "
        "franchise)."
    ),
    LegalForm.PRESTATION: _(
        "La structure facture un service à son partenaire (achats responsables auprès "
        "d'une SIAE ou d'un ESAT, formation, sensibilisation des salariés, accueil de "
        "publics…). Naturel pour une structure dont c'est le modèle économique ; pour une "
        "association d'intérêt général, des recettes commerciales régulières peuvent "
        "remettre en cause sa non-lucrativité fiscale et sa capacité à recevoir des dons "
        "ouvrant droit à réduction d'impôt."
    ),
    LegalForm.CONVENTION_PARTENARIAT: _(
        "Un contrat sur mesure qui décrit l'objet commun, les apports de chacun, la "
        "gouvernance, la communication, la propriété des résultats, la durée et les "
        "conditions de sortie. Il n'a pas de régime fiscal propre : s'il prévoit des "
        "contreparties, c'est une prestation ; sinon, les apports peuvent relever du "
        "mécénat. C'est la forme habituelle de la co-construction."
    ),
    LegalForm.GROUPEMENT: _(
        "Une réponse commune à un marché public ou privé : groupement momentané "
        "d'opérateurs (cotraitance conjointe ou solidaire, avec un mandataire) ou "
        "sous-traitance déclarée. Chacun exécute et facture sa part ; les clauses sociales "
        "des marchés publics s'y prêtent bien."
    ),
    LegalForm.STRUCTURE_COMMUNE: _(
        "Une structure qui porte durablement le projet commun : société coopérative "
        "d'intérêt collectif (SCIC, qui associe salariés, bénéficiaires, entreprises et "
        "collectivités), groupement d'intérêt économique, association ad hoc. Plus lourd : "
        "à réserver aux projets qui changent d'échelle."
    ),
}

# Fit of each legal form for each of the four types (codes of actors.PartnershipType).
FIT_BY_TYPE: dict[str, dict[str, str]] = {
    "mecenat": {
        LegalForm.CONVENTION_MECENAT: RECOMMENDED,
        LegalForm.PARRAINAGE: POSSIBLE,
        LegalForm.CONVENTION_PARTENARIAT: POSSIBLE,
        LegalForm.PRESTATION: DISCOURAGED,
        LegalForm.GROUPEMENT: DISCOURAGED,
        LegalForm.STRUCTURE_COMMUNE: DISCOURAGED,
    },
    "pratiques_responsables": {
        LegalForm.PRESTATION: RECOMMENDED,
        LegalForm.CONVENTION_PARTENARIAT: POSSIBLE,
        LegalForm.CONVENTION_MECENAT: DISCOURAGED,
        LegalForm.PARRAINAGE: DISCOURAGED,
        LegalForm.GROUPEMENT: DISCOURAGED,
        LegalForm.STRUCTURE_COMMUNE: DISCOURAGED,
    },
    "cooperation_economique": {
        LegalForm.GROUPEMENT: RECOMMENDED,
        LegalForm.CONVENTION_PARTENARIAT: POSSIBLE,
        LegalForm.PRESTATION: POSSIBLE,
        LegalForm.STRUCTURE_COMMUNE: POSSIBLE,
        LegalForm.CONVENTION_MECENAT: DISCOURAGED,
        LegalForm.PARRAINAGE: DISCOURAGED,
    },
    "innovation_societale": {
        LegalForm.CONVENTION_PARTENARIAT: RECOMMENDED,
        LegalForm.STRUCTURE_COMMUNE: POSSIBLE,
        LegalForm.GROUPEMENT: POSSIBLE,
        LegalForm.CONVENTION_MECENAT: DISCOURAGED,
        LegalForm.PRESTATION: DISCOURAGED,
        LegalForm.PARRAINAGE: DISCOURAGED,
    },
}


@dataclass(frozen=True)
class PartyFacts:
    """What the guidance needs to know about one party."""

    party_id: int
    name: str
    kind: str
    sphere: str

    @property
    def is_general_interest(self) -> bool:
        return self.kind in GENERAL_INTEREST_KINDS

    @property
    def is_company(self) -> bool:
        return self.sphere == "entreprises"


@dataclass(frozen=True)
class LegalFormAdvice:
    code: str
    label: str
    text: str
    fit: str  # RECOMMENDED, POSSIBLE, DISCOURAGED or "" (type not chosen yet)
    fit_label: str
    warnings: tuple[str, ...]
    is_chosen: bool


def _form_warnings(
    form: str, *, help_direction: str, parties: Sequence[PartyFacts]
) -> tuple[str, ...]:
    warnings: list[str] = []
    general_interest = [party.name for party in parties if party.is_general_interest]
    if form == LegalForm.PRESTATION and general_interest:
        warnings.append(
            str(
                _(
                    "Statut fiscal : pour %(names)s, facturer une prestation peut remettre en "
                    "cause la non-lucrativité (impôts commerciaux, reçus fiscaux). Vérifiez la "
                    "part de ces recettes et sectorisez l'activité si besoin."
                )
            )
            % {"names": ", ".join(general_interest)}
        )
    if form == LegalForm.CONVENTION_MECENAT and help_direction == HelpDirection.CO_CONSTRUCTION:
        warnings.append(
            str(
                _(
                    "Une convention de mécénat installe une logique de don, de celui qui "
                    "donne à celui qui reçoit : elle peut mal convenir à une co-construction "
                    "où chacun apporte et reçoit. Préférez une convention de partenariat."
                )
            )
        )
    if form == LegalForm.CONVENTION_MECENAT and not general_interest:
        warnings.append(
            str(
                _(
                    "Aucune partie n'est une association ou une fondation : vérifiez que le "
                    "bénéficiaire est éligible au mécénat (intérêt général, reçu fiscal)."
                )
            )
        )
    if form == LegalForm.PARRAINAGE and general_interest:
        warnings.append(
            str(
                _(
                    "Les recettes de parrainage sont commerciales pour %(names)s : elles "
                    "comptent dans la franchise des impôts commerciaux."
                )
            )
            % {"names": ", ".join(general_interest)}
        )
    return tuple(warnings)


def legal_form_advice(
    *,
    type_code: str,
    help_direction: str,
    chosen: str,
    parties: Sequence[PartyFacts],
) -> list[LegalFormAdvice]:
    """Every legal form with its description, its fit for the partnership's type and the
    warnings raised by the parties' profiles; the fitting ones first."""
    fits = FIT_BY_TYPE.get(type_code, {})
    order = {RECOMMENDED: 0, POSSIBLE: 1, "": 2, DISCOURAGED: 3}
    advice = [
        LegalFormAdvice(
            code=code,
            label=str(label),
            text=str(LEGAL_FORM_TEXT[code]),
            fit=fits.get(code, ""),
            fit_label=str(FIT_LABELS[fits[code]]) if code in fits else "",
            warnings=_form_warnings(code, help_direction=help_direction, parties=parties),
            is_chosen=code == chosen,
        )
        for code, label in LegalForm.choices
    ]
    return sorted(advice, key=lambda item: order[item.fit])


# --------------------------------------------------------------------------- risks


@dataclass(frozen=True)
class RiskSuggestion:
    party_id: int
    party_name: str
    kind: str
    level: str
    text: str

    @property
    def kind_label(self) -> str:
        return str(RiskKind(self.kind).label)

    @property
    def level_label(self) -> str:
        return str(RiskLevel(self.level).label)


def risk_suggestions(
    *,
    parties: Sequence[PartyFacts],
    help_direction: str,
    legal_form: str,
    money_by_party: dict[int, Decimal],
    recorded: Iterable[tuple[int, str]],
) -> list[RiskSuggestion]:
    """Points of attention the parties have not analysed yet (``recorded`` holds the
    (party id, risk kind) pairs already in the analysis)."""
    done = set(recorded)
    found: list[RiskSuggestion] = []

    def suggest(party: PartyFacts, kind: str, level: str, text: str) -> None:
        if (party.party_id, kind) not in done:
            found.append(RiskSuggestion(party.party_id, party.name, kind, level, text))
            done.add((party.party_id, kind))

    funders = [party for party in parties if money_by_party.get(party.party_id, Decimal(0)) > 0]
    for party in parties:
        if party.is_general_interest:
            if legal_form == LegalForm.PRESTATION:
                suggest(
                    party,
                    RiskKind.STATUT,
                    RiskLevel.ELEVE,
                    str(
                        _(
                            "Un contrat de prestation peut fragiliser le statut fiscal de "
                            "l'association (non-lucrativité, reçus fiscaux)."
                        )
                    ),
                )
            if funders and party not in funders:
                suggest(
                    party,
                    RiskKind.DEPENDANCE,
                    RiskLevel.MOYEN,
                    str(
                        _(
                            "Quelle part de votre budget ce soutien représente-t-il ? Une "
                            "fin de partenariat ne doit pas mettre le projet en danger : "
                            "diversifiez les ressources et prévoyez la sortie."
                        )
                    ),
                )
            suggest(
                party,
                RiskKind.IMAGE,
                RiskLevel.FAIBLE,
                str(
                    _(
                        "Être associée à une marque ou à des pratiques contraires à son "
                        "projet : vérifiez la cohérence avec vos valeurs et vos adhérents."
                    )
                ),
            )
        elif party.is_company:
            suggest(
                party,
                RiskKind.IMAGE,
                RiskLevel.FAIBLE,
                str(
                    _(
                        "Une difficulté du partenaire rejaillit sur la marque : convenez de "
                        "la communication et de ce qui se passe en cas de crise."
                    )
                ),
            )
            suggest(
                party,
                RiskKind.CAPACITE,
                RiskLevel.FAIBLE,
                str(
                    _(
                        "Les engagements pris (heures de salariés, achats) tiennent-ils dans "
                        "la durée ? Nommez un référent et un relais en interne."
                    )
                ),
            )
        if legal_form == LegalForm.CONVENTION_MECENAT and (
            help_direction == HelpDirection.CO_CONSTRUCTION
        ):
            suggest(
                party,
                RiskKind.FORME,
                RiskLevel.MOYEN,
                str(
                    _(
                        "Une convention de mécénat peut ne pas convenir à une "
                        "co-construction : chacun y apporte et y gagne."
                    )
                ),
            )
    return found
