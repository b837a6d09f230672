"""``/api/v1/funding``: envelopes as the caller may see them (full, own, or 404)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from maillage.funding.tests.factories import FundingWorld, allocate, spend

pytestmark = pytest.mark.django_db

BASE = "/api/v1/funding"


def _get(path: str, user=None):  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(f"{BASE}{path}")


def test_signed_out_callers_are_refused(fw: FundingWorld) -> None:
    assert _get("/envelopes").status_code == 403
    response = _get(f"/envelopes/{fw.envelope.pk}")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_funder_sees_the_whole_envelope(fw: FundingWorld) -> None:
    allocate(fw.envelope, fw.other_partnership, "8000")
    spend(fw.allocation, "2500")
    body = _get(f"/envelopes/{fw.envelope.pk}", fw.funder_member).json()
    assert body["scope"] == "full"
    assert Decimal(body["totals"]["budget_eur"]) == Decimal("45000")
    assert Decimal(body["totals"]["allocated_eur"]) == Decimal("20000")
    assert Decimal(body["totals"]["spent_eur"]) == Decimal("2500")
    assert Decimal(body["totals"]["to_allocate_eur"]) == Decimal("25000")
    assert {row["partnership"]["title"] for row in body["allocations"]} == {
        fw.funded.title,
        fw.other_partnership.title,
    }
    first = next(row for row in body["allocations"] if row["partnership"]["id"] == fw.funded.pk)
    assert Decimal(first["remaining_eur"]) == Decimal("9500")
    assert first["expenses"][0]["evidence"] == "Facture 2025-014"
    assert len(first["evaluation"]["dimensions"]) == 3


def test_a_party_sees_only_its_own_allocation_and_no_totals(fw: FundingWorld) -> None:
    allocate(fw.envelope, fw.other_partnership, "8000")
    body = _get(f"/envelopes/{fw.envelope.pk}", fw.world.cast.member).json()
    assert body["scope"] == "own"
    assert body["totals"] is None
    assert [row["partnership"]["id"] for row in body["allocations"]] == [fw.funded.pk]
    assert body["allocations"][0]["evaluation"]["dimensions"] == []


@pytest.mark.parametrize("role", ["stranger", "facilitator_out", "other_admin", "pending"])
def test_outsiders_get_a_404(fw: FundingWorld, role: str) -> None:
    response = _get(f"/envelopes/{fw.envelope.pk}", fw.roles()[role])
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    listed = _get("/envelopes", fw.roles()[role]).json()
    assert listed["count"] == 0


def test_list_gives_the_scope_of_each_envelope(fw: FundingWorld) -> None:
    body = _get("/envelopes", fw.world.cast.facilitator_in).json()
    assert [(row["id"], row["scope"]) for row in body["results"]] == [(fw.envelope.pk, "full")]
    body = _get("/envelopes", fw.world.partner_member).json()
    assert [(row["id"], row["scope"], row["totals"]) for row in body["results"]] == [
        (fw.envelope.pk, "own", None)
    ]
