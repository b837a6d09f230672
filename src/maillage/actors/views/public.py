"""Public pages: home, directory, actor detail, map.

(Interim minimal versions; the directory helper replaces them.)
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from maillage.actors.models import Actor


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


def directory(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    get_object_or_404(Actor, pk=pk)
    return render(request, "base.html")


def map_view(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


def map_geojson(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"type": "FeatureCollection", "features": []})
