"""Matching: the features the score reads, staff's settings, suggestions' feedback,
introductions (« mises en relation ») with their history and follow-up, endorsements.

``ActorProfile`` is a derived table (one row per actor, rebuilt from the actors' tables by
``matching.profiles``): never edited by hand, always rebuildable
(``maillage matching_housekeeping --rebuild``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from maillage.core.models import TimestampedModel
from maillage.matching.enums import (
    BestPairsStatus,
    DeclineReason,
    FeedbackVerdict,
    FollowUpOutcome,
    FollowUpReason,
    IntroductionEventKind,
    IntroductionOrigin,
    IntroductionStatus,
)
from maillage.matching.weights import DEFAULT_POLICY, DEFAULTS

_UNIT = [MinValueValidator(0.0), MaxValueValidator(10.0)]
_SHARE = [MinValueValidator(0.0), MaxValueValidator(1.0)]


def _weight(
    label: StrOrPromise,
    name: str,
    help_text: StrOrPromise,
    validators: list[Any] | None = None,
) -> models.FloatField[float, float]:
    return models.FloatField(
        label,
        default=getattr(DEFAULTS, name),
        validators=validators or _UNIT,
        help_text=help_text,
    )


class MatchingSettings(models.Model):
    """Staff's weights and introduction rules (one row; defaults in ``weights.py``)."""

    SINGLETON_ID: ClassVar[int] = 1

    fit = _weight(
        _("adéquation besoins ↔ offres"), "fit", _("Les offres de l'autre répondent à mes besoins.")
    )
    territory = _weight(
        _("territoire"), "territory", _("Sièges proches ou zone d'intervention couvrant mon siège.")
    )
    themes = _weight(_("thématiques communes"), "themes", _("Thématiques partagées."))
    partnership_types = _weight(
        _("types de partenariat"),
        "partnership_types",
        _("Types de partenariat recherchés par les deux."),
    )
    spheres = _weight(
        _("sphères complémentaires"), "spheres", _("Association × entreprise d'abord.")
    )
    trust = _weight(
        _("confiance"), "trust", _("Cautions des pairs, labels, complétude, activité, réactivité.")
    )
    item_base = _weight(
        _("besoin ↔ offre : catégorie"), "item_base", _("Part de la seule catégorie compatible.")
    )
    item_text = _weight(
        _("besoin ↔ offre : texte"), "item_text", _("Part de la similarité des textes (TF-IDF).")
    )
    item_themes = _weight(
        _("besoin ↔ offre : thématiques"), "item_themes", _("Part des thématiques partagées.")
    )
    fit_best_share = _weight(
        _("part du meilleur besoin couvert"),
        "fit_best_share",
        _("0 : moyenne de tous les besoins ; 1 : seulement le mieux couvert."),
        _SHARE,
    )
    trust_endorsements = _weight(
        _("confiance : cautions"), "trust_endorsements", _("Cautions reçues.")
    )
    trust_labels = _weight(_("confiance : labels"), "trust_labels", _("Labels et agréments."))
    trust_completeness = _weight(
        _("confiance : complétude"), "trust_completeness", _("Complétude du profil.")
    )
    trust_activity = _weight(
        _("confiance : activité"), "trust_activity", _("Profil mis à jour récemment.")
    )
    trust_responsiveness = _weight(
        _("confiance : réactivité"), "trust_responsiveness", _("Réponses aux demandes reçues.")
    )
    reciprocity = _weight(
        _("réciprocité"),
        "reciprocity",
        _("0 : moyenne des deux sens ; 1 : moyenne harmonique (les deux doivent y gagner)."),
        _SHARE,
    )

    max_open_requests = models.PositiveSmallIntegerField(
        _("demandes en attente par organisation"), default=DEFAULT_POLICY.max_open_requests
    )
    requests_per_user_per_hour = models.PositiveSmallIntegerField(
        _("demandes par personne et par heure"), default=DEFAULT_POLICY.requests_per_user_per_hour
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("relance après (jours)"), default=DEFAULT_POLICY.reminder_after_days
    )
    max_reminders = models.PositiveSmallIntegerField(
        _("nombre de relances"), default=DEFAULT_POLICY.max_reminders
    )
    expiry_after_days = models.PositiveSmallIntegerField(
        _("expiration après (jours)"), default=DEFAULT_POLICY.expiry_after_days
    )
    followup_after_days = models.PositiveSmallIntegerField(
        _("suivi après (jours)"), default=DEFAULT_POLICY.followup_after_days
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réglages de la mise en relation")
        verbose_name_plural = _("réglages de la mise en relation")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="matching_settings_singleton")
        ]

    def __str__(self) -> str:
        return str(_("Réglages de la mise en relation"))


