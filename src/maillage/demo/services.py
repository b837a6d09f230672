"""Loading the demo territory: ``demo_seed``.

Contract:
- it MUST write only through the domain services (``actor_create``, ``need_offer_create``,
  ``contact_create``, ``user_create``, ``membership_add``, ``facilitator_scope_add``), so
  that demo data obeys the same rules as data entered by users;
- it MUST be idempotent: a demo actor is identified by its name and seat commune among
  the actors whose source is ``demo``; a second run creates nothing and returns quickly;
- it MUST NOT run without the territorial referential (``DomainError`` with code
  ``referential_missing``) nor, unless explicitly allowed, in production mode: the demo
  accounts' password is public;
- it MUST write everything in one transaction: an error leaves the database unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.models import Membership, User
from maillage.accounts.services import facilitator_scope_add, membership_add, user_create
from maillage.actors.enums import Direction, Source
from maillage.actors.models import Actor, Contact, NeedOffer
from maillage.actors.services import (
    ActorInput,
    actor_create,
    contact_create,
    need_offer_create,
)
from maillage.core.errors import DomainError
from maillage.demo.catalogue import demo_catalogue
from maillage.demo.data.communes import COMMUNES_BY_CODE
from maillage.demo.personas import DEMO_PASSWORD, PERSONAS, Persona
from maillage.demo.specs import ActorSpec
from maillage.evaluation.demo import demo_seed_evaluation
from maillage.events.demo import demo_seed_events
from maillage.funding.demo import demo_seed_funding
from maillage.library.demo import demo_seed_library
from maillage.matching.demo import demo_seed_matching
from maillage.partnerships.demo import demo_seed_partnerships
from maillage.programmes.demo import demo_seed_programmes
from maillage.territories.models import Commune

Log = Callable[[str], None]


def demo_missing_communes() -> list[str]:
    """Codes of the demo communes absent from the territorial referential."""
    present = set(Commune.objects.filter(code__in=COMMUNES_BY_CODE).values_list("code", flat=True))
    return sorted(code for code in COMMUNES_BY_CODE if code not in present)


def demo_seed(*, allow_production: bool = False, log: Log | None = None) -> dict[str, Any]:
    """Create whatever is missing of the demo territory and its accounts; return the
    summary of ``maillage seed_demo --json``."""
    say = log or (lambda message: None)
    started = time.perf_counter()
    if getattr(settings, "PRODUCTION", False) and not allow_production:
        raise DomainError(
            _(
                "Refus de charger le territoire de démonstration en production : ses comptes "
                "ont un mot de passe public. Utilisez --allow-production si c'est voulu."
            ),
            code="production",
        )
    missing = demo_missing_communes()
    if missing:
        raise DomainError(
            _(
                "Chargez d'abord le référentiel : maillage import_territories "
                "(communes absentes : %(codes)s)."
            )
            % {"codes": ", ".join(missing[:10])},
            code="referential_missing",
        )
    specs = demo_catalogue()
    with transaction.atomic():
        created = _actors_ensure(specs, say=say)
        accounts = _personas_ensure(specs, say=say)
        extensions = _extensions_ensure(say=say)
    demo_actors = Actor.objects.filter(source=Source.DEMO)
    items = NeedOffer.objects.filter(actor__in=demo_actors)
    return {
        "actors": demo_actors.count(),
        "created": created,
        "needs": items.filter(direction=Direction.NEED).count(),
        "offers": items.filter(direction=Direction.OFFER).count(),
        "contacts": Contact.objects.filter(actor__in=demo_actors).count(),
        "accounts": accounts,
        **extensions,
        "duration_s": round(time.perf_counter() - started, 2),
    }


def _extensions_ensure(*, say: Log) -> dict[str, Any]:
    """The later capabilities' demo data, in dependency order (programmes and events first,
    then partnerships and their evaluation, then introductions and endorsements)."""
    summary: dict[str, Any] = {}
    for seed in (
        demo_seed_programmes,
        demo_seed_events,
        demo_seed_partnerships,
        demo_seed_evaluation,
        demo_seed_funding,
        demo_seed_library,
        demo_seed_matching,
    ):
        summary.update(seed(say=say))
    return summary


# --------------------------------------------------------------------------- actors


def _actors_ensure(specs: tuple[ActorSpec, ...], *, say: Log) -> int:
    existing = set(Actor.objects.filter(source=Source.DEMO).values_list("name", "seat_commune_id"))
    todo = [spec for spec in specs if (spec.name, spec.commune) not in existing]
    if not todo:
        say(_("Territoire de démonstration déjà chargé (%(n)d acteurs).") % {"n": len(specs)})
        return 0
    communes = Commune.objects.in_bulk([spec.commune for spec in todo])
    for number, spec in enumerate(todo, start=1):
        _actor_create(spec, communes[spec.commune])
        if number % 50 == 0 or number == len(todo):
            say(_("Acteurs de démonstration : %(n)d/%(total)d") % {"n": number, "total": len(todo)})
    return len(todo)


def _intervention(spec: ActorSpec, commune: Commune) -> list[str]:
    codes: list[str] = []
    for entry in spec.intervention:
        if entry == "commune":
            codes.append(commune.territory_code)
        elif entry == "epci":
            if commune.epci_id:
                codes.append(f"epci:{commune.epci_id}")
        elif entry == "dep":
            codes.append(f"dep:{commune.departement_id}")
        elif entry == "reg":
            codes.append(f"reg:{commune.region_id}")
        else:
            codes.append(entry)
    return codes


def _actor_create(spec: ActorSpec, commune: Commune) -> Actor:
    actor = actor_create(
        data=ActorInput(
            name=spec.name,
            kind=spec.kind,
            subkind=spec.subkind,
            sphere=spec.sphere,
            acronym=spec.acronym,
            is_ess=spec.is_ess,
            company_size=spec.company_size,
            employees=spec.employees,
            public_service_mission=spec.public_service_mission,
            commune=spec.commune,
            postal_code=COMMUNES_BY_CODE[spec.commune].postal_code,
            latitude=spec.latitude,
            longitude=spec.longitude,
            coordinates_approximate=spec.coordinates_approximate,
            description=spec.description,
            website=spec.website,
            email=spec.email,
            phone=spec.phone,
            themes=list(spec.themes),
            partnership_types=list(spec.partnership_types),
            labels=list(spec.labels),
            intervention=_intervention(spec, commune),
        ),
        source=Source.DEMO,
    )
    for item in spec.needs_offers:
        need_offer_create(
            actor=actor,
            direction=item.direction,
            category=item.category,
            text=item.text,
            title=item.title,
            themes=item.themes,
        )
    for index, person in enumerate(spec.contacts):
        # Fictional people; consent is part of what the demo shows (RGPD).
        contact_create(
            actor=actor,
            first_name=person.first_name,
            last_name=person.last_name,
            role=person.role,
            email=person.email,
            phone=person.phone,
            consent_given=True,
            is_primary=index == 0,
        )
    return actor


# --------------------------------------------------------------------------- accounts


def demo_persona_organisation(persona: Persona) -> Actor | None:
    """The demo actor a persona administers, if it is there."""
    return _organisation(persona.organisation_key, _specs_by_key(demo_catalogue()))


def _specs_by_key(specs: tuple[ActorSpec, ...]) -> dict[str, ActorSpec]:
    return {spec.key: spec for spec in specs}


def _organisation(key: str, by_key: dict[str, ActorSpec]) -> Actor | None:
    spec = by_key.get(key)
    if spec is None:
        return None
    return (
        Actor.objects.filter(source=Source.DEMO, name=spec.name, seat_commune_id=spec.commune)
        .order_by("id")
        .first()
    )


def _personas_ensure(specs: tuple[ActorSpec, ...], *, say: Log) -> list[dict[str, Any]]:
    by_key = _specs_by_key(specs)
    accounts = []
    for persona in PERSONAS:
        user = User.objects.filter(email__iexact=persona.email).first()
        if user is None:
            user = user_create(
                email=persona.email, password=DEMO_PASSWORD, display_name=persona.display_name
            )
            say(_("Compte de démonstration créé : %(email)s") % {"email": persona.email})
        if persona.is_staff and not (user.is_staff and user.is_superuser):
            # No service grants staff rights (the admin site does): the demo's own team
            # account is the one place the platform makes a superuser by itself.
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
        organisation = _organisation(persona.organisation_key, by_key)
        if organisation is not None and not persona.scopes:
            already_admin = Membership.objects.filter(
                user=user,
                actor=organisation,
                role=MembershipRole.ADMIN,
                status=MembershipStatus.ACTIVE,
            ).exists()
            if not already_admin:
                membership_add(actor=organisation, user=user, role=MembershipRole.ADMIN)
        for territory_code, organisation_key in persona.scopes:
            facilitator_scope_add(
                user=user,
                territory_code=territory_code,
                organisation=_organisation(organisation_key, by_key),
            )
        accounts.append(
            {
                "email": persona.email,
                "password": DEMO_PASSWORD,
                "role": persona.role,
                "organisation": organisation.name if organisation is not None else "",
                "territories": [code for code, _key in persona.scopes],
            }
        )
    return accounts
