"""Case studies: eligibility, pre-filling, the consent of every party, publication."""

from __future__ import annotations

import datetime as dt

import pytest

from maillage.core.errors import DomainError
from maillage.library import services
from maillage.library.enums import ConsentStatus
from maillage.library.models import CaseConsent, CaseStudy
from maillage.library.selectors import eligible_partnerships, months_before
from maillage.library.tests.factories import LibraryWorld, case_from, published_case
from maillage.partnerships import services as partnership_services
from maillage.partnerships.models import Partnership
from maillage.partnerships.tests.factories import make_active, partnership_between

pytestmark = pytest.mark.django_db


def _consents(case: CaseStudy) -> dict[str, str]:
    return {c.actor.name: c.status for c in case.consents.select_related("actor")}


# --------------------------------------------------------------------------- eligibility


def test_a_finished_partnership_is_eligible(lw: LibraryWorld) -> None:
    assert services.case_study_eligibility(lw.partnership) == ""


def test_an_idea_is_not_eligible(lw: LibraryWorld) -> None:
    idea = partnership_between(lw.world.cast.actor, lw.world.cast.other_actor)
    reason = services.case_study_eligibility(idea)
    assert "terminé" in reason
    with pytest.raises(DomainError) as caught:
        services.case_study_create_draft(partnership=idea, user=None)
    assert caught.value.code == "not_eligible"
    assert not CaseStudy.objects.exists()


def test_an_active_partnership_is_eligible_after_twelve_months(lw: LibraryWorld) -> None:
    cast = lw.world.cast
    active = make_active(
        partnership_between(cast.actor, cast.other_actor, starts_on=dt.date(2024, 3, 15))
    )
    assert services.case_study_eligibility(active, today=dt.date(2025, 3, 14))
    assert services.case_study_eligibility(active, today=dt.date(2025, 3, 15)) == ""
    assert "en a 11" in services.case_study_eligibility(active, today=dt.date(2025, 3, 14))


def test_months_before_matches_the_eligibility_rule() -> None:
    assert months_before(dt.date(2025, 3, 15), 12) == dt.date(2024, 3, 15)
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2028, 2, 29), 12) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2025, 1, 10), 13) == dt.date(2023, 12, 10)


def test_eligible_partnerships_are_those_the_user_sees_without_a_case(lw: LibraryWorld) -> None:
    cast = lw.world.cast
    assert eligible_partnerships(user=cast.member) == [lw.partnership]
    assert eligible_partnerships(user=cast.stranger) == []
    case_from(lw)
    assert eligible_partnerships(user=cast.member) == []


def test_one_case_study_per_partnership(lw: LibraryWorld) -> None:
    case_from(lw)
    with pytest.raises(DomainError) as caught:
        case_from(lw)
    assert caught.value.code == "already_exists"


# --------------------------------------------------------------------------- pre-filling


def test_draft_is_prefilled_from_the_partnership_and_its_evaluation(lw: LibraryWorld) -> None:
    case = case_from(lw)
    assert case.status == "brouillon"
    assert case.title == lw.partnership.title
    assert case.summary == "Des ateliers numériques pour les habitants du quartier."
    assert case.partnership_type_id == "mecenat"
    assert case.territory_code == lw.partnership.territory_code
    assert set(case.themes.values_list("code", flat=True)) == {"inclusion_numerique", "precarite"}
    assert case.lessons == "Se voir chaque mois a tout changé."
    # What each party brought, in its own words (the association said nothing).
    assert (
        case.who
        == "Entreprise Partenaire : Le financement des ateliers et des salariés formateurs."
    )
    assert "Habitants formés : 140 personnes" in case.results
    figures = {f.label: f.value for f in case.figures.all()}
    assert figures["Apports financiers et achats"] == "12\u202f000\u00a0€"
    assert figures["Apports en nature et compétences (valorisés)"] == "3\u202f500\u00a0€"
    assert figures["Heures de compétences mobilisées"] == "70"
    assert figures["Personnes mobilisées"] == "6"
    assert figures["Durée du partenariat"] == "11 mois"
    assert figures["Habitants formés"] == "140 personnes (cible : 120)"
    # No person: neither the contacts nor the members.
    text = " ".join([case.who, case.what, case.results, case.summary, *figures.values()])
    assert "Contactprivé" not in text and "Alice" not in text
    assert _consents(case) == {
        "Les Ateliers du Clain": ConsentStatus.EN_ATTENTE,
        "Entreprise Partenaire": ConsentStatus.EN_ATTENTE,
    }


