"""Creating a partnership, its fields, its parties and its lifecycle (services)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.accounts.tests.factories import UserFactory
from maillage.actors.tests.factories import ActorFactory, CommuneFactory
from maillage.core.errors import DomainError, DomainValidationError
from maillage.partnerships import services
from maillage.partnerships.enums import (
    ALLOWED_TRANSITIONS,
    EventKind,
    HelpDirection,
    PartnershipStatus,
    PartyRole,
)
from maillage.partnerships.models import ChecklistItem, Partnership, PartnershipEvent, SheetItem
from maillage.partnerships.selectors import actors_are_partners, status_history
from maillage.partnerships.tests.factories import (
    START,
    chatellerault_actor,
    make_active,
    partnership_between,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- creation


def test_draft_is_an_idea_with_roles_territory_checklist_and_a_first_event():
    poitiers = CommuneFactory()
    association = ActorFactory(name="Les Ateliers du Clain", seat_commune=poitiers)
    company = ActorFactory(name="Imprimerie Rabelais", entreprise=True, seat_commune=poitiers)
    user = UserFactory()

    partnership = services.partnership_create_draft(
        created_by=user, parties=[association, company], origin="speed_dating"
    )

    assert partnership.status == PartnershipStatus.IDEE
    assert partnership.origin == "speed_dating"
    assert partnership.title == "Partenariat Les Ateliers du Clain – Imprimerie Rabelais"
    roles = dict(partnership.parties.values_list("actor__name", "role"))
    assert roles == {"Les Ateliers du Clain": "porteur", "Imprimerie Rabelais": "partenaire"}
    assert partnership.territory_code == "com:86194"
    assert "|dep:86|" in partnership.territory_keys and "|reg:75|" in partnership.territory_keys
    active_items = SheetItem.objects.filter(is_active=True, sheet__is_active=True).count()
    assert active_items > 10
    assert ChecklistItem.objects.filter(partnership=partnership).count() == active_items
    event = PartnershipEvent.objects.get(partnership=partnership)
    assert event.kind == EventKind.CREATED and event.user == user


def test_a_third_public_party_joins_as_facilitating_third_party():
    association, company = ActorFactory(), ActorFactory(entreprise=True)
    city = ActorFactory(collectivite=True)
    partnership = services.partnership_create_draft(
        created_by=None, parties=[association, company, city], origin="direct"
    )
    assert partnership.parties.get(actor=city).role == PartyRole.TIERS_FACILITATEUR


def test_parties_in_different_communes_share_their_smallest_common_territory():
    poitiers_actor = ActorFactory(seat_commune=CommuneFactory())
    partnership = partnership_between(poitiers_actor, chatellerault_actor())
    assert partnership.territory_code == "dep:86"


@pytest.mark.parametrize("count", [0, 1])
def test_a_partnership_needs_two_actors(count):
    actors = [ActorFactory() for _ in range(count)]
    with pytest.raises(DomainError) as error:
        services.partnership_create_draft(created_by=None, parties=actors, origin="direct")
    assert error.value.code == "too_few_parties"
    assert "au moins deux" in error.value.message
    assert not Partnership.objects.exists()


def test_the_same_actor_twice_is_refused_by_name():
    actor = ActorFactory(name="Les Restos du Cœur")
    with pytest.raises(DomainError) as error:
        services.partnership_create_draft(
            created_by=None, parties=[actor, ActorFactory(), actor], origin="direct"
        )
    assert error.value.code == "duplicate_party"
    assert "Les Restos du Cœur figure deux fois" in error.value.message
    assert not Partnership.objects.exists()


def test_a_closed_actor_cannot_become_a_party():
    with pytest.raises(DomainError) as error:
        partnership_between(ActorFactory(), ActorFactory(closed=True))
    assert error.value.code == "closed_actor"


def test_an_unknown_origin_is_refused():
    with pytest.raises(DomainError) as error:
        partnership_between(ActorFactory(), ActorFactory(), origin="hasard")
    assert error.value.field == "origin"


def test_draft_for_an_introduction_is_created_once():
    from maillage.matching.models import Introduction

    a, b = ActorFactory(), ActorFactory(entreprise=True)
    low, high = sorted([a.pk, b.pk])
    introduction = Introduction.objects.create(
        from_actor=a, to_actor=b, pair_low=low, pair_high=high, status="accepted"
    )
    first = services.partnership_create_draft(
        created_by=None, parties=[a, b], origin="introduction", introduction=introduction
    )
    second = services.partnership_create_draft(
        created_by=None, parties=[a, b], origin="introduction", introduction=introduction
    )
    assert first.pk == second.pk
    assert first.introduction == introduction
    assert Partnership.objects.count() == 1


# --------------------------------------------------------------------------- fields


def test_update_sets_type_with_its_direction_of_help_themes_and_territory():
    partnership = partnership_between(ActorFactory(), ActorFactory(entreprise=True))
    CommuneFactory()
    updated = services.partnership_update(
        partnership=partnership,
        user=None,
        changes={
            "partnership_type": "pratiques_responsables",
            "themes": ["insertion_iae", "emploi"],
            "territory_code": "com:86194",
            "starts_on": START,
        },
        expected_version=partnership.version,
    )
    assert updated.help_direction == HelpDirection.ASSOCIATION_HELPS
    assert set(updated.themes.values_list("code", flat=True)) == {"insertion_iae", "emploi"}
    assert updated.territory_keys.startswith("|com:86194|")
    assert updated.version == 2
    # A direction stated by the parties wins over the type's.
    again = services.partnership_update(
        partnership=updated,
        user=None,
        changes={"help_direction": HelpDirection.CO_CONSTRUCTION},
        expected_version=updated.version,
    )
    assert again.help_direction == HelpDirection.CO_CONSTRUCTION


def test_dates_out_of_order_are_refused_with_both_dates_and_nothing_changes():
    partnership = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainValidationError) as error:
        services.partnership_update(
            partnership=partnership,
            user=None,
            changes={"starts_on": dt.date(2025, 6, 1), "ends_on": dt.date(2025, 1, 31)},
            expected_version=partnership.version,
        )
    assert error.value.errors["ends_on"] == [
        "La fin (31/01/2025) précède le début (01/06/2025) : vérifiez les dates."
    ]
    partnership.refresh_from_db()
    assert partnership.starts_on is None and partnership.version == 1


def test_an_end_before_the_stored_start_is_refused_too():
    partnership = partnership_between(ActorFactory(), ActorFactory(), starts_on=START)
    with pytest.raises(DomainValidationError) as error:
        services.partnership_update(
            partnership=partnership,
            user=None,
            changes={"ends_on": START - dt.timedelta(days=1)},
            expected_version=partnership.version,
        )
    assert "ends_on" in error.value.errors


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"partnership_type": "philanthropie"}, "partnership_type"),
        ({"themes": ["emploi", "inconnu"]}, "themes"),
        ({"territory_code": "dep:XX"}, "territory_code"),
        ({"territory_code": "dep:99"}, "territory_code"),
        ({"help_direction": "on_verra"}, "help_direction"),
        ({"couleur": "vert"}, "couleur"),
    ],
)
def test_bad_fields_are_named(changes, field):
    partnership = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainValidationError) as error:
        services.partnership_update(
            partnership=partnership, user=None, changes=changes, expected_version=1
        )
    assert field in error.value.errors


def test_a_stale_version_is_told_the_record_changed_and_nothing_is_overwritten():
    partnership = partnership_between(ActorFactory(), ActorFactory(), title="Premier titre")
    alice_copy = Partnership.objects.get(pk=partnership.pk)
    bob_copy = Partnership.objects.get(pk=partnership.pk)
    services.partnership_update(
        partnership=alice_copy,
        user=None,
        changes={"title": "Titre d'Alice"},
        expected_version=alice_copy.version,
    )
    with pytest.raises(DomainError) as error:
        services.partnership_update(
            partnership=bob_copy,
            user=None,
            changes={"title": "Titre de Bob", "summary": "Résumé de Bob"},
            expected_version=bob_copy.version,
        )
    assert error.value.code == "stale" and error.value.field == "version"
    assert "modifié par quelqu'un d'autre" in error.value.message
    fresh = Partnership.objects.get(pk=partnership.pk)
    assert (fresh.title, fresh.summary, fresh.version) == ("Titre d'Alice", "", 2)


# --------------------------------------------------------------------------- status


def test_the_whole_lifecycle_is_recorded_in_order_with_its_notes():
    user = UserFactory(display_name="Claire Fontanel")
    partnership = make_active(partnership_between(ActorFactory(), ActorFactory()), by=user)
    services.partnership_transition(
        partnership=partnership, to_status="terminee", user=user, note="Objectifs atteints."
    )
    history = status_history(partnership=partnership)
    assert [(h.from_label, h.to_label) for h in history] == [
        ("Idée", "En construction"),
        ("En construction", "Active"),
        ("Active", "Terminée"),
    ]
    assert history[-1].note == "Objectifs atteints." and history[-1].who == "Claire Fontanel"
    partnership.refresh_from_db()
    assert partnership.status == "terminee" and partnership.ends_on == timezone.localdate()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("idee", "active"),
        ("idee", "terminee"),
        ("en_construction", "idee"),
        ("en_construction", "terminee"),
        ("terminee", "active"),
        ("terminee", "abandonnee"),
        ("abandonnee", "active"),
        ("idee", "idee"),
        ("idee", "archivee"),
    ],
)
def test_a_move_the_lifecycle_does_not_allow_is_refused(start, target):
    partnership = partnership_between(
        ActorFactory(), ActorFactory(), partnership_type="mecenat", starts_on=START
    )
    Partnership.objects.filter(pk=partnership.pk).update(status=start)
    partnership.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.partnership_transition(
            partnership=partnership, to_status=target, user=None, note="x"
        )
    assert error.value.code == "transition_not_allowed"
    partnership.refresh_from_db()
    assert partnership.status == start
    assert not PartnershipEvent.objects.filter(partnership=partnership, kind="status").exists()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moves=st.lists(st.sampled_from(PartnershipStatus.values), min_size=1, max_size=8))
def test_any_sequence_of_moves_follows_the_allowed_transitions_only(moves):
    partnership = partnership_between(
        ActorFactory(), ActorFactory(), partnership_type="mecenat", starts_on=START
    )
    expected = PartnershipStatus.IDEE
    recorded = 0
    for target in moves:
        allowed = target in ALLOWED_TRANSITIONS[expected]
        try:
            services.partnership_transition(
                partnership=partnership, to_status=target, user=None, note="Raison."
            )
        except DomainError as error:
            assert not allowed, error
        else:
            assert allowed
            expected = target
            recorded += 1
        partnership.refresh_from_db()
        assert partnership.status == expected
    assert len(status_history(partnership=partnership)) == recorded


def test_becoming_active_needs_a_type_and_a_start_date():
    partnership = partnership_between(ActorFactory(), ActorFactory())
    services.partnership_transition(partnership=partnership, to_status="en_construction", user=None)
    with pytest.raises(DomainValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status="active", user=None)
    assert set(error.value.errors) == {"partnership_type", "starts_on"}


def test_giving_up_needs_a_reason_and_can_be_taken_up_again_from_the_idea():
    partnership = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status="abandonnee", user=None)
    assert "note" in error.value.errors
    services.partnership_transition(
        partnership=partnership, to_status="abandonnee", user=None, note="Plus de budget."
    )
    services.partnership_transition(partnership=partnership, to_status="idee", user=None)
    partnership.refresh_from_db()
    assert partnership.status == "idee"


def test_a_transition_with_a_stale_version_is_refused():
    partnership = partnership_between(ActorFactory(), ActorFactory())
    with pytest.raises(DomainError) as error:
        services.partnership_transition(
            partnership=partnership, to_status="en_construction", user=None, expected_version=7
        )
    assert error.value.code == "stale"


# --------------------------------------------------------------------------- parties


def test_adding_a_party_twice_is_refused():
    a, b = ActorFactory(), ActorFactory(name="Unis-Cité")
    partnership = partnership_between(a, b)
    with pytest.raises(DomainError) as error:
        services.party_add(partnership=partnership, actor=b, role="partenaire", user=None)
    assert error.value.message == "Unis-Cité est déjà partie à ce partenariat."


def test_a_party_states_its_ranked_objectives_and_expectations():
    partnership = partnership_between(ActorFactory(), ActorFactory())
    party = partnership.parties.order_by("id").first()
    assert party is not None
    party = services.party_update(
        party=party,
        user=None,
        expected_version=party.version,
        objectives=["innovation", "ressources"],
        expectations="Tester un nouveau service.",
    )
    assert party.objectives == ["innovation", "ressources"]
    assert party.objective_labels == ["Innovation", "Impacts économiques / ressources financières"]
    with pytest.raises(DomainError):
        services.party_update(
            party=party, user=None, expected_version=party.version, objectives=["gloire"]
        )
    with pytest.raises(DomainError) as stale:
        services.party_update(party=party, user=None, expected_version=1, expectations="x")
    assert stale.value.code == "stale"


def test_removing_a_party_keeps_at_least_two():
    a, b, c = ActorFactory(), ActorFactory(), ActorFactory()
    partnership = partnership_between(a, b, c)
    services.party_remove(party=partnership.parties.get(actor=c), user=None)
    with pytest.raises(DomainError) as error:
        services.party_remove(party=partnership.parties.get(actor=b), user=None)
    assert error.value.code == "too_few_parties"
    assert partnership.parties.count() == 2


def test_a_party_with_contributions_cannot_be_removed():
    from maillage.partnerships.tests.factories import add_contribution

    a, b, c = ActorFactory(), ActorFactory(), ActorFactory()
    partnership = partnership_between(a, b, c)
    party = partnership.parties.get(actor=c)
    add_contribution(partnership, party)
    with pytest.raises(DomainError) as error:
        services.party_remove(party=party, user=None)
    assert error.value.code == "party_in_use"
    assert partnership.parties.count() == 3


# --------------------------------------------------------------------------- actors_are_partners


def test_actors_are_partners_once_the_partnership_is_being_built():
    a, b, c = ActorFactory(), ActorFactory(), ActorFactory()
    partnership = partnership_between(a, b)
    assert not actors_are_partners(actor_a=a, actor_b=b)  # an idea only
    services.partnership_transition(partnership=partnership, to_status="en_construction", user=None)
    assert actors_are_partners(actor_a=a, actor_b=b)
    assert actors_are_partners(actor_a=b, actor_b=a)
    assert not actors_are_partners(actor_a=a, actor_b=c)
    assert not actors_are_partners(actor_a=a, actor_b=a)
    services.partnership_transition(
        partnership=partnership, to_status="abandonnee", user=None, note="Fin."
    )
    assert not actors_are_partners(actor_a=a, actor_b=b)
