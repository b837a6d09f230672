"""The funding pages: creating an envelope, allocating, spending, the envelope's page
and its CSV export."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from maillage.evaluation import services as evaluation_services
from maillage.funding.models import Allocation, Envelope, Expense
from maillage.funding.tests.factories import FundingWorld, allocate, spend
from maillage.partnerships import services as partnership_services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_funder_admin_creates_an_envelope(fw: FundingWorld) -> None:
    client = _client(fw.funder_admin)
    assert client.get(reverse("funding:create")).status_code == 200
    response = client.post(
        reverse("funding:create"),
        {
            "title": "Fonds 2026",
            "funder": f"{fw.funder.name} (#{fw.funder.pk})",
            "budget_eur": "50 000",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "territory_code": "dep:86",
            "description": "",
        },
    )
    envelope = Envelope.objects.get(title="Fonds 2026")
    assert response.status_code == 302
    assert response["Location"] == envelope.get_absolute_url()
    assert envelope.budget_eur == Decimal("50000")
    assert envelope.created_by == fw.funder_admin


def test_bad_envelope_form_keeps_what_was_typed_and_says_why(fw: FundingWorld) -> None:
    client = _client(fw.funder_admin)
    response = client.post(
        reverse("funding:create"),
        {
            "title": "Fonds <b>2026</b>",
            "funder": f"{fw.funder.name} (#{fw.funder.pk})",
            "budget_eur": "-5",
            "starts_on": "2026-12-31",
            "ends_on": "2026-01-01",
            "territory_code": "dep:86",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "négatif" in page
    assert "précède son début" in page
    assert "Fonds &lt;b&gt;2026&lt;/b&gt;" in page  # escaped, kept
    assert not Envelope.objects.filter(title__startswith="Fonds <b>").exists()


def test_people_without_any_standing_cannot_open_the_creation_page(fw: FundingWorld) -> None:
    client = _client(fw.world.cast.stranger)
    assert client.get(reverse("funding:create")).status_code == 404


def test_allocate_through_the_page_and_overallocation_message(fw: FundingWorld) -> None:
    client = _client(fw.world.cast.facilitator_in)
    url = reverse("funding:allocation_add", kwargs={"pk": fw.envelope.pk})
    page = client.get(url).content.decode()
    assert fw.other_partnership.title in page  # offered
    response = client.post(
        url,
        {
            "partnership": fw.other_partnership.pk,
            "amount_eur": "40 000",
            "decided_on": "2025-05-02",
            "purpose": "Jardins",
        },
    )
    assert response.status_code == 200
    assert "dépasserait le budget" in response.content.decode()
    assert not Allocation.objects.filter(partnership=fw.other_partnership).exists()
    response = client.post(
        url,
        {
            "partnership": fw.other_partnership.pk,
            "amount_eur": "8 000,50",
            "decided_on": "2025-05-02",
            "purpose": "Jardins",
        },
    )
    assert response.status_code == 302
    assert Allocation.objects.get(partnership=fw.other_partnership).amount_eur == Decimal("8000.50")


def test_a_funder_is_offered_only_the_partnerships_it_may_see(fw: FundingWorld) -> None:
    """The funder's admin is no party to the other partnership of the Vienne: it is neither
    offered nor accepted (its title never shows), and nothing is allocated."""
    client = _client(fw.funder_admin)
    url = reverse("funding:allocation_add", kwargs={"pk": fw.envelope.pk})
    page = client.get(url).content.decode()
    assert fw.other_partnership.title not in page
    response = client.post(
        url,
        {
            "partnership": fw.other_partnership.pk,
            "amount_eur": "1 000",
            "decided_on": "2025-05-02",
            "purpose": "Jardins",
        },
    )
    assert response.status_code == 200
    assert fw.other_partnership.title not in response.content.decode()
    assert not Allocation.objects.filter(partnership=fw.other_partnership).exists()
    # Its own organisation's partnerships are offered.
    from maillage.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=fw.funder_admin, actor=fw.world.cast.other_actor)
    from maillage.partnerships.tests.factories import make_active, partnership_between

    own = make_active(partnership_between(fw.world.cast.other_actor, fw.world.cast.actor))
    assert own.title in client.get(url).content.decode()


def test_record_an_expense_through_the_page(fw: FundingWorld) -> None:
    client = _client(fw.world.cast.facilitator_in)
    url = reverse(
        "funding:expense_add", kwargs={"pk": fw.envelope.pk, "allocation_pk": fw.allocation.pk}
    )
    response = client.post(
        url,
        {
            "amount_eur": "13 000",
            "spent_on": "2025-04-02",
            "description": "Vacations",
            "evidence": "F-1",
        },
    )
    assert "dépasserait l&#x27;attribution" in response.content.decode()
    response = client.post(
        url,
        {
            "amount_eur": "2 500",
            "spent_on": "2025-04-02",
            "description": "Vacations",
            "evidence": "F-1",
        },
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert expense.amount_eur == Decimal("2500")
    assert expense.recorded_by == fw.world.cast.facilitator_in


def test_envelope_page_shows_totals_partnerships_and_evaluation(fw: FundingWorld) -> None:
    spend(fw.allocation, "3000")
    indicator = evaluation_services.indicator_create(
        partnership=fw.funded,
        data=evaluation_services.IndicatorInput(
            name="Personnes accompagnées",
            dimension="impact_bien_commun",
            unit="personnes",
            baseline=Decimal(0),
            target=Decimal(100),
        ),
        user=None,
    )
    import datetime as dt

    evaluation_services.measurement_record(
        indicator=indicator, measured_on=dt.date(2025, 5, 1), value=Decimal(120), user=None
    )
    client = _client(fw.funder_admin)
    page = client.get(fw.envelope.get_absolute_url()).content.decode()
    assert "45\u202f000\u00a0€" in page  # budget
    assert "12\u202f000\u00a0€" in page  # allocated
    assert "3\u202f000\u00a0€" in page  # spent
    assert "33\u202f000\u00a0€" in page  # left to allocate
    assert fw.funded.title in page
    assert "1 cible(s) atteinte(s) sur 1" in page
    # The funder is no party: the report link is not offered (it would be a 404) …
    assert reverse("evaluation:report", kwargs={"pk": fw.funded.pk}) not in page
    # … but the facilitator who follows the partnership gets it.
    page = (
        _client(fw.world.cast.facilitator_in).get(fw.envelope.get_absolute_url()).content.decode()
    )
    assert reverse("evaluation:report", kwargs={"pk": fw.funded.pk}) in page


def test_envelope_page_query_budget(fw: FundingWorld, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    allocate(fw.envelope, fw.other_partnership, "100")
    spend(fw.allocation, "10")
    client = _client(fw.world.cast.staff)
    with django_assert_max_num_queries(30):
        assert client.get(fw.envelope.get_absolute_url()).status_code == 200


def test_export_is_csv_with_formulas_neutralised(fw: FundingWorld) -> None:
    partnership_services.partnership_update(
        partnership=fw.funded,
        user=None,
        changes={"title": '=HYPERLINK("http://evil")'},
        expected_version=fw.funded.version,
    )
    Allocation.objects.filter(pk=fw.allocation.pk).update(purpose="+33 1 23 45 67 89")
    client = _client(fw.funder_member)
    response = client.get(reverse("funding:export", kwargs={"pk": fw.envelope.pk}) + "?sep=%3B")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1
    row = rows[0]
    assert row["partnership"] == '\'=HYPERLINK("http://evil")'
    assert row["purpose"] == "'+33 1 23 45 67 89"
    assert row["allocated_eur"] == "12000.00"
    assert row["spent_eur"] == "0.00"
    assert row["remaining_eur"] == "12000.00"
    assert row["parties"] == "Les Ateliers du Clain|Entreprise Partenaire"
    assert row["url"].endswith(fw.funded.get_absolute_url())


def test_export_refuses_an_unknown_separator(fw: FundingWorld) -> None:
    response = _client(fw.funder_admin).get(
        reverse("funding:export", kwargs={"pk": fw.envelope.pk}) + "?sep=tab"
    )
    assert response.status_code == 400


def test_list_shows_totals_to_the_funder_and_not_to_parties(fw: FundingWorld) -> None:
    page = _client(fw.funder_member).get(reverse("funding:list")).content.decode()
    assert fw.envelope.title in page
    assert "45\u202f000" in page
    page = _client(fw.world.cast.member).get(reverse("funding:list")).content.decode()
    assert fw.envelope.title in page
    assert "45\u202f000" not in page
    page = _client(fw.world.cast.stranger).get(reverse("funding:list")).content.decode()
    assert fw.envelope.title not in page


def test_withdraw_and_close_through_the_pages(fw: FundingWorld) -> None:
    client = _client(fw.funder_admin)
    url = reverse(
        "funding:allocation_delete",
        kwargs={"pk": fw.envelope.pk, "allocation_pk": fw.allocation.pk},
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Allocation.objects.exists()
    client.post(reverse("funding:status", kwargs={"pk": fw.envelope.pk}), {"status": "cloturee"})
    fw.envelope.refresh_from_db()
    assert not fw.envelope.is_open
