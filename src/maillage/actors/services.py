"""The one write path for actors, their needs/offers, contacts and vocabularies' links.

Every interface (views, API, commands, importers, seed_demo) calls these functions, so they
all validate the same way: a broken rule raises ``DomainValidationError`` naming each field,
and nothing is half-saved (each function is atomic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.actors.enums import (
    ContactLegalBasis,
    ContactSource,
    Direction,
    InterventionLevel,
    Source,
    Sphere,
)
from maillage.actors.models import (
    Actor,
    Category,
    Contact,
    InterventionArea,
    Kind,
    Label,
    NeedOffer,
    PartnershipType,
    SubKind,
    Theme,
)
from maillage.core.errors import DomainValidationError
from maillage.core.siret import (
    is_valid_rna,
    is_valid_siren,
    is_valid_siret,
    normalize_identifier,
)
from maillage.search.services import search_index_refresh
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.models import Commune
from maillage.territories.selectors import commune_resolve, territory_get

ORGANISATION_ORIGIN = "organisation"

LEVEL_BY_PREFIX = {
    "com": InterventionLevel.COMMUNE,
    "epci": InterventionLevel.EPCI,
    "dep": InterventionLevel.DEPARTEMENT,
    "reg": InterventionLevel.REGION,
    "fr": InterventionLevel.NATIONAL,
}


@dataclass
class ActorInput:
    """Everything an actor profile holds, as plain values (codes for vocabularies)."""

    name: str
    kind: str
    subkind: str = ""
    sphere: str = ""
    acronym: str = ""
    is_ess: bool | None = None
    company_size: str = ""
    employees: int | None = None
    is_mission_company: bool = False
    public_service_mission: bool = False
    siren: str = ""
    siret: str = ""
    rna: str = ""
    commune: str = ""
    address: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    coordinates_approximate: bool = False
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    themes: list[str] = field(default_factory=list)
    partnership_types: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    intervention: list[str] = field(default_factory=list)
    created_on: dt.date | None = None


INPUT_FIELDS = {f.name for f in fields(ActorInput)}
M2M_FIELDS = {"themes": Theme, "partnership_types": PartnershipType, "labels": Label}


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field_name: str, message: str) -> None:
        self.by_field.setdefault(field_name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise DomainValidationError(self.by_field)


def _validate_codes(errors: _Errors, name: str, model: Any, codes: Iterable[str]) -> list[str]:
    wanted = [code.strip() for code in codes if code and code.strip()]
    known = set(model.objects.filter(code__in=wanted).values_list("code", flat=True))
    unknown = [code for code in wanted if code not in known]
    if unknown:
        errors.add(name, _("Code(s) inconnu(s) : %(codes)s.") % {"codes": ", ".join(unknown)})
    return list(dict.fromkeys(code for code in wanted if code in known))


def _clean(data: ActorInput, *, instance: Actor | None) -> dict[str, Any]:
    """Validate every field; return model-ready values (raises with all errors at once)."""
    errors = _Errors()
    cleaned: dict[str, Any] = {}

    name = " ".join((data.name or "").split())
    if not name:
        errors.add("name", _("Le nom est obligatoire."))
    elif len(name) > 250:
        errors.add("name", _("Le nom ne peut dépasser 250 caractères."))
    cleaned["name"] = name
    cleaned["acronym"] = (data.acronym or "").strip()[:50]

    kind = Kind.objects.filter(code=(data.kind or "").strip()).first()
    if kind is None:
        errors.add("kind", _("Type d'acteur inconnu : %(value)r.") % {"value": data.kind})
    cleaned["kind"] = kind
    subkind = None
    if data.subkind:
        subkind = SubKind.objects.filter(code=data.subkind.strip()).first()
        if subkind is None:
            errors.add("subkind", _("Sous-type inconnu : %(value)r.") % {"value": data.subkind})
        elif kind is not None and subkind.kind_id != kind.code:
            errors.add(
                "subkind",
                _("Le sous-type %(subkind)s n'appartient pas au type %(kind)s.")
                % {"subkind": subkind.code, "kind": kind.code},
            )
    cleaned["subkind"] = subkind

    sphere = (data.sphere or "").strip() or (kind.default_sphere if kind else "")
    if sphere and sphere not in Sphere.values:
        errors.add("sphere", _("Sphère inconnue : %(value)r.") % {"value": sphere})
    cleaned["sphere"] = sphere
    cleaned["is_ess"] = (
        data.is_ess if data.is_ess is not None else bool(kind and kind.default_sphere == "ess")
    )

    if data.company_size and data.company_size not in {"tpe", "pme", "eti", "ge"}:
        errors.add("company_size", _("Taille inconnue : %(value)r.") % {"value": data.company_size})
    cleaned["company_size"] = data.company_size or ""
    if data.employees is not None and data.employees < 0:
        errors.add("employees", _("Le nombre de salariés ne peut être négatif."))
    cleaned["employees"] = data.employees
    cleaned["is_mission_company"] = bool(data.is_mission_company)
    cleaned["public_service_mission"] = bool(data.public_service_mission)

    siret = normalize_identifier(data.siret)
    siren = normalize_identifier(data.siren)
    rna = normalize_identifier(data.rna)
    if siret and not is_valid_siret(siret):
        errors.add(
            "siret",
            _("SIRET invalide (14 chiffres, clé de contrôle) : %(value)r.") % {"value": data.siret},
        )
    if siren and not is_valid_siren(siren):
        errors.add(
            "siren",
            _("SIREN invalide (9 chiffres, clé de contrôle) : %(value)r.") % {"value": data.siren},
        )
    if siret and siren and siret[:9] != siren:
        errors.add("siret", _("Le SIRET ne commence pas par le SIREN indiqué."))
    if siret and not siren:
        siren = siret[:9]
    if rna and not is_valid_rna(rna):
        errors.add(
            "rna",
            _("Numéro RNA invalide (W suivi de 9 caractères) : %(value)r.") % {"value": data.rna},
        )
    others = Actor.objects.exclude(pk=instance.pk) if instance else Actor.objects.all()
    # The `!= ""` term lets SQLite use the partial unique index instead of a scan.
    if siret and others.filter(siret=siret).exclude(siret="").exists():
        errors.add("siret", _("Un autre acteur porte déjà le SIRET %(value)s.") % {"value": siret})
    if rna and others.filter(rna=rna).exclude(rna="").exists():
        errors.add("rna", _("Un autre acteur porte déjà le numéro RNA %(value)s.") % {"value": rna})
    cleaned.update(siret=siret, siren=siren, rna=rna)

    commune = None
    if data.commune:
        commune = commune_resolve(data.commune)
        if commune is None:
            errors.add("commune", _("Code commune inconnu : %(value)r.") % {"value": data.commune})
    cleaned["seat_commune"] = commune

    for coordinate, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = getattr(data, coordinate)
        if value is not None and not (low <= float(value) <= high):
            errors.add(
                coordinate,
                _("Valeur hors limites (%(low)s à %(high)s).") % {"low": low, "high": high},
            )
        cleaned[coordinate] = float(value) if value is not None else None
    if (cleaned["latitude"] is None) != (cleaned["longitude"] is None):
        errors.add("latitude", _("Latitude et longitude vont ensemble."))
    cleaned["coordinates_approximate"] = bool(data.coordinates_approximate)

    website = (data.website or "").strip()
    if website and "://" not in website:
        website = f"https://{website}"
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.add(
                "website", _("Adresse de site invalide : %(value)r.") % {"value": data.website}
            )
    cleaned["website"] = website
    email = (data.email or "").strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.add("email", _("Adresse électronique invalide : %(value)r.") % {"value": email})
    cleaned["email"] = email
    cleaned["phone"] = (data.phone or "").strip()[:30]
    cleaned["address"] = (data.address or "").strip()[:250]
    cleaned["postal_code"] = (data.postal_code or "").strip()[:5]
    cleaned["description"] = (data.description or "").strip()
    cleaned["created_on"] = data.created_on

    for name_, model in M2M_FIELDS.items():
        cleaned[name_] = _validate_codes(errors, name_, model, getattr(data, name_))
    areas: list[str] = []
    for code in data.intervention:
        code = code.strip()
        if not code:
            continue
        try:
            parse_territory_code(code)
        except InvalidTerritoryCode as error:
            errors.add("intervention", str(error))
            continue
        territory = territory_get(code)
        if territory is None:
            errors.add("intervention", _("Territoire inconnu : %(value)r.") % {"value": code})
        else:
            areas.append(territory.code)
    cleaned["intervention"] = list(dict.fromkeys(areas))
    errors.raise_if_any()
    return cleaned


def actor_validate(*, data: ActorInput, instance: Actor | None = None) -> dict[str, Any]:
    """Validate a whole profile as ``actor_create``/``actor_update`` do, without writing:
    model-ready values, or ``DomainValidationError`` naming every field. ``instance`` is
    the actor the data is for (its own identifiers are not duplicates). Used by the
    importers, which write in bulk (``actors.bulk``)."""
    return _clean(data, instance=instance)


def _apply(actor: Actor, cleaned: dict[str, Any], *, keys: Iterable[str]) -> None:
    for key in keys:
        if key in M2M_FIELDS or key == "intervention":
            continue
        setattr(actor, key, cleaned[key])
    commune = actor.seat_commune
    actor.epci_id = commune.epci_id if commune else None
    actor.departement_id = commune.departement_id if commune else None
    actor.region_id = commune.region_id if commune else None
    if actor.latitude is None and commune is not None and commune.latitude is not None:
        # A commune centroid is better than no point on the map, but it says so.
        actor.latitude, actor.longitude = commune.latitude, commune.longitude
        actor.coordinates_approximate = True


def _set_relations(actor: Actor, cleaned: dict[str, Any], *, keys: Iterable[str]) -> None:
    for key in keys:
        if key in M2M_FIELDS:
            getattr(actor, key).set(cleaned[key])
    if "intervention" in keys:
        actor.intervention_areas.all().delete()
        InterventionArea.objects.bulk_create(
            InterventionArea(
                actor=actor, territory_code=code, level=LEVEL_BY_PREFIX[code.split(":")[0]]
            )
            for code in cleaned["intervention"]
        )


_MODEL_KEYS = {"commune": "seat_commune"}


def _model_keys(input_keys: Iterable[str]) -> list[str]:
    return [_MODEL_KEYS.get(key, key) for key in input_keys]


def actor_completeness(actor: Actor) -> int:
    """Share (0–100) of the profile items that make an actor findable and trustworthy."""
    checks = [
        bool(actor.description and len(actor.description) >= 80),
        actor.seat_commune_id is not None,
        actor.latitude is not None,
        bool(actor.website),
        bool(actor.email or actor.phone),
        bool(actor.siret or actor.rna),
        actor.themes.exists(),
        actor.needs_offers.filter(direction=Direction.NEED, is_active=True).exists(),
        actor.needs_offers.filter(direction=Direction.OFFER, is_active=True).exists(),
        actor.contacts.exists(),
        actor.intervention_areas.exists(),
        actor.partnership_types.exists(),
    ]
    return round(100 * sum(checks) / len(checks))


def _refresh_derived(actor: Actor) -> None:
    actor.completeness = actor_completeness(actor)
    Actor.objects.filter(pk=actor.pk).update(completeness=actor.completeness)
    search_index_refresh(actor_ids=[actor.pk])


@transaction.atomic
def actor_create(
    *, data: ActorInput, source: str = Source.MANUAL, source_date: dt.date | None = None
) -> Actor:
    cleaned = _clean(data, instance=None)
    actor = Actor(source=source, source_date=source_date)
    keys = _model_keys(INPUT_FIELDS)
    _apply(actor, cleaned, keys=keys)
    actor.field_origins = {key: source for key in INPUT_FIELDS if getattr(data, key)}
    actor.save()
    _set_relations(actor, cleaned, keys=keys)
    _refresh_derived(actor)
    return actor


def actor_input_from(actor: Actor) -> ActorInput:
    """The current profile as an input, to update a few fields and validate the whole."""
    return ActorInput(
        name=actor.name,
        kind=actor.kind_id,
        subkind=actor.subkind_id or "",
        sphere=actor.sphere,
        acronym=actor.acronym,
        is_ess=actor.is_ess,
        company_size=actor.company_size,
        employees=actor.employees,
        is_mission_company=actor.is_mission_company,
        public_service_mission=actor.public_service_mission,
        siren=actor.siren,
        siret=actor.siret,
        rna=actor.rna,
        commune=actor.seat_commune_id or "",
        address=actor.address,
        postal_code=actor.postal_code,
        latitude=actor.latitude,
        longitude=actor.longitude,
        coordinates_approximate=actor.coordinates_approximate,
        description=actor.description,
        website=actor.website,
        email=actor.email,
        phone=actor.phone,
        themes=list(actor.themes.values_list("code", flat=True)),
        partnership_types=list(actor.partnership_types.values_list("code", flat=True)),
        labels=list(actor.labels.values_list("code", flat=True)),
        intervention=list(
            actor.intervention_areas.exclude(territory_code="").values_list(
                "territory_code", flat=True
            )
        ),
        created_on=actor.created_on,
    )


@transaction.atomic
def actor_update(
    *, actor: Actor, changes: dict[str, Any], origin: str = ORGANISATION_ORIGIN
) -> Actor:
    """Change some fields. ``origin`` records who owns them from now on (field_origins)."""
    unknown = set(changes) - INPUT_FIELDS
    if unknown:
        raise DomainValidationError({key: [_("Champ inconnu.")] for key in sorted(unknown)})
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    data = actor_input_from(actor)
    coordinates_given = "latitude" in changes or "longitude" in changes
    if "commune" in changes and not coordinates_given and actor.coordinates_approximate:
        # The approximate point followed the old commune; let the new one place it.
        data.latitude = data.longitude = None
    for key, value in changes.items():
        setattr(data, key, value)
    cleaned = _clean(data, instance=actor)
    keys = _model_keys(changes)
    if "siret" in changes and "siren" not in keys:
        keys.append("siren")  # derived from the SIRET when not given
    if "commune" in changes and "latitude" not in keys and data.latitude is None:
        keys += ["latitude", "longitude", "coordinates_approximate"]
    _apply(actor, cleaned, keys=keys)
    actor.field_origins = {**actor.field_origins, **dict.fromkeys(changes, origin)}
    actor.save()
    _set_relations(actor, cleaned, keys=keys)
    _refresh_derived(actor)
    return actor


@transaction.atomic
def actor_confirm_profile(*, actor: Actor) -> Actor:
    """The organisation states its profile is up to date (freshness)."""
    actor.profile_confirmed_at = timezone.now()
    Actor.objects.filter(pk=actor.pk).update(profile_confirmed_at=actor.profile_confirmed_at)
    return actor


# --------------------------------------------------------------------------- needs, offers


def _clean_need_offer(
    *,
    direction: str,
    category: str,
    text: str,
    themes: Iterable[str],
    territory_code: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    value_eur: Decimal | None,
) -> dict[str, Any]:
    errors = _Errors()
    if direction not in Direction.values:
        errors.add(
            "direction", _("Sens inconnu : %(value)r (need ou offer).") % {"value": direction}
        )
    category_obj = Category.objects.filter(code=(category or "").strip()).first()
    if category_obj is None:
        errors.add("category", _("Catégorie inconnue : %(value)r.") % {"value": category})
    clean_text = (text or "").strip()
    if not clean_text:
        errors.add("text", _("Décrivez le besoin ou l'offre en quelques mots."))
    elif len(clean_text) > 5000:
        errors.add("text", _("5 000 caractères au plus."))
    theme_codes = _validate_codes(errors, "themes", Theme, themes)
    territory = ""
    if territory_code:
        found = territory_get(territory_code)
        if found is None:
            errors.add(
                "territory_code", _("Territoire inconnu : %(value)r.") % {"value": territory_code}
            )
        else:
            territory = found.code
    if valid_from and valid_until and valid_from > valid_until:
        errors.add("valid_until", _("La fin de validité précède son début."))
    if value_eur is not None and value_eur < 0:
        errors.add("value_eur", _("La valeur ne peut être négative."))
    errors.raise_if_any()
    return {
        "direction": direction,
        "category": category_obj,
        "text": clean_text,
        "themes": theme_codes,
        "territory_code": territory,
    }


@transaction.atomic
def need_offer_create(
    *,
    actor: Actor,
    direction: str,
    category: str,
    text: str,
    title: str = "",
    themes: Iterable[str] = (),
    territory_code: str = "",
    quantity: str = "",
    value_eur: Decimal | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> NeedOffer:
    cleaned = _clean_need_offer(
        direction=direction,
        category=category,
        text=text,
        themes=themes,
        territory_code=territory_code,
        valid_from=valid_from,
        valid_until=valid_until,
        value_eur=value_eur,
    )
    theme_codes = cleaned.pop("themes")
    item = NeedOffer.objects.create(
        actor=actor,
        title=(title or "").strip()[:200],
        quantity=(quantity or "")[:100],
        value_eur=value_eur,
        valid_from=valid_from,
        valid_until=valid_until,
        **cleaned,
    )
    item.themes.set(theme_codes)
    _refresh_derived(actor)
    return item


@transaction.atomic
def need_offer_update(*, item: NeedOffer, changes: dict[str, Any]) -> NeedOffer:
    allowed = {
        "category",
        "text",
        "title",
        "themes",
        "territory_code",
        "quantity",
        "value_eur",
        "valid_from",
        "valid_until",
        "is_active",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise DomainValidationError({key: [_("Champ inconnu.")] for key in sorted(unknown)})
    current = {
        "direction": item.direction,
        "category": item.category_id,
        "text": item.text,
        "themes": list(item.themes.values_list("code", flat=True)),
        "territory_code": item.territory_code,
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
        "value_eur": item.value_eur,
    }
    merged = {**current, **{k: v for k, v in changes.items() if k in current}}
    cleaned = _clean_need_offer(**merged)
    theme_codes = cleaned.pop("themes")
    for key, value in cleaned.items():
        setattr(item, key, value)
    for key in ("title", "quantity", "value_eur", "valid_from", "valid_until", "is_active"):
        if key in changes:
            setattr(item, key, changes[key])
    item.save()
    item.themes.set(theme_codes)
    _refresh_derived(item.actor)
    return item


@transaction.atomic
def need_offer_delete(*, item: NeedOffer) -> None:
    actor = item.actor
    item.delete()
    _refresh_derived(actor)


# --------------------------------------------------------------------------- contacts


def _clean_contact(*, first_name: str, last_name: str, email: str, phone: str) -> None:
    errors = _Errors()
    if not (first_name or "").strip():
        errors.add("first_name", _("Le prénom est obligatoire."))
    if not (last_name or "").strip():
        errors.add("last_name", _("Le nom est obligatoire."))
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.add("email", _("Adresse électronique invalide : %(value)r.") % {"value": email})
    if not email and not phone:
        errors.add("email", _("Indiquez au moins un courriel ou un téléphone."))
    errors.raise_if_any()


@transaction.atomic
def contact_create(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    role: str = "",
    email: str = "",
    phone: str = "",
    consent_given: bool,
    is_primary: bool = False,
    legal_basis: str = ContactLegalBasis.CONSENT,
    source: str = ContactSource.FORM,
) -> Contact:
    """Contacts are personal data: a legal basis is recorded for each (RGPD art. 6); on
    consent, the person's consent must have been collected. People whose data did not come
    from them wait in the facilitators' list of notices to send (art. 14)."""
    _clean_contact(first_name=first_name, last_name=last_name, email=email, phone=phone)
    if legal_basis not in ContactLegalBasis.values:
        raise DomainValidationError({"legal_basis": [_("Base légale inconnue.")]})
    if source not in ContactSource.values:
        raise DomainValidationError({"source": [_("Origine inconnue.")]})
    if legal_basis == ContactLegalBasis.CONSENT and not consent_given:
        raise DomainValidationError(
            {"consent_given": [_("Le consentement de la personne est requis (RGPD).")]}
        )
    contact = Contact.objects.create(
        actor=actor,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=(role or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
        consent_at=timezone.now() if consent_given else None,
        is_primary=is_primary,
        legal_basis=legal_basis,
        source=source,
    )
    _refresh_derived(actor)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, changes: dict[str, Any]) -> Contact:
    allowed = {"first_name", "last_name", "role", "email", "phone", "is_primary"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainValidationError({key: [_("Champ inconnu.")] for key in sorted(unknown)})
    for key, value in changes.items():
        setattr(contact, key, (value or "").strip() if isinstance(value, str) else value)
    _clean_contact(
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        phone=contact.phone,
    )
    contact.save()
    return contact


def contact_mark_informed(*, contact: Contact) -> Contact:
    """Record that the person was told about the processing (RGPD art. 14)."""
    if contact.informed_at is None:
        contact.informed_at = timezone.now()
        contact.save(update_fields=["informed_at", "updated_at"])
    return contact


@transaction.atomic
def contact_opt_out(*, contact: Contact) -> Contact:
    """The person objects (art. 21): never shown, revealed or exported again; the name is
    kept only to honour the objection at a later import."""
    if contact.opted_out_at is None:
        contact.opted_out_at = timezone.now()
        contact.email = ""
        contact.phone = ""
        contact.is_primary = False
        contact.save(update_fields=["opted_out_at", "email", "phone", "is_primary", "updated_at"])
        _refresh_derived(contact.actor)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    """Erasure (RGPD right to be forgotten): the row is removed, not hidden."""
    actor = contact.actor
    contact.delete()
    _refresh_derived(actor)


# --------------------------------------------------------------------------- referential


def actors_refresh_territory_links() -> int:
    """Re-copy EPCI, département and région from each actor's seat commune (after a new
    vintage of the referential moved communes). One set-based UPDATE; returns rows changed."""
    seat = Commune.objects.filter(code=OuterRef("seat_commune_id"))
    stale = Actor.objects.filter(seat_commune__isnull=False).exclude(
        epci_id=F("seat_commune__epci_id"),
        departement_id=F("seat_commune__departement_id"),
        region_id=F("seat_commune__region_id"),
    )
    stale_null_epci = Actor.objects.filter(
        seat_commune__isnull=False, seat_commune__epci__isnull=True, epci__isnull=False
    )
    ids = list(stale.values_list("pk", flat=True)) + list(
        stale_null_epci.values_list("pk", flat=True)
    )
    changed = Actor.objects.filter(pk__in=ids).update(
        epci_id=Subquery(seat.values("epci_id")[:1]),
        departement_id=Subquery(seat.values("departement_id")[:1]),
        region_id=Subquery(seat.values("region_id")[:1]),
    )
    return changed
