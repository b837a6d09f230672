"""Account pages: sign-up, sign-in, password, « Mon espace », organisations, invitations and
facilitators' decisions on claims. Thin: parse, check access, call a service, render."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts import selectors
from maillage.accounts.forms import (
    ClaimDecisionForm,
    EmailAuthenticationForm,
    OrganisationCreateForm,
    ProfileForm,
    SignupForm,
)
from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.models import User
from maillage.accounts.permissions import (
    access_claim_for_decision,
    access_invitation_for_answer,
)
from maillage.accounts.services import (
    invitation_get_by_token,
    membership_accept_invitation,
    membership_decline_invitation,
)
from maillage.actors.models import Actor
from maillage.actors.permissions import is_facilitator
from maillage.core.errors import DomainError
from maillage.core.ratelimit import rate_limited
from maillage.core.siret import normalize_identifier


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --------------------------------------------------------------------------- sign-up, sign-in


@login_not_required
@rate_limited("signup")
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, reverse("accounts:dashboard"))
    if request.user.is_authenticated:
        return redirect(next_url)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.result, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Bienvenue sur Maillage ! Votre compte est créé."))
        return redirect(next_url)
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


@method_decorator(rate_limited("signin"), name="dispatch")
class LoginView(auth_views.LoginView):
    """Sign-in; Django's ``login`` rotates the session key (no fixation)."""

    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.is_locked_out:
            response.status_code = 429
        return response


@method_decorator(login_not_required, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule): a link cannot sign someone out."""


@method_decorator(rate_limited("password_reset"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile.html", {"form": form})


# --------------------------------------------------------------------------- « Mon espace »


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    facilitator = is_facilitator(user) or user.is_staff
    context: dict[str, Any] = {
        "memberships": list(selectors.memberships_of_user(user=user)),
        "invitations": list(selectors.invitations_of_user(user=user)),
        "my_requests": list(selectors.requests_of_user(user=user)),
        "my_claims": selectors.claims_of_user(user=user, limit=10),
        "requests_to_decide": list(selectors.membership_requests_to_decide(user=user)),
        "is_facilitator": facilitator,
        "claims_to_decide": list(selectors.claims_to_decide(user=user)) if facilitator else [],
        "territories": selectors.facilitator_territories(user=user),
    }
    return render(request, "accounts/dashboard.html", context)


# --------------------------------------------------------------------------- organisations


def _existing_actor_for(form: OrganisationCreateForm) -> Actor | None:
    """When the SIRET or RNA number is taken, the actor that holds it (to claim or join)."""
    for field in ("siret", "rna"):
        if form.has_error(field):
            value = normalize_identifier(form.data.get(field, ""))
            if value:
                actor = Actor.objects.filter(**{field: value}).first()
                if actor is not None:
                    return actor
    return None


@login_required
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actor = form.result
        messages.success(
            request,
            _(
                "« %(name)s » est créée et vous en êtes administrateur. Complétez sa fiche : "
                "besoins, offres, contacts."
            )
            % {"name": actor.name},
        )
        return redirect("actors:edit", pk=actor.pk)
    existing = _existing_actor_for(form) if form.is_bound else None
    return render(
        request, "accounts/organisation_create.html", {"form": form, "existing_actor": existing}
    )


# --------------------------------------------------------------------------- invitations


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail. Anonymous visitors are asked to sign up or in and
    come back here; the answer is a POST."""
    membership = invitation_get_by_token(token=token)
    error = ""
    if request.method == "POST" and membership is not None:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        user = cast(User, request.user)
        try:
            if request.POST.get("answer") == "decline":
                membership_decline_invitation(user=user, membership=membership)
                messages.info(request, _("Vous avez décliné l'invitation."))
                return redirect("accounts:dashboard")
            accepted = membership_accept_invitation(user=user, membership=membership)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Vous avez rejoint « %(name)s ».") % {"name": accepted.actor.name}
            )
            return redirect("accounts:dashboard")
    status = 404 if membership is None else 200
    return render(
        request,
        "accounts/invitation.html",
        {"membership": membership, "error": error, "token": token},
        status=status,
    )


@login_required
@require_POST
def invitation_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Accept or decline, from « Mon espace », an invitation addressed to the account."""
    membership = access_invitation_for_answer(request.user, pk)
    try:
        if request.POST.get("answer") == "decline":
            membership_decline_invitation(user=request.user, membership=membership)
            messages.info(
                request,
                _("Vous avez décliné l'invitation de « %(name)s ».")
                % {"name": membership.actor.name},
            )
        else:
            membership_accept_invitation(user=request.user, membership=membership)
            messages.success(
                request, _("Vous avez rejoint « %(name)s ».") % {"name": membership.actor.name}
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:dashboard")


# --------------------------------------------------------------------------- claims


@login_required
def claims(request: AuthenticatedRequest) -> HttpResponse:
    """Facilitators: the claims in their territories, pending first."""
    user = request.user
    if not (is_facilitator(user) or user.is_staff):
        return render(
            request, "accounts/claims.html", {"pending": [], "decided": [], "is_facilitator": False}
        )
    return render(
        request,
        "accounts/claims.html",
        {
            "pending": list(selectors.claims_to_decide(user=user)),
            "decided": selectors.claims_decided_in_territory(user=user),
            "is_facilitator": True,
        },
    )


@login_required
def claim_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = access_claim_for_decision(request.user, pk)
    form = ClaimDecisionForm(request.POST or None, claim=claim, by=request.user)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == ClaimDecisionForm.APPROVE:
            messages.success(
                request,
                _("Demande acceptée : %(user)s administre désormais « %(name)s ».")
                % {"user": claim.user, "name": claim.actor.name},
            )
        else:
            messages.info(request, _("Demande refusée ; la personne a été prévenue."))
        return HttpResponseRedirect(reverse("accounts:claims"))
    return render(
        request,
        "accounts/claim_detail.html",
        {
            "claim": claim,
            "form": form,
            "has_admin": selectors.actor_has_admin(actor=claim.actor),
        },
    )
