"""Public pages: home, directory, actor page, map and its GeoJSON.

Thin views: parse the parameters (``DirectoryForm``), call the selectors, render. The
directory and the map answer htmx requests with their region only (same URL, same
parameters), so every page works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from maillage.actors.directory_forms import SORT_CHOICES, DirectoryForm
from maillage.actors.permissions import can_edit_actor, can_view_contacts
from maillage.actors.selectors import (
    DirectoryPage,
    actor_contacts,
    actor_detail,
    actor_public_get,
    actor_viewer_relation,
    directory_search,
    home_figures,
    map_selection,
)
from maillage.core.errors import DomainError
from maillage.search.backends.base import FacetValue

# --------------------------------------------------------------------------- helpers


def _htmx_target(request: HttpRequest) -> str:
    """The id of the region an htmx request wants, or "" for a full page (including the
    full page htmx asks for when restoring history after a cache miss)."""
    if request.headers.get("HX-Request") != "true":
        return ""
    if request.headers.get("HX-History-Restore-Request") == "true":
        return ""
    return request.headers.get("HX-Target", "")


def _render_region(
    request: HttpRequest,
    *,
    page_template: str,
    region_template: str,
    region_id: str,
    context: dict[str, Any],
    push_url: str,
) -> HttpResponse:
    if _htmx_target(request) == region_id:
        response = render(request, region_template, context)
        # The address bar shows the clean selection, not the raw form submission.
        response["HX-Push-Url"] = push_url
    else:
        response = render(request, page_template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _option(
    form: DirectoryForm, key: str, value: FacetValue | tuple[str, str], selected: list[str]
) -> dict[str, Any]:
    code, label, count = (
        (value.code, value.label, value.count)
        if isinstance(value, FacetValue)
        else (value[0], value[1], 0)
    )
    return {
        "value": code,
        "label": label,
        "count": count,
        "checked": code in selected,
        "id": f"f-{key}-{code}",
    }


def _filter_groups(
    form: DirectoryForm, page: DirectoryPage | None, base_url: str
) -> list[dict[str, Any]]:
    """Facet groups as the filter panel shows them: every value with actors in the
    selection, plus the ticked ones (so that they can be unticked)."""
    facets = page.facets if page else {}
    groups: list[dict[str, Any]] = []
    for key, legend in (
        ("kind", _("Type d'acteur")),
        ("sphere", _("Sphère")),
        ("theme", _("Thématique")),
        ("need", _("Besoins exprimés")),
        ("offer", _("Offres proposées")),
    ):
        selected = form.value_of(key)
        values = facets.get(key, [])
        present = {value.code for value in values}
        labels = dict(form.fields[key].choices)  # type: ignore[attr-defined]
        options = [_option(form, key, value, selected) for value in values]
        options += [
            _option(form, key, (code, str(labels.get(code, code))), selected)
            for code in selected
            if code not in present
        ]
        # Ticked values first, then by count: a long group folds after the first eight.
        options.sort(key=lambda o: (not o["checked"], -o["count"], o["label"]))
        groups.append(
            {
                "key": key,
                "legend": legend,
                "type": "checkbox",
                "options": options[:8],
                "more": options[8:],
                "active": bool(selected),
            }
        )
    territory = form.value_of("territory")
    departements = []
    for value in facets.get("departement", []):
        code = f"dep:{value.code}"
        departements.append(
            {
                "value": code,
                "label": value.label,
                "count": value.count,
                "checked": territory == code,
                "url": f"{base_url}?{form.canonical_query(replace={'territory': code})}",
            }
        )
    departements.sort(key=lambda o: (not o["checked"], -o["count"], o["label"]))
    groups.insert(
        2,
        {
            "key": "departement",
            "legend": _("Département"),
            "type": "link",
            "options": departements[:8],
            "more": departements[8:],
            "active": territory.startswith("dep:"),
        },
    )
    return groups


def _chips(form: DirectoryForm, base_url: str) -> list[dict[str, str]]:
    """Active filters, each with the address of the same selection without it."""
    chips: list[dict[str, str]] = []
    for key, value in form.selection_params():
        if key == "q":
            label = _("Recherche : « %(text)s »") % {"text": value}
        elif key == "territory":
            name = form.resolved_territory.label if form.resolved_territory else value
            label = _("Territoire : %(name)s") % {"name": name}
        elif key == "closed":
            label = _("Structures fermées incluses")
        else:
            labels = dict(form.fields[key].choices)  # type: ignore[attr-defined]
            label = f"{form.fields[key].label} : {labels.get(value, value)}"
        chips.append(
            {"label": label, "url": f"{base_url}?{form.canonical_query(without=(key, value))}"}
        )
    return chips


def _pagination(
    form: DirectoryForm, *, current: int, count: int, base_url: str
) -> dict[str, Any] | None:
    """Links for 1 … 4 5 [6] 7 8 … 20, previous and next; None for a single page."""
    if count <= 1:
        return None

    def url(number: int) -> str:
        query = form.canonical_query(page=number)
        return f"{base_url}?{query}" if query else base_url

    shown = sorted(n for n in {1, count, *range(current - 2, current + 3)} if 1 <= n <= count)
    items: list[dict[str, Any]] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"gap": True})
        items.append({"number": number, "url": url(number), "current": number == current})
        previous = number
    return {
        "items": items,
        "prev": url(current - 1) if current > 1 else "",
        "next": url(current + 1) if current < count else "",
    }


def _selection_context(
    request: HttpRequest, form: DirectoryForm, *, page: DirectoryPage | None, base_url: str
) -> dict[str, Any]:
    notices = []
    if form.territory_guessed and form.resolved_territory:
        notices.append(_("Territoire retenu : %(name)s.") % {"name": form.resolved_territory.label})
    selection = form.canonical_query(include_sort=False)
    return {
        "form": form,
        "page": page,
        "filter_groups": _filter_groups(form, page, base_url),
        "chips": _chips(form, base_url),
        "notices": notices,
        "warnings": form.invalid_messages(),
        "active_count": form.active_count(),
        "sort_choices": SORT_CHOICES,
        "current_sort": form.value_of("sort") or "relevance",
        "selection_query": selection,
        "directory_url": reverse("actors:directory"),
        "map_url": reverse("actors:map"),
        "territory_label": form.resolved_territory.label if form.resolved_territory else "",
        "territory_code": form.resolved_territory.code if form.resolved_territory else "",
        "territory_level": form.resolved_territory.level if form.resolved_territory else "",
    }


# --------------------------------------------------------------------------- pages


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"figures": home_figures()})


@login_not_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    form.is_valid()
    base_url = reverse("actors:directory")
    page: DirectoryPage | None = None
    search_error = ""
    try:
        page = directory_search(query=form.search_query())
    except DomainError as error:
        search_error = error.message
    context = _selection_context(request, form, page=page, base_url=base_url)
    current = page.query.page if page else 1
    context.update(
        search_error=search_error,
        pagination=_pagination(form, current=current, count=page.page_count, base_url=base_url)
        if page
        else None,
        current_page=current,
        first_index=(current - 1) * (page.query.per_page if page else 0) + 1,
    )
    push = f"{base_url}?{form.canonical_query(page=current)}".rstrip("?")
    return _render_region(
        request,
        page_template="actors/directory.html",
        region_template="actors/partials/directory_region.html",
        region_id="directory-region",
        context=context,
        push_url=push,
    )


@login_not_required
@require_GET
def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    actor = actor_public_get(pk=pk)
    if actor is None:
        raise Http404(_("Aucun acteur ne porte ce numéro."))
    if slug != (actor.slug or "-"):
        # One address per actor: /acteurs/12/ and stale slugs lead to the canonical one.
        return redirect(actor.get_absolute_url(), permanent=True)
    user = request.user
    show_contacts = can_view_contacts(user, actor)
    return render(
        request,
        "actors/detail.html",
        {
            "actor": actor,
            "detail": actor_detail(actor=actor),
            "show_contacts": show_contacts,
            "contacts": actor_contacts(actor=actor) if show_contacts else [],
            "can_edit": can_edit_actor(user, actor),
            "relation": actor_viewer_relation(user=user, actor=actor),
        },
    )


@login_not_required
@require_GET
def map_view(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    form.is_valid()
    base_url = reverse("actors:map")
    page: DirectoryPage | None = None
    search_error = ""
    try:
        page = directory_search(query=form.search_query(page=1, per_page=1))
    except DomainError as error:
        search_error = error.message
    context = _selection_context(request, form, page=page, base_url=base_url)
    selection = context["selection_query"]
    context.update(
        search_error=search_error,
        geojson_url=f"{reverse('actors:map_geojson')}?{selection}".rstrip("?"),
    )
    push = f"{base_url}?{selection}".rstrip("?")
    return _render_region(
        request,
        page_template="actors/map.html",
        region_template="actors/partials/map_region.html",
        region_id="map-region",
        context=context,
        push_url=push,
    )


@login_not_required
@require_GET
def map_geojson(request: HttpRequest) -> JsonResponse:
    form = DirectoryForm(request.GET)
    form.is_valid()
    try:
        selection = map_selection(query=form.search_query(with_facets=False))
    except DomainError as error:
        return JsonResponse(
            {"type": "FeatureCollection", "features": [], "meta": {"error": error.message}},
            status=400,
        )
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": selection.features,
            # Foreign members (RFC 7946 §6.1): what was left out and why.
            "meta": {
                "total": selection.total,
                "points": len(selection.features),
                "without_coordinates": selection.without_coordinates,
                "capped": selection.capped,
                "limit": selection.limit,
                "ignored_parameters": sorted(form.errors),
            },
        }
    )
