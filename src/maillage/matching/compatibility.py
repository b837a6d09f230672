"""The matching tables: which offers answer which needs, how complementary two spheres are,
how well an intervention area covers a seat. Documented in docs/decisions/0013.

Codes are domain.md §9's. Every value is in [0, 1]. Bits: each category, theme and
partnership type has a fixed bit in the masks stored by ``ActorProfile`` (the position in
the tuples below, which is why they only ever grow at the end). A category added later by
staff without a line here matches only itself, in the second (text) stage.
"""

from __future__ import annotations

from types import MappingProxyType

CATEGORIES: tuple[str, ...] = (
    "financement",
    "competences",
    "benevolat",
    "materiel",
    "locaux",
    "logistique",
    "achats",
    "expertise",
    "reseau",
    "communication",
    "formation",
    "innovation",
    "acces_publics",
)
THEMES: tuple[str, ...] = (
    "insertion_iae",
    "insertion_jeunes",
    "handicap",
    "precarite",
    "acces_droits",
    "inclusion_bancaire",
    "inclusion_numerique",
    "vieillissement",
    "logement",
    "sante",
    "emploi",
    "education",
    "culture_sport_loisirs",
    "transition_ecologique",
    "cohesion_territoriale",
    "egalite_chances",
    "developpement_local",
    "engagement_citoyen",
)
PARTNERSHIP_TYPES: tuple[str, ...] = (
    "mecenat",
    "pratiques_responsables",
    "cooperation_economique",
    "innovation_societale",
)
SPHERES: tuple[str, ...] = ("ess", "entreprises", "pouvoirs_publics")

CATEGORY_BIT = MappingProxyType({code: index for index, code in enumerate(CATEGORIES)})
THEME_BIT = MappingProxyType({code: index for index, code in enumerate(THEMES)})
TYPE_BIT = MappingProxyType({code: index for index, code in enumerate(PARTNERSHIP_TYPES)})
SPHERE_INDEX = MappingProxyType({code: index for index, code in enumerate(SPHERES)})

# Need category → {offer category: how well such an offer answers it}. The same category
# answers fully; a neighbouring one partly. E.g. a company's need « mobilisation des
# salariés » (benevolat) is answered by an association's offer of volunteering missions
# (benevolat) and, partly, by a skills-based volunteering offer (competences).
NEED_ANSWERED_BY: MappingProxyType[str, MappingProxyType[str, float]] = MappingProxyType(
    {
        need: MappingProxyType(offers)
        for need, offers in {
            "financement": {"financement": 1.0, "innovation": 0.2},
            "competences": {
                "competences": 1.0,
                "formation": 0.6,
                "benevolat": 0.5,
                "expertise": 0.5,
                "innovation": 0.3,
            },
            "benevolat": {"benevolat": 1.0, "competences": 0.6, "reseau": 0.2},
            "materiel": {"materiel": 1.0, "logistique": 0.4, "achats": 0.3, "locaux": 0.2},
            "locaux": {"locaux": 1.0, "acces_publics": 0.5, "materiel": 0.2},
            "logistique": {"logistique": 1.0, "materiel": 0.4, "achats": 0.5},
            "achats": {"achats": 1.0, "logistique": 0.4, "competences": 0.3, "materiel": 0.2},
            "expertise": {
                "expertise": 1.0,
                "formation": 0.6,
                "acces_publics": 0.5,
                "reseau": 0.3,
                "competences": 0.3,
            },
            "reseau": {"reseau": 1.0, "communication": 0.5, "acces_publics": 0.4, "expertise": 0.2},
            "communication": {"communication": 1.0, "reseau": 0.5, "competences": 0.4},
            "formation": {"formation": 1.0, "competences": 0.6, "expertise": 0.5},
            "innovation": {
                "innovation": 1.0,
                "expertise": 0.5,
                "competences": 0.4,
                "financement": 0.3,
            },
            "acces_publics": {
                "acces_publics": 1.0,
                "expertise": 0.6,
                "reseau": 0.5,
                "locaux": 0.3,
            },
        }.items()
    }
)

# How complementary two spheres are (symmetric): associations and companies first (the
# seeds' alliances), then the public bodies as catalysts; peers cooperate too (groupements
# of SIAE, joint offers), less often.
SPHERE_COMPLEMENTARITY: MappingProxyType[frozenset[str], float] = MappingProxyType(
    {
        frozenset({"ess", "entreprises"}): 1.0,
        frozenset({"ess", "pouvoirs_publics"}): 0.7,
        frozenset({"entreprises", "pouvoirs_publics"}): 0.6,
        frozenset({"ess"}): 0.5,
        frozenset({"entreprises"}): 0.3,
        frozenset({"pouvoirs_publics"}): 0.2,
    }
)

# Seat proximity: the smallest territory both seats share.
SEAT_PROXIMITY = MappingProxyType({"com": 1.0, "epci": 0.85, "dep": 0.6, "reg": 0.3})
# An intervention area that contains the other's seat, by the area's level (a national
# actor covers everyone, but from afar).
COVERAGE = MappingProxyType({"com": 1.0, "epci": 0.9, "dep": 0.8, "reg": 0.6, "fr": 0.4})
# Distance (km) at which the distance score falls to one half (exp decay).
DISTANCE_HALF_KM = 15.0


def answer_weight(need_category: str, offer_category: str) -> float:
    """How well an offer of ``offer_category`` answers a need of ``need_category``."""
    table = NEED_ANSWERED_BY.get(need_category)
    if table is None:
        return 1.0 if need_category == offer_category else 0.0
    return table.get(offer_category, 0.0)


def sphere_complementarity(a: str, b: str) -> float:
    if a not in SPHERE_INDEX or b not in SPHERE_INDEX:
        return 0.0
    return SPHERE_COMPLEMENTARITY[frozenset({a, b})]


def offers_answering(need_categories: int) -> int:
    """Mask of the offer categories answering at least one need category of the mask."""
    mask = 0
    for need, bit in CATEGORY_BIT.items():
        if need_categories >> bit & 1:
            for offer in NEED_ANSWERED_BY[need]:
                mask |= 1 << CATEGORY_BIT[offer]
    return mask


def needs_answered(offer_categories: int) -> int:
    """Mask of the need categories answered by at least one offer category of the mask."""
    mask = 0
    for need, bit in CATEGORY_BIT.items():
        if any(offer_categories >> CATEGORY_BIT[offer] & 1 for offer in NEED_ANSWERED_BY[need]):
            mask |= 1 << bit
    return mask


def mask_of(codes: object, bits: MappingProxyType[str, int]) -> int:
    mask = 0
    for code in codes:  # type: ignore[attr-defined]
        bit = bits.get(code)
        if bit is not None:
            mask |= 1 << bit
    return mask


def codes_of(mask: int, codes: tuple[str, ...]) -> list[str]:
    return [code for bit, code in enumerate(codes) if mask >> bit & 1]
