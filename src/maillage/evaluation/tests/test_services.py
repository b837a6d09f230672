"""Indicators, measurements, periods and the collaborative assessment (services and
visibility rules)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from maillage.core.errors import DomainError, DomainValidationError
from maillage.evaluation import services
from maillage.evaluation.enums import AssessmentStatus
from maillage.evaluation.models import Assessment
from maillage.evaluation.permissions import visible_party_ids
from maillage.evaluation.selectors import (
    format_number,
    indicators_overview,
    period_overview,
    progress_percent,
)
from maillage.evaluation.tests.factories import (
    EVIDENCE,
    START,
    all_dimensions,
    answer,
    indicator,
    period,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- indicators


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"dimension": "bonheur"}, "dimension"),
        ({"impact_family": "magie"}, "impact_family"),
        ({"unit": " "}, "unit"),
        ({"baseline": None}, "baseline"),
        ({"target": Decimal(0)}, "target"),
    ],
)
def test_a_bad_indicator_is_refused_on_its_field(world, changes, field):
    data = services.IndicatorInput(
        name="Repas servis",
        dimension="impact_bien_commun",
        unit="repas",
        baseline=Decimal(0),
        target=Decimal(1000),
    )
    for key, value in changes.items():
        setattr(data, key, value)
    with pytest.raises(DomainValidationError) as error:
        services.indicator_create(partnership=world.partnership, data=data, user=None)
    assert field in error.value.errors


def test_two_indicators_of_a_partnership_have_different_names(world):
    indicator(world.partnership, name="Repas servis")
    with pytest.raises(DomainValidationError) as error:
        indicator(world.partnership, name="repas servis")
    assert error.value.errors["name"] == ["Un indicateur porte déjà ce nom."]


def test_measurements_are_dated_in_the_past_and_once_a_day(world):
    found = indicator(world.partnership)
    services.measurement_record(indicator=found, measured_on=START, value=Decimal(5), user=None)
    with pytest.raises(DomainValidationError) as twice:
        services.measurement_record(indicator=found, measured_on=START, value=Decimal(6), user=None)
    assert "Une mesure existe déjà au 06/01/2025" in twice.value.errors["measured_on"][0]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainValidationError) as future:
        services.measurement_record(
            indicator=found, measured_on=tomorrow, value=Decimal(6), user=None
        )
    assert future.value.errors["measured_on"] == [
        "Une mesure ne peut pas être datée dans le futur."
    ]


def test_progress_goes_from_the_baseline_to_the_target_up_or_down(world):
    rising = indicator(world.partnership, name="Bénéficiaires", baseline="10", target="50")
    falling = indicator(
        world.partnership, name="Impayés", baseline="200", target="100", unit="dossiers"
    )
    services.measurement_record(indicator=rising, measured_on=START, value=Decimal(20), user=None)
    services.measurement_record(
        indicator=rising, measured_on=START + dt.timedelta(days=30), value=Decimal(40), user=None
    )
    services.measurement_record(indicator=falling, measured_on=START, value=Decimal(90), user=None)
    views = {
        view.indicator.name: view for view in indicators_overview(partnership=world.partnership)
    }
    assert views["Bénéficiaires"].latest.value == Decimal(40)
    assert views["Bénéficiaires"].progress.percent == 75
    assert not views["Bénéficiaires"].progress.reached
    assert views["Impayés"].progress.percent == 110
    assert views["Impayés"].progress.reached and views["Impayés"].progress.width == 100
    assert views["Bénéficiaires"].chart is not None
    assert len(views["Bénéficiaires"].chart.dots) == 2


@given(
    baseline=st.integers(-1000, 1000),
    span=st.integers(1, 1000),
    steps=st.integers(0, 20),
    down=st.booleans(),
)
def test_progress_is_proportional_to_the_way_travelled(baseline, span, steps, down):
    target = baseline - span if down else baseline + span
    value = baseline + (target - baseline) * Decimal(steps) / 10
    percent = progress_percent(
        baseline=Decimal(baseline), target=Decimal(target), value=Decimal(value)
    )
    assert percent == steps * 10
    assert progress_percent(baseline=Decimal(3), target=Decimal(3), value=Decimal(3)) is None
    assert progress_percent(baseline=Decimal(0), target=Decimal(3), value=None) is None


def test_numbers_read_the_french_way():
    assert format_number(Decimal("12500")) == "12\u202f500"
    assert format_number(Decimal("3.50")) == "3,5"
    assert format_number(Decimal("1234.567"), decimals=0) == "1\u202f235"


# --------------------------------------------------------------------------- periods


def test_a_period_has_a_unique_label_and_dates_in_order(world):
    period(world.partnership)
    with pytest.raises(DomainValidationError) as error:
        services.period_create(
            partnership=world.partnership,
            label="bilan à six mois",
            starts_on=dt.date(2025, 6, 1),
            ends_on=dt.date(2025, 1, 1),
            user=None,
        )
    assert set(error.value.errors) == {"label", "ends_on"}


# --------------------------------------------------------------------------- assessments


def test_only_a_partys_members_evaluate_for_it(world):
    bilan = period(world.partnership)
    for user in (
        world.partner_member,
        world.cast.staff,
        world.cast.facilitator_in,
        world.cast.stranger,
        world.cast.pending,
    ):
        with pytest.raises(DomainError) as error:
            answer(bilan, world.association_party, user, all_dimensions(4))
        assert error.value.code == "not_a_party"
        assert "Seules les parties du partenariat l'évaluent" in error.value.message
    assert not Assessment.objects.exists()


def test_submitting_needs_every_dimension_rated_with_evidence(world):
    bilan = period(world.partnership)
    with pytest.raises(DomainValidationError) as error:
        services.assessment_save(
            period=bilan,
            party=world.association_party,
            user=world.cast.member,
            answers={"valeur_association": services.AnswerInput(rating=4, evidence="")},
            submit=True,
        )
    assert set(error.value.errors) == {
        "valeur_association:evidence",
        "retour_entreprise",
        "retour_entreprise:evidence",
        "impact_bien_commun",
        "impact_bien_commun:evidence",
    }
    draft = answer(
        bilan, world.association_party, world.cast.member, {"confiance": 2}, submit=False
    )
    assert draft.status == AssessmentStatus.DRAFT
    with pytest.raises(DomainValidationError):
        answer(bilan, world.association_party, world.cast.member, {"innovation": 9}, submit=False)


def test_a_submitted_assessment_is_final(world):
    bilan = period(world.partnership)
    answer(bilan, world.association_party, world.cast.member, all_dimensions(4))
    with pytest.raises(DomainError) as error:
        answer(bilan, world.association_party, world.cast.admin, all_dimensions(1))
    assert error.value.code == "already_submitted"
    view = period_overview(period=bilan, user=world.cast.admin)
    assert view.rows[0].cells[0].rating == 4


def test_a_party_sees_the_others_answers_only_after_submitting_its_own(world):
    bilan = period(world.partnership)
    answer(bilan, world.company_party, world.partner_member, all_dimensions(2), summary="Mitigé.")
    answer(bilan, world.association_party, world.cast.member, all_dimensions(5), submit=False)

    association_view = period_overview(period=bilan, user=world.cast.member)
    company_status = next(s for s in association_view.parties if s.party == world.company_party)
    assert company_status.submitted and not company_status.visible
    assert association_view.hidden_count == 1
    assert all(
        cell.rating is None
        for row in association_view.rows
        for cell in row.cells
        if cell.party == world.company_party
    )
    # The company sees only its own answers: the association's draft stays hidden.
    company_view = period_overview(period=bilan, user=world.partner_member)
    own = next(s for s in company_view.parties if s.party == world.company_party)
    other = next(s for s in company_view.parties if s.party == world.association_party)
    assert own.visible and not other.visible
    assert all(
        cell.rating is None
        for row in company_view.rows
        for cell in row.cells
        if cell.party == world.association_party
    )

    answer(bilan, world.association_party, world.cast.member, all_dimensions(5))
    after = period_overview(period=bilan, user=world.cast.member)
    assert all(status.visible for status in after.parties)
    assert {row.criterion for row in after.divergences} == set(EVIDENCE)
    assert after.rows[0].spread == 3


def test_a_facilitator_sees_submitted_answers_but_never_drafts(world):
    bilan = period(world.partnership)
    answer(bilan, world.company_party, world.partner_member, all_dimensions(3))
    answer(bilan, world.association_party, world.cast.member, all_dimensions(4), submit=False)
    view = period_overview(period=bilan, user=world.cast.facilitator_in)
    visible = {status.party.pk: status.visible for status in view.parties}
    assert visible == {world.company_party.pk: True, world.association_party.pk: False}
    assert not view.own_pending


@given(
    own=st.sets(st.integers(1, 4), max_size=2),
    submitted=st.sets(st.integers(1, 4)),
)
def test_visibility_rule_never_shows_an_unsubmitted_other_party(own, submitted):
    class Fake:
        def __init__(self, party_id: int, done: bool) -> None:
            self.party_id, self.is_submitted = party_id, done

    assessments = [Fake(pid, pid in submitted) for pid in range(1, 5)]
    visible = visible_party_ids(own_party_ids=own, assessments=assessments)  # type: ignore[arg-type]
    for party_id in visible - own:
        assert party_id in submitted
        assert own <= submitted
    assert own <= visible or not own


def test_small_differences_are_not_divergences(world):
    bilan = period(world.partnership)
    answer(bilan, world.company_party, world.partner_member, all_dimensions(3))
    answer(bilan, world.association_party, world.cast.member, {**all_dimensions(4), "confiance": 1})
    view = period_overview(period=bilan, user=world.cast.member)
    assert not view.divergences
    assert view.complete and view.submitted_count == 2
    assert view.chart is not None and len(view.chart.rows) == 4  # three dimensions + confiance


def test_evaluation_is_recorded_in_the_timeline(world):
    bilan = period(world.partnership)
    answer(bilan, world.association_party, world.cast.member, all_dimensions(4))
    sentences = [
        event.data["sentence"] for event in world.partnership.events.filter(kind="evaluation")
    ]
    assert "Bilan ouvert : Bilan à six mois." in sentences
    assert "Les Ateliers du Clain a soumis son évaluation « Bilan à six mois »." in sentences
