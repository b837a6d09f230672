"""The Charenton demo programme (seed 2013-charenton-agir-ensemble-actes.txt): 3 groups,
each co-led by an association–company pair, 3 meetings each, 7 actions with their
referents and needs, the facilitator persona, the events."""

from __future__ import annotations

import pytest

from maillage.demo.personas import FACILITATOR
from maillage.demo.services import demo_seed
from maillage.demo.tests.conftest import demo_territory  # noqa: F401 - the shared fixture
from maillage.events.enums import EventKind
from maillage.programmes.demo import charenton_programme
from maillage.programmes.enums import ActionStatus
from maillage.programmes.models import Programme

pytestmark = pytest.mark.django_db

GROUPS = {
    "Groupe handicap": ("Tremplin – Études, Handicap, Entreprises", "Natixis"),
    "Groupe insertion des jeunes": (
        "Maison des lycéens du lycée Robert Schuman",
        "Club Gravelle Entreprendre",
    ),
    "Groupe lutte contre la précarité": ("Épicerie solidaire Au Petit Plus", "Crédit Foncier"),
}
ACTIONS = {
    "Créer un réseau territorial de référents sur le handicap": ("Natixis", 5),
    "Réaliser un raid sportif pour les personnes en situation de handicap": (
        "Académie de boxe",
        5,
    ),
    "Organiser des interventions par des professionnels pour présenter les métiers du territoire": (
        "Maison des lycéens du lycée Robert Schuman",
        5,
    ),
    "Créer un parcours-action vers le monde professionnel": ("Ville de Charenton-le-Pont", 3),
    "Créer un réseau d'entraide local": ("Club Gravelle Entreprendre", 3),
    "Créer un observatoire des fragilités locales": ("Épicerie solidaire Au Petit Plus", 1),
    "Réaliser un guide des acteurs du territoire sur les 3 thématiques : handicap, insertion "
    "des jeunes, précarité": ("Ville de Charenton-le-Pont", 2),
}


def test_the_programme_as_the_record_describes_it(demo_territory):  # noqa: F811
    programme = charenton_programme()
    assert programme is not None
    assert programme.title == "Agir ensemble sur le territoire"
    assert programme.territory_codes == ["com:94018", "com:94069"]
    assert programme.is_published
    assert [p.email for p in programme.facilitators.all()] == [FACILITATOR.email]
    assert programme.phases.count() == 5
    groups = {g.title: g for g in programme.working_groups.all()}
    assert set(groups) == set(GROUPS)
    for title, (association, company) in GROUPS.items():
        group = groups[title]
        assert group.co_lead_association.name == association
        assert group.co_lead_company.name == company
        assert group.meetings.count() == 3
        assert 2 <= group.members.count() <= 15
    actions = {a.title: a for a in programme.actions.all()}
    assert set(actions) == set(ACTIONS)
    for title, (referent, needs) in ACTIONS.items():
        action = actions[title]
        assert action.referent_actor.name == referent
        assert action.needs.count() == needs
        assert action.status == ActionStatus.SELECTED
        assert action.referent_contact is not None  # a fictional demo person
        assert action.referent_contact.actor == action.referent_actor
    cross = [a for a in actions.values() if a.is_cross_cutting]
    assert len(cross) == 1 and cross[0].groups.count() == 3
    assert all(a.groups.count() == 1 for a in actions.values() if not a.is_cross_cutting)
    kinds = sorted(programme.events.values_list("kind", flat=True))
    assert kinds == sorted([EventKind.LAUNCH, EventKind.RESTITUTION, EventKind.SPEED_DATING])


def test_second_seed_creates_nothing(demo_territory):  # noqa: F811
    before = Programme.objects.count()
    summary = demo_seed()
    assert Programme.objects.count() == before
    assert summary["programme_actions"] == 7
    assert summary["working_groups"] == 3
    assert summary["events"] == 3


def test_public_pages_of_the_demo_programme(client, demo_territory):  # noqa: F811
    programme = charenton_programme()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Créer un observatoire des fragilités locales" in page
    assert "Natixis" in page
    action = programme.actions.get(title="Créer un réseau d'entraide local")
    assert client.get(action.get_absolute_url()).status_code == 200