# --------------------------------------------------------------------------- consent


def test_publication_needs_every_party(lw: LibraryWorld) -> None:
    case = case_from(lw)
    cast = lw.world.cast
    services.case_consent_give(case_study=case, actor=cast.actor, user=cast.admin)
    with pytest.raises(DomainError) as caught:
        services.case_study_publish(case_study=case, user=cast.admin)
    assert caught.value.code == "consent_missing"
    assert "Entreprise Partenaire" in caught.value.message
    services.case_consent_give(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    case = services.case_study_publish(case_study=case, user=cast.member)
    assert case.is_published and case.published_at is not None


def test_only_a_party_admin_gives_its_consent(lw: LibraryWorld) -> None:
    case = case_from(lw)
    cast = lw.world.cast
    for user in (
        cast.member,
        lw.partner_admin,
        cast.facilitator_in,
        cast.stranger,
        cast.deactivated_admin,
    ):
        with pytest.raises(DomainError) as caught:
            services.case_consent_give(case_study=case, actor=cast.actor, user=user)
        assert caught.value.code == "forbidden"
    assert _consents(case)["Les Ateliers du Clain"] == ConsentStatus.EN_ATTENTE


def test_staff_records_a_written_consent_only_with_a_note(lw: LibraryWorld) -> None:
    case = case_from(lw)
    staff = lw.world.cast.staff
    with pytest.raises(DomainError) as caught:
        services.case_consent_give(case_study=case, actor=lw.world.partner, user=staff)
    assert caught.value.code == "note_required"
    consent = services.case_consent_give(
        case_study=case, actor=lw.world.partner, user=staff, note="Courriel du 3 mars 2025."
    )
    assert consent.on_behalf and consent.status == ConsentStatus.ACCORDEE


def test_consent_for_an_actor_that_is_not_a_party_is_refused(lw: LibraryWorld) -> None:
    case = case_from(lw)
    with pytest.raises(DomainError) as caught:
        services.case_consent_give(
            case_study=case, actor=lw.world.cast.other_actor, user=lw.world.cast.other_admin
        )
    assert caught.value.code == "not_a_party"


def test_any_party_withdraws_before_publication(lw: LibraryWorld) -> None:
    case = case_from(lw)
    cast = lw.world.cast
    services.case_consent_give(case_study=case, actor=cast.actor, user=cast.admin)
    services.case_consent_give(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    services.case_consent_withdraw(
        case_study=case, actor=lw.world.partner, user=lw.partner_admin, note="Pas maintenant."
    )
    assert _consents(case)["Entreprise Partenaire"] == ConsentStatus.RETIREE
    with pytest.raises(DomainError) as caught:
        services.case_study_publish(case_study=case, user=cast.admin)
    assert caught.value.code == "consent_missing"


def test_editing_the_text_asks_for_consent_again(lw: LibraryWorld) -> None:
    case = case_from(lw)
    cast = lw.world.cast
    services.case_consent_give(case_study=case, actor=cast.actor, user=cast.admin)
    services.case_consent_give(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    case = services.case_study_update(
        case_study=case,
        user=cast.facilitator_in,
        changes={"results": "140 habitants formés, dont 60 seniors."},
        expected_version=case.version,
    )
    assert set(_consents(case).values()) == {ConsentStatus.EN_ATTENTE}
    with pytest.raises(DomainError):
        services.case_study_publish(case_study=case, user=cast.admin)


def test_saving_unchanged_text_keeps_the_consents(lw: LibraryWorld) -> None:
    case = case_from(lw)
    cast = lw.world.cast
    services.case_consent_give(case_study=case, actor=cast.actor, user=cast.admin)
    case = services.case_study_update(
        case_study=case,
        user=cast.admin,
        changes={"title": case.title, "themes": ["precarite", "inclusion_numerique"]},
        expected_version=case.version,
    )
    assert _consents(case)["Les Ateliers du Clain"] == ConsentStatus.ACCORDEE


def test_a_stale_edit_writes_nothing(lw: LibraryWorld) -> None:
    case = case_from(lw)
    first = services.case_study_update(
        case_study=case, user=None, changes={"title": "Premier"}, expected_version=case.version
    )
    with pytest.raises(DomainError) as caught:
        services.case_study_update(
            case_study=case, user=None, changes={"title": "Second"}, expected_version=1
        )
    assert caught.value.code == "stale"
    assert CaseStudy.objects.get(pk=first.pk).title == "Premier"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"summary": ""}, "summary"),
        ({"partnership_type": "inconnu"}, "partnership_type"),
        ({"themes": ["logement", "pas_un_theme"]}, "themes"),
        ({"territory_code": "dep:00"}, "territory_code"),
        ({"figures": [services.FigureInput(label="Sans valeur", value="")]}, "figures"),
        (
            {"figures": [services.FigureInput(label=f"n{i}", value="1") for i in range(13)]},
            "figures",
        ),
    ],
)
def test_bad_edits_are_refused_on_their_field(lw: LibraryWorld, changes: dict, field: str) -> None:
    case = case_from(lw)
    with pytest.raises(DomainError) as caught:
        services.case_study_update(
            case_study=case, user=None, changes=changes, expected_version=case.version
        )
    assert field in caught.value.errors  # type: ignore[attr-defined]
    assert CaseStudy.objects.get(pk=case.pk).version == case.version


