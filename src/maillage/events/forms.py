"""Forms of the event pages: they parse and validate input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.actors.models import Actor
from maillage.events.enums import ConstraintKind, EventKind, EventStatus, RegistrationStatus
from maillage.events.models import Registration
from maillage.programmes.models import Programme

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=EventKind.choices)
    title = forms.CharField(label=gettext_lazy("Intitulé"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Présentation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    starts_at = forms.DateTimeField(label=gettext_lazy("Début"), widget=_DATETIME)
    ends_at = forms.DateTimeField(label=gettext_lazy("Fin"), widget=_DATETIME)
    venue = forms.CharField(label=gettext_lazy("Lieu"), max_length=200, required=False)
    address = forms.CharField(label=gettext_lazy("Adresse"), max_length=250, required=False)
    capacity = forms.IntegerField(
        label=gettext_lazy("Places"),
        min_value=1,
        required=False,
        help_text=gettext_lazy("Vide : sans limite. Au-delà, liste d'attente."),
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"), queryset=Programme.objects.none(), required=False
    )
    status = forms.ChoiceField(label=gettext_lazy("Statut"), choices=EventStatus.choices)
    registration_open = forms.BooleanField(
        label=gettext_lazy("Inscriptions ouvertes"), required=False, initial=True
    )
    rounds = forms.IntegerField(
        label=gettext_lazy("Speed-dating : tours"), min_value=0, max_value=60, initial=0
    )
    tables = forms.IntegerField(
        label=gettext_lazy("Speed-dating : tables"), min_value=0, max_value=1000, initial=0
    )
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("Speed-dating : durée d'un tour (minutes)"),
        min_value=1,
        max_value=120,
        initial=7,
    )
    break_minutes = forms.IntegerField(
        label=gettext_lazy("Speed-dating : pause entre deux tours (minutes)"),
        min_value=0,
        max_value=60,
        initial=1,
    )
    two_sided = forms.BooleanField(
        label=gettext_lazy("Speed-dating à deux côtés (associations × entreprises)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("La fin ne peut précéder le début."))
        return data


class RegisterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=gettext_lazy("Au nom de"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=gettext_lazy("À titre personnel"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            organisations = Actor.objects.filter(
                memberships__user=user, memberships__status="active"
            ).order_by("name")
            self.fields["actor"].queryset = organisations  # type: ignore[attr-defined]
            if organisations.count() == 1:
                self.fields["actor"].initial = organisations.first()


def _participants(event: Any) -> Any:
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("user", "actor")
        .order_by("user__display_name", "id")
    )


def _label(registration: Registration) -> str:
    organisation = registration.actor.name if registration.actor else _("à titre personnel")
    return f"{registration.user} — {organisation}"


class ConstraintForm(forms.Form):
    first = forms.ModelChoiceField(
        label=gettext_lazy("Participant"), queryset=Registration.objects.none()
    )
    second = forms.ModelChoiceField(
        label=gettext_lazy("Autre participant"), queryset=Registration.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Contrainte"), choices=ConstraintKind.choices)

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            field = self.fields[name]
            field.queryset = _participants(event)  # type: ignore[attr-defined]
            field.label_from_instance = _label  # type: ignore[attr-defined]


WISHES = 5


class WishesForm(forms.Form):
    """Up to five people to meet, by order of preference."""

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = registration.event
        candidates = _participants(event).exclude(pk=registration.pk)
        if event.two_sided:
            candidates = candidates.exclude(side=registration.side)
        for rank in range(1, WISHES + 1):
            field = forms.ModelChoiceField(
                label=_("Choix n° %(rank)d") % {"rank": rank},
                queryset=candidates,
                required=False,
            )
            field.label_from_instance = _label  # type: ignore[assignment]
            self.fields[f"choice_{rank}"] = field

    def targets(self) -> list[Registration]:
        chosen: list[Registration] = []
        for rank in range(1, WISHES + 1):
            value = self.cleaned_data.get(f"choice_{rank}")
            if value is not None and value not in chosen:
                chosen.append(value)
        return chosen
