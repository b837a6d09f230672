"""Reads: suggestions with reasons, pair scores, best pairs, introductions, funnels,
responsiveness, endorsements. Access rules are applied by callers (``permissions.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.actors.models import Actor, Contact
from maillage.matching.engine import (
    BestPairs,
    CandidateFilters,
    best_pairs,
    pair_scores_of,
    profile_for,
    rank_for,
)
from maillage.matching.enums import (
    DeclineReason,
    FollowUpOutcome,
    FollowUpReason,
    IntroductionStatus,
)
from maillage.matching.models import (
    BestPairsReport,
    Endorsement,
    FollowUp,
    Introduction,
    SuggestionFeedback,
)
from maillage.matching.reasons import pair_reasons
from maillage.matching.scoring.features import Profile
from maillage.matching.scoring.pairs import PairScore
from maillage.matching.weights import weights_current

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Advice:
    code: str
    message: str


@dataclass
class Suggestion:
    actor: Actor
    pair: PairScore
    reasons: list[str]
    introduction: Introduction | None = None
    verdict: str = ""
    dismissed: bool = False
    can_facilitate: bool = False  # set by the page for a facilitator viewing

    @property
    def score(self) -> float:
        return self.pair.score

    @property
    def score_forward(self) -> float:
        return self.pair.forward

    @property
    def score_backward(self) -> float:
        return self.pair.backward

    @property
    def percent(self) -> int:
        return round(100 * self.pair.score)

    @property
    def percent_forward(self) -> int:
        return round(100 * self.pair.forward)

    @property
    def percent_backward(self) -> int:
        return round(100 * self.pair.backward)


@dataclass
class Suggestions:
    actor: Actor
    items: list[Suggestion] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    # True when nothing can be suggested until the profile is completed.
    blocked: bool = False
    examined: int = 0
    took_ms: float = 0.0


def advice_for(actor: Actor, profile: Profile | None) -> tuple[list[Advice], bool]:
    """What to add to get (better) suggestions; and whether nothing can be suggested."""
    if actor.is_closed:
        return [Advice("closed", _("Cette structure est fermée : aucune suggestion."))], True
    if profile is None:
        return [Advice("no_profile", _("Profil introuvable."))], True
    today = timezone.localdate()
    needs = [item for item in profile.needs if item.current(today)]
    offers = [item for item in profile.offers if item.current(today)]
    advice: list[Advice] = []
    blocked = False
    if not profile.has_territory:
        advice.append(
            Advice(
                "no_territory",
                _(
                    "Indiquez la commune de votre siège ou votre zone d'intervention : les "
                    "suggestions partent de votre territoire."
                ),
            )
        )
        blocked = True
    if not needs and not offers:
        advice.append(
            Advice(
                "no_needs_offers",
                _(
                    "Publiez vos besoins et ce que vous pouvez offrir (compétences, locaux, "
                    "achats, bénévolat…) : ce sont eux qui font les suggestions."
                ),
            )
        )
        blocked = True
    elif not needs:
        advice.append(
            Advice(
                "no_needs",
                _("Ajoutez vos besoins : nous chercherons qui peut y répondre."),
            )
        )
    elif not offers:
        advice.append(
            Advice(
                "no_offers",
                _(
                    "Ajoutez ce que vous pouvez offrir : les meilleurs partenariats profitent "
                    "aux deux parties."
                ),
            )
        )
    if not profile.theme_mask and not blocked:
        advice.append(
            Advice("no_themes", _("Choisissez vos thématiques : elles affinent les suggestions."))
        )
    return advice, blocked


def suggestions_for(
    *,
    actor: Actor,
    limit: int = DEFAULT_LIMIT,
    filters: CandidateFilters | None = None,
    include_dismissed: bool = False,
) -> Suggestions:
    """Ranked partners for ``actor`` with their reasons, or advice on what to add."""
    limit = max(1, min(limit, MAX_LIMIT))
    profile = profile_for(actor.pk)
    advice, blocked = advice_for(actor, profile)
    result = Suggestions(actor=actor, advice=advice, blocked=blocked)
    if blocked or profile is None:
        return result
    feedback = {row.candidate_id: row for row in SuggestionFeedback.objects.filter(actor=actor)}
    dismissed = {pk for pk, row in feedback.items() if row.dismissed}
    weights = weights_current()
    ranking = rank_for(
        profile,
        limit=limit,
        filters=filters,
        exclude=() if include_dismissed else dismissed,
        weights=weights,
    )
    result.examined, result.took_ms = ranking.examined, ranking.took_ms
    if not ranking.pairs:
        if not (filters and filters.active):
            result.advice.append(
                Advice(
                    "no_match",
                    _(
                        "Aucun partenaire ne répond encore à vos besoins ni n'a besoin de vos "
                        "offres sur votre territoire : précisez-les, ou élargissez votre zone "
                        "d'intervention."
                    ),
                )
            )
        return result
    ids = [pair.y for pair in ranking.pairs]
    actors = Actor.objects.select_related("kind", "seat_commune", "departement").in_bulk(ids)
    names = {pk: actor_.name for pk, actor_ in actors.items()}
    reasons = pair_reasons(
        ranking.pairs,
        profiles={profile.actor_id: profile, **ranking.profiles},
        names=names,
        weights=weights,
    )
    introductions = latest_introductions(actor=actor, others=ids)
    for pair in ranking.pairs:
        if pair.y not in actors:
            continue
        row = feedback.get(pair.y)
        result.items.append(
            Suggestion(
                actor=actors[pair.y],
                pair=pair,
                reasons=reasons.get(pair.y, []),
                introduction=introductions.get(pair.y),
                verdict=row.verdict if row else "",
                dismissed=bool(row and row.dismissed),
            )
        )
    return result


def latest_introductions(*, actor: Actor, others: Sequence[int]) -> dict[int, Introduction]:
    """The latest introduction between ``actor`` and each of ``others``."""
    found: dict[int, Introduction] = {}
    if not others:
        return found
    rows = (
        Introduction.objects.involving(actor.pk)
        .filter(Q(from_actor_id__in=others) | Q(to_actor_id__in=others))
        .order_by("created_at", "id")
    )
    for introduction in rows:
        found[introduction.other_side(actor.pk)] = introduction
    return found


def dismissed_actors(*, actor: Actor) -> list[Actor]:
    ids = SuggestionFeedback.objects.filter(actor=actor, dismissed=True).values("candidate_id")
    return list(Actor.objects.filter(pk__in=ids).order_by("name", "id"))


def pair_scores(*, actors: Sequence[Actor]) -> dict[tuple[int, int], float]:
    """Reciprocal score in [0, 1] of every ordered pair of distinct actors (both orders,
    same value) — the speed-dating planner's input."""
    scores = pair_scores_of([actor.pk for actor in actors])
    result: dict[tuple[int, int], float] = {}
    for (a, b), pair in scores.items():
        result[(a, b)] = result[(b, a)] = pair.score
    return result


