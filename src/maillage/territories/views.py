"""Territory picker endpoint: ``/territoires/autocomplete?q=…``.

JSON for scripts (``[{"code", "level", "name", "label", "level_label"}]``); for an htmx
request (``HX-Request`` header) the HTML options of a listbox.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from maillage.territories.codes import LEVELS
from maillage.territories.selectors import territory_autocomplete

DEFAULT_LIMIT = 10
MAX_LIMIT = 20
MAX_QUERY_LENGTH = 100
_LISTBOX_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,60}$")


@login_not_required
@require_GET
def autocomplete(request: HttpRequest) -> HttpResponse:
    # ``territory_q`` lets a picker live in a form whose ``q`` is another field.
    query = (request.GET.get("q") or request.GET.get("territory_q") or "")[:MAX_QUERY_LENGTH]
    levels = [level for level in request.GET.getlist("level") if level in LEVELS]
    try:
        limit = min(max(int(request.GET.get("limit", DEFAULT_LIMIT)), 1), MAX_LIMIT)
    except ValueError:
        limit = DEFAULT_LIMIT
    results = territory_autocomplete(query=query, limit=limit, levels=levels or None)
    response: HttpResponse
    if request.headers.get("HX-Request") == "true":
        listbox = request.GET.get("listbox", "")
        response = render(
            request,
            "territories/partials/autocomplete.html",
            {
                "results": results,
                "query": query.strip(),
                "listbox_id": listbox if _LISTBOX_ID.match(listbox) else "territory-options",
            },
        )
    else:
        response = JsonResponse(
            [
                {
                    "code": territory.code,
                    "level": territory.level,
                    "name": territory.name,
                    "label": territory.label,
                    "level_label": territory.level_label,
                }
                for territory in results
            ],
            safe=False,
        )
    patch_vary_headers(response, ["HX-Request"])
    # The referential changes once a year; a short public cache spares keystrokes.
    patch_cache_control(response, public=True, max_age=300)
    return response
