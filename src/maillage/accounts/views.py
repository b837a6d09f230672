"""Account pages (interim minimal versions; the accounts helper replaces them)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def signup(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")
