"""An actor's public page /acteurs/<id>/<slug>/: identity, territory, needs and offers,
freshness, source, and contact persons only for those entitled to see them."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.tests.factories import (
    ClaimRequestFactory,
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.models import InterventionArea
from maillage.actors.tests.factories import ActorFactory, ContactFactory, NeedOfferFactory
from maillage.actors.tests.public_fixtures import Geography, build_geography

pytestmark = pytest.mark.django_db


@pytest.fixture
def geo() -> Geography:
    return build_geography()


@pytest.fixture
def iris(geo):
    actor = ActorFactory(
        association=True,
        name="IRIS",
        acronym="IRIS",
        seat_commune=geo.poitiers,
        siret="",
        rna="W862000123",
        themes=["insertion_jeunes", "emploi"],
        partnership_types=["mecenat"],
        description="Première ligne.\nDeuxième ligne.",
        website="https://iris.exemple.org",
        email="accueil@iris.exemple.org",
        phone="05 49 11 22 33",
        located=True,
        confirmed=True,
    )
    ContactFactory(
        actor=actor, first_name="Claire", last_name="Fictive", email="claire.fictive@exemple.org"
    )
    return actor


def page(client, actor) -> str:
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------- addresses


def test_the_id_alone_redirects_to_the_canonical_address(client, iris):
    response = client.get(f"/acteurs/{iris.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/acteurs/{iris.pk}/iris/"


def test_a_stale_slug_redirects_to_the_right_one(client, iris):
    response = client.get(f"/acteurs/{iris.pk}/ancien-nom/")
    assert response.status_code == 301
    assert response["Location"] == iris.get_absolute_url()


def test_an_unknown_actor_gets_the_designed_404(client):
    response = client.get("/acteurs/999999/")
    assert response.status_code == 404
    content = html.unescape(response.content.decode())
    assert "Cette page n'existe pas (ou plus)" in content
    assert 'action="/acteurs/"' in content


# --------------------------------------------------------------------------- content


def test_page_shows_identity_territory_themes_and_odd(client, iris):
    content = page(client, iris)
    assert "<h1" in content and "IRIS" in content
    assert "Association" in content
    assert "W862000123" in content
    assert "Économie sociale et solidaire / intérêt général" in content
    assert "CU du Grand Poitiers" in content
    assert "Vienne (86)" in content
    assert "Nouvelle-Aquitaine" in content
    assert 'href="/acteurs/?territory=epci:200069854"' in content
    assert "Insertion des jeunes" in content
    # ODD as coloured badges with an accessible name.
    assert 'class="odd-badge odd-8"' in content
    assert (
        'ODD 8<span class="visually-hidden"> — Travail décent et croissance économique' in content
    )
    assert "Mécénat" in content or "mécénat" in content
    assert 'href="https://iris.exemple.org"' in content
    assert "mailto:accueil@iris.exemple.org" in content


def test_description_keeps_line_breaks_and_is_escaped(client, geo):
    actor = ActorFactory(name="Texte libre", description="Bonjour\n<script>alert(1)</script>")
    content = client.get(actor.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "Bonjour<br>&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_needs_and_offers_are_grouped_by_category(client, iris):
    NeedOfferFactory(actor=iris, need=True, category_id="locaux", text="Un local de stockage.")
    NeedOfferFactory(actor=iris, need=True, category_id="locaux", text="Une salle de cours.")
    NeedOfferFactory(
        actor=iris,
        offer=True,
        category_id="expertise",
        text="Notre connaissance des jeunes décrocheurs.",
    )
    NeedOfferFactory(
        actor=iris,
        need=True,
        category_id="financement",
        text="Expiré.",
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    content = page(client, iris)
    needs = content[content.index('id="needs-heading"') : content.index('id="offers-heading"')]
    assert needs.count("<h3>Locaux et lieux partagés</h3>") == 1
    assert "Un local de stockage." in needs and "Une salle de cours." in needs
    offers = content[content.index('id="offers-heading"') :]
    assert "Expertise des publics fragiles" in offers
    assert "Notre connaissance des jeunes décrocheurs." in offers
    assert "Expiré." not in content


def test_freshness_and_source_of_an_imported_actor(client, geo):
    actor = ActorFactory(imported=True, name="Importée", source_date=dt.date(2026, 1, 15))
    content = page(client, actor)
    assert "Source : Insee, Sirene" in content
    assert "données du 15 janvier 2026" in content
    assert "Profil jamais confirmé" in content


def test_a_confirmed_profile_says_when(client, iris):
    assert "Profil confirmé le" in page(client, iris)


def test_a_stale_confirmation_is_flagged(client):
    actor = ActorFactory(profile_confirmed_at=timezone.now() - dt.timedelta(days=500))
    assert "Profil non confirmé depuis le" in page(client, actor)


def test_a_closed_actor_says_so(client):
    actor = ActorFactory(closed=True, name="Ancienne association")
    content = page(client, actor)
    assert "Cette structure est fermée ou dissoute" in content


def test_intervention_territories_are_named(client, iris, geo):
    InterventionArea.objects.create(actor=iris, level="departement", territory_code="dep:79")
    InterventionArea.objects.create(actor=iris, level="region", territory_code="reg:75")
    content = page(client, iris)
    assert "Territoires d'intervention" in content
    assert "Deux-Sèvres (79)" in content


def test_map_is_shown_for_located_actors_and_approximate_ones_are_labelled(client, geo):
    precise = ActorFactory(
        name="Précise", seat_commune=geo.poitiers, latitude=46.58, longitude=0.34
    )
    approximate = ActorFactory(
        name="Approchée",
        seat_commune=geo.poitiers,
        latitude=46.58,
        longitude=0.34,
        coordinates_approximate=True,
    )
    unlocated = ActorFactory(name="Sans position")
    assert 'id="actor-minimap"' in page(client, precise)
    assert 'data-lat="46.580000"' in page(client, precise)
    assert "Position approximative" in page(client, approximate)
    content = page(client, unlocated)
    assert 'id="actor-minimap"' not in content
    assert "leaflet.js" not in content


# --------------------------------------------------------------------------- contacts


def test_anonymous_visitors_do_not_see_contacts_but_are_told_who_can(client, iris):
    content = page(client, iris)
    assert "Claire" not in content
    assert "claire.fictive@exemple.org" not in content
    assert "ne sont visibles que par les membres de la structure" in content
    assert "/compte/connexion/?next=" in content


def test_a_member_sees_the_contacts(client, iris):
    member = MembershipFactory(actor=iris).user
    client.force_login(member)
    content = page(client, iris)
    assert "Claire Fictive" in content
    assert "claire.fictive@exemple.org" in content


def test_a_facilitator_of_the_territory_sees_the_contacts(client, iris):
    facilitator = FacilitatorScopeFactory(territory_code="dep:86").user
    client.force_login(facilitator)
    assert "claire.fictive@exemple.org" in page(client, iris)


def test_a_facilitator_of_another_territory_does_not(client, iris):
    facilitator = FacilitatorScopeFactory(territory_code="dep:94").user
    client.force_login(facilitator)
    content = page(client, iris)
    assert "claire.fictive@exemple.org" not in content
    assert "/compte/connexion/" not in content.split('id="contacts-heading"')[1][:2000]


@pytest.mark.parametrize("trait", ["pending", "invited", "deactivated"])
def test_putative_or_former_members_do_not_see_contacts(client, iris, trait):
    membership = MembershipFactory(actor=iris, **{trait: True})
    client.force_login(membership.user)
    assert "claire.fictive@exemple.org" not in page(client, iris)


def test_another_signed_in_user_does_not_see_contacts(client, iris):
    client.force_login(UserFactory())
    assert "claire.fictive@exemple.org" not in page(client, iris)


def test_staff_see_contacts(client, iris):
    client.force_login(UserFactory(staff=True))
    assert "claire.fictive@exemple.org" in page(client, iris)


# --------------------------------------------------------------------------- actions


def test_anonymous_visitors_get_no_edit_join_or_claim_action(client, iris):
    content = page(client, iris)
    assert "Modifier" not in content
    assert "Rejoindre cette structure" not in content
    assert "Revendiquer cette fiche" not in content


def test_a_signed_in_non_member_may_claim_an_actor_without_admin(client, iris):
    client.force_login(UserFactory())
    content = page(client, iris)
    assert f'href="{reverse("actors:claim", args=[iris.pk])}"' in content
    assert "Revendiquer cette fiche" in content
    assert "Rejoindre cette structure" not in content


def test_a_signed_in_non_member_may_ask_to_join_an_actor_with_an_admin(client, iris):
    MembershipFactory(actor=iris, admin=True)
    client.force_login(UserFactory())
    content = page(client, iris)
    assert f'href="{reverse("actors:join", args=[iris.pk])}"' in content
    assert "Rejoindre cette structure" in content
    assert "Revendiquer cette fiche" not in content


def test_a_pending_claim_is_acknowledged_instead_of_prompting_again(client, iris):
    claim = ClaimRequestFactory(actor=iris)
    client.force_login(claim.user)
    content = page(client, iris)
    assert "est en cours d'examen" in content
    assert "Revendiquer cette fiche" not in content


def test_a_signed_in_non_member_may_propose_a_partnership_with_the_actor(client, iris):
    client.force_login(MembershipFactory(admin=True).user)
    content = page(client, iris)
    assert f'href="{reverse("partnerships:create")}?partenaire={iris.pk}"' in content


def test_neither_visitors_nor_members_get_the_partnership_proposal(client, iris):
    assert "Proposer un partenariat" not in page(client, iris)
    client.force_login(MembershipFactory(actor=iris).user)
    assert "Proposer un partenariat" not in page(client, iris)


def test_a_member_is_told_so(client, iris):
    client.force_login(MembershipFactory(actor=iris).user)
    assert "Vous êtes membre de cette structure." in page(client, iris)


def test_the_admin_sees_the_edit_link(client, iris):
    client.force_login(MembershipFactory(actor=iris, admin=True).user)
    content = page(client, iris)
    assert f'href="{reverse("actors:edit", args=[iris.pk])}">Modifier</a>' in content
    assert "Rejoindre cette structure" not in content


def test_a_plain_member_gets_no_edit_link(client, iris):
    client.force_login(MembershipFactory(actor=iris).user)
    assert ">Modifier</a>" not in page(client, iris)


def test_detail_query_budget(client, iris, django_assert_max_num_queries):
    for category in ("locaux", "financement", "competences"):
        NeedOfferFactory(actor=iris, category_id=category, themes=["emploi"])
    client.force_login(MembershipFactory(actor=iris).user)
    with django_assert_max_num_queries(30):
        client.get(iris.get_absolute_url())