def pair_score_between(*, actor: Actor, other: Actor) -> PairScore | None:
    """The full score of one pair, from ``actor``'s point of view."""
    if actor.pk == other.pk:
        return None
    scores = pair_scores_of([actor.pk, other.pk])
    pair = scores.get((min(actor.pk, other.pk), max(actor.pk, other.pk)))
    if pair is None:
        return None
    return pair if pair.x == actor.pk else pair.swapped()


@dataclass
class PairRow:
    a: Actor
    b: Actor
    score: float
    forward: float
    backward: float
    reasons: list[str]


def best_pairs_compute(*, territory_code: str, limit: int = 50) -> BestPairs:
    return best_pairs(territory_code=territory_code, limit=limit)


def best_pairs_rows(*, report: BestPairsReport) -> list[PairRow]:
    """A report's pairs with their actors (missing actors left out)."""
    ids = {row["a"] for row in report.pairs} | {row["b"] for row in report.pairs}
    actors = Actor.objects.select_related("kind", "seat_commune").in_bulk(list(ids))
    return [
        PairRow(
            a=actors[row["a"]],
            b=actors[row["b"]],
            score=row["score"],
            forward=row["forward"],
            backward=row["backward"],
            reasons=row.get("reasons", []),
        )
        for row in report.pairs
        if row["a"] in actors and row["b"] in actors
    ]


def best_pairs_report_latest(*, territory_code: str) -> BestPairsReport | None:
    return (
        BestPairsReport.objects.filter(territory_code=territory_code)
        .order_by("-created_at", "-id")
        .first()
    )


# --------------------------------------------------------------------------- introductions


def introduction_contacts(*, introduction: Introduction) -> dict[int, list[Contact]]:
    """Contact persons of both sides; callers check ``can_see_introduction_contacts``."""
    rows = Contact.objects.filter(
        actor_id__in=[introduction.from_actor_id, introduction.to_actor_id]
    ).order_by("actor_id", "-is_primary", "last_name", "first_name", "id")
    found: dict[int, list[Contact]] = {introduction.from_actor_id: [], introduction.to_actor_id: []}
    for contact in rows:
        found[contact.actor_id].append(contact)
    return found


def introductions_of(*, actor_ids: Iterable[int]) -> QuerySet[Introduction]:
    ids = list(actor_ids)
    return (
        Introduction.objects.filter(Q(from_actor_id__in=ids) | Q(to_actor_id__in=ids))
        .select_related("from_actor", "to_actor")
        .order_by("-created_at", "-id")
    )


def followups_waiting(*, actor_ids: Iterable[int]) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(actor_id__in=list(actor_ids), answered_at__isnull=True)
        .select_related(
            "introduction", "introduction__from_actor", "introduction__to_actor", "actor"
        )
        .order_by("asked_at", "id")
    )


