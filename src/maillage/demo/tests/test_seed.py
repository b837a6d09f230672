"""The demo territory once loaded: who is there, where, with what, and who can sign in."""

from __future__ import annotations

import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count, Q

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import FacilitatorScope, Membership, User
from maillage.actors.enums import Source, Sphere
from maillage.actors.models import Actor, Contact
from maillage.actors.permissions import can_edit_actor, facilitator_covers, is_admin_of
from maillage.demo.catalogue import TOTAL_ACTORS, demo_catalogue
from maillage.demo.data.communes import COMMUNES_BY_CODE
from maillage.demo.personas import (
    ASSOCIATION_ADMIN,
    COMPANY_ADMIN,
    DEMO_PASSWORD,
    FACILITATOR,
    PERSONAS,
    STAFF,
)
from maillage.demo.services import demo_persona_organisation, demo_seed
from maillage.demo.specs import FICTIONAL_MARK

pytestmark = pytest.mark.django_db

# (a distinctive part of the name, the commune's INSEE code) for organisations the seeds
# name: the 2012 Poitou-Charentes panel and the 2013 Charenton – Saint-Maurice actors.
SEED_ORGANISATIONS = [
    ("IRIS", "86194"),
    ("Ateliers du Bocage", "79210"),
    ("IPCA", "86194"),
    ("EI2S", "86194"),
    ("Unis-Cité", "86194"),
    ("Croix-Rouge", "86194"),
    ("Adie –", "86194"),
    ("Macif", "79191"),
    ("Mutuelle de Poitiers", "86133"),
    ("Orange", "86194"),
    ("GDF SUEZ", "86194"),
    ("Union régionale des Scop", "86194"),
    ("CESER", "86194"),
    ("Chambre de commerce et d'industrie régionale", "86194"),
    ("Département de la Vienne", "86194"),
    ("CCAS", "86194"),
    ("AROSH", "86194"),
    ("Caisse des Dépôts – direction régionale Poitou-Charentes", "86194"),
    ("CRESS", "86194"),
    ("La Poste", "86194"),
    ("Le RAMEAU", "94080"),
    ("Natixis", "94018"),
    ("Tremplin", "94018"),
    ("Club Gravelle Entreprendre", "94018"),
    ("Maison des lycéens du lycée Robert Schuman", "94018"),
    ("Crédit Foncier", "94018"),
    ("Au Petit Plus", "94018"),
    ("Académie de boxe", "94018"),
    ("Ville de Saint-Maurice", "94069"),
]

# Surnames of the real people the seeds name (speakers, interviewees, board members):
# none may appear among the demo's contacts or accounts.
SEED_PEOPLE_SURNAMES = {
    "arru",
    "arsicot",
    "auberger",
    "ayres",
    "bailly",
    "basck",
    "birambeau",
    "borderie",
    "brault",
    "bretillon",
    "brunet",
    "cambon",
    "chassot",
    "chenne",
    "chevallier",
    "cheyrouze",
    "david",
    "debry",
    "desert",
    "devert",
    "dischamps",
    "durand",
    "faugouin",
    "fonlupt",
    "fouin",
    "gendillou",
    "gicquel",
    "giraud",
    "goualc'h",
    "grapin",
    "heidsieck",
    "henckel",
    "hummel",
    "jouanny",
    "kilani",
    "laborde",
    "lartige",
    "laurent",
    "lebegue",
    "legitimus",
    "linsolas",
    "marchal",
    "marechal",
    "marquet",
    "martin",
    "martinez",
    "mejane",
    "montargeron",
    "odin",
    "pecourt",
    "placet",
    "prat",
    "ravot",
    "renaudin",
    "ribager",
    "rodet",
    "savatier",
    "segalat",
    "senni",
    "sibille",
    "tesson",
    "vigneron",
    "vincent",
    "vitoux",
    "worms",
}


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    return "".join(char for char in plain if not unicodedata.combining(char)).lower()


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = (lat2 - lat1) * 111.0
    dlon = (lon2 - lon1) * 111.0 * math.cos(math.radians(lat1))
    return math.hypot(dlat, dlon)


# --------------------------------------------------------------------------- actors


