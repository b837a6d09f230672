"""``/api/v1/territories``: the territorial referential (autocomplete, one territory).

Thin endpoints over ``territories.selectors``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from maillage.api.errors import ApiError, ErrorCode, ErrorOut
from maillage.api.schemas.territories import (
    TerritoryAutocompleteIn,
    TerritoryDetailOut,
    TerritoryOut,
)
from maillage.territories.selectors import Territory, territory_autocomplete, territory_detail

router = Router(tags=["territories"])


def _out(territory: Territory) -> TerritoryOut:
    return TerritoryOut(
        code=territory.code,
        level=territory.level,  # type: ignore[arg-type]
        level_label=territory.level_label,
        name=territory.name,
        label=territory.label,
        population=territory.population,
    )


@router.get(
    "/autocomplete",
    response={200: list[TerritoryOut], 400: ErrorOut},
    operation_id="territories_autocomplete",
    summary="Suggestions de territoires",
    description="Communes, intercommunalités, départements et régions correspondant à ce qui "
    "est tapé, les meilleurs d'abord : correspondance exacte, puis début de nom, puis mot du "
    "nom ; à égalité, le plus peuplé. Une commune déléguée ou un arrondissement municipal "
    "mène à sa commune actuelle.",
)
def territories_autocomplete(
    request: HttpRequest, params: Query[TerritoryAutocompleteIn]
) -> list[TerritoryOut]:
    results = territory_autocomplete(
        query=params.q, limit=params.limit, levels=params.level or None
    )
    return [_out(territory) for territory in results]


@router.get(
    "/{code}",
    response={200: TerritoryDetailOut, 404: ErrorOut},
    operation_id="territories_get",
    summary="Un territoire",
    description="Nom, niveau, population et territoires englobants d'un code de territoire "
    "(com:86194, epci:200069854, dep:86, reg:75, fr). Une commune peut être demandée par "
    "un code d'arrondissement municipal, de commune déléguée ou un ancien code "
    "(com:75112 répond Paris).",
)
def territories_get(request: HttpRequest, code: str) -> TerritoryDetailOut:
    detail = territory_detail(code=code)
    if detail is None:
        raise ApiError(
            ErrorCode.NOT_FOUND, _("Territoire inconnu : %(code)s.") % {"code": code}, field="code"
        )
    return TerritoryDetailOut(
        **_out(detail.territory).model_dump(),
        parents=[_out(parent) for parent in detail.parents],
        communes=detail.communes,
        siren=detail.siren or None,
        postal_codes=detail.postal_codes,
    )
