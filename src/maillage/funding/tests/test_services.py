"""Envelopes, allocations and expenses: the rules of the one write path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.core.errors import DomainError
from maillage.funding import services
from maillage.funding.enums import EnvelopeStatus
from maillage.funding.models import Allocation, Envelope, Expense
from maillage.funding.selectors import envelope_totals
from maillage.funding.tests.factories import (
    FundingWorld,
    allocate,
    envelope_create,
    spend,
)
from maillage.partnerships import services as partnership_services
from maillage.partnerships.tests.factories import partnership_between

pytestmark = pytest.mark.django_db


def _errors(error: DomainError) -> dict[str, list[str]]:
    return getattr(error, "errors", {error.field or "": [error.message]})


# --------------------------------------------------------------------------- envelopes


def test_envelope_keeps_its_territory_and_the_territories_containing_it(fw: FundingWorld) -> None:
    assert fw.envelope.territory_code == "dep:86"
    assert "|dep:86|" in fw.envelope.territory_keys
    assert "|reg:75|" in fw.envelope.territory_keys
    assert Envelope.objects.in_territory("reg:75").filter(pk=fw.envelope.pk).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget": "-10"}, "budget_eur"),
        ({"budget": "0"}, "budget_eur"),
        ({"budget": "10.001"}, "budget_eur"),
        ({"territory": "dep:99"}, "territory_code"),
        ({"territory": "nowhere"}, "territory_code"),
        ({"title": "  "}, "title"),
        ({"starts_on": dt.date(2025, 6, 1), "ends_on": dt.date(2025, 1, 1)}, "ends_on"),
    ],
)
def test_envelope_bad_input_is_refused_on_its_field(
    fw: FundingWorld, changes: dict, field: str
) -> None:
    before = Envelope.objects.count()
    with pytest.raises(DomainError) as caught:
        envelope_create(funder=fw.funder, **changes)
    assert field in _errors(caught.value)
    assert Envelope.objects.count() == before


def test_negative_budget_says_so(fw: FundingWorld) -> None:
    with pytest.raises(DomainError) as caught:
        envelope_create(funder=fw.funder, budget="-45000")
    assert "négatif" in _errors(caught.value)["budget_eur"][0]


def test_envelope_needs_a_funder_or_a_programme(fw: FundingWorld) -> None:
    with pytest.raises(DomainError) as caught:
        envelope_create(funder=None)
    assert "funder" in _errors(caught.value)


def test_a_programme_envelope_needs_no_funder(fw: FundingWorld) -> None:
    from maillage.programmes.tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(facilitators=[fw.world.cast.facilitator_in])
    envelope = envelope_create(funder=None, programme_id=programme.pk, title="Budget du programme")
    assert envelope.programme == programme


def test_budget_cannot_go_below_what_is_allocated(fw: FundingWorld) -> None:
    data = services.EnvelopeInput(
        title=fw.envelope.title,
        budget_eur=Decimal("10000"),
        starts_on=fw.envelope.starts_on,
        ends_on=fw.envelope.ends_on,
        territory_code="dep:86",
        funder=fw.funder,
    )
    with pytest.raises(DomainError) as caught:
        services.envelope_update(envelope=fw.envelope, data=data, user=None)
    assert "12\u202f000" in _errors(caught.value)["budget_eur"][0]
    fw.envelope.refresh_from_db()
    assert fw.envelope.budget_eur == Decimal("45000")


def test_period_must_keep_every_allocation_decision(fw: FundingWorld) -> None:
    data = services.EnvelopeInput(
        title=fw.envelope.title,
        budget_eur=Decimal("45000"),
        starts_on=dt.date(2025, 6, 1),
        ends_on=dt.date(2025, 12, 31),
        territory_code="dep:86",
        funder=fw.funder,
    )
    with pytest.raises(DomainError) as caught:
        services.envelope_update(envelope=fw.envelope, data=data, user=None)
    assert caught.value.code == "allocations_outside_period"


def test_only_allowed_people_create_an_envelope(fw: FundingWorld) -> None:
    cast = fw.world.cast
    assert envelope_create(funder=fw.funder, user=fw.funder_admin).pk
    assert envelope_create(funder=fw.funder, user=cast.facilitator_in).pk
    assert envelope_create(funder=fw.funder, user=cast.staff).pk
    for user in (fw.funder_member, cast.stranger, cast.facilitator_out, cast.admin):
        with pytest.raises(DomainError) as caught:
            envelope_create(funder=fw.funder, user=user)
        assert caught.value.code == "forbidden"
    # A facilitator of the Val-de-Marne may fund the Val-de-Marne.
    assert envelope_create(funder=fw.funder, user=cast.facilitator_out, territory="dep:94").pk


# --------------------------------------------------------------------------- allocations


def test_allocation_beyond_the_budget_is_refused_with_what_is_left(fw: FundingWorld) -> None:
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, fw.other_partnership, "33000.01")
    error = caught.value
    assert error.code == "over_allocated"
    assert error.field == "amount_eur"
    assert "33\u202f000" in error.message  # what was asked
    assert "il reste 33\u202f000" in error.message  # what is left
    assert not Allocation.objects.filter(partnership=fw.other_partnership).exists()
    # Exactly what is left is fine.
    allocate(fw.envelope, fw.other_partnership, "33000")
    assert envelope_totals(envelope=fw.envelope).to_allocate == 0


@pytest.mark.parametrize("amount", ["-1", "0", "-0.01"])
def test_allocation_amount_must_be_positive(fw: FundingWorld, amount: str) -> None:
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, fw.other_partnership, amount)
    assert "amount_eur" in _errors(caught.value)


def test_one_allocation_per_partnership_and_envelope(fw: FundingWorld) -> None:
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, fw.funded, "100")
    assert caught.value.code == "duplicate_allocation"


def test_a_manager_cannot_fund_a_partnership_they_may_not_see(fw: FundingWorld) -> None:
    data = services.AllocationInput(
        amount_eur=Decimal("100"), decided_on=dt.date(2025, 3, 1), purpose="x"
    )
    with pytest.raises(DomainError) as caught:
        services.allocation_create(
            envelope=fw.envelope, partnership=fw.other_partnership, data=data, user=fw.funder_admin
        )
    assert caught.value.code == "not_found"
    assert fw.other_partnership.title not in caught.value.message
    # The facilitator of the Vienne sees it, and may.
    assert services.allocation_create(
        envelope=fw.envelope,
        partnership=fw.other_partnership,
        data=data,
        user=fw.world.cast.facilitator_in,
    ).pk


def test_decision_must_fall_in_the_period(fw: FundingWorld) -> None:
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, fw.other_partnership, "100", decided_on=dt.date(2024, 12, 31))
    assert "decided_on" in _errors(caught.value)


def test_an_idea_or_an_abandoned_partnership_is_not_funded(fw: FundingWorld) -> None:
    idea = partnership_between(fw.world.cast.actor, fw.world.cast.other_actor)
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, idea, "100")
    assert caught.value.code == "partnership_not_fundable"
    abandoned = partnership_services.partnership_transition(
        partnership=idea, to_status="abandonnee", user=None, note="Plus de porteur."
    )
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, abandoned, "100")
    assert caught.value.code == "partnership_not_fundable"


def test_a_partnership_outside_the_territory_is_not_funded(fw: FundingWorld) -> None:
    from maillage.actors.tests.factories import ActorFactory, CommuneFactory
    from maillage.partnerships.tests.factories import make_active

    charenton = CommuneFactory(
        code="94018",
        name="Charenton-le-Pont",
        epci=None,
        departement__code="94",
        departement__name="Val-de-Marne",
        main_postal_code="94220",
    )
    a = ActorFactory(seat_commune=charenton)
    b = ActorFactory(seat_commune=charenton, company=True)
    elsewhere = make_active(partnership_between(a, b))
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, elsewhere, "100")
    assert caught.value.code == "out_of_territory"
    # A national envelope funds it.
    national = envelope_create(funder=fw.funder, territory="fr", title="National")
    assert allocate(national, elsewhere, "100").pk


def test_allocation_cannot_go_below_what_is_spent(fw: FundingWorld) -> None:
    spend(fw.allocation, "5000")
    with pytest.raises(DomainError) as caught:
        services.allocation_update(
            allocation=fw.allocation,
            data=services.AllocationInput(
                amount_eur=Decimal("4000"), decided_on=fw.allocation.decided_on, purpose="x"
            ),
            user=None,
        )
    assert caught.value.code == "below_spent"


def test_allocation_update_checks_the_budget_without_counting_itself(fw: FundingWorld) -> None:
    data = services.AllocationInput(
        amount_eur=Decimal("45000"), decided_on=fw.allocation.decided_on, purpose="Tout"
    )
    services.allocation_update(allocation=fw.allocation, data=data, user=None)
    data.amount_eur = Decimal("45000.01")
    with pytest.raises(DomainError) as caught:
        services.allocation_update(allocation=fw.allocation, data=data, user=None)
    assert caught.value.code == "over_allocated"


def test_allocation_with_expenses_cannot_be_withdrawn(fw: FundingWorld) -> None:
    expense = spend(fw.allocation, "10")
    with pytest.raises(DomainError) as caught:
        services.allocation_delete(allocation=fw.allocation, user=None)
    assert caught.value.code == "allocation_in_use"
    services.expense_delete(expense=expense, user=None)
    services.allocation_delete(allocation=fw.allocation, user=None)
    assert not Allocation.objects.filter(pk=fw.allocation.pk).exists()


# --------------------------------------------------------------------------- expenses


def test_expenses_never_exceed_the_allocation(fw: FundingWorld) -> None:
    spend(fw.allocation, "11000")
    with pytest.raises(DomainError) as caught:
        spend(fw.allocation, "1000.01")
    assert caught.value.code == "over_spent"
    assert "il reste 1\u202f000" in caught.value.message
    spend(fw.allocation, "1000")
    totals = envelope_totals(envelope=fw.envelope)
    assert (totals.budget, totals.allocated, totals.spent) == (
        Decimal("45000"),
        Decimal("12000"),
        Decimal("12000"),
    )


@pytest.mark.parametrize(
    ("amount", "on", "field"),
    [
        ("-5", dt.date(2025, 4, 1), "amount_eur"),
        ("10", dt.date(2025, 2, 1), "spent_on"),  # before the decision
        ("10", dt.date(2999, 1, 1), "spent_on"),  # in the future
    ],
)
def test_bad_expenses_are_refused(fw: FundingWorld, amount: str, on: dt.date, field: str) -> None:
    with pytest.raises(DomainError) as caught:
        spend(fw.allocation, amount, on=on)
    assert field in _errors(caught.value)
    assert not Expense.objects.exists()


def test_a_closed_envelope_takes_nothing_more(fw: FundingWorld) -> None:
    services.envelope_set_status(envelope=fw.envelope, status=EnvelopeStatus.CLOTUREE, user=None)
    with pytest.raises(DomainError) as caught:
        allocate(fw.envelope, fw.other_partnership, "10")
    assert caught.value.code == "closed"
    with pytest.raises(DomainError):
        spend(fw.allocation, "10")
    services.envelope_set_status(envelope=fw.envelope, status=EnvelopeStatus.OUVERTE, user=None)
    assert spend(fw.allocation, "10").pk


def test_a_funded_partnership_cannot_be_deleted_silently(fw: FundingWorld) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        fw.funded.delete()


# --------------------------------------------------------------------------- property


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["allocate", "raise", "spend"]),
            st.decimals(min_value=-5000, max_value=30000, places=2, allow_nan=False),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_whatever_happens_allocated_stays_within_budget_and_spent_within_allocations(
    fw: FundingWorld, steps: list[tuple[str, Decimal]]
) -> None:
    envelope = envelope_create(funder=fw.funder, budget="40000", title="Propriété")
    partnerships = [fw.funded, fw.other_partnership]
    for index, (action, amount) in enumerate(steps):
        try:
            if action == "allocate":
                allocate(envelope, partnerships[index % 2], str(amount))
            elif action == "raise":
                allocation = Allocation.objects.filter(envelope=envelope).order_by("id").first()
                if allocation is not None:
                    services.allocation_update(
                        allocation=allocation,
                        data=services.AllocationInput(
                            amount_eur=amount, decided_on=allocation.decided_on, purpose="p"
                        ),
                        user=None,
                    )
            else:
                allocation = Allocation.objects.filter(envelope=envelope).order_by("-id").first()
                if allocation is not None:
                    spend(allocation, str(amount))
        except DomainError:
            pass
        allocated = (
            Allocation.objects.filter(envelope=envelope).aggregate(t=Sum("amount_eur"))["t"] or 0
        )
        assert 0 <= allocated <= envelope.budget_eur
        for allocation in Allocation.objects.filter(envelope=envelope):
            spent = allocation.expenses.aggregate(t=Sum("amount_eur"))["t"] or 0
            assert 0 <= spent <= allocation.amount_eur
            assert allocation.amount_eur > 0
    Envelope.objects.filter(pk=envelope.pk).delete()


def test_partnership_services_still_work_with_allocations(fw: FundingWorld) -> None:
    finished = partnership_services.partnership_transition(
        partnership=fw.funded, to_status="terminee", user=None
    )
    assert finished.status == "terminee"
