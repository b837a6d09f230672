"""``/api/v1/actors``: the directory search and an actor's public profile.

Thin endpoints: parse the parameters, call the search selector or read the actor, apply
``actors.permissions`` for contact persons, render the ``…Out`` schemas.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from maillage.accounts.services import organisation_create
from maillage.actors import services
from maillage.actors.enums import Sphere
from maillage.actors.models import Actor, Category, Kind, NeedOffer, Theme
from maillage.actors.permissions import can_edit_actor, can_view_contacts
from maillage.actors.selectors import (
    actor_contacts,
    actor_detail,
    actor_public_get,
    actors_after,
)
from maillage.actors.services import ActorInput
from maillage.actors.services import actor_update as actor_update_service
from maillage.api.auth import require_signed_in
from maillage.api.errors import ApiError, ErrorCode, ErrorOut, invalid_parameter
from maillage.api.schemas.actors import (
    ActorCreateIn,
    ActorKeysetIn,
    ActorKeysetOut,
    ActorListOut,
    ActorOut,
    ActorSearchIn,
    ActorSummaryOut,
    ActorUpdateIn,
    ContactOut,
    FacetValueOut,
    InterventionAreaOut,
    NeedOfferIn,
    NeedOfferOut,
    NeedOfferUpdateIn,
    OddTagOut,
    TerritoryRefOut,
)
from maillage.core.errors import DomainValidationError
from maillage.search.backends.base import SearchQuery
from maillage.search.selectors import actors_search
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get

router = Router(tags=["actors"])


# --------------------------------------------------------------------------- parsing


def _check_codes(field: str, codes: list[str], known: Iterable[str]) -> tuple[str, ...]:
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise invalid_parameter(
            field,
            _("Code(s) inconnu(s) pour « %(field)s » : %(codes)s.")
            % {"field": field, "codes": ", ".join(unknown)},
        )
    return tuple(dict.fromkeys(codes))


def _check_territory(code: str) -> str:
    if not code.strip():
        return ""
    try:
        parse_territory_code(code)
    except InvalidTerritoryCode as error:
        raise invalid_parameter("territory", str(error)) from error
    territory = territory_get(code)
    if territory is None:
        raise invalid_parameter(
            "territory", _("Territoire inconnu : %(code)s.") % {"code": code.strip()}
        )
    return territory.code


def search_query_from(params: ActorSearchIn) -> SearchQuery:
    """The search selector's query for validated API parameters (400 on unknown codes)."""
    categories = set(Category.objects.values_list("code", flat=True))
    return SearchQuery(
        text=params.q.strip(),
        kinds=_check_codes("kind", params.kind, Kind.objects.values_list("code", flat=True)),
        spheres=_check_codes("sphere", params.sphere, Sphere.values),
        themes=_check_codes("theme", params.theme, Theme.objects.values_list("code", flat=True)),
        territory=_check_territory(params.territory),
        needs=_check_codes("need", params.need, categories),
        offers=_check_codes("offer", params.offer, categories),
        include_closed=params.closed,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        with_facets=params.facets,
    )


# --------------------------------------------------------------------------- rendering


def _territory_ref(row: object | None) -> TerritoryRefOut | None:
    if row is None:
        return None
    return TerritoryRefOut(code=row.pk, name=row.name)  # type: ignore[attr-defined]


def _summary_fields(request: HttpRequest, actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.pk,
        "name": actor.name,
        "acronym": actor.acronym,
        "kind": actor.kind_id,
        "subkind": actor.subkind_id,
        "sphere": actor.sphere,
        "commune": _territory_ref(actor.seat_commune),
        "departement": _territory_ref(actor.departement),
        # Prefetched: sorted in Python rather than re-queried.
        "themes": sorted(theme.code for theme in actor.themes.all()),
        "url": request.build_absolute_uri(actor.get_absolute_url()),
    }


def _need_offer(item: NeedOffer) -> NeedOfferOut:
    return NeedOfferOut(
        id=item.pk,
        direction=item.direction,  # type: ignore[arg-type]
        category=item.category_id,
        title=item.title,
        text=item.text,
        themes=sorted(theme.code for theme in item.themes.all()),
        territory=item.territory_code,
        quantity=item.quantity,
        value_eur=float(item.value_eur) if item.value_eur is not None else None,
        valid_from=item.valid_from,
        valid_until=item.valid_until,
    )


# --------------------------------------------------------------------------- endpoints


@router.get(
    "",
    response={200: ActorListOut, 400: ErrorOut},
    operation_id="actors_list",
    summary="Rechercher des acteurs",
    description="La recherche de l'annuaire (/acteurs/) : texte libre et filtres combinés. "
    "Un territoire inclut tout ce qui est situé à l'intérieur (une région inclut ses "
    "départements, EPCI et communes).",
)
def actors_list(request: HttpRequest, params: Query[ActorSearchIn]) -> ActorListOut:
    query = search_query_from(params)
    result, actors = actors_search(query=query)
    prefetch_related_objects(actors, "themes")
    facets = None
    if params.facets:
        facets = {
            name: [FacetValueOut(code=v.code, label=str(v.label), count=v.count) for v in values]
            for name, values in result.facets.items()
        }
    return ActorListOut(
        total=result.total,
        total_estimated=result.total_estimated,
        facets_estimated=bool(params.facets) and result.facets_estimated,
        page=query.page,
        per_page=query.per_page,
        pages=math.ceil(result.total / query.per_page) if result.total else 0,
        results=[ActorSummaryOut(**_summary_fields(request, actor)) for actor in actors],
        facets=facets,
    )


