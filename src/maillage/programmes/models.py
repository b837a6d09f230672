"""Territorial programmes (démarches territoriales, seed 2013 « Agir ensemble sur le
territoire »): a programme → thematic working groups co-led by an association–company pair
→ meetings with agenda, attendance and minutes → proposed actions → selection (vote or
facilitator's choice, recorded) → selected actions with a referent, needs, contributors,
milestones and follow-up notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from maillage.core.models import TimestampedModel
from maillage.programmes.enums import (
    ActionStatus,
    ContributionStatus,
    MeetingStatus,
    PhaseKind,
    ProgrammeStatus,
    SelectionMethod,
)


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def published(self) -> ProgrammeQuerySet:
        return self.exclude(status=ProgrammeStatus.DRAFT)


class Programme(TimestampedModel):
    title = models.CharField(_("intitulé"), max_length=200)
    slug = models.SlugField(max_length=120, blank=True, editable=False)
    summary = models.TextField(_("présentation"), blank=True)
    territory_codes = models.JSONField(
        _("territoires"),
        default=list,
        blank=True,
        help_text=_("Codes de territoire : com:94018, epci:…, dep:94…"),
    )
    # CASCADE: actors are closed, never deleted, by the application; only the demo's
    # teardown deletes its actors, and their programme goes with them.
    lead_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programmes_led",
        verbose_name=_("porteur"),
    )
    co_pilots = models.ManyToManyField(
        "actors.Actor",
        blank=True,
        related_name="programmes_copiloted",
        verbose_name=_("co-pilotes et partenaires"),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programmes_facilitated",
        verbose_name=_("animateurs"),
    )
    themes = models.ManyToManyField(
        "actors.Theme", blank=True, related_name="programmes", verbose_name=_("thématiques")
    )
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title", "id"]
        verbose_name = _("programme territorial")
        verbose_name_plural = _("programmes territoriaux")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=models.F("ends_on")),
                name="programme_period",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.slug = slugify(self.title)[:120]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def is_published(self) -> bool:
        return self.status != ProgrammeStatus.DRAFT


class Phase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("étape"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("intitulé"), max_length=200, blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["programme_id", "position", "starts_on", "id"]
        verbose_name = _("étape")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=models.F("ends_on")),
                name="phase_period",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class WorkingGroup(TimestampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="working_groups"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    theme = models.ForeignKey(
        "actors.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thématique"),
    )
    description = models.TextField(_("description"), blank=True)
    # The co-lead pair (binôme): an association and a company.
    co_lead_association = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("co-animation : association"),
    )
    co_lead_company = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("co-animation : entreprise"),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["programme_id", "position", "id"]
        verbose_name = _("groupe de travail")
        verbose_name_plural = _("groupes de travail")

    def __str__(self) -> str:
        return self.title


class GroupMember(TimestampedModel):
    """An organisation in a working group, optionally with the person who attends."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("structure")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_group_memberships",
        verbose_name=_("personne"),
    )

    class Meta:
        ordering = ["group_id", "id"]
        verbose_name = _("membre du groupe")
        verbose_name_plural = _("membres du groupe")
        constraints = [
            models.UniqueConstraint(fields=["group", "actor"], name="group_member_unique_actor")
        ]

    def __str__(self) -> str:
        return f"{self.actor} · {self.group}"


class GroupMeeting(TimestampedModel):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("date et heure"))
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    minutes = models.TextField(_("compte rendu"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    attendees = models.ManyToManyField(
        GroupMember, blank=True, related_name="meetings_attended", verbose_name=_("présents")
    )

    class Meta:
        ordering = ["group_id", "starts_at", "id"]
        verbose_name = _("réunion de groupe")
        verbose_name_plural = _("réunions de groupe")

    def __str__(self) -> str:
        return self.title


class ActionQuerySet(models.QuerySet["Action"]):
    def selected(self) -> ActionQuerySet:
        from maillage.programmes.enums import SELECTED_STATUSES

        return self.filter(status__in=SELECTED_STATUSES)


class Action(TimestampedModel):
    """A proposed action; once selected, an action with a referent (référent-action)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="actions")
    groups = models.ManyToManyField(
        WorkingGroup, blank=True, related_name="actions", verbose_name=_("groupes de travail")
    )
    is_cross_cutting = models.BooleanField(_("action transverse"), default=False)
    title = models.CharField(_("intitulé"), max_length=250)
    summary = models.TextField(_("l'action en quelques mots"), blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    referent_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_actions",
        verbose_name=_("structure référente"),
    )
    # The referent person: a contact person of the referent organisation (personal data,
    # shown to those entitled only) and/or a user who follows the action on the site.
    referent_contact = models.ForeignKey(
        "actors.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne référente"),
    )
    referent_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_actions_led",
        verbose_name=_("compte référent"),
    )
    # The selection, recorded.
    selection_method = models.CharField(
        _("mode de sélection"), max_length=20, choices=SelectionMethod.choices, blank=True
    )
    selection_votes = models.PositiveIntegerField(_("voix"), null=True, blank=True)
    selection_note = models.TextField(_("motif de la décision"), blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision enregistrée par"),
    )
    selected_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["programme_id", "position", "id"]
        verbose_name = _("action")
        constraints = [
            models.CheckConstraint(
                condition=Q(selection_method="") | Q(selected_at__isnull=False),
                name="action_selection_recorded",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:action", kwargs={"pk": self.pk})


class ActionVote(TimestampedModel):
    """A group member's vote for a proposed action (one per person and action)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["action_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "user"], name="action_vote_unique")
        ]


class ActionNeed(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="needs")
    category = models.ForeignKey(
        "actors.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catégorie"),
    )
    text = models.TextField(_("besoin"))
    is_met = models.BooleanField(_("couvert"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["action_id", "position", "id"]
        verbose_name = _("besoin de l'action")
        verbose_name_plural = _("besoins de l'action")

    def __str__(self) -> str:
        return self.text[:60]


class Contribution(TimestampedModel):
    """« Je veux contribuer »: a signed-in member volunteers, for their organisation."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="contributions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_contributions"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("au nom de"),
    )
    need = models.ForeignKey(
        ActionNeed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("pour le besoin"),
    )
    message = models.TextField(_("ce que je peux apporter"))
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.OFFERED,
    )

    class Meta:
        ordering = ["action_id", "-created_at", "id"]
        verbose_name = _("contribution")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "user"],
                condition=Q(status__in=["proposee", "acceptee"]),
                name="contribution_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.action}"


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("jalon"), max_length=200)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    done_on = models.DateField(_("atteint le"), null=True, blank=True)

    class Meta:
        ordering = ["action_id", "due_on", "id"]
        verbose_name = _("jalon")

    def __str__(self) -> str:
        return self.title


class ActionUpdate(TimestampedModel):
    """A follow-up note (suivi) on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("point d'avancement"))

    class Meta:
        ordering = ["action_id", "-created_at", "id"]
        verbose_name = _("point d'avancement")
        verbose_name_plural = _("points d'avancement")

    def __str__(self) -> str:
        return self.text[:60]
