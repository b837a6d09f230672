"""The library pages: the public search, a case study (never a person), proposing,
editing, agreeing and publishing through the pages; good practices."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.library import services
from maillage.library.models import CaseStudy, GoodPractice
from maillage.library.tests.factories import LibraryWorld, case_from, practice, published_case

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_case_page_names_organisations_never_people(lw: LibraryWorld) -> None:
    case = published_case(lw)
    page = _client().get(case.get_absolute_url()).content.decode()
    assert case.title in page
    assert "Les Ateliers du Clain" in page and "Entreprise Partenaire" in page
    assert "12\u202f000\u00a0€" in page
    for private in (
        "Contactprivé",
        "@contact.example",
        "05 49 00 00 00",
        "Alice Admin",
        "Paul Partenaire",
        "admin@",
    ):
        assert private not in page
    # Nor the consent panel for a visitor.
    assert "Accord des parties" not in page


def test_case_url_without_or_with_a_wrong_slug_redirects(lw: LibraryWorld) -> None:
    case = published_case(lw)
    response = _client().get(reverse("library:case_short", kwargs={"pk": case.pk}))
    assert response.status_code == 301
    assert response["Location"] == case.get_absolute_url()


def test_user_text_is_escaped(lw: LibraryWorld) -> None:
    case = case_from(lw)
    case = services.case_study_update(
        case_study=case,
        user=None,
        changes={"title": "<script>alert(1)</script>", "lessons": "<img src=x onerror=alert(1)>"},
        expected_version=case.version,
    )
    page = _client(lw.world.cast.admin).get(case.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<img src=x" not in page


def test_propose_edit_agree_publish_through_the_pages(lw: LibraryWorld) -> None:
    cast = lw.world.cast
    member = _client(cast.member)
    url = reverse("library:propose", kwargs={"partnership_pk": lw.partnership.pk})
    assert "Préparer l'étude de cas" in member.get(url).content.decode()
    response = member.post(url)
    case = CaseStudy.objects.get()
    assert response["Location"] == case.get_absolute_url()
    # The member edits the draft: figures one per line.
    edit = reverse("library:case_edit", kwargs={"pk": case.pk})
    form = member.get(edit).context["form"]
    data = {key: value for key, value in form.initial.items() if key != "themes"}
    data.update(
        themes=["inclusion_numerique"],
        partnership_type="mecenat",
        figures="Habitants formés : 140\nAteliers animés : 48",
        version=case.version,
    )
    response = member.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert [(f.label, f.value) for f in case.figures.all()] == [
        ("Habitants formés", "140"),
        ("Ateliers animés", "48"),
    ]
    # A stale form says so and writes nothing.
    data["version"] = 1
    data["title"] = "Écrasé ?"
    response = member.post(edit, data)
    assert "modifiée par quelqu" in response.content.decode()
    assert CaseStudy.objects.get(pk=case.pk).title != "Écrasé ?"
    # Publishing before the parties agree is refused with a message.
    response = member.post(reverse("library:case_publish", kwargs={"pk": case.pk}), follow=True)
    assert "il manque celui de" in response.content.decode()
    consent = reverse("library:case_consent", kwargs={"pk": case.pk})
    _client(cast.admin).post(consent, {"actor": cast.actor.pk, "decision": "accord"})
    _client(lw.partner_admin).post(consent, {"actor": lw.world.partner.pk, "decision": "accord"})
    response = member.post(reverse("library:case_publish", kwargs={"pk": case.pk}), follow=True)
    assert "publiée dans la bibliothèque" in response.content.decode()
    assert CaseStudy.objects.get(pk=case.pk).is_published


def test_propose_page_explains_why_a_partnership_is_not_ready(lw: LibraryWorld) -> None:
    from maillage.partnerships.tests.factories import partnership_between

    cast = lw.world.cast
    idea = partnership_between(cast.actor, cast.other_actor)
    client = _client(cast.admin)
    url = reverse("library:propose", kwargs={"partnership_pk": idea.pk})
    assert "terminé" in client.get(url).content.decode()
    client.post(url)
    assert not CaseStudy.objects.exists()
    assert _client(cast.stranger).get(url).status_code == 404


def test_mine_lists_drafts_and_partnerships_to_tell(lw: LibraryWorld) -> None:
    page = _client(lw.world.cast.member).get(reverse("library:mine")).content.decode()
    assert lw.partnership.title in page
    assert reverse("library:propose", kwargs={"partnership_pk": lw.partnership.pk}) in page


# --------------------------------------------------------------------------- search


def _search(**params: str) -> str:
    return _client().get(reverse("library:index"), params).content.decode()


def test_search_by_words_theme_type_and_territory(lw: LibraryWorld) -> None:
    case = published_case(lw)
    draft_world_title = "Brouillon invisible"
    assert case.title in _search()
    assert case.title in _search(q="ATELIERS numeriques")  # case and accents ignored
    assert case.title in _search(q="habitants quartier")
    assert case.title not in _search(q="ateliers boulangerie")  # every word must appear
    assert case.title in _search(theme="inclusion_numerique")
    assert case.title not in _search(theme="logement")
    assert case.title in _search(type="mecenat")
    assert case.title not in _search(type="innovation_societale")
    assert case.title in _search(territory="dep:86")
    assert case.title in _search(territory="reg:75")
    assert case.title not in _search(territory="dep:94")
    assert draft_world_title not in _search()


def test_drafts_never_appear_in_the_search(lw: LibraryWorld) -> None:
    case = case_from(lw)
    assert case.title not in _search()
    assert case.title not in _search(q="ateliers")


def test_unknown_filters_are_reported_not_fatal(lw: LibraryWorld) -> None:
    page = _search(theme="nope", territory="dep:zz", type="x")
    assert "inconnus" in page


def test_practices_and_sheets_are_in_the_library(lw: LibraryWorld) -> None:
    good = practice()
    draft = practice("Pratique en brouillon", published=False)
    page = _search()
    assert good.title in page
    assert draft.title not in page
    assert "Fiches pratiques de la méthode" in page
    assert good.title in _search(theme="emploi", type="mecenat")
    assert good.title not in _search(theme="logement")
    assert good.title in _search(q="rencontrer conventionner")


def test_search_query_budget(lw: LibraryWorld, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    published_case(lw)
    practice()
    with django_assert_max_num_queries(15):
        assert _client().get(reverse("library:index"), {"q": "ateliers"}).status_code == 200


def test_facilitators_write_good_practices(lw: LibraryWorld) -> None:
    cast = lw.world.cast
    assert _client(cast.member).get(reverse("library:practice_create")).status_code == 404
    client = _client(cast.facilitator_in)
    response = client.post(
        reverse("library:practice_create"),
        {
            "title": "Préparer la rencontre",
            "summary": "Clarifier ses attentes.",
            "themes": ["emploi"],
        },
    )
    created = GoodPractice.objects.get(title="Préparer la rencontre")
    assert response["Location"] == created.get_absolute_url()
    assert not created.is_published
    assert _client().get(created.get_absolute_url()).status_code == 404
    assert _client(cast.facilitator_out).get(created.get_absolute_url()).status_code == 404
    client.post(
        reverse("library:practice_status", kwargs={"pk": created.pk}), {"status": "publiee"}
    )
    assert _client().get(created.get_absolute_url()).status_code == 200
    assert (
        _client(cast.facilitator_out)
        .post(reverse("library:practice_edit", kwargs={"pk": created.pk}), {"title": "x"})
        .status_code
        == 404
    )
