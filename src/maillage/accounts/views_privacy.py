"""RGPD pages: the privacy notice, a person's data download and account erasure, and the
facilitators' list of article 14 notices to send. Thin: rules in ``accounts/privacy.py``."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required, login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.accounts.privacy import (
    ENCODER,
    account_erase,
    contacts_pending_notice,
    personal_data_export,
)
from maillage.actors.models import Actor, Contact
from maillage.actors.permissions import actors_covered_by, is_facilitator
from maillage.actors.services import contact_mark_informed


@login_not_required
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html")


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    if request.GET.get("download"):
        body = json.dumps(personal_data_export(user=request.user), cls=ENCODER, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = (
            f'attachment; filename="maillage-mes-donnees-{stamp}.json"'
        )
        return response
    return render(request, "accounts/my_data.html", {"form": EraseForm(user=request.user)})


class EraseForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Votre mot de passe, pour confirmer"), widget=forms.PasswordInput
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        self.user = user
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):  # type: ignore[attr-defined]
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return str(password)


@login_required
@require_POST
def erase_account(request: AuthenticatedRequest) -> HttpResponse:
    form = EraseForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"form": form}, status=400)
    account_erase(user=request.user)
    logout(request)
    messages.success(request, _("Votre compte est supprimé et vos données anonymisées."))
    return redirect("home")


def _facilitated_actors(request: AuthenticatedRequest) -> QuerySet[Actor]:
    if request.user.is_staff:
        return Actor.objects.all()
    if not is_facilitator(request.user):
        raise Http404
    return actors_covered_by(request.user)


@login_required
def notices(request: AuthenticatedRequest) -> HttpResponse:
    """Article 14: people whose data were not collected from them, to be informed."""
    actors = _facilitated_actors(request)
    pending = list(contacts_pending_notice(actors=actors.values("pk"))[:500])
    return render(request, "accounts/notices.html", {"pending": pending, "now": timezone.now()})


@login_required
@require_POST
def notice_sent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    actors = _facilitated_actors(request)
    contact = get_object_or_404(Contact, pk=pk, actor__in=actors.values("pk"))
    contact_mark_informed(contact=contact)
    messages.success(request, _("Information enregistrée pour %(name)s.") % {"name": contact})
    return redirect("accounts:privacy_notices")
