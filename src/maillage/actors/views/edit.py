"""Editing pages for an organisation's admins: profile, needs and offers, contacts, members;
and, for any signed-in user, asking to join or to manage an actor.

Access: anonymous visitors are sent to the sign-in page (for every address, existing actor
or not); signed-in people who may not act get a 404, as for a missing actor
(``access_actor_for_*``), so that nothing leaks. Everything works without JavaScript; with
htmx, adding, editing or removing a need or an offer updates the list in place.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts import selectors as account_selectors
from maillage.accounts.enums import MembershipRole, MembershipStatus
from maillage.accounts.forms import ClaimForm, InviteForm, JoinRequestForm
from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.models import Membership
from maillage.accounts.permissions import access_membership_for_decision, access_own_membership
from maillage.accounts.services import (
    membership_approve,
    membership_deactivate,
    membership_invite,
    membership_reactivate,
    membership_refuse,
    membership_set_role,
)
from maillage.actors import services as actor_services
from maillage.actors.enums import Direction
from maillage.actors.forms import ActorProfileForm, ContactForm, NeedOfferForm
from maillage.actors.models import Actor, Contact, NeedOffer
from maillage.actors.permissions import (
    access_actor_for_edit,
    access_actor_for_members,
    access_actor_for_request,
    can_manage_members,
)
from maillage.core.errors import DomainError
from maillage.core.ratelimit import rate_limited
from maillage.territories.selectors import Territory, territory_get


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _context(actor: Actor, section: str, **extra: Any) -> dict[str, Any]:
    return {"actor": actor, "section": section, **extra}


# --------------------------------------------------------------------------- profile


@login_required
def profile_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    form = ActorProfileForm(request.POST or None, actor=actor)
    if request.method == "POST":
        if form.is_valid():
            messages.success(request, _("La fiche est enregistrée."))
            return redirect("actors:edit", pk=actor.pk)
        messages.error(request, _("La fiche n'est pas enregistrée : corrigez les champs signalés."))
    areas = [
        territory_get(code) or Territory(code=code, level="", name=code)
        for code in actor.intervention_areas.exclude(territory_code="")
        .order_by("id")
        .values_list("territory_code", flat=True)
    ]
    return render(
        request, "actors/edit/profile.html", _context(actor, "profile", form=form, areas=areas)
    )


@login_required
@require_POST
def confirm_profile(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """« Je confirme que ma fiche est à jour » (freshness shown on the public page)."""
    actor = access_actor_for_edit(request.user, pk)
    actor_services.actor_confirm_profile(actor=actor)
    messages.success(request, _("Merci ! La fiche est indiquée à jour à la date d'aujourd'hui."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("actors:edit", kwargs={"pk": actor.pk})
    return redirect(target)


# --------------------------------------------------------------------------- needs, offers


def _needs_context(actor: Actor, form: NeedOfferForm | None = None, **extra: Any) -> dict[str, Any]:
    items = list(
        NeedOffer.objects.filter(actor=actor)
        .select_related("category")
        .prefetch_related("themes")
        .order_by("-is_active", "category__position", "id")
    )
    return _context(
        actor,
        "needs",
        needs=[item for item in items if item.direction == Direction.NEED],
        offers=[item for item in items if item.direction == Direction.OFFER],
        form=form or NeedOfferForm(actor=actor, direction=Direction.NEED),
        **extra,
    )


@login_required
def needs(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    form = NeedOfferForm(actor=actor, direction=request.GET.get("direction") or Direction.NEED)
    return render(request, "actors/edit/needs.html", _needs_context(actor, form))


@login_required
def need_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    direction = request.GET.get("direction") or Direction.NEED
    form = NeedOfferForm(request.POST or None, actor=actor, direction=direction)
    if request.method == "POST" and form.is_valid():
        notice = (
            _("Besoin ajouté.") if form.result.direction == Direction.NEED else _("Offre ajoutée.")
        )
        if _is_htmx(request):
            return render(
                request,
                "actors/edit/partials/needs_section.html",
                _needs_context(actor, notice=notice),
            )
        messages.success(request, notice)
        return redirect("actors:needs", pk=actor.pk)
    if _is_htmx(request):
        return render(
            request, "actors/edit/partials/needs_section.html", _needs_context(actor, form)
        )
    return render(
        request, "actors/edit/need_form.html", _context(actor, "needs", form=form, item=None)
    )


def _item_of(actor: Actor, item_pk: int) -> NeedOffer:
    return get_object_or_404(NeedOffer, pk=item_pk, actor=actor)


@login_required
def need_edit(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    item = _item_of(actor, item_pk)
    form = NeedOfferForm(request.POST or None, actor=actor, item=item)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("Modification enregistrée."))
        return redirect("actors:needs", pk=actor.pk)
    return render(
        request, "actors/edit/need_form.html", _context(actor, "needs", form=form, item=item)
    )


@login_required
def need_delete(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    item = _item_of(actor, item_pk)
    if request.method == "POST":
        actor_services.need_offer_delete(item=item)
        notice = _("Supprimé.")
        if _is_htmx(request):
            return render(
                request,
                "actors/edit/partials/needs_section.html",
                _needs_context(actor, notice=notice),
            )
        messages.success(request, notice)
        return redirect("actors:needs", pk=actor.pk)
    return render(request, "actors/edit/need_delete.html", _context(actor, "needs", item=item))


# --------------------------------------------------------------------------- contacts


@login_required
def contacts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    rows = list(Contact.objects.filter(actor=actor).order_by("-is_primary", "last_name", "id"))
    return render(request, "actors/edit/contacts.html", _context(actor, "contacts", contacts=rows))


def _contact_of(actor: Actor, contact_pk: int) -> Contact:
    return get_object_or_404(Contact, pk=contact_pk, actor=actor)


@login_required
def contact_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    form = ContactForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("Contact ajouté."))
        return redirect("actors:contacts", pk=actor.pk)
    return render(
        request,
        "actors/edit/contact_form.html",
        _context(actor, "contacts", form=form, contact=None),
    )


@login_required
def contact_edit(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    actor = access_actor_for_edit(request.user, pk)
    contact = _contact_of(actor, contact_pk)
    form = ContactForm(request.POST or None, actor=actor, contact=contact)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("Contact enregistré."))
        return redirect("actors:contacts", pk=actor.pk)
    return render(
        request,
        "actors/edit/contact_form.html",
        _context(actor, "contacts", form=form, contact=contact),
    )


@login_required
def contact_delete(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Erasure (RGPD): the person's data are deleted, not hidden."""
    actor = access_actor_for_edit(request.user, pk)
    contact = _contact_of(actor, contact_pk)
    if request.method == "POST":
        actor_services.contact_delete(contact=contact)
        messages.success(request, _("Les coordonnées de cette personne sont effacées."))
        return redirect("actors:contacts", pk=actor.pk)
    return render(
        request, "actors/edit/contact_delete.html", _context(actor, "contacts", contact=contact)
    )


