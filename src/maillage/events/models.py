"""Events (launch, information meeting, workshop, speed-dating, restitution), registrations
with capacity and waiting list, check-in, and the speed-dating's wishes, constraints, plan
and follow-up answers. The planner itself is ``events/scheduling`` (no Django)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from maillage.core.models import TimestampedModel
from maillage.events.enums import (
    ConstraintKind,
    EventKind,
    EventStatus,
    RegistrationStatus,
    Side,
)


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(status=EventStatus.PUBLISHED)


class Event(TimestampedModel):
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("intitulé"), max_length=200)
    slug = models.SlugField(max_length=120, blank=True, editable=False)
    description = models.TextField(_("présentation"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="events_organised",
        verbose_name=_("organisateurs"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    # Speed-dating settings.
    rounds = models.PositiveSmallIntegerField(_("tours"), default=0)
    tables = models.PositiveSmallIntegerField(_("tables"), default=0)
    slot_minutes = models.PositiveSmallIntegerField(_("durée d'un tour (minutes)"), default=7)
    break_minutes = models.PositiveSmallIntegerField(
        _("pause entre deux tours (minutes)"), default=1
    )
    two_sided = models.BooleanField(
        _("deux côtés (associations × entreprises)"),
        default=True,
        help_text=_("Seules des paires A–B se rencontrent."),
    )
    rounds_held = models.PositiveSmallIntegerField(_("tours déjà tenus"), default=0)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("événement")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lte=models.F("ends_at")), name="event_period"
            ),
            models.CheckConstraint(
                condition=Q(rounds_held__lte=models.F("rounds")), name="event_rounds_held"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.slug = slugify(self.title)[:120]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def is_speed_dating(self) -> bool:
        return self.kind == EventKind.SPEED_DATING

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    def round_starts_at(self, number: int) -> dt.datetime:
        """Start of round ``number`` (1-based)."""
        step = dt.timedelta(minutes=self.slot_minutes + self.break_minutes)
        return self.starts_at + step * (number - 1)

    def round_ends_at(self, number: int) -> dt.datetime:
        return self.round_starts_at(number) + dt.timedelta(minutes=self.slot_minutes)


class Registration(TimestampedModel):
    """A person registered on behalf of an organisation (or for themself)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("au nom de"),
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    side = models.CharField(_("côté"), max_length=1, choices=Side.choices, blank=True)
    checked_in_at = models.DateTimeField(_("arrivée"), null=True, blank=True)
    left_at = models.DateTimeField(_("départ"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        ordering = ["event_id", "created_at", "id"]
        verbose_name = _("inscription")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="annulee"),
                name="registration_one_open_per_user",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"

    @property
    def display_name(self) -> str:
        return str(self.user)

    @property
    def organisation_name(self) -> str:
        return self.actor.name if self.actor_id and self.actor else ""


class Wish(models.Model):
    """Whom a participant wants to meet, ranked (1 = most wanted)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="wishes")
    target = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="wished_by")
    rank = models.PositiveSmallIntegerField(_("rang"))

    class Meta:
        ordering = ["registration_id", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "target"], name="wish_unique_target"),
            models.CheckConstraint(
                condition=~Q(registration=models.F("target")), name="wish_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.target_id} ({self.rank})"


class PairConstraint(models.Model):
    """A pair the facilitator wants to meet (must-meet) or to keep apart (avoid)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pair_constraints")
    first = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("contrainte"), max_length=10, choices=ConstraintKind.choices)

    class Meta:
        ordering = ["event_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "first", "second"], name="pair_unique"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id} ({self.kind})"


class Plan(TimestampedModel):
    """One run of the planner for an event (the latest is the current plan)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="plans")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kept_rounds = models.PositiveSmallIntegerField(_("tours conservés"), default=0)
    total_score = models.FloatField(default=0.0)
    upper_bound = models.FloatField(default=0.0)
    stats = models.JSONField(default=dict, blank=True)
    used_match_scores = models.BooleanField(default=False)

    class Meta:
        ordering = ["event_id", "-created_at", "-id"]
        verbose_name = _("planning")


class Meeting(models.Model):
    """A meeting of the current plan: round, table, the two registrations."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    round_number = models.PositiveSmallIntegerField(_("tour"))
    table = models.PositiveSmallIntegerField(_("table"))
    first = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)
    first_follow_up = models.BooleanField(_("à poursuivre (premier)"), null=True, blank=True)
    second_follow_up = models.BooleanField(_("à poursuivre (second)"), null=True, blank=True)
    introduction_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event_id", "round_number", "table", "id"]
        verbose_name = _("rencontre")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "round_number", "table"], name="meeting_one_per_table"
            ),
            models.UniqueConstraint(fields=["event", "first", "second"], name="meeting_once"),
        ]

    def __str__(self) -> str:
        return f"tour {self.round_number}, table {self.table}"

    @property
    def mutual(self) -> bool:
        return bool(self.first_follow_up and self.second_follow_up)

    def partner_of(self, registration_id: int) -> int:
        return self.second_id if self.first_id == registration_id else self.first_id