def test_a_published_case_is_not_edited_but_can_be_taken_out(lw: LibraryWorld) -> None:
    case = published_case(lw)
    with pytest.raises(DomainError) as caught:
        services.case_study_update(
            case_study=case, user=None, changes={"title": "X"}, expected_version=case.version
        )
    assert caught.value.code == "published"
    with pytest.raises(DomainError) as caught:
        services.case_consent_withdraw(
            case_study=case, actor=lw.world.partner, user=lw.partner_admin
        )
    assert caught.value.code == "published"
    with pytest.raises(DomainError):
        services.case_study_unpublish(
            case_study=case, actor=lw.world.partner, user=lw.world.cast.member
        )
    case = services.case_study_unpublish(
        case_study=case, actor=lw.world.partner, user=lw.partner_admin, note="Fusion en cours."
    )
    assert not case.is_published and case.published_at is None
    assert _consents(case)["Entreprise Partenaire"] == ConsentStatus.RETIREE
    assert _consents(case)["Les Ateliers du Clain"] == ConsentStatus.ACCORDEE


def test_parties_admins_are_notified(lw: LibraryWorld, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from maillage.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        case_from(lw)
    notified = set(
        Notification.objects.filter(kind="case_study_consent").values_list("user__email", flat=True)
    )
    assert notified == {"admin@partenaire.example"}  # the author's own admin is not told


def test_a_draft_can_be_deleted_not_a_published_case(lw: LibraryWorld) -> None:
    case = published_case(lw)
    with pytest.raises(DomainError):
        services.case_study_delete(case_study=case, user=None)
    services.case_study_unpublish(
        case_study=case, actor=lw.world.cast.actor, user=lw.world.cast.admin
    )
    services.case_study_delete(case_study=case, user=None)
    assert not CaseStudy.objects.exists()
    assert not CaseConsent.objects.exists()
    assert Partnership.objects.filter(pk=lw.partnership.pk).exists()


def test_finished_partnership_with_a_case_stays_protected(lw: LibraryWorld) -> None:
    from django.db.models import ProtectedError

    case_from(lw)
    with pytest.raises(ProtectedError):
        lw.partnership.delete()


def test_partnership_services_still_apply(lw: LibraryWorld) -> None:
    with pytest.raises(DomainError):
        partnership_services.partnership_transition(
            partnership=lw.partnership, to_status="active", user=None
        )