def _cursor_encode(actor_id: int) -> str:
    return base64.urlsafe_b64encode(f"a:{actor_id}".encode()).decode().rstrip("=")


def _cursor_decode(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _sep, number = text.partition(":")
        if prefix != "a" or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, UnicodeDecodeError, binascii.Error) as error:
        raise invalid_parameter(
            "after", _("Curseur invalide : reprenez depuis le début.")
        ) from error


@router.get(
    "/all",
    response={200: ActorKeysetOut, 400: ErrorOut},
    operation_id="actors_keyset",
    summary="Parcourir tout l'annuaire (curseur)",
    description="Tout l'annuaire, dans l'ordre des identifiants, page après page avec un "
    "curseur : ni doublon ni oubli même si des acteurs sont créés ou supprimés pendant le "
    "parcours (synchronisation d'un autre outil).",
)
def actors_keyset(request: HttpRequest, params: Query[ActorKeysetIn]) -> ActorKeysetOut:
    after_id = _cursor_decode(params.after)
    actors = actors_after(
        after_id=after_id,
        limit=params.limit + 1,
        kinds=_check_codes("kind", params.kind, Kind.objects.values_list("code", flat=True)),
        themes=_check_codes("theme", params.theme, Theme.objects.values_list("code", flat=True)),
        territory=_check_territory(params.territory),
        include_closed=params.closed,
    )
    page = actors[: params.limit]
    more = len(actors) > params.limit
    return ActorKeysetOut(
        results=[ActorSummaryOut(**_summary_fields(request, actor)) for actor in page],
        next=_cursor_encode(page[-1].pk) if more and page else None,
    )


@router.get(
    "/{int:actor_id}",
    response={200: ActorOut, 404: ErrorOut},
    operation_id="actor_get",
    summary="Fiche publique d'un acteur",
    description="Profil public, besoins et offres en cours (actifs et non échus). Les "
    "personnes contacts ne sont renvoyées qu'aux utilisateurs connectés autorisés à les voir "
    "(sinon « contacts » vaut null).",
)
def actor_get(request: HttpRequest, actor_id: int) -> ActorOut:
    actor = actor_public_get(pk=actor_id)
    if actor is None:
        raise ApiError(
            ErrorCode.NOT_FOUND, _("Aucun acteur n'a l'identifiant %(id)s.") % {"id": actor_id}
        )
    return _actor_out(request, actor)


def _actor_out(request: HttpRequest, actor: Actor) -> ActorOut:
    # The same reads as the public page, so both show the same needs, offers and areas.
    detail = actor_detail(actor=actor)
    prefetch_related_objects([actor], "odd_tags")
    contacts = None
    if can_view_contacts(request.user, actor):
        contacts = [
            ContactOut(
                id=contact.pk,
                first_name=contact.first_name,
                last_name=contact.last_name,
                role=contact.role,
                email=contact.email,
                phone=contact.phone,
                is_primary=contact.is_primary,
            )
            for contact in actor_contacts(actor=actor)
        ]
    return ActorOut(
        **_summary_fields(request, actor),
        is_ess=actor.is_ess,
        company_size=actor.company_size,
        employees=actor.employees,
        is_mission_company=actor.is_mission_company,
        public_service_mission=actor.public_service_mission,
        siren=actor.siren,
        siret=actor.siret,
        rna=actor.rna,
        epci=_territory_ref(actor.epci),
        region=_territory_ref(actor.region),
        address=actor.address,
        postal_code=actor.postal_code,
        latitude=actor.latitude,
        longitude=actor.longitude,
        coordinates_approximate=actor.coordinates_approximate,
        description=actor.description,
        website=actor.website,
        email=actor.email,
        phone=actor.phone,
        odds=[OddTagOut(number=tag.odd_id, target=tag.target) for tag in actor.odd_tags.all()],
        partnership_types=sorted(item.code for item in actor.partnership_types.all()),
        labels=sorted(item.code for item in actor.labels.all()),
        intervention=[
            InterventionAreaOut(level=area.level, territory=area.territory_code, label=label)
            for area, label in detail.intervention
        ],
        needs=[_need_offer(item) for group in detail.needs for item in group.items],
        offers=[_need_offer(item) for group in detail.offers for item in group.items],
        status=actor.status,  # type: ignore[arg-type]
        completeness=actor.completeness,
        profile_confirmed_at=actor.profile_confirmed_at,
        updated_at=actor.updated_at,
        contacts=contacts,
    )


# --------------------------------------------------------------------------- writes

WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# Fields that may be emptied with ``null``; any other ``null`` is a mistake worth naming.
NULLABLE_FIELDS = {"employees", "latitude", "longitude", "created_on", "is_ess", "value_eur"}
NEED_OFFER_KEYS = {"territory": "territory_code"}


def _changes(payload: Schema) -> dict[str, Any]:
    """The fields the caller sent, ``null`` refused where the profile has no empty value."""
    sent = payload.model_dump(exclude_unset=True)
    refused = sorted(
        key for key, value in sent.items() if value is None and key not in NULLABLE_FIELDS
    )
    if refused:
        message = _("Valeur absente : envoyez une valeur (une chaîne vide pour effacer).")
        raise DomainValidationError({key: [message] for key in refused})
    return sent


def _editable_actor(request: HttpRequest, actor_id: int) -> Actor:
    """An actor the caller may edit (``can_edit_actor``: its active admins and staff; a
    facilitator reads but does not write an organisation's own word)."""
    require_signed_in(request)
    actor = actor_public_get(pk=actor_id)
    if actor is None:
        raise ApiError(
            ErrorCode.NOT_FOUND, _("Aucun acteur n'a l'identifiant %(id)s.") % {"id": actor_id}
        )
    if not can_edit_actor(request.user, actor):
        raise PermissionDenied
    return actor


@router.post(
    "",
    response={201: ActorOut, 403: ErrorOut, 422: ErrorOut},
    operation_id="actor_create",
    summary="Créer une organisation",
    description="Crée la fiche d'une organisation ; vous en devenez l'administrateur. Les "
    "identifiants (SIRET, RNA) sont vérifiés et un doublon est refusé. Connecté, jeton en "
    "lecture-écriture.",
)
def actor_create(request: HttpRequest, payload: ActorCreateIn) -> Status:
    require_signed_in(request)
    data = ActorInput(**_changes(payload))
    actor = organisation_create(user=request.user, data=data)  # type: ignore[arg-type]  # signed in above
    return Status(201, _actor_out(request, actor))


@router.patch(
    "/{int:actor_id}",
    response={200: ActorOut, **WRITE_ERRORS},
    operation_id="actor_update",
    summary="Modifier la fiche d'un acteur",
    description="Seuls les champs envoyés changent. Réservé aux administrateurs de "
    "l'organisation et à l'équipe ; un autre champ (owner, status, source…) est refusé (422).",
)
def actor_update(request: HttpRequest, actor_id: int, payload: ActorUpdateIn) -> ActorOut:
    actor = _editable_actor(request, actor_id)
    actor = actor_update_service(actor=actor, changes=_changes(payload))
    return _actor_out(request, actor)


def _need_offer_changes(payload: Schema) -> dict[str, Any]:
    changes = {NEED_OFFER_KEYS.get(key, key): value for key, value in _changes(payload).items()}
    if changes.get("value_eur") is not None:
        changes["value_eur"] = Decimal(str(changes["value_eur"]))
    return changes


def _own_item(actor: Actor, item_id: int) -> NeedOffer:
    item = NeedOffer.objects.filter(actor=actor, pk=item_id).first()
    if item is None:
        raise ApiError(
            ErrorCode.NOT_FOUND,
            _("Cet acteur n'a pas de besoin ou d'offre %(id)s.") % {"id": item_id},
        )
    return item


@router.post(
    "/{int:actor_id}/needs-offers",
    response={201: NeedOfferOut, **WRITE_ERRORS},
    operation_id="actor_need_offer_create",
    summary="Publier un besoin ou une offre",
    description="Pour les administrateurs de l'organisation et l'équipe.",
)
def need_offer_create(request: HttpRequest, actor_id: int, payload: NeedOfferIn) -> Status:
    actor = _editable_actor(request, actor_id)
    item = services.need_offer_create(actor=actor, **_need_offer_changes(payload))
    return Status(201, _need_offer(item))


@router.patch(
    "/{int:actor_id}/needs-offers/{int:item_id}",
    response={200: NeedOfferOut, **WRITE_ERRORS},
    operation_id="actor_need_offer_update",
    summary="Modifier un besoin ou une offre",
    description="Seuls les champs envoyés changent ; « is_active »: false le retire de la "
    "fiche sans l'effacer.",
)
def need_offer_update(
    request: HttpRequest, actor_id: int, item_id: int, payload: NeedOfferUpdateIn
) -> NeedOfferOut:
    item = _own_item(_editable_actor(request, actor_id), item_id)
    return _need_offer(services.need_offer_update(item=item, changes=_need_offer_changes(payload)))


@router.delete(
    "/{int:actor_id}/needs-offers/{int:item_id}",
    response={204: None, **WRITE_ERRORS},
    operation_id="actor_need_offer_delete",
    summary="Supprimer un besoin ou une offre",
)
def need_offer_delete(request: HttpRequest, actor_id: int, item_id: int) -> Status:
    item = _own_item(_editable_actor(request, actor_id), item_id)
    services.need_offer_delete(item=item)
    return Status(204, None)