@dataclass
class Funnel:
    """Introductions' funnel: sent → seen → answered → accepted → partnership opened."""

    sent: int = 0
    seen: int = 0
    answered: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    pending: int = 0
    partnership_opened: int = 0
    decline_reasons: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    nothing_reasons: list[tuple[str, int]] = field(default_factory=list)
    followups_answered: int = 0
    feedback_relevant: int = 0
    feedback_not_relevant: int = 0

    def share(self, value: int) -> int:
        return round(100 * value / self.sent) if self.sent else 0

    @property
    def steps(self) -> list[tuple[str, int, int]]:
        return [
            (_("Demandes envoyées"), self.sent, 100 if self.sent else 0),
            (_("Vues par le destinataire"), self.seen, self.share(self.seen)),
            (_("Répondues"), self.answered, self.share(self.answered)),
            (_("Acceptées"), self.accepted, self.share(self.accepted)),
            (_("Partenariat ouvert"), self.partnership_opened, self.share(self.partnership_opened)),
        ]


def introduction_funnel(*, introductions: QuerySet[Introduction]) -> Funnel:
    totals = introductions.aggregate(
        sent=Count("id"),
        seen=Count("id", filter=Q(seen_at__isnull=False)),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        accepted=Count("id", filter=Q(status=IntroductionStatus.ACCEPTED)),
        declined=Count("id", filter=Q(status=IntroductionStatus.DECLINED)),
        expired=Count("id", filter=Q(status=IntroductionStatus.EXPIRED)),
        pending=Count("id", filter=Q(status=IntroductionStatus.PENDING)),
        partnership_opened=Count("id", filter=Q(partnership_opened_at__isnull=False)),
    )
    funnel = Funnel(**totals)
    reasons = Counter(
        introductions.filter(status=IntroductionStatus.DECLINED)
        .exclude(decline_reason="")
        .values_list("decline_reason", flat=True)
    )
    labels = dict(DeclineReason.choices)
    funnel.decline_reasons = [(str(labels.get(code, code)), n) for code, n in reasons.most_common()]
    answered = FollowUp.objects.filter(introduction__in=introductions, answered_at__isnull=False)
    funnel.followups_answered = answered.count()
    outcome_labels = dict(FollowUpOutcome.choices)
    funnel.outcomes = [
        (str(outcome_labels.get(code, code)), n)
        for code, n in Counter(answered.values_list("outcome", flat=True)).most_common()
    ]
    reason_labels = dict(FollowUpReason.choices)
    funnel.nothing_reasons = [
        (str(reason_labels.get(code, code)), n)
        for code, n in Counter(
            answered.exclude(reason="").values_list("reason", flat=True)
        ).most_common()
    ]
    return funnel


def feedback_counts(*, actors: QuerySet[Actor]) -> tuple[int, int]:
    rows = SuggestionFeedback.objects.filter(actor__in=actors)
    return (
        rows.filter(verdict="pertinent").count(),
        rows.filter(verdict="pas_pertinent").count(),
    )


@dataclass
class Responsiveness:
    """How an actor answers the introductions it receives (shown on its profile)."""

    received: int
    answered: int
    median_days: float | None
    led_somewhere: int  # follow-ups saying partnership, purchase or ongoing talks
    followups: int

    @property
    def share(self) -> int | None:
        return round(100 * self.answered / self.received) if self.received else None

    @property
    def known(self) -> bool:
        return self.received >= 2


def responsiveness_of(*, actor: Actor) -> Responsiveness:
    received = Introduction.objects.filter(to_actor=actor).exclude(
        status__in=[IntroductionStatus.WITHDRAWN, IntroductionStatus.PENDING]
    )
    delays = sorted(
        (answered - created).total_seconds() / 86400
        for created, answered in received.filter(answered_at__isnull=False).values_list(
            "created_at", "answered_at"
        )
        if answered is not None
    )
    median: float | None = None
    if delays:
        middle = len(delays) // 2
        median = delays[middle] if len(delays) % 2 else (delays[middle - 1] + delays[middle]) / 2
    followups = FollowUp.objects.filter(actor=actor, answered_at__isnull=False)
    return Responsiveness(
        received=received.count(),
        answered=len(delays),
        median_days=round(median, 1) if median is not None else None,
        led_somewhere=followups.exclude(outcome=FollowUpOutcome.NOTHING).count(),
        followups=followups.count(),
    )


# --------------------------------------------------------------------------- endorsements


def endorsements_of(*, actor: Actor) -> list[Endorsement]:
    """Active endorsements an actor received, newest first."""
    return list(
        Endorsement.objects.active()
        .filter(to_actor=actor, from_actor__status="active")
        .select_related("from_actor", "from_actor__kind")
        .order_by("-created_at", "-id")
    )


def endorsement_given(*, from_actor_ids: Iterable[int], to_actor: Actor) -> Endorsement | None:
    return (
        Endorsement.objects.active()
        .filter(from_actor_id__in=list(from_actor_ids), to_actor=to_actor)
        .first()
    )


def introductions_recent(
    *, introductions: QuerySet[Introduction], limit: int = 20
) -> list[Introduction]:
    return list(
        introductions.select_related("from_actor", "to_actor").order_by("-created_at", "-id")[
            :limit
        ]
    )


def as_dict(pair: PairScore) -> dict[str, Any]:
    return {
        "score": round(pair.score, 6),
        "score_forward": round(pair.forward, 6),
        "score_backward": round(pair.backward, 6),
        "components": pair.components(),
    }
