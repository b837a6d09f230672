"""``/compte/securite/…``: switch two-factor authentication on and off, verify a code at
sign-in, personal API tokens. Thin: the rules are in ``accounts/two_factor.py`` and
``accounts/api_tokens.py``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from maillage.accounts import two_factor
from maillage.accounts.api_tokens import api_token_create, api_token_revoke
from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.models import ApiToken
from maillage.accounts.views import _safe_next
from maillage.core.errors import DomainError
from maillage.core.ratelimit import rate_limited


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code à 6 chiffres (ou code de secours)"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@login_required
def security(request: AuthenticatedRequest) -> HttpResponse:
    """The security page: two-factor status, start, confirm, disable."""
    user = request.user
    form = TokenForm(request.POST or None)
    codes: list[str] = []
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            if action == "start":
                two_factor.two_factor_start(user=user)
            elif action in {"confirm", "disable"} and form.is_valid():
                token = form.cleaned_data["token"]
                if action == "confirm":
                    codes = two_factor.two_factor_confirm(user=user, token=token)
                    device = match_token(user, token) or two_factor.confirmed_totp(user)
                    if device is not None:
                        otp_login(request, device)
                    request.session[two_factor.SESSION_FLAG] = True
                    messages.success(request, _("La double authentification est active."))
                else:
                    two_factor.two_factor_disable(user=user, token=token)
                    request.session[two_factor.SESSION_FLAG] = False
                    messages.success(request, _("La double authentification est désactivée."))
                    return redirect("accounts:security")
        except DomainError as error:
            form.add_error("token" if error.field == "token" else None, error.message)
    pending = two_factor.two_factor_pending_device(user)
    context = {
        "enabled": two_factor.two_factor_enabled(user),
        "pending": pending,
        "qr": two_factor.two_factor_qr_data_uri(pending) if pending else "",
        "secret": two_factor.two_factor_secret(pending) if pending else "",
        "form": form,
        "codes": codes,
    }
    return render(request, "accounts/security.html", context)


@login_required
@rate_limited("two_factor")
def verify(request: AuthenticatedRequest) -> HttpResponse:
    """Second step of the sign-in for people with two-factor authentication."""
    next_url = _safe_next(request, "accounts:dashboard")
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", _("Code incorrect ou déjà utilisé."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nom (à quoi sert ce jeton)"), max_length=100)
    scope = forms.ChoiceField(label=gettext_lazy("Portée"), choices=ApiToken.Scope.choices)
    expires_in_days = forms.TypedChoiceField(
        label=gettext_lazy("Validité"),
        coerce=int,
        choices=[
            (30, gettext_lazy("30 jours")),
            (90, gettext_lazy("90 jours")),
            (365, gettext_lazy("1 an")),
        ],
        initial=90,
    )


@login_required
@rate_limited("api_token")
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """Create (the clear token is shown once) and revoke personal API tokens."""
    form = ApiTokenForm(request.POST or None if request.POST.get("action") == "create" else None)
    clear = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "revoke":
                token_id = request.POST.get("token", "")
                if not token_id.isdigit() or len(token_id) > 18:
                    raise Http404
                try:
                    api_token_revoke(user=request.user, token_id=int(token_id))
                except DomainError as error:
                    raise Http404 from error  # someone else's or no such token: alike
                messages.success(request, _("Le jeton est révoqué."))
                return redirect("accounts:api_tokens")
            if form.is_valid():
                _token, clear = api_token_create(user=request.user, **form.cleaned_data)
                form = ApiTokenForm()
        except (DomainError, ValueError) as error:
            form.add_error(None, getattr(error, "message", _("Demande invalide.")))
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "pk")
    return render(
        request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "clear": clear}
    )