def test_seed_creates_the_whole_catalogue_of_about_300_actors(demo_territory):
    assert demo_territory["created"] == TOTAL_ACTORS == 300
    assert Actor.objects.filter(source=Source.DEMO).count() == TOTAL_ACTORS
    assert demo_territory["actors"] == TOTAL_ACTORS
    assert demo_territory["needs"] > 300 and demo_territory["offers"] > 300
    assert demo_territory["contacts"] >= TOTAL_ACTORS


@pytest.mark.parametrize(("fragment", "commune"), SEED_ORGANISATIONS)
def test_seed_organisation_is_placed_in_its_real_commune(demo_territory, fragment, commune):
    actor = (
        Actor.objects.filter(source=Source.DEMO, name__contains=fragment)
        .exclude(description__endswith=FICTIONAL_MARK)
        .get()
    )
    assert actor.seat_commune_id == commune
    assert actor.latitude is not None and actor.longitude is not None
    centre = COMMUNES_BY_CODE[commune]
    assert _distance_km(actor.latitude, actor.longitude, centre.latitude, centre.longitude) < 2.0
    assert actor.departement_id == centre.departement
    assert not actor.description.endswith(FICTIONAL_MARK)


def test_real_organisations_carry_no_identifier(demo_territory):
    with_identifier = Actor.objects.filter(source=Source.DEMO).exclude(siren="", siret="", rna="")
    assert list(with_identifier.values_list("name", flat=True)) == []


def test_companies_read_through_the_economic_prism_sit_in_the_companies_sphere(
    demo_territory,
):
    macif = Actor.objects.get(source=Source.DEMO, name="Macif")
    assert macif.kind_id == "mutuelle"
    assert macif.is_ess is True
    assert macif.sphere == Sphere.ENTREPRISES
    la_poste = Actor.objects.get(source=Source.DEMO, name__startswith="La Poste")
    assert la_poste.public_service_mission is True
    assert la_poste.company_size == "ge"


def test_every_demo_actor_has_themes_and_a_need_or_an_offer(demo_territory):
    lacking = (
        Actor.objects.filter(source=Source.DEMO)
        .annotate(
            n_themes=Count("themes", distinct=True), n_items=Count("needs_offers", distinct=True)
        )
        .filter(Q(n_themes=0) | Q(n_items=0))
    )
    assert list(lacking.values_list("name", flat=True)) == []


def test_every_demo_actor_has_coordinates_and_an_intervention_area(demo_territory):
    demo = Actor.objects.filter(source=Source.DEMO)
    assert not demo.filter(Q(latitude__isnull=True) | Q(seat_commune__isnull=True)).exists()
    assert not demo.annotate(n=Count("intervention_areas")).filter(n=0).exists()


def test_generated_actors_are_marked_fictional_and_approximately_placed(demo_territory):
    fictional = Actor.objects.filter(source=Source.DEMO, description__endswith=FICTIONAL_MARK)
    assert fictional.count() == sum(spec.fictional for spec in demo_catalogue())
    assert not fictional.filter(coordinates_approximate=False).exists()
    for actor in fictional.select_related("seat_commune"):
        centre = COMMUNES_BY_CODE[actor.seat_commune_id]
        assert (
            _distance_km(actor.latitude, actor.longitude, centre.latitude, centre.longitude) <= 1.6
        )


def test_database_holds_exactly_the_catalogue_names(demo_territory):
    in_database = sorted(
        Actor.objects.filter(source=Source.DEMO).values_list("name", "seat_commune_id")
    )
    assert in_database == sorted((spec.name, spec.commune) for spec in demo_catalogue())


def test_second_seed_creates_nothing_and_reads_little(
    demo_territory, django_assert_max_num_queries
):
    # Every app's demo hook checks what it holds: a few queries each, nothing per row.
    with django_assert_max_num_queries(100):
        again = demo_seed()
    assert again["created"] == 0
    assert {key: again[key] for key in ("actors", "needs", "offers", "contacts")} == {
        key: demo_territory[key] for key in ("actors", "needs", "offers", "contacts")
    }
    assert User.objects.filter(email__in=[p.email for p in PERSONAS]).count() == 4
    assert Membership.objects.filter(user__email=ASSOCIATION_ADMIN.email).count() == 1