SEAT_INDEX_FIELDS = [
    "departement",
    "matchable",
    "commune",
    "epci",
    "offer_mask",
    "need_mask",
    "actor",
    "theme_mask",
    "type_mask",
    "sphere",
    "kind",
    "region",
    "latitude",
    "longitude",
    "coverage",
    "endorsements",
    "labels",
    "completeness",
    "last_activity_day",
    "responsiveness",
]


class ActorProfile(models.Model):
    """What the score reads about an actor, in one row (derived; see ``profiles.py``).

    Masks hold one bit per code of ``compatibility.CATEGORIES``/``THEMES``/
    ``PARTNERSHIP_TYPES``. The needs and offers themselves are in ``ActorProfileItems``.
    """

    actor = models.OneToOneField(
        "actors.Actor", on_delete=models.CASCADE, primary_key=True, related_name="matching_profile"
    )
    dirty = models.BooleanField(default=True)
    is_active = models.BooleanField(default=False)
    # Active with at least one current need or offer: the only profiles worth scoring (the
    # candidate indexes start with it, so registry-only records are never read).
    matchable = models.BooleanField(default=False)
    need_mask = models.BigIntegerField(default=0)
    offer_mask = models.BigIntegerField(default=0)
    theme_mask = models.BigIntegerField(default=0)
    type_mask = models.SmallIntegerField(default=0)
    sphere = models.SmallIntegerField(default=-1)
    kind = models.CharField(max_length=50, blank=True)
    commune = models.CharField(max_length=5, blank=True)
    epci = models.CharField(max_length=9, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    region = models.CharField(max_length=3, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    coverage = models.TextField(blank=True)  # intervention territory codes, space-separated
    is_national = models.BooleanField(default=False)
    endorsements = models.PositiveIntegerField(default=0)
    labels = models.PositiveSmallIntegerField(default=0)
    completeness = models.PositiveSmallIntegerField(default=0)
    # Day of the last activity, as a proleptic Gregorian ordinal (``date.toordinal()``):
    # an integer reads faster than a date on every database.
    last_activity_day = models.IntegerField(null=True, blank=True)
    responsiveness = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("profil de mise en relation")
        verbose_name_plural = _("profils de mise en relation")
        indexes = [
            # Every column the candidate query reads (``engine._select``): a territory's
            # candidates are one range of index entries, the table is not read.
            models.Index(fields=SEAT_INDEX_FIELDS, name="matching_profile_seat"),
            models.Index(
                fields=["region", "matchable", "offer_mask", "need_mask", "actor"],
                name="matching_profile_region",
            ),
            models.Index(
                fields=["is_national", "matchable", "-endorsements", "-completeness"],
                name="matching_profile_national",
            ),
            models.Index(fields=["dirty"], condition=Q(dirty=True), name="matching_profile_dirty"),
        ]

    def __str__(self) -> str:
        return f"profil {self.actor_id}"


class ActorProfileItems(models.Model):
    """A profile's current needs and offers as ``[id, direction, category, stems,
    theme_mask, valid_until]`` — apart, so that the profile rows the candidate queries
    read stay small; only the best candidates' items are read."""

    profile = models.OneToOneField(
        ActorProfile, on_delete=models.CASCADE, primary_key=True, related_name="item_set"
    )
    items = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("besoins et offres d'un profil")
        verbose_name_plural = _("besoins et offres des profils")

    def __str__(self) -> str:
        return f"items {self.profile_id}"


class TermStatistic(models.Model):
    """Document frequency of a French stem over the needs' and offers' texts (the IDF of
    the text similarity). The row with an empty stem holds the number of documents."""

    stem = models.CharField(max_length=60, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("fréquence de terme")

    def __str__(self) -> str:
        return f"{self.stem}: {self.documents}"


class SuggestionFeedback(TimestampedModel):
    """What an organisation said about a suggested partner: dismissed, and/or a verdict
    (« pertinent » / « pas pertinent ») kept with the score and its components for tuning."""

    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    candidate = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partenaire suggéré"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dismissed = models.BooleanField(_("écarté"), default=False)
    verdict = models.CharField(
        _("avis"), max_length=15, choices=FeedbackVerdict.choices, blank=True
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    components = models.JSONField(_("composantes"), default=dict, blank=True)

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("avis sur une suggestion")
        verbose_name_plural = _("avis sur les suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "candidate"], name="suggestion_feedback_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} → {self.candidate_id}: {self.verdict or '-'}"


class IntroductionQuerySet(models.QuerySet["Introduction"]):
    def open(self) -> IntroductionQuerySet:
        return self.filter(status__in=[IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED])

    def pending(self) -> IntroductionQuerySet:
        return self.filter(status=IntroductionStatus.PENDING)

    def accepted(self) -> IntroductionQuerySet:
        return self.filter(status=IntroductionStatus.ACCEPTED)

    def between(self, a_id: int, b_id: int) -> IntroductionQuerySet:
        return self.filter(pair_low=min(a_id, b_id), pair_high=max(a_id, b_id))

    def involving(self, actor_id: int) -> IntroductionQuerySet:
        return self.filter(Q(from_actor_id=actor_id) | Q(to_actor_id=actor_id))


class Introduction(TimestampedModel):
    """A request to be put in touch (« demande de mise en relation »).

    A direct request carries the sender's consent (``from_consent_at``); the recipient
    accepts or declines. A facilitator's introduction needs both sides' consent. Contact
    persons are revealed to each other only once ``status`` is ``accepted``.
    """

    from_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="introductions_sent",
        verbose_name=_("demandeur"),
    )
    to_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="introductions_received",
        verbose_name=_("destinataire"),
    )
    # The unordered pair, so that one open introduction per pair is a database rule.
    pair_low = models.PositiveBigIntegerField(editable=False)
    pair_high = models.PositiveBigIntegerField(editable=False)
    origin = models.CharField(
        _("origine"),
        max_length=15,
        choices=IntroductionOrigin.choices,
        default=IntroductionOrigin.DIRECT,
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PENDING,
    )
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("animateur"),
    )
    from_consent_at = models.DateTimeField(_("accord du demandeur le"), null=True, blank=True)
    from_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_consent_at = models.DateTimeField(_("accord du destinataire le"), null=True, blank=True)
    to_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seen_at = models.DateTimeField(_("vue le"), null=True, blank=True)
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    decline_reason = models.CharField(
        _("motif du refus"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("précision"), blank=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    followup_asked_at = models.DateTimeField(null=True, blank=True)
    partnership_opened_at = models.DateTimeField(_("partenariat ouvert le"), null=True, blank=True)
    partnership_url = models.CharField(max_length=300, blank=True, editable=False)
    score = models.FloatField(_("score au moment de la demande"), null=True, blank=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_actor=models.F("to_actor")), name="introduction_not_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["pair_low", "pair_high"],
                condition=Q(status__in=["pending", "accepted"]),
                name="introduction_one_open_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["from_actor", "status"]),
            models.Index(fields=["to_actor", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_actor_id} → {self.to_actor_id} ({self.status})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.pair_low = min(self.from_actor_id, self.to_actor_id)
        self.pair_high = max(self.from_actor_id, self.to_actor_id)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:introduction", kwargs={"pk": self.pk})

    @property
    def is_accepted(self) -> bool:
        return self.status == IntroductionStatus.ACCEPTED

    @property
    def is_pending(self) -> bool:
        return self.status == IntroductionStatus.PENDING

    def other_side(self, actor_id: int) -> int:
        return self.to_actor_id if actor_id == self.from_actor_id else self.from_actor_id


class IntroductionEvent(models.Model):
    """One step of an introduction's history (its funnel reads these)."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("étape"), max_length=20, choices=IntroductionEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("étape d'une mise en relation")
        verbose_name_plural = _("étapes des mises en relation")

    def __str__(self) -> str:
        return f"{self.introduction_id} · {self.kind}"


class FollowUp(models.Model):
    """« Closing the loop »: some weeks after an accepted introduction, each side says
    whether it led somewhere."""

    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, related_name="followups"
    )
    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("résultat"), max_length=15, choices=FollowUpOutcome.choices, blank=True
    )
    reason = models.CharField(
        _("pourquoi"), max_length=25, choices=FollowUpReason.choices, blank=True
    )
    note = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("suivi d'une mise en relation")
        verbose_name_plural = _("suivis des mises en relation")
        constraints = [
            models.UniqueConstraint(fields=["introduction", "actor"], name="followup_one_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.introduction_id} · {self.actor_id}: {self.outcome or '?'}"


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def active(self) -> EndorsementQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Endorsement(TimestampedModel):
    """« Caution des pairs »: an organisation vouches for another after working with it.
    One per pair and direction; withdrawing keeps the row (``withdrawn_at``)."""

    from_actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="endorsements_given"
    )
    to_actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="endorsements_received"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("témoignage"), max_length=600)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("caution")
        verbose_name_plural = _("cautions des pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["from_actor", "to_actor"], name="endorsement_one_per_direction"
            ),
            models.CheckConstraint(
                condition=~Q(from_actor=models.F("to_actor")), name="endorsement_not_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_actor_id} ⇒ {self.to_actor_id}"


class BestPairsReport(models.Model):
    """A territory's most promising pairs not yet in contact, computed in the background."""

    territory_code = models.CharField(_("territoire"), max_length=20)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BestPairsStatus.choices, default=BestPairsStatus.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    actors_count = models.PositiveIntegerField(default=0)
    duration_s = models.FloatField(null=True, blank=True)
    pairs = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meilleures paires d'un territoire")
        verbose_name_plural = _("meilleures paires des territoires")
        indexes = [models.Index(fields=["territory_code", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.territory_code} · {self.created_at:%Y-%m-%d %H:%M}"
