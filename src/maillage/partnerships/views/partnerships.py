"""Partnership pages: the list, proposing one, the overview, its fields, its status, its
parties, the timeline; and the practical sheets (public).

Access: anonymous visitors are sent to the sign-in page; signed-in people who may not see
(or change) a partnership get a 404, as for a missing one (``partnerships.permissions``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from maillage.accounts.http import AuthenticatedRequest
from maillage.actors.models import Actor
from maillage.core.errors import DomainError
from maillage.partnerships import services
from maillage.partnerships.enums import ALLOWED_TRANSITIONS, PartnershipStatus
from maillage.partnerships.forms import (
    PartnershipCreateForm,
    PartnershipForm,
    PartyAddForm,
    PartyForm,
    StatusForm,
)
from maillage.partnerships.models import Party, PracticalSheet
from maillage.partnerships.permissions import (
    access_partnership_for_edit,
    access_partnership_for_view,
    valid_id,
)
from maillage.partnerships.selectors import (
    contribution_totals,
    method_progress,
    partnership_milestones,
    partnership_timeline,
    partnerships_for_user,
    sheet_blocks,
    sheets_by_step,
)
from maillage.partnerships.views.common import (
    object_or_404,
    partnership_context,
    report_error,
    saved,
)
from maillage.search.selectors import actors_suggest
from maillage.territories.selectors import territory_get

# --------------------------------------------------------------------------- sheets


@login_not_required
@require_GET
def sheets(request: HttpRequest) -> HttpResponse:
    """The practical sheets of the method, step by step (public)."""
    return render(request, "partnerships/sheets.html", {"steps": sheets_by_step()})


@login_not_required
@require_GET
def sheet(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(PracticalSheet, code=code, is_active=True)
    items = list(found.items.filter(is_active=True).order_by("position", "code"))
    return render(
        request,
        "partnerships/sheet.html",
        {"sheet": found, "items": items, "blocks": sheet_blocks(found.body)},
    )


# --------------------------------------------------------------------------- list, create


@login_required
def partnership_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in PartnershipStatus.values:
        status = ""
    rows = list(partnerships_for_user(user=request.user, status=status)[:200])
    return render(
        request,
        "partnerships/list.html",
        {"partnerships": rows, "status": status, "statuses": PartnershipStatus.choices},
    )


@login_required
@require_GET
def actor_suggestions(request: AuthenticatedRequest) -> HttpResponse:
    """``<option>``s for the actor boxes of the forms (htmx fills a ``<datalist>``)."""
    text = request.GET.get("actor") or request.GET.get("partner") or request.GET.get("third") or ""
    text = text or request.GET.get("porteur_text", "")
    suggestions = (
        actors_suggest(prefix=text.strip()[:100], limit=10) if len(text.strip()) >= 2 else []
    )
    return render(request, "partnerships/partials/actor_options.html", {"suggestions": suggestions})


@login_required
def partnership_create(request: AuthenticatedRequest) -> HttpResponse:
    initial = {}
    partner_id = request.GET.get("partenaire", "")
    if partner_id.isdigit() and valid_id(int(partner_id)):
        # « Proposer un partenariat » from an actor's page: that actor is the partner.
        partner = Actor.objects.filter(pk=int(partner_id)).first()
        if partner is not None:
            initial["partner"] = f"{partner.name} (#{partner.pk})"
    form = PartnershipCreateForm(
        request.POST or None,
        initial=initial,
        user=request.user,
        suggest_url=reverse("partnerships:actor_suggestions"),
    )
    if request.method == "POST" and form.is_valid():
        saved(request, _("Le partenariat est créé, au stade de l'idée. Précisez-le ensemble."))
        return redirect(form.result.get_absolute_url())
    return render(request, "partnerships/create.html", {"form": form})


# --------------------------------------------------------------------------- one partnership


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    context = partnership_context(request.user, partnership, "overview")
    today_milestones = [m for m in partnership_milestones(partnership=partnership) if not m.done_on]
    context.update(
        steps=method_progress(partnership=partnership),
        totals=contribution_totals(partnership=partnership, parties=context["parties"]),
        milestones=today_milestones[:5],
        recent=partnership_timeline(partnership=partnership, limit=6),
        themes=list(partnership.themes.order_by("position", "code")),
        territory=territory_get(partnership.territory_code) if partnership.territory_code else None,
        transitions=[
            (code, PartnershipStatus(code).label)
            for code in ALLOWED_TRANSITIONS.get(partnership.status, ())
        ],
    )
    return render(request, "partnerships/detail.html", context)


@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = PartnershipForm(request.POST or None, partnership=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(request, _("Le partenariat est enregistré."))
        return redirect(partnership.get_absolute_url())
    context = partnership_context(request.user, partnership, "overview", form=form)
    return render(request, "partnerships/edit.html", context)


@login_required
def status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = StatusForm(request.POST or None, partnership=partnership, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(
            request,
            _("Statut : %(status)s.") % {"status": form.result.get_status_display()},
        )
        return redirect(partnership.get_absolute_url())
    context = partnership_context(request.user, partnership, "overview", form=form)
    return render(request, "partnerships/status.html", context)


def _party_of(partnership_pk: int, party_pk: int) -> Party:
    return object_or_404(
        Party.objects.select_related("actor", "partnership"),
        pk=party_pk,
        partnership_id=partnership_pk,
    )


@login_required
def party_edit(request: AuthenticatedRequest, pk: int, party_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    party = _party_of(partnership.pk, party_pk)
    form = PartyForm(request.POST or None, party=party, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved(request)
        return redirect(partnership.get_absolute_url())
    context = partnership_context(request.user, partnership, "overview", form=form, party=party)
    return render(request, "partnerships/party_form.html", context)


@login_required
def party_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    form = PartyAddForm(
        request.POST or None,
        partnership=partnership,
        user=request.user,
        suggest_url=reverse("partnerships:actor_suggestions"),
    )
    if request.method == "POST" and form.is_valid():
        saved(request, _("%(name)s rejoint le partenariat.") % {"name": form.result.actor.name})
        return redirect(partnership.get_absolute_url())
    context = partnership_context(request.user, partnership, "overview", form=form)
    return render(request, "partnerships/party_add.html", context)


@login_required
def party_remove(request: AuthenticatedRequest, pk: int, party_pk: int) -> HttpResponse:
    partnership = access_partnership_for_edit(request.user, pk)
    party = _party_of(partnership.pk, party_pk)
    if request.method == "POST":
        try:
            services.party_remove(party=party, user=request.user)
        except DomainError as error:
            return report_error(request, error, partnership.get_absolute_url())
        saved(
            request, _("%(name)s ne fait plus partie du partenariat.") % {"name": party.actor.name}
        )
        return redirect(partnership.get_absolute_url())
    context = partnership_context(request.user, partnership, "overview", party=party)
    return render(request, "partnerships/party_remove.html", context)


@login_required
def timeline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = access_partnership_for_view(request.user, pk)
    context = partnership_context(
        request.user, partnership, "timeline", entries=partnership_timeline(partnership=partnership)
    )
    return render(request, "partnerships/timeline.html", context)
