"""The one search entry point used by the directory, the map, the API and the CLI."""

from __future__ import annotations

from django.utils.translation import gettext as _

from maillage.actors.enums import Sphere
from maillage.actors.models import Actor, Category, Kind, Theme
from maillage.search.backends import get_backend
from maillage.search.backends.base import SearchQuery, SearchResult, Suggestion
from maillage.search.proximity import place_get
from maillage.territories.codes import InvalidTerritoryCode, parse_territory_code
from maillage.territories.selectors import territory_get


def actors_search(*, query: SearchQuery) -> tuple[SearchResult, list[Actor]]:
    """Run a search; return the raw result and the page's actors in rank order.

    Filter codes are trusted here: check user input with ``search_query_errors`` first
    (a malformed territory code raises ``InvalidTerritoryCode``)."""
    result = get_backend().search(query)
    by_id = Actor.objects.select_related("kind", "seat_commune", "departement").in_bulk(result.ids)
    return result, [by_id[actor_id] for actor_id in result.ids if actor_id in by_id]


def actors_suggest(*, prefix: str, limit: int = 8) -> list[Suggestion]:
    """Actor names for an autocomplete box (active actors, typo-tolerant)."""
    return get_backend().suggest(prefix, limit)


def _unknown(codes: tuple[str, ...], known: set[str]) -> list[str]:
    return [code for code in codes if code not in known]


def search_query_errors(*, query: SearchQuery) -> dict[str, list[str]]:
    """Unknown or malformed filter values, by field, as messages for the user.

    Unknown codes are reported, never silently ignored (issue 4, bad input)."""
    errors: dict[str, list[str]] = {}

    def report(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    checks = (
        ("kind", query.kinds, Kind, _("Type d'acteur inconnu : %(codes)s.")),
        ("theme", query.themes, Theme, _("Thématique inconnue : %(codes)s.")),
        ("need", query.needs, Category, _("Catégorie de besoin inconnue : %(codes)s.")),
        ("offer", query.offers, Category, _("Catégorie d'offre inconnue : %(codes)s.")),
    )
    for field, codes, model, message in checks:
        if codes:
            # Codes are printable slugs; anything else is unknown without asking the
            # database (PostgreSQL refuses NUL characters in parameters).
            printable = [code for code in codes if code.isprintable()]
            known = set(model.objects.filter(code__in=printable).values_list("code", flat=True))
            unknown = _unknown(codes, known)
            if unknown:
                report(field, message % {"codes": ", ".join(unknown)})
    unknown_spheres = _unknown(query.spheres, set(Sphere.values))
    if unknown_spheres:
        report("sphere", _("Sphère inconnue : %(codes)s.") % {"codes": ", ".join(unknown_spheres)})
    if query.territory:
        try:
            parse_territory_code(query.territory)
        except InvalidTerritoryCode:
            report(
                "territory",
                _(
                    "Code de territoire invalide : « %(code)s » (attendu com:86194, "
                    "epci:248600413, dep:86, reg:75 ou fr)."
                )
                % {"code": query.territory},
            )
        else:
            if territory_get(query.territory) is None:
                report(
                    "territory", _("Territoire inconnu : « %(code)s ».") % {"code": query.territory}
                )
    if query.place and place_get(query.place) is None:
        report("place", _("Commune inconnue : « %(code)s ».") % {"code": query.place})
    if query.sort not in {"relevance", "name", "recent", "completeness"}:
        report("sort", _("Tri inconnu : « %(sort)s ».") % {"sort": query.sort})
    return errors