# --------------------------------------------------------------------------- members


def _members_page(
    request: AuthenticatedRequest,
    actor: Actor,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    groups = account_selectors.members_of_actor(actor=actor)
    return render(
        request,
        "actors/edit/members.html",
        _context(
            actor,
            "members",
            groups=groups,
            roles=MembershipRole.choices,
            invite_form=invite_form or InviteForm(actor=actor, by=request.user),
        ),
        status=status,
    )


@login_required
def members(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_members(request.user, pk)
    return _members_page(request, actor)


@login_required
@require_POST
@rate_limited("invitation")
def member_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actor = access_actor_for_members(request.user, pk)
    form = InviteForm(request.POST, actor=actor, by=request.user)
    if form.is_valid():
        membership: Membership = form.result
        if membership.status == MembershipStatus.ACTIVE:
            messages.success(
                request,
                _("%(email)s avait demandé à rejoindre l'organisation : sa demande est validée.")
                % {"email": membership.contact_email},
            )
        else:
            messages.success(
                request, _("Invitation envoyée à %(email)s.") % {"email": membership.contact_email}
            )
        return redirect("actors:members", pk=actor.pk)
    return _members_page(request, actor, invite_form=form)


def _membership_of(request: AuthenticatedRequest, pk: int, membership_pk: int) -> Membership:
    membership = access_membership_for_decision(request.user, membership_pk)
    if membership.actor_id != pk:
        raise Http404
    return membership


def _member_action(
    request: AuthenticatedRequest, pk: int, membership_pk: int, action: Any, success: str
) -> HttpResponse:
    membership = _membership_of(request, pk, membership_pk)
    try:
        action(membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("actors:members", kwargs={"pk": pk})
    return redirect(target)


@login_required
@require_POST
def member_approve(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    role = request.POST.get("role") or None
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_approve(membership=m, by=request.user, role=role),
        _("Demande validée : la personne est membre."),
    )


@login_required
@require_POST
def member_refuse(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    note = request.POST.get("note", "")
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_refuse(membership=m, by=request.user, note=note),
        _("Demande refusée."),
    )


@login_required
@require_POST
def member_resend(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_invite(
            actor=m.actor, by=request.user, email=m.contact_email, role=m.role, message=m.message
        ),
        _("Invitation renvoyée."),
    )


@login_required
@require_POST
def member_role(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    role = request.POST.get("role", "")
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_set_role(membership=m, by=request.user, role=role),
        _("Rôle modifié."),
    )


@login_required
@require_POST
def member_deactivate(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_deactivate(membership=m, by=request.user),
        _("Membre désactivé. Vous pourrez le réactiver plus tard."),
    )


@login_required
@require_POST
def member_reactivate(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    return _member_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_reactivate(membership=m, by=request.user),
        _("Membre réactivé."),
    )


# --------------------------------------------------------------------------- join, claim, leave


@login_required
def join(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask to join an organisation (its admins decide)."""
    actor = access_actor_for_request(request.user, pk)
    form = JoinRequestForm(request.POST or None, user=request.user, actor=actor)
    if request.method == "POST" and form.is_valid():
        messages.success(
            request,
            _("Votre demande est envoyée aux administrateurs de « %(name)s ».")
            % {"name": actor.name},
        )
        return redirect("accounts:dashboard")
    return render(
        request,
        "actors/edit/join.html",
        {
            "actor": actor,
            "form": form,
            "relation": account_selectors.user_relation_to_actor(user=request.user, actor=actor),
            "has_admin": account_selectors.actor_has_admin(actor=actor),
            "can_manage": can_manage_members(request.user, actor),
        },
    )


@login_required
def claim(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask to manage an actor that nobody administers yet (a facilitator decides)."""
    actor = access_actor_for_request(request.user, pk)
    form = ClaimForm(request.POST or None, user=request.user, actor=actor)
    if request.method == "POST" and form.is_valid():
        messages.success(
            request,
            _(
                "Votre demande est envoyée à l'animateur du territoire. "
                "Vous serez prévenu·e par courriel."
            ),
        )
        return redirect("accounts:dashboard")
    return render(
        request,
        "actors/edit/claim.html",
        {
            "actor": actor,
            "form": form,
            "has_admin": account_selectors.actor_has_admin(actor=actor),
            "pending_claim": account_selectors.pending_claim_of_user(
                user=request.user, actor=actor
            ),
        },
    )


@login_required
def leave(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = access_own_membership(request.user, pk)
    if request.method == "POST":
        try:
            membership_deactivate(membership=membership, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("accounts:dashboard")
        messages.success(
            request, _("Vous avez quitté « %(name)s ».") % {"name": membership.actor.name}
        )
        return redirect("accounts:dashboard")
    return render(
        request, "actors/edit/leave.html", {"actor": membership.actor, "membership": membership}
    )
