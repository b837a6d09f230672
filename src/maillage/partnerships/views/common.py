"""What every partnership page shares: the header's context and small helpers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from maillage.actors.permissions import AnyUser
from maillage.core.errors import DomainError
from maillage.partnerships.models import Partnership
from maillage.partnerships.permissions import can_edit_partnership, valid_id
from maillage.partnerships.selectors import partnership_parties


def object_or_404(model: Any, *, pk: int, **filters: Any) -> Any:
    """``get_object_or_404`` for an id taken from the address (an id no database can
    hold is a 404 too)."""
    if not valid_id(pk):
        raise Http404
    return get_object_or_404(model, pk=pk, **filters)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def partnership_context(
    user: AnyUser, partnership: Partnership, section: str, **extra: Any
) -> dict[str, Any]:
    """The header and tabs of every page of a partnership (``base_partnership.html``)."""
    return {
        "partnership": partnership,
        "parties": partnership_parties(partnership=partnership),
        "can_edit": can_edit_partnership(user, partnership),
        "section": section,
        **extra,
    }


def report_error(request: HttpRequest, error: DomainError, target: str) -> HttpResponse:
    """An action posted from a list (tick, delete…) that a rule refused: say why, go back."""
    messages.error(request, error.message)
    return redirect(target)


def saved(request: HttpRequest, message: str | None = None) -> None:
    messages.success(request, message or _("Enregistré."))