def test_command_json_reports_counts_and_accounts(demo_territory):
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out, stderr=StringIO())
    summary = json.loads(out.getvalue())
    assert summary["actors"] == TOTAL_ACTORS
    assert summary["created"] == 0
    assert {"needs", "offers", "contacts"} <= summary.keys()
    assert [account["email"] for account in summary["accounts"]] == [
        persona.email for persona in PERSONAS
    ]
    for account in summary["accounts"]:
        assert account["password"] == DEMO_PASSWORD
        assert {"role", "organisation"} <= account.keys()


def test_command_human_summary_ends_with_the_logins_and_password(demo_territory):
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    text = out.getvalue()
    for persona in PERSONAS:
        assert persona.email in text
    assert text.rstrip().endswith(DEMO_PASSWORD)


# --------------------------------------------------------------------------- people


def test_contacts_are_fictional_people_who_gave_consent(demo_territory):
    contacts = Contact.objects.filter(actor__source=Source.DEMO)
    assert contacts.filter(consent_at__isnull=True).count() == 0
    assert not contacts.exclude(email__endswith="@demo.example").exists()
    for last_name in contacts.values_list("last_name", flat=True).distinct():
        assert _fold(last_name) not in SEED_PEOPLE_SURNAMES


def test_no_contact_or_account_bears_the_name_of_a_person_in_the_seeds(demo_territory):
    seeds = settings.BASE_DIR.parent / "shared" / "seeds"
    texts = _fold(" ".join(path.read_text() for path in sorted(Path(seeds).glob("*.txt"))))
    people = {
        f"{first} {last}"
        for first, last in Contact.objects.filter(actor__source=Source.DEMO).values_list(
            "first_name", "last_name"
        )
    } | {persona.display_name for persona in PERSONAS}
    for person in people:
        assert _fold(person.split()[-1]) not in SEED_PEOPLE_SURNAMES
        if texts:
            assert f" {_fold(person.split()[-1])} " not in f" {texts} ".replace("\n", " ")


# --------------------------------------------------------------------------- accounts


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona.key)
def test_demo_account_signs_in_with_the_demo_password(demo_territory, client, persona):
    assert client.login(username=persona.email, password=DEMO_PASSWORD)


def test_association_admin_administers_iris_and_nothing_else(demo_territory):
    user = User.objects.get(email=ASSOCIATION_ADMIN.email)
    iris = demo_persona_organisation(ASSOCIATION_ADMIN)
    assert iris is not None and iris.acronym == "IRIS"
    assert is_admin_of(user, iris) and can_edit_actor(user, iris)
    orange = demo_persona_organisation(COMPANY_ADMIN)
    assert orange is not None and not can_edit_actor(user, orange)


def test_company_admin_administers_a_company_of_the_seeds(demo_territory):
    user = User.objects.get(email=COMPANY_ADMIN.email)
    membership = Membership.objects.get(user=user)
    assert membership.role == MembershipRole.ADMIN
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.actor.sphere == Sphere.ENTREPRISES
    assert membership.actor.kind_id == "entreprise"
    assert not user.is_staff


def test_facilitator_animates_the_vienne_and_charenton_saint_maurice(demo_territory):
    user = User.objects.get(email=FACILITATOR.email)
    scopes = set(
        FacilitatorScope.objects.filter(user=user).values_list("territory_code", flat=True)
    )
    assert scopes == {"dep:86", "com:94018", "com:94069"}
    assert not Membership.objects.filter(user=user).exists()
    covered = Actor.objects.get(source=Source.DEMO, name__contains="Au Petit Plus")
    assert facilitator_covers(user, covered)
    assert facilitator_covers(user, demo_persona_organisation(ASSOCIATION_ADMIN))
    macif = Actor.objects.get(source=Source.DEMO, name="Macif")  # Niort, Deux-Sèvres
    assert not facilitator_covers(user, macif)
    assert not can_edit_actor(user, covered)


def test_staff_account_is_a_superuser(demo_territory):
    user = User.objects.get(email=STAFF.email)
    assert user.is_staff and user.is_superuser
    assert can_edit_actor(user, demo_persona_organisation(COMPANY_ADMIN))
