"""The partnership pages through HTTP: proposing one, editing it (stale pages told so),
its status, parties, method, commitments and documents, with clear messages on bad input."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from maillage.actors.tests.factories import ActorFactory
from maillage.partnerships.models import Partnership, PartnershipDocument
from maillage.partnerships.tests import files
from maillage.partnerships.tests.factories import add_contribution

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"pk": world.partnership.pk, **kwargs})


def test_a_member_proposes_a_partnership_with_a_partner_found_by_name(client, world):
    partner = ActorFactory(name="Imprimerie Rabelais", entreprise=True)
    client.force_login(world.cast.admin)
    response = client.post(
        reverse("partnerships:create"),
        {
            "porteur": str(world.cast.actor.pk),
            "partner": f"Imprimerie Rabelais — Poitiers (#{partner.pk})",
            "title": "",
            "partnership_type": "mecenat",
        },
    )
    created = Partnership.objects.exclude(pk=world.partnership.pk).get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.partnership_type_id == "mecenat" and created.help_direction == "entreprise_aide"
    assert created.created_by == world.cast.admin
    page = client.get(created.get_absolute_url())
    assert "Imprimerie Rabelais" in page.content.decode()


def test_proposing_from_an_actors_page_prefills_the_partner(client, world):
    client.force_login(world.cast.admin)
    page = client.get(reverse("partnerships:create"), {"partenaire": world.partner.pk})
    assert f'value="Entreprise Partenaire (#{world.partner.pk})"' in page.content.decode()
    assert client.get(reverse("partnerships:create"), {"partenaire": "9" * 30}).status_code == 200


def test_an_unknown_partner_is_named_in_the_error_and_nothing_is_created(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        reverse("partnerships:create"),
        {"porteur": str(world.cast.actor.pk), "partner": "Société Imaginaire"},
    )
    assert response.status_code == 200
    assert "Aucun acteur ne correspond à « Société Imaginaire »" in response.content.decode()
    assert Partnership.objects.count() == 1


def test_proposing_a_partnership_with_oneself_is_refused(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        reverse("partnerships:create"),
        {"porteur": str(world.cast.actor.pk), "partner": f"(#{world.cast.actor.pk})"},
    )
    assert "figure deux fois parmi les parties" in response.content.decode()
    assert Partnership.objects.count() == 1


def test_a_member_cannot_propose_for_an_organisation_of_others(client, world):
    client.force_login(world.cast.stranger)
    response = client.post(
        reverse("partnerships:create"),
        {"porteur_text": f"(#{world.cast.actor.pk})", "partner": f"(#{world.partner.pk})"},
    )
    assert "Vous pouvez proposer un partenariat" in response.content.decode()
    assert Partnership.objects.count() == 1


def test_actor_suggestions_fill_the_datalist(client, world):
    client.force_login(world.cast.admin)
    response = client.get(reverse("partnerships:actor_suggestions"), {"partner": "Entreprise Part"})
    assert response.status_code == 200
    assert f"Entreprise Partenaire — Poitiers (#{world.partner.pk})" in response.content.decode()


def test_the_second_save_of_the_same_page_is_told_the_record_changed(client, world):
    client.force_login(world.cast.admin)
    form_url = _url("partnerships:edit", world)
    page = client.get(form_url).content.decode()
    assert 'name="version" value="1"' in page
    data = {"title": "Ateliers numériques solidaires", "version": "1", "themes": []}
    first = client.post(form_url, {**data, "summary": "Version d'Alice"})
    assert first.status_code == 302
    second = client.post(form_url, {**data, "summary": "Version de Bob"})
    assert second.status_code == 200
    assert "modifié par quelqu&#x27;un d&#x27;autre" in second.content.decode()
    world.partnership.refresh_from_db()
    assert world.partnership.summary == "Version d'Alice"


def test_dates_out_of_order_are_shown_next_to_the_field(client, world):
    client.force_login(world.cast.member)
    response = client.post(
        _url("partnerships:edit", world),
        {"title": "X", "version": "1", "starts_on": "2025-06-01", "ends_on": "2025-01-01"},
    )
    assert "La fin (01/01/2025) précède le début (01/06/2025)" in response.content.decode()


def test_status_changes_through_its_page_and_a_wrong_move_is_explained(client, world):
    client.force_login(world.cast.member)
    url = _url("partnerships:status", world)
    assert client.post(url, {"to_status": "en_construction", "version": "1"}).status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.status == "en_construction"
    refused = client.post(url, {"to_status": "active", "version": "2"})
    content = refused.content.decode()
    assert "Choisissez le type de partenariat avant de le déclarer actif." in content
    abandon = client.post(url, {"to_status": "abandonnee", "version": "2"})
    assert "Dites en quelques mots pourquoi" in abandon.content.decode()


def test_a_party_states_its_objectives_and_a_duplicate_rank_is_refused(client, world):
    client.force_login(world.partner_member)
    url = _url("partnerships:party_edit", world, party_pk=world.company_party.pk)
    refused = client.post(
        url,
        {
            "role": "partenaire",
            "objective_1": "innovation",
            "objective_2": "innovation",
            "version": "1",
        },
    )
    assert "Chaque objectif n&#x27;apparaît qu&#x27;une fois" in refused.content.decode()
    saved = client.post(
        url,
        {
            "role": "partenaire",
            "objective_1": "parties_prenantes",
            "objective_2": "competences_rh",
            "expectations": "Mobiliser nos salariés.",
            "version": "1",
        },
    )
    assert saved.status_code == 302
    page = client.get(world.partnership.get_absolute_url()).content.decode()
    assert "Dialogue avec les parties prenantes" in page and "Mobiliser nos salariés." in page


def test_adding_the_same_party_twice_says_so(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        _url("partnerships:party_add", world),
        {"actor": f"(#{world.partner.pk})", "role": "partenaire"},
    )
    assert "Entreprise Partenaire est déjà partie à ce partenariat." in response.content.decode()


def test_ticking_an_action_with_htmx_returns_the_item(client, world):
    client.force_login(world.cast.member)
    item = world.partnership.checklist.order_by("position").first()
    response = client.post(
        _url("partnerships:checklist_toggle", world, item_pk=item.pk),
        {"done": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'class="checklist-item is-done"' in response.content.decode()
    item.refresh_from_db()
    assert item.done and item.done_by == world.cast.member


def test_advancing_with_unticked_actions_asks_for_confirmation(client, world):
    client.force_login(world.cast.member)
    url = _url("partnerships:advance_step", world)
    refused = client.post(url, {})
    assert "Il reste" in refused.content.decode()
    assert client.post(url, {"force": "on"}).status_code == 302
    world.partnership.refresh_from_db()
    assert world.partnership.current_step == "rencontrer"


def test_method_page_shows_points_of_attention_and_the_legal_form_page_warns(client, world):
    client.force_login(world.cast.member)
    client.post(
        _url("partnerships:legal_form", world), {"legal_form": "prestation", "version": "1"}
    )
    world.partnership.refresh_from_db()
    assert world.partnership.legal_form == "prestation"
    method = client.get(_url("partnerships:method", world)).content.decode()
    assert "Points d&#x27;attention" in method or "Points d'attention" in method
    guidance = client.get(_url("partnerships:legal_form", world)).content.decode()
    assert "non-lucrativité" in guidance


def test_a_negative_contribution_is_refused_with_its_message(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        _url("partnerships:contribution_add", world),
        {
            "party": str(world.company_party.pk),
            "kind": "financement",
            "status": "engagee",
            "description": "Don",
            "amount_eur": "-1 500,00",
            "starts_on": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "Le montant ne peut pas être négatif." in response.content.decode()
    assert not world.partnership.contributions.exists()


def test_a_contribution_in_french_figures_is_saved_and_totalled(client, world):
    client.force_login(world.cast.admin)
    response = client.post(
        _url("partnerships:contribution_add", world),
        {
            "party": str(world.company_party.pk),
            "kind": "competences",
            "status": "realisee",
            "description": "Formation des bénévoles",
            "amount_eur": "3 600,50",
            "hours": "120",
            "starts_on": "2025-02-01",
        },
    )
    assert response.status_code == 302
    page = client.get(_url("partnerships:commitments", world)).content.decode()
    assert "Formation des bénévoles" in page and "3\u00a0600,5" in page


def test_uploading_a_fake_pdf_says_why_and_a_real_one_is_listed(client, world):
    client.force_login(world.cast.admin)
    url = _url("partnerships:document_upload", world)
    fake = io.BytesIO(files.EXECUTABLE)
    fake.name = "convention.pdf"
    refused = client.post(url, {"file": fake, "kind": "convention"})
    assert refused.status_code == 400
    assert "n&#x27;est pas celui d&#x27;un fichier PDF" in refused.content.decode()
    assert not PartnershipDocument.objects.exists()
    real = io.BytesIO(files.PDF)
    real.name = "convention.pdf"
    accepted = client.post(url, {"file": real, "kind": "convention", "title": "Convention 2025"})
    assert accepted.status_code == 302
    page = client.get(_url("partnerships:commitments", world)).content.decode()
    assert "Convention 2025" in page


def test_user_text_is_escaped(client, world):
    client.force_login(world.cast.admin)
    add_contribution(
        world.partnership, world.company_party, description="<script>alert(1)</script>"
    )
    page = client.get(_url("partnerships:commitments", world)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_list_page_filters_by_status(client, world):
    client.force_login(world.cast.member)
    page = client.get(reverse("partnerships:list")).content.decode()
    assert "Ateliers numériques solidaires" in page
    active = client.get(reverse("partnerships:list"), {"status": "active"}).content.decode()
    assert "Ateliers numériques solidaires" not in active


def test_the_list_page_keeps_a_flat_query_budget(client, world, django_assert_max_num_queries):
    for index in range(6):
        from maillage.partnerships.tests.factories import partnership_between

        partnership_between(world.cast.actor, ActorFactory(name=f"Partenaire {index}"))
    client.force_login(world.cast.member)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("partnerships:list")).status_code == 200


def test_practical_sheets_are_public(client, db):
    response = client.get(
        reverse("partnerships:sheet", kwargs={"code": "choisir-la-forme-juridique"})
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Choisir la forme juridique" in content and "<li>" in content
    assert client.get(reverse("partnerships:sheets")).status_code == 200
    assert client.get(reverse("partnerships:sheet", kwargs={"code": "inconnue"})).status_code == 404
