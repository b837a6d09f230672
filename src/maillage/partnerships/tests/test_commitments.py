"""Commitments: contributions and their totals, documents checked by content, milestones."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.actors.tests.factories import ActorFactory
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships import services
from maillage.partnerships.documents import MAX_DOCUMENT_BYTES, STORAGE_DIR
from maillage.partnerships.models import Contribution, PartnershipDocument
from maillage.partnerships.selectors import contribution_totals
from maillage.partnerships.tests import files
from maillage.partnerships.tests.factories import START, add_contribution, partnership_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    association = ActorFactory(name="Unis-Cité")
    company = ActorFactory(name="La Poste", entreprise=True)
    partnership = partnership_between(association, company)
    return (
        partnership,
        partnership.parties.get(actor=association),
        partnership.parties.get(actor=company),
    )


# --------------------------------------------------------------------------- contributions


def test_a_negative_amount_is_refused_with_a_clear_message(pair):
    partnership, _association, company = pair
    with pytest.raises(DomainValidationError) as error:
        add_contribution(partnership, company, amount="-500")
    assert error.value.errors["amount_eur"] == ["Le montant ne peut pas être négatif."]
    assert not Contribution.objects.exists()


def test_negative_hours_and_people_are_refused(pair):
    partnership, association, _company = pair
    with pytest.raises(DomainValidationError) as error:
        add_contribution(
            partnership, association, kind="benevolat", amount=None, hours="-3", people=-2
        )
    assert set(error.value.errors) >= {"hours", "people"}


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("financement", {"amount": None}, "amount_eur"),
        ("achats", {"amount": "0"}, "amount_eur"),
        ("competences", {"amount": "3000", "hours": None}, "hours"),
        ("benevolat", {"amount": None, "hours": None, "people": None}, "hours"),
        ("cadeau", {}, "kind"),
    ],
)
def test_each_kind_says_what_it_needs(pair, kind, values, field):
    partnership, _association, company = pair
    with pytest.raises(DomainValidationError) as error:
        add_contribution(partnership, company, kind=kind, **values)
    assert field in error.value.errors


def test_contribution_dates_in_order_and_party_of_the_partnership(pair):
    partnership, _association, company = pair
    data = services.ContributionInput(
        party=company,
        kind="financement",
        description="Fonds de péréquation",
        amount_eur=Decimal("15000"),
        starts_on=dt.date(2025, 6, 1),
        ends_on=dt.date(2025, 5, 1),
    )
    with pytest.raises(DomainValidationError) as error:
        services.contribution_create(partnership=partnership, data=data, user=None)
    assert error.value.errors["ends_on"] == [
        "La fin (01/05/2025) précède le début (01/06/2025) : vérifiez les dates."
    ]
    other = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainValidationError) as error:
        add_contribution(other, company)
    assert "party" in error.value.errors


def test_totals_by_kind_by_party_and_realised_are_computed_right(pair):
    partnership, association, company = pair
    add_contribution(partnership, company, amount="15000", status="realisee")
    add_contribution(partnership, company, kind="achats", amount="4200.50")
    add_contribution(
        partnership, company, kind="competences", amount="3600", hours="120", status="realisee"
    )
    add_contribution(partnership, association, kind="benevolat", amount=None, hours="800", people=8)
    add_contribution(partnership, association, kind="locaux", amount="2400")

    totals = contribution_totals(partnership=partnership)

    assert totals.all.amount_eur == Decimal("25200.50")
    assert totals.all.money_eur == Decimal("19200.50")
    assert totals.all.in_kind_eur == Decimal("6000")
    assert totals.all.hours == Decimal("920")
    assert totals.all.people == 8
    assert totals.all.count == 5
    assert totals.realised.amount_eur == Decimal("18600")
    assert totals.realised_percent == 74
    by_party = {row.party.actor.name: row.totals for row in totals.by_party}
    assert by_party["La Poste"].amount_eur == Decimal("22800.50")
    assert by_party["Unis-Cité"].amount_eur == Decimal("2400")
    assert by_party["Unis-Cité"].hours == Decimal("800")
    by_kind = {row.kind: row.totals for row in totals.by_kind}
    assert list(by_kind) == ["financement", "competences", "benevolat", "locaux", "achats"]
    assert by_kind["competences"].hours == Decimal("120")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    amounts=st.lists(
        st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False), max_size=6
    )
)
def test_the_total_is_the_sum_of_the_amounts(pair, amounts):
    partnership, _association, company = pair
    Contribution.objects.filter(partnership=partnership).delete()
    for amount in amounts:
        add_contribution(partnership, company, kind="materiel", amount=str(amount))
    totals = contribution_totals(partnership=partnership)
    assert totals.all.amount_eur == sum(amounts, Decimal(0))
    assert totals.all.in_kind_eur == totals.all.amount_eur
    assert totals.all.money_eur == 0


def test_an_abandoned_partnership_takes_no_new_commitment(pair):
    partnership, _association, company = pair
    services.partnership_transition(
        partnership=partnership, to_status="abandonnee", user=None, note="Faute de temps."
    )
    with pytest.raises(DomainError) as error:
        add_contribution(partnership, company)
    assert error.value.code == "closed"


# --------------------------------------------------------------------------- documents


def _stored_files() -> list[str]:
    try:
        return sorted(default_storage.listdir(STORAGE_DIR)[1])
    except FileNotFoundError:
        return []


def _upload(partnership, content: bytes, name: str, **kwargs):
    return services.document_upload(
        partnership=partnership,
        stream=io.BytesIO(content),
        name=name,
        size=len(content),
        user=None,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("content", "name", "file_type"),
    [
        (files.PDF, "Convention signée.pdf", "pdf"),
        (files.odt(), "convention.odt", "odt"),
        (files.docx(), "Convention.DOCX", "docx"),
    ],
)
def test_real_documents_are_accepted_and_stored_under_a_random_name(pair, content, name, file_type):
    partnership, _association, _company = pair
    document = _upload(partnership, content, name, signed_on=dt.date(2025, 3, 1))
    assert document.file_type == file_type
    assert document.original_name == name
    assert document.title == name.rsplit(".", 1)[0]
    assert document.size == len(content)
    assert document.storage_name.startswith(f"{STORAGE_DIR}/")
    assert "onvention" not in document.storage_name
    assert len(document.storage_name.rsplit("/", 1)[1].split(".")[0]) == 32
    with default_storage.open(document.storage_name, "rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("content", "name", "code", "text"),
    [
        (files.EXECUTABLE, "convention.pdf", "wrong_type", "n'est pas celui d'un fichier PDF"),
        (b"Bonjour, voici la convention.", "convention.pdf", "wrong_type", "PDF"),
        (files.xlsx(), "convention.docx", "wrong_type", "Word (DOCX)"),
        (
            files.odt(b"application/vnd.oasis.opendocument.spreadsheet"),
            "convention.odt",
            "wrong_type",
            "OpenDocument",
        ),
        (files.PDF, "convention.docx", "wrong_type", "Word (DOCX)"),
        (files.PDF, "convention.exe", "wrong_type", "Format non accepté"),
        (files.PDF, "convention", "wrong_type", "Format non accepté"),
        (b"", "vide.pdf", "empty", "vide"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(
    pair, content, name, code, text
):
    partnership, _association, _company = pair
    before = _stored_files()
    with pytest.raises(DomainError) as error:
        _upload(partnership, content, name)
    assert error.value.code == code and error.value.field == "file"
    assert text in error.value.message
    assert not PartnershipDocument.objects.exists()
    assert _stored_files() == before


def test_a_file_over_the_size_cap_is_refused(pair):
    partnership, _association, _company = pair
    with pytest.raises(DomainError) as error:
        services.document_upload(
            partnership=partnership,
            stream=io.BytesIO(files.PDF),
            name="lourd.pdf",
            size=MAX_DOCUMENT_BYTES + 1,
            user=None,
        )
    assert error.value.code == "too_big"
    assert "la limite est de 10 Mo" in error.value.message


def test_deleting_a_document_removes_its_file_once_committed(
    pair, django_capture_on_commit_callbacks
):
    partnership, _association, _company = pair
    document = _upload(partnership, files.PDF, "convention.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document, user=None)
    assert not default_storage.exists(document.storage_name)
    assert not PartnershipDocument.objects.exists()


# --------------------------------------------------------------------------- milestones


def test_milestones_need_a_title_and_a_date_and_completing_is_recorded(pair):
    partnership, _association, _company = pair
    with pytest.raises(DomainValidationError) as error:
        services.milestone_create(partnership=partnership, title=" ", due_on=None, user=None)
    assert set(error.value.errors) == {"title", "due_on"}
    milestone = services.milestone_create(
        partnership=partnership, title="Signature de la convention", due_on=START, user=None
    )
    services.milestone_complete(milestone=milestone, user=None, done_on=START)
    milestone.refresh_from_db()
    assert milestone.done_on == START
    sentences = [e.data.get("title") for e in partnership.events.filter(kind="milestone")]
    assert sentences.count("Signature de la convention") == 2
