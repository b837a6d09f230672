"""The permission matrix of every partnership and evaluation page, documents included.

Anonymous visitors are sent to the sign-in page. Parties' members and staff see and
change; facilitators covering the partnership's territory or a party see only; everyone
else gets a 404, as for a missing partnership, and nothing changes. A party's assessment
is answered by its own members only.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from maillage.accounts.tests.factories import (
    FacilitatorScopeFactory,
    MembershipFactory,
    UserFactory,
)
from maillage.actors.tests.factories import ActorFactory
from maillage.evaluation import services as evaluation_services
from maillage.partnerships import services
from maillage.partnerships.models import Partnership, PartnershipEvent
from maillage.partnerships.permissions import (
    can_view_partnership,
    partnerships_visible_to,
)
from maillage.partnerships.tests import files
from maillage.partnerships.tests.factories import (
    EDITORS,
    OUTSIDERS,
    START,
    VIEWERS,
    World,
    add_contribution,
    build_world,
    chatellerault_actor,
    partnership_between,
)

FACILITATORS = ["facilitator_in", "facilitator_epci"]

VIEW_PAGES = [
    "partnerships:detail",
    "partnerships:method",
    "partnerships:legal_form",
    "partnerships:commitments",
    "partnerships:timeline",
    "partnerships:document_download",
    "evaluation:overview",
    "evaluation:indicator",
    "evaluation:period",
    "evaluation:report",
    "evaluation:summary",
]
EDIT_PAGES = [
    "partnerships:edit",
    "partnerships:status",
    "partnerships:party_add",
    "partnerships:party_edit",
    "partnerships:party_remove",
    "partnerships:risk_add",
    "partnerships:risk_edit",
    "partnerships:risk_delete",
    "partnerships:contribution_add",
    "partnerships:contribution_edit",
    "partnerships:contribution_delete",
    "partnerships:document_delete",
    "partnerships:milestone_edit",
    "partnerships:milestone_delete",
    "evaluation:indicator_add",
    "evaluation:indicator_edit",
    "evaluation:indicator_delete",
    "evaluation:period_add",
]
# POST-only actions: (url name, form data)
ACTIONS = [
    ("partnerships:checklist_toggle", {"done": "1"}),
    ("partnerships:checklist_add", {"step": "construire", "label": "Intrusion"}),
    ("partnerships:checklist_delete", {}),
    ("partnerships:advance_step", {"force": "on"}),
    ("partnerships:milestone_add", {"title": "Intrusion", "due_on": "2025-09-01"}),
    ("partnerships:milestone_done", {}),
    ("evaluation:measurement_add", {"measured_on": "2025-02-01", "value": "99"}),
    ("evaluation:measurement_delete", {}),
]


@dataclass
class Objects:
    world: World
    ids: dict[str, int]

    def url(self, name: str) -> str:
        pk = self.world.partnership.pk
        extra = {
            "party_edit": {"party_pk": self.ids["party"]},
            "party_remove": {"party_pk": self.ids["party"]},
            "risk_edit": {"risk_pk": self.ids["risk"]},
            "risk_delete": {"risk_pk": self.ids["risk"]},
            "contribution_edit": {"contribution_pk": self.ids["contribution"]},
            "contribution_delete": {"contribution_pk": self.ids["contribution"]},
            "document_download": {"document_pk": self.ids["document"]},
            "document_delete": {"document_pk": self.ids["document"]},
            "milestone_edit": {"milestone_pk": self.ids["milestone"]},
            "milestone_delete": {"milestone_pk": self.ids["milestone"]},
            "milestone_done": {"milestone_pk": self.ids["milestone"]},
            "checklist_toggle": {"item_pk": self.ids["item"]},
            "checklist_delete": {"item_pk": self.ids["item"]},
            "indicator": {"indicator_pk": self.ids["indicator"]},
            "indicator_edit": {"indicator_pk": self.ids["indicator"]},
            "indicator_delete": {"indicator_pk": self.ids["indicator"]},
            "measurement_add": {"indicator_pk": self.ids["indicator"]},
            "measurement_delete": {
                "indicator_pk": self.ids["indicator"],
                "measurement_pk": self.ids["measurement"],
            },
            "period": {"period_pk": self.ids["period"]},
            "assessment": {"period_pk": self.ids["period"], "party_pk": self.ids["party"]},
        }.get(name.split(":")[1], {})
        return reverse(name, kwargs={"pk": pk, **extra})


@pytest.fixture
def objects(db: None) -> Objects:
    world = build_world()
    partnership = world.partnership
    third = ActorFactory(name="Tiers retirable")
    third_party = services.party_add(
        partnership=partnership, actor=third, role="tiers_facilitateur", user=None
    )
    company = world.company_party
    risk = services.risk_create(
        partnership=partnership,
        party=company,
        kind="image",
        level="faible",
        description="Communication commune.",
        user=None,
    )
    contribution = add_contribution(partnership, company, amount="1000")
    document = services.document_upload(
        partnership=partnership,
        stream=io.BytesIO(files.PDF),
        name="convention.pdf",
        size=len(files.PDF),
        user=None,
    )
    milestone = services.milestone_create(
        partnership=partnership, title="Signature", due_on=START, user=None
    )
    item = services.checklist_item_add(
        partnership=partnership, step="preparer", label="Action maison", user=None
    )
    indicator = evaluation_services.indicator_create(
        partnership=partnership,
        data=evaluation_services.IndicatorInput(
            name="Personnes accompagnées",
            dimension="impact_bien_commun",
            unit="personnes",
            baseline=Decimal(0),
            target=Decimal(40),
        ),
        user=None,
    )
    measurement = evaluation_services.measurement_record(
        indicator=indicator, measured_on=START, value=Decimal(12), user=None
    )
    period = evaluation_services.period_create(
        partnership=partnership, label="Bilan à six mois", starts_on=START, ends_on=START, user=None
    )
    return Objects(
        world=world,
        ids={
            "party": world.association_party.pk,
            "third_party": third_party.pk,
            "risk": risk.pk,
            "contribution": contribution.pk,
            "document": document.pk,
            "milestone": milestone.pk,
            "item": item.pk,
            "indicator": indicator.pk,
            "measurement": measurement.pk,
            "period": period.pk,
        },
    )


def _client(objects: Objects, role: str) -> Client:
    client = Client()
    user = objects.world.roles()[role]
    if user is not None:
        client.force_login(user)
    return client


def _snapshot(objects: Objects) -> tuple[Any, ...]:
    partnership = Partnership.objects.get(pk=objects.world.partnership.pk)
    return (
        partnership.version,
        partnership.current_step,
        PartnershipEvent.objects.filter(partnership=partnership).count(),
        partnership.checklist.filter(done=True).count(),
        partnership.milestones.filter(done_on__isnull=False).count(),
    )


def _statuses(objects: Objects, role: str, pages: list[str]) -> dict[str, int]:
    client = _client(objects, role)
    return {page: client.get(objects.url(page)).status_code for page in pages}


def test_anonymous_visitors_are_sent_to_sign_in(objects):
    client = _client(objects, "anonymous")
    for page in [*VIEW_PAGES, *EDIT_PAGES, "evaluation:assessment"]:
        response = client.get(objects.url(page))
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("accounts:login")), page


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_a_404_everywhere(objects, role):
    pages = [*VIEW_PAGES, *EDIT_PAGES, "evaluation:assessment"]
    assert _statuses(objects, role, pages) == dict.fromkeys(pages, 404)


@pytest.mark.parametrize("role", VIEWERS)
def test_parties_members_facilitators_and_staff_see_the_partnership(objects, role):
    assert _statuses(objects, role, VIEW_PAGES) == dict.fromkeys(VIEW_PAGES, 200)


@pytest.mark.parametrize("role", EDITORS)
def test_parties_members_and_staff_may_change_it(objects, role):
    assert _statuses(objects, role, EDIT_PAGES) == dict.fromkeys(EDIT_PAGES, 200)


@pytest.mark.parametrize("role", FACILITATORS)
def test_facilitators_do_not_change_it(objects, role):
    assert _statuses(objects, role, EDIT_PAGES) == dict.fromkeys(EDIT_PAGES, 404)


@pytest.mark.parametrize("role", [*OUTSIDERS, *FACILITATORS])
def test_posted_actions_by_others_are_404_and_change_nothing(objects, role):
    client = _client(objects, role)
    before = _snapshot(objects)
    for action, data in ACTIONS:
        assert client.post(objects.url(action), data).status_code == 404, action
    assert _snapshot(objects) == before


@pytest.mark.parametrize("role", OUTSIDERS + FACILITATORS)
def test_others_cannot_upload_a_document(objects, role):
    upload = io.BytesIO(files.PDF)
    upload.name = "intrusion.pdf"
    response = _client(objects, role).post(
        objects.url("partnerships:document_upload"), {"file": upload, "kind": "annexe"}
    )
    assert response.status_code == 404
    assert objects.world.partnership.documents.count() == 1


@pytest.mark.parametrize("role", VIEWERS)
def test_the_document_is_served_as_an_attachment_to_those_who_may_see(objects, role):
    response = _client(objects, role).get(objects.url("partnerships:document_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="convention.pdf"')
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == files.PDF


def test_a_document_is_not_served_under_another_partnership(objects):
    other = partnership_between(objects.world.cast.actor, ActorFactory())
    url = reverse(
        "partnerships:document_download",
        kwargs={"pk": other.pk, "document_pk": objects.ids["document"]},
    )
    assert _client(objects, "member").get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 200),
        ("admin", 200),
        ("partner_member", 404),
        ("staff", 404),
        ("facilitator_in", 404),
        ("facilitator_epci", 404),
        ("stranger", 404),
    ],
)
def test_only_the_partys_own_members_answer_its_assessment(objects, role, status):
    assert _client(objects, role).get(objects.url("evaluation:assessment")).status_code == status


# --------------------------------------------------------------------------- predicates


@pytest.mark.django_db
def test_a_facilitator_covering_only_a_partys_seat_sees_the_partnership():
    world = build_world()
    remote = chatellerault_actor()
    partnership = partnership_between(world.cast.actor, remote)
    assert partnership.territory_code == "dep:86"
    local = UserFactory(email="animatrice@chatellerault.example")
    FacilitatorScopeFactory(user=local, territory_code="com:86066")
    assert can_view_partnership(local, partnership)
    assert not can_view_partnership(local, world.partnership)
    assert set(partnerships_visible_to(local)) == {partnership}


@pytest.mark.django_db
def test_the_list_shows_each_visible_partnership_once():
    world = build_world()
    other = partnership_between(world.cast.actor, world.partner, world.cast.other_actor)
    MembershipFactory(user=world.cast.member, actor=world.partner)
    visible = list(partnerships_visible_to(world.cast.member))
    assert sorted(p.pk for p in visible) == sorted([world.partnership.pk, other.pk])
    national = UserFactory()
    FacilitatorScopeFactory(user=national, territory_code="fr")
    assert partnerships_visible_to(national).count() == Partnership.objects.count()
    assert not partnerships_visible_to(world.cast.stranger).exists()
    assert not partnerships_visible_to(world.cast.facilitator_out).exists()
