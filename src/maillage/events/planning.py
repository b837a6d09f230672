"""From an event's registrations to a planner instance (contracts.md format).

Interest of a pair, in [0, 1]:

    score = 0.6 × (wish(i→j) + wish(j→i)) / 2 + 0.4 × match(i, j)

where ``wish`` is 1 for someone's first choice, 0.1 less per rank after (never below 0.2)
and 0 when not wished, and ``match`` is the platform's reciprocal match score of the two
organisations (``maillage.matching.selectors.pair_scores``). Without match scores (the
matching app unavailable, or people registered for no organisation) the wishes alone
count: ``score = mutual wish``. Two people of the same organisation never meet (avoid).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from maillage.actors.enums import Sphere
from maillage.actors.models import Actor
from maillage.events.enums import ConstraintKind, Side
from maillage.events.models import Event, Meeting, PairConstraint, Registration, Wish

WISH_WEIGHT = 0.6
MATCH_WEIGHT = 0.4


def wish_value(rank: int) -> float:
    return max(0.2, 1.0 - 0.1 * (rank - 1))


def default_side(actor: Actor | None) -> str:
    """ESS structures on side A, companies and public bodies on side B."""
    if actor is not None and actor.sphere == Sphere.ESS:
        return Side.A
    return Side.B


def match_scores(actors: Sequence[Actor]) -> dict[tuple[int, int], float] | None:
    """The matching app's reciprocal scores, or None when it is not available."""
    try:
        from maillage.matching.selectors import pair_scores
    except ImportError:  # the matching app is optional for the planner
        return None
    if len(actors) < 2:
        return {}
    return pair_scores(actors=list(actors))


def build_instance(
    event: Event, registrations: Sequence[Registration]
) -> tuple[dict[str, Any], bool]:
    """The planner's input for these participants; the flag tells whether match scores
    were used. Rounds already held (``event.rounds_held``) are passed as past rounds."""
    ids = {registration.pk for registration in registrations}
    by_id = {registration.pk: registration for registration in registrations}
    wishes: dict[tuple[int, int], float] = {}
    for wish in Wish.objects.filter(registration_id__in=ids, target_id__in=ids):
        wishes[(wish.registration_id, wish.target_id)] = wish_value(wish.rank)
    actors = list({r.actor_id: r.actor for r in registrations if r.actor is not None}.values())
    matches = match_scores(actors)
    used_matches = bool(matches)
    ordered = sorted(ids)
    scores = []
    avoid: list[list[str]] = []
    for position, i in enumerate(ordered):
        for j in ordered[position + 1 :]:
            ri, rj = by_id[i], by_id[j]
            if event.two_sided and (ri.side or "B") == (rj.side or "B"):
                continue
            if ri.actor_id and ri.actor_id == rj.actor_id:
                avoid.append([str(i), str(j)])
                continue
            mutual_wish = (wishes.get((i, j), 0.0) + wishes.get((j, i), 0.0)) / 2
            match = 0.0
            if matches and ri.actor_id and rj.actor_id:
                match = matches.get((ri.actor_id, rj.actor_id), 0.0)
            score = (
                WISH_WEIGHT * mutual_wish + MATCH_WEIGHT * match if used_matches else mutual_wish
            )
            if score > 0:
                scores.append({"a": str(i), "b": str(j), "score": round(score, 4)})
    must_meet = []
    for constraint in PairConstraint.objects.filter(
        event=event, first_id__in=ids, second_id__in=ids
    ).order_by("id"):
        pair = [str(constraint.first_id), str(constraint.second_id)]
        if constraint.kind == ConstraintKind.MUST_MEET:
            must_meet.append(pair)
        elif pair not in avoid:
            avoid.append(pair)
    past: list[list[dict[str, Any]]] = [[] for _ in range(event.rounds_held)]
    for meeting in Meeting.objects.filter(
        event=event, round_number__lte=event.rounds_held
    ).order_by("round_number", "table"):
        past[meeting.round_number - 1].append(
            {"a": str(meeting.first_id), "b": str(meeting.second_id), "score": meeting.score}
        )
    instance = {
        "rounds": event.rounds,
        "tables": event.tables,
        "two_sided": event.two_sided,
        "participants": [
            {"id": str(i), "side": by_id[i].side or default_side(by_id[i].actor)} for i in ordered
        ],
        "scores": scores,
        "must_meet": must_meet,
        "avoid": avoid,
        "past_rounds": past,
    }
    return instance, used_matches
