"""The one place where the matching's weights and the introductions' policy live.

``DEFAULTS`` are the values in code; staff override them in the admin
(« Réglages de la mise en relation », the singleton ``MatchingSettings``). Every reader
calls ``weights_current()``; nothing else hard-codes a weight. What each weight means is
documented here and in docs/decisions/0013.

Directional score of a candidate Y for X, ``f(X←Y)`` (each component in [0, 1]):

    f = (fit·w_fit + territory·w_territory + themes·w_themes + types·w_types
         + spheres·w_spheres + trust(Y as seen by X)·w_trust) / Σw

Reciprocal score: ``R = (1 − ρ)·(f + b)/2 + ρ·2fb/(f + b)`` where ``f = f(X←Y)``,
``b = f(Y←X)`` and ρ = ``reciprocity`` (1: the harmonic mean, so that a pair where only
one side gains ranks below a pair where both do).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Weights:
    # -- components of the directional score (relative; normalised by their sum)
    fit: float = 0.45  # the other's offers answer my needs (category, text, themes)
    # seats close, or an intervention area covering my seat. 0.30 (was 0.16): measured with
    # bench/matching_quality.py, planted pairs recall@10 99.7 → 100 %, reciprocal success
    # 85.9 → 89.0 %; the demo's real (neighbourhood) partners recall@10 25.0 → 35.7 %.
    territory: float = 0.30
    themes: float = 0.12  # shared themes (cosine of the two theme sets)
    partnership_types: float = 0.05  # partnership types sought by both
    spheres: float = 0.10  # complementary spheres (association × company first)
    trust: float = 0.12  # endorsements, labels, completeness, activity, responsiveness
    # -- one need against one offer: category compatibility × (base + text + themes)
    item_base: float = 0.55  # what a compatible category alone is worth
    item_text: float = 0.30  # TF-IDF cosine of the two free texts (French stems)
    item_themes: float = 0.15  # shared themes of the need and the offer
    # -- fit over several needs: share of the best answered need vs the mean of all
    fit_best_share: float = 0.6
    # -- trust, as seen by X (relative; normalised by their sum)
    trust_endorsements: float = 0.35  # peers' endorsements (partners of X count double)
    trust_labels: float = 0.15
    trust_completeness: float = 0.20
    trust_activity: float = 0.20  # profile confirmed or edited recently
    trust_responsiveness: float = 0.10  # answers to introductions received
    # -- reciprocity: 0 = arithmetic mean of both directions, 1 = harmonic mean
    reciprocity: float = 1.0

    @property
    def component_total(self) -> float:
        return (
            self.fit
            + self.territory
            + self.themes
            + self.partnership_types
            + self.spheres
            + self.trust
        )

    @property
    def trust_total(self) -> float:
        return (
            self.trust_endorsements
            + self.trust_labels
            + self.trust_completeness
            + self.trust_activity
            + self.trust_responsiveness
        )


@dataclass(frozen=True)
class Policy:
    """The introductions' rules (« demandes de mise en relation »)."""

    max_open_requests: int = 10  # pending requests an organisation may have sent at once
    requests_per_user_per_hour: int = 5  # per-user throttle on new requests
    reminder_after_days: int = 7  # remind the recipient after this many days without answer
    max_reminders: int = 2
    expiry_after_days: int = 30  # a pending request expires after this many days
    followup_after_days: int = 42  # ask both sides whether it led somewhere (6 weeks)


DEFAULTS = Weights()
DEFAULT_POLICY = Policy()
WEIGHT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Weights))
POLICY_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Policy))


def weights_current() -> Weights:
    """The weights in force (staff's settings, else the defaults)."""
    from maillage.matching.models import MatchingSettings

    row = MatchingSettings.objects.filter(pk=MatchingSettings.SINGLETON_ID).first()
    if row is None:
        return DEFAULTS
    return Weights(**{name: float(getattr(row, name)) for name in WEIGHT_NAMES})


def policy_current() -> Policy:
    from maillage.matching.models import MatchingSettings

    row = MatchingSettings.objects.filter(pk=MatchingSettings.SINGLETON_ID).first()
    if row is None:
        return DEFAULT_POLICY
    return Policy(**{name: int(getattr(row, name)) for name in POLICY_NAMES})
