"""Needs and offers: add (with or without htmx), edit, withdraw, delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.accounts.tests.personas import build_cast
from maillage.actors.models import NeedOffer
from maillage.actors.tests.factories import NeedOfferFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def _add_url(cast):
    return reverse("actors:need_add", kwargs={"pk": cast.actor.pk})


def test_adding_a_need_without_javascript_redirects_to_the_list(admin_client, cast):
    response = admin_client.post(
        _add_url(cast),
        {
            "direction": "need",
            "category": "competences",
            "title": "Site web",
            "text": "Un développeur web bénévole pour refaire notre site.",
            "themes": ["inclusion_numerique"],
            "territory_code": "dep:86",
            "quantity": "1 personne",
            "value_eur": "1 500,50",
            "valid_from": "2026-01-01",
            "valid_until": "2026-06-30",
        },
    )
    assert response["Location"] == reverse("actors:needs", kwargs={"pk": cast.actor.pk})
    item = NeedOffer.objects.get(actor=cast.actor)
    assert (item.direction, item.category_id, item.territory_code) == (
        "need",
        "competences",
        "dep:86",
    )
    assert item.value_eur == Decimal("1500.50")
    assert item.valid_until == dt.date(2026, 6, 30)
    assert list(item.themes.values_list("code", flat=True)) == ["inclusion_numerique"]
    page = admin_client.get(response["Location"]).content.decode()
    assert "Un développeur web bénévole" in page


def test_adding_an_offer_with_htmx_returns_the_updated_section(admin_client, cast):
    response = admin_client.post(
        _add_url(cast),
        {
            "direction": "offer",
            "category": "locaux",
            "text": "Une salle de 20 places le soir.",
        },
        **HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="needs-offers">')
    assert "Offre ajoutée." in page
    assert "Une salle de 20 places le soir." in page
    assert "<html" not in page
    assert NeedOffer.objects.filter(actor=cast.actor, direction="offer").count() == 1


def test_htmx_errors_come_back_in_the_section_with_the_typed_values(admin_client, cast):
    response = admin_client.post(
        _add_url(cast),
        {
            "direction": "need",
            "category": "inconnue",
            "text": "",
            "territory_code": "dep:999",
            "valid_from": "2026-06-30",
            "valid_until": "2026-01-01",
        },
        **HTMX,
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"category", "text"} <= set(errors)
    assert 'value="dep:999"' in response.content.decode()
    assert not NeedOffer.objects.exists()


def test_service_errors_show_on_their_fields_without_javascript(admin_client, cast):
    response = admin_client.post(
        _add_url(cast),
        {
            "direction": "need",
            "category": "financement",
            "text": "Un prêt d'honneur",
            "territory_code": "dep:99",
            "valid_from": "2026-06-30",
            "valid_until": "2026-01-01",
            "value_eur": "-5",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Territoire inconnu" in errors["territory_code"][0]
    assert errors["valid_until"]
    assert errors["value_eur"]
    assert not NeedOffer.objects.exists()
    assert "<html" in response.content.decode()


def test_the_add_page_preselects_the_direction(admin_client, cast):
    response = admin_client.get(_add_url(cast) + "?direction=offer")
    assert response.context["form"].initial["direction"] == "offer"


def test_editing_a_need_and_withdrawing_it(admin_client, cast):
    item = NeedOfferFactory(actor=cast.actor)
    url = reverse("actors:need_edit", kwargs={"pk": cast.actor.pk, "item_pk": item.pk})
    response = admin_client.post(url, {"category": "benevolat", "text": "Trois bénévoles."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.category_id, item.text, item.is_active) == ("benevolat", "Trois bénévoles.", False)
    response = admin_client.post(
        url, {"category": "benevolat", "text": "Trois bénévoles.", "is_active": "on"}
    )
    item.refresh_from_db()
    assert item.is_active


def test_editing_with_an_empty_text_keeps_the_old_one(admin_client, cast):
    item = NeedOfferFactory(actor=cast.actor, text="Texte d'origine")
    url = reverse("actors:need_edit", kwargs={"pk": cast.actor.pk, "item_pk": item.pk})
    response = admin_client.post(url, {"category": "benevolat", "text": "", "is_active": "on"})
    assert response.context["form"].errors["text"]
    item.refresh_from_db()
    assert (item.text, item.category_id) == ("Texte d'origine", "competences")


def test_deleting_a_need_asks_first_without_javascript(admin_client, cast):
    item = NeedOfferFactory(actor=cast.actor)
    url = reverse("actors:need_delete", kwargs={"pk": cast.actor.pk, "item_pk": item.pk})
    assert "Supprimer ce besoin" in admin_client.get(url).content.decode()
    assert NeedOffer.objects.filter(pk=item.pk).exists()
    admin_client.post(url)
    assert not NeedOffer.objects.filter(pk=item.pk).exists()


def test_deleting_with_htmx_returns_the_section(admin_client, cast):
    item = NeedOfferFactory(actor=cast.actor, text="À supprimer")
    url = reverse("actors:need_delete", kwargs={"pk": cast.actor.pk, "item_pk": item.pk})
    response = admin_client.post(url, **HTMX)
    assert response.status_code == 200
    assert "À supprimer" not in response.content.decode()
    assert not NeedOffer.objects.filter(pk=item.pk).exists()


def test_the_list_is_split_into_needs_and_offers_with_htmx_forms(admin_client, cast):
    NeedOfferFactory(actor=cast.actor, text="Besoin A")
    NeedOfferFactory(actor=cast.actor, offer=True, text="Offre B")
    response = admin_client.get(reverse("actors:needs", kwargs={"pk": cast.actor.pk}))
    assert [i.text for i in response.context["needs"]] == ["Besoin A"]
    assert [i.text for i in response.context["offers"]] == ["Offre B"]
    page = response.content.decode()
    assert 'hx-post="' in page
    assert f'action="{_add_url(cast)}"' in page


def test_needs_page_query_count_stays_flat(admin_client, cast, django_assert_max_num_queries):
    for _ in range(10):
        NeedOfferFactory(actor=cast.actor)
    with django_assert_max_num_queries(14):
        admin_client.get(reverse("actors:needs", kwargs={"pk": cast.actor.pk}))
