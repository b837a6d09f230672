"""Notifications pages: the list, opening one (marks it read), the unread badge (htmx),
the e-mail preference. Thin: parse, check access, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.notifications.forms import PreferenceForm
from maillage.notifications.permissions import access_notification_for_open
from maillage.notifications.selectors import notifications_of, preference_of, unread_count
from maillage.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preference_set,
)

PER_PAGE = 30


@login_required
@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(notifications_of(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": unread_count(user=request.user)},
    )


@login_required
@require_POST
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = access_notification_for_open(request.user, pk)
    notification_mark_read(notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Toutes les notifications sont marquées comme lues."))
    return redirect("notifications:list")


@login_not_required
@require_GET
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count, as the navigation shows it (htmx refreshes it)."""
    count = unread_count(user=request.user)
    return render(request, "notifications/partials/badge.html", {"unread": count})


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: AuthenticatedRequest) -> HttpResponse:
    current = preference_of(user=request.user)
    form = PreferenceForm(request.POST or None, initial={"email_frequency": current})
    if request.method == "POST" and form.is_valid():
        try:
            preference_set(user=request.user, email_frequency=form.cleaned_data["email_frequency"])
        except DomainError as error:
            form.add_error("email_frequency", error.message)
        else:
            messages.success(request, _("Vos préférences sont enregistrées."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
