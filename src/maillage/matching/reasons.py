"""Why a partner is suggested, in plain French, from X's point of view.

Each component's weighted contribution to the forward score ranks the reasons; the few
that weigh most are given (``MAX_REASONS``), e.g. « Vous cherchez des compétences
(« Refaire notre site web ») ; Atelier Numérique propose des compétences (« Mécénat de
compétences en développement web ») · Même intercommunalité · 2 de vos partenaires le
recommandent ».
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from maillage.actors.models import NeedOffer, PartnershipType, Theme
from maillage.matching.compatibility import PARTNERSHIP_TYPES, THEMES, codes_of
from maillage.matching.scoring.features import Profile
from maillage.matching.scoring.pairs import PairScore
from maillage.matching.weights import Weights

MAX_REASONS = 4
EXCERPT_CHARS = 70
MIN_CONTRIBUTION = 0.01


_CATEGORY_PHRASES = {
    "financement": gettext_lazy("un financement"),
    "competences": gettext_lazy("des compétences"),
    "benevolat": gettext_lazy("du bénévolat ou la mobilisation de salariés"),
    "materiel": gettext_lazy("du matériel ou des dons en nature"),
    "locaux": gettext_lazy("des locaux"),
    "logistique": gettext_lazy("de la logistique"),
    "achats": gettext_lazy("des achats ou prestations responsables"),
    "expertise": gettext_lazy("une expertise des publics fragiles"),
    "reseau": gettext_lazy("du réseau et des mises en relation"),
    "communication": gettext_lazy("de la communication et de la visibilité"),
    "formation": gettext_lazy("de la formation"),
    "innovation": gettext_lazy("de l'innovation et de l'expérimentation"),
    "acces_publics": gettext_lazy("un accès aux publics"),
}


def _category_phrase(code: str) -> str:
    phrase = _CATEGORY_PHRASES.get(code)
    return str(phrase) if phrase is not None else code


@dataclass
class _Labels:
    themes: dict[str, str]
    types: dict[str, str]
    items: dict[int, str]


def _labels(pairs: Sequence[PairScore]) -> _Labels:
    item_ids: set[int] = set()
    for pair in pairs:
        for fit in (pair.fit_forward, pair.fit_backward):
            if fit.best is not None:
                item_ids.update((fit.best.need.id, fit.best.offer.id))
    items = {
        pk: (title or Truncator(" ".join(text.split())).chars(EXCERPT_CHARS))
        for pk, title, text in NeedOffer.objects.filter(pk__in=item_ids).values_list(
            "pk", "title", "text"
        )
    }
    themes, types = _vocabularies()
    return _Labels(themes=themes, types=types, items=items)


_VOCABULARY_SECONDS = 300
_vocabulary_cache: dict[str, Any] = {}


def _vocabularies() -> tuple[dict[str, str], dict[str, str]]:
    """Theme and partnership-type labels, read at most every ``_VOCABULARY_SECONDS`` (staff
    rarely reword them; a suggestion should not pay two queries for them)."""
    cached = _vocabulary_cache.get("labels")
    if cached is not None and time.monotonic() - cached[0] < _VOCABULARY_SECONDS:
        return cached[1], cached[2]
    themes = dict(Theme.objects.values_list("code", "name"))
    types = dict(PartnershipType.objects.values_list("code", "name"))
    _vocabulary_cache["labels"] = (time.monotonic(), themes, types)
    return themes, types


def _excerpt(labels: _Labels, item_id: int) -> str:
    text = labels.items.get(item_id, "")
    return f" (« {text} »)" if text else ""


def pair_reasons(
    pairs: Sequence[PairScore],
    *,
    profiles: Mapping[int, Profile],
    names: Mapping[int, str],
    weights: Weights,
) -> dict[int, list[str]]:
    """Reasons for each pair (keyed by the candidate's id), from X's point of view.
    ``profiles`` holds both sides of every pair."""
    labels = _labels(pairs)
    return {
        pair.y: _reasons(
            pair, profiles[pair.x], profiles[pair.y], names.get(pair.y, ""), labels, weights
        )
        for pair in pairs
    }


def _reasons(
    pair: PairScore, x: Profile, y: Profile, name: str, labels: _Labels, w: Weights
) -> list[str]:
    scored: list[tuple[float, str]] = []
    forward = pair.fit_forward
    if forward.best is not None:
        need, offer = forward.best.need, forward.best.offer
        text = _(
            "Vous cherchez %(need)s%(need_text)s ; %(name)s propose %(offer)s%(offer_text)s"
        ) % {
            "need": _category_phrase(need.category),
            "need_text": _excerpt(labels, need.id),
            "name": name,
            "offer": _category_phrase(offer.category),
            "offer_text": _excerpt(labels, offer.id),
        }
        if forward.needs > 1:
            text += " " + ngettext(
                "(%(answered)d de vos %(needs)d besoins trouve une réponse)",
                "(%(answered)d de vos %(needs)d besoins trouvent une réponse)",
                forward.answered,
            ) % {"answered": forward.answered, "needs": forward.needs}
        scored.append((w.fit * forward.score + 1.0, text))  # what X asked for comes first
    backward = pair.fit_backward
    if backward.best is not None:
        need, offer = backward.best.need, backward.best.offer
        scored.append(
            (
                w.fit * backward.score + 0.5,
                _("%(name)s cherche %(need)s%(need_text)s ; vous proposez %(offer)s%(offer_text)s")
                % {
                    "name": name,
                    "need": _category_phrase(need.category),
                    "need_text": _excerpt(labels, need.id),
                    "offer": _category_phrase(offer.category),
                    "offer_text": _excerpt(labels, offer.id),
                },
            )
        )
    place = pair.territory
    if place.score > 0:
        scored.append((w.territory * place.score, _territory_text(pair, name)))
    if pair.shared_themes:
        shared = [
            labels.themes.get(code, code) for code in codes_of(x.theme_mask & y.theme_mask, THEMES)
        ]
        scored.append(
            (
                w.themes * pair.themes,
                ngettext(
                    "Thématique commune : %(list)s", "Thématiques communes : %(list)s", len(shared)
                )
                % {"list": ", ".join(shared)},
            )
        )
    if pair.shared_types:
        shared = [
            labels.types.get(code, code)
            for code in codes_of(x.type_mask & y.type_mask, PARTNERSHIP_TYPES)
        ]
        scored.append(
            (
                w.partnership_types * pair.types,
                _("Vous recherchez tous deux : %(list)s") % {"list": ", ".join(shared)},
            )
        )
    if pair.spheres >= 0.6:
        scored.append((w.spheres * pair.spheres, _("Sphères complémentaires")))
    if pair.vouchers_forward:
        scored.append(
            (
                w.trust * pair.trust_forward + 0.2,
                ngettext(
                    "%(count)d de vos partenaires le recommande",
                    "%(count)d de vos partenaires le recommandent",
                    pair.vouchers_forward,
                )
                % {"count": pair.vouchers_forward},
            )
        )
    elif y.endorsements:
        count = y.endorsements
        scored.append(
            (
                w.trust * pair.trust_forward,
                ngettext("Recommandé par %(count)d pair", "Recommandé par %(count)d pairs", count)
                % {"count": count},
            )
        )
    scored = [item for item in scored if item[0] >= MIN_CONTRIBUTION]
    scored.sort(key=lambda item: -item[0])
    return [text for _weight, text in scored[:MAX_REASONS]]


def _territory_text(pair: PairScore, name: str) -> str:
    place = pair.territory
    km = place.distance_km
    distance = _(" (à %(km)d km)") % {"km": round(km)} if km is not None and km >= 1 else ""
    if place.kind == "seat":
        text = {
            "com": _("Même commune"),
            "epci": _("Même intercommunalité"),
            "dep": _("Même département"),
            "reg": _("Même région"),
        }[place.level]
        return text + (distance if place.level in {"dep", "reg"} else "")
    if place.kind == "covers":
        return _("%(name)s intervient sur votre territoire") % {"name": name} + distance
    if place.kind == "covered":
        return _("Vous intervenez sur son territoire") + distance
    return _("À %(km)d km") % {"km": round(km or 0)}
