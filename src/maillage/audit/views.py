"""The history pages: an actor's history (its admins, facilitators covering it, staff) and,
for staff, an earlier version of its profile with the button that restores it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.accounts.http import AuthenticatedRequest
from maillage.audit.permissions import (
    access_actor_for_history,
    access_actor_version_for_restore,
    can_restore_actor_version,
)
from maillage.audit.presentation import history_entries, version_changes
from maillage.audit.selectors import actor_history, actor_version, profile_tables
from maillage.audit.services import audit_actor_restore
from maillage.core.errors import DomainError

PAGE_SIZE = 50


@login_required
def actor_history_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_history(request.user, pk, request=request)
    page = Paginator(actor_history(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    may_restore = can_restore_actor_version(request.user, actor)
    entries = history_entries(
        list(page.object_list),
        restorable_tables=profile_tables() if may_restore else frozenset(),
    )
    return render(
        request,
        "audit/actor_history.html",
        {"actor": actor, "entries": entries, "page": page, "may_restore": may_restore},
    )


@login_required
def actor_version_view(request: AuthenticatedRequest, pk: int, event_id: int) -> HttpResponse:
    actor, event = access_actor_version_for_restore(request.user, pk, event_id, request=request)
    if request.method == "POST":
        try:
            audit_actor_restore(actor=actor, event=event)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("La version choisie est restaurée."))
            return redirect("audit:actor_history", pk=actor.pk)
    problem = ""
    changes = []
    try:
        version = actor_version(actor=actor, event=event)
    except DomainError as exc:
        problem = exc.message
    else:
        changes = version_changes(version.changes)
    entry = history_entries([event])[0]
    return render(
        request,
        "audit/actor_version.html",
        {"actor": actor, "entry": entry, "changes": changes, "error": problem},
    )
