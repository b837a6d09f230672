"""The one write path of the evaluation: indicators, measurements, assessment periods and
each party's assessment. Every function is atomic and raises ``DomainError`` (field, code)
for a broken rule; the timeline of the partnership records what happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.accounts.models import User
from maillage.core.errors import DomainError, DomainValidationError
from maillage.evaluation.enums import (
    REQUIRED_CRITERIA,
    AssessmentStatus,
    Criterion,
    Dimension,
    ImpactFamily,
)
from maillage.evaluation.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentPeriod,
    Indicator,
    Measurement,
)
from maillage.evaluation.permissions import can_answer_for
from maillage.partnerships.enums import EventKind, PartnershipStatus
from maillage.partnerships.models import Partnership, Party
from maillage.partnerships.services import partnership_event_record, partnership_notify

MAX_VALUE = Decimal("999999999999.99")


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


def _refuse_when_abandoned(partnership: Partnership, field: str) -> None:
    if partnership.status == PartnershipStatus.ABANDONNEE:
        raise DomainError(
            _("Ce partenariat est abandonné : son évaluation ne change plus."),
            field=field,
            code="closed",
        )


def _record(partnership: Partnership, user: User | None, sentence: str) -> None:
    partnership_event_record(
        partnership=partnership, kind=EventKind.EVALUATION, user=user, data={"sentence": sentence}
    )


# --------------------------------------------------------------------------- indicators


@dataclass
class IndicatorInput:
    name: str
    dimension: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    impact_family: str = ""
    description: str = ""


def _clean_indicator(
    partnership: Partnership, data: IndicatorInput, *, instance: Indicator | None
) -> str:
    errors = _Errors()
    name = " ".join((data.name or "").split())
    if not name:
        errors.add("name", _("Nommez l'indicateur."))
    elif len(name) > 200:
        errors.add("name", _("200 caractères au plus."))
    else:
        others = Indicator.objects.filter(partnership=partnership, name__iexact=name)
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            errors.add("name", _("Un indicateur porte déjà ce nom."))
    if data.dimension not in Dimension.values:
        errors.add("dimension", _("Choisissez la dimension évaluée."))
    if data.impact_family and data.impact_family not in ImpactFamily.values:
        errors.add(
            "impact_family", _("Famille d'impact inconnue : %(v)r.") % {"v": data.impact_family}
        )
    if not (data.unit or "").strip():
        errors.add("unit", _("Indiquez l'unité (personnes, €, %, heures…)."))
    if data.baseline is None:
        errors.add("baseline", _("Indiquez la situation de départ (0 si rien n'existait)."))
    if data.target is None:
        errors.add("target", _("Indiquez la cible visée."))
    for field_name in ("baseline", "target"):
        value = getattr(data, field_name)
        if value is not None and abs(value) > MAX_VALUE:
            errors.add(field_name, _("Valeur trop grande."))
    if data.baseline is not None and data.target is not None and data.baseline == data.target:
        errors.add("target", _("La cible doit différer de la situation de départ."))
    errors.raise_if_any()
    return name


@transaction.atomic
def indicator_create(
    *, partnership: Partnership, data: IndicatorInput, user: User | None
) -> Indicator:
    _refuse_when_abandoned(partnership, "name")
    name = _clean_indicator(partnership, data, instance=None)
    assert data.baseline is not None and data.target is not None  # checked above
    top = Indicator.objects.filter(partnership=partnership).aggregate(top=Max("position"))["top"]
    indicator = Indicator.objects.create(
        partnership=partnership,
        name=name,
        dimension=data.dimension,
        impact_family=data.impact_family,
        unit=data.unit.strip()[:40],
        baseline=data.baseline,
        target=data.target,
        description=(data.description or "").strip(),
        position=(top or 0) + 1,
    )
    _record(partnership, user, _("Indicateur défini : %(name)s.") % {"name": name})
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, data: IndicatorInput, user: User | None) -> Indicator:
    _refuse_when_abandoned(indicator.partnership, "name")
    indicator.name = _clean_indicator(indicator.partnership, data, instance=indicator)
    assert data.baseline is not None and data.target is not None  # checked above
    indicator.dimension = data.dimension
    indicator.impact_family = data.impact_family
    indicator.unit = data.unit.strip()[:40]
    indicator.baseline = data.baseline
    indicator.target = data.target
    indicator.description = (data.description or "").strip()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, user: User | None) -> None:
    partnership, name = indicator.partnership, indicator.name
    _refuse_when_abandoned(partnership, "name")
    indicator.delete()
    _record(partnership, user, _("Indicateur supprimé : %(name)s.") % {"name": name})


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    measured_on: dt.date | None,
    value: Decimal | None,
    note: str = "",
    user: User | None,
) -> Measurement:
    """One measure of an indicator at a date (one per day; a measure is not dated in the
    future)."""
    _refuse_when_abandoned(indicator.partnership, "value")
    errors = _Errors()
    if measured_on is None:
        errors.add("measured_on", _("Indiquez la date de la mesure."))
    elif measured_on > timezone.localdate():
        errors.add("measured_on", _("Une mesure ne peut pas être datée dans le futur."))
    elif Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        errors.add(
            "measured_on",
            _("Une mesure existe déjà au %(date)s : modifiez-la ou supprimez-la d'abord.")
            % {"date": measured_on.strftime("%d/%m/%Y")},
        )
    if value is None:
        errors.add("value", _("Indiquez la valeur mesurée."))
    elif abs(value) > MAX_VALUE:
        errors.add("value", _("Valeur trop grande."))
    errors.raise_if_any()
    assert measured_on is not None and value is not None  # checked above
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=value,
                note=(note or "").strip()[:300],
                recorded_by=user,
            )
    except IntegrityError as error:  # the same day, recorded by someone else meanwhile
        raise DomainError(
            _("Une mesure existe déjà à cette date."), field="measured_on", code="duplicate"
        ) from error
    _record(
        indicator.partnership,
        user,
        _("Mesure de « %(name)s » : %(value)s %(unit)s.")
        % {"name": indicator.name, "value": _number(value), "unit": indicator.unit},
    )
    return measurement


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")
    return text.removesuffix(",00")


@transaction.atomic
def measurement_delete(*, measurement: Measurement, user: User | None) -> None:
    _refuse_when_abandoned(measurement.indicator.partnership, "value")
    measurement.delete()


# --------------------------------------------------------------------------- assessments


@transaction.atomic
def period_create(
    *,
    partnership: Partnership,
    label: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    user: User | None,
) -> AssessmentPeriod:
    """Open a round of collaborative assessment."""
    _refuse_when_abandoned(partnership, "label")
    errors = _Errors()
    text = " ".join((label or "").split())
    if not text:
        errors.add("label", _("Nommez le bilan (par exemple « Bilan à six mois »)."))
    elif len(text) > 120:
        errors.add("label", _("120 caractères au plus."))
    elif AssessmentPeriod.objects.filter(partnership=partnership, label__iexact=text).exists():
        errors.add("label", _("Un bilan porte déjà ce nom."))
    if starts_on is None:
        errors.add("starts_on", _("Indiquez le début de la période évaluée."))
    if ends_on is None:
        errors.add("ends_on", _("Indiquez la fin de la période évaluée."))
    if starts_on and ends_on and starts_on > ends_on:
        errors.add(
            "ends_on",
            _("La fin (%(end)s) précède le début (%(start)s) : vérifiez les dates.")
            % {"end": ends_on.strftime("%d/%m/%Y"), "start": starts_on.strftime("%d/%m/%Y")},
        )
    errors.raise_if_any()
    assert starts_on is not None and ends_on is not None  # checked above
    period = AssessmentPeriod.objects.create(
        partnership=partnership, label=text, starts_on=starts_on, ends_on=ends_on
    )
    _record(partnership, user, _("Bilan ouvert : %(label)s.") % {"label": text})
    partnership_notify(
        partnership=partnership,
        kind="assessment_opened",
        title=_("« %(title)s » : %(label)s à remplir")
        % {"title": partnership.title, "label": text},
        body=_("Chaque partie évalue les trois dimensions du partenariat, avec ses preuves."),
        exclude=user,
    )
    return period


@dataclass
class AnswerInput:
    rating: int | None
    evidence: str = ""


@transaction.atomic
def assessment_save(
    *,
    period: AssessmentPeriod,
    party: Party,
    user: User,
    answers: dict[str, AnswerInput],
    summary: str = "",
    submit: bool = False,
) -> Assessment:
    """Save a party's answers (a draft), or submit them. Only the party's active members
    may; a submitted assessment is final. Submitting needs a rating and evidence on each
    of the three dimensions; the impact families are optional. Errors are keyed by
    criterion (the rating) and ``"<criterion>:evidence"``."""
    partnership = period.partnership
    _refuse_when_abandoned(partnership, "rating")
    if party.partnership_id != partnership.pk or not can_answer_for(user, party):
        raise DomainError(
            _(
                "Seules les parties du partenariat l'évaluent, chacune pour elle-même : vous "
                "n'êtes pas membre de %(name)s."
            )
            % {"name": party.actor.name},
            field="party",
            code="not_a_party",
        )
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        period=period, party=party
    )
    if assessment.is_submitted:
        raise DomainError(
            _("L'évaluation de %(name)s pour « %(label)s » est déjà soumise : elle ne change plus.")
            % {"name": party.actor.name, "label": period.label},
            field="rating",
            code="already_submitted",
        )
    errors = _Errors()
    unknown = set(answers) - set(Criterion.values)
    for criterion in sorted(unknown):
        errors.add(criterion, _("Critère inconnu."))
    for criterion, answer in answers.items():
        if answer.rating is not None and not 1 <= answer.rating <= 5:
            errors.add(criterion, _("L'appréciation va de 1 à 5."))
    if submit:
        for criterion in REQUIRED_CRITERIA:
            given = answers.get(criterion)
            label = Criterion(criterion).label
            if given is None or given.rating is None:
                errors.add(
                    criterion, _("Notez « %(label)s » avant de soumettre.") % {"label": label}
                )
            if given is None or not given.evidence.strip():
                errors.add(
                    f"{criterion}:evidence",
                    _("Donnez les éléments de preuve pour « %(label)s ».") % {"label": label},
                )
    errors.raise_if_any()
    existing = {answer.criterion: answer for answer in assessment.answers.all()}
    for criterion, answer in answers.items():
        row = existing.get(criterion) or AssessmentAnswer(
            assessment=assessment, criterion=criterion
        )
        row.rating = answer.rating
        row.evidence = answer.evidence.strip()
        row.save()
    assessment.summary = (summary or "").strip()
    if submit:
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.submitted_by = user
    assessment.save()
    if submit:
        _record(
            partnership,
            user,
            _("%(name)s a soumis son évaluation « %(label)s ».")
            % {"name": party.actor.name, "label": period.label},
        )
        partnership_notify(
            partnership=partnership,
            kind="assessment_submitted",
            title=_("%(name)s a rempli son évaluation « %(label)s »")
            % {"name": party.actor.name, "label": period.label},
            body=_("Soumettez la vôtre pour découvrir ses réponses."),
            exclude=user,
        )
    return assessment
