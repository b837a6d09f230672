"""Programme pages: public (list, programme, working group, action with « Je veux
contribuer ») and management (facilitators of the programme; referents for their action).

Thin views: parse (forms), check access (``permissions.access_*``: 404 for missing and
forbidden alike), call a service, render or redirect. Anonymous visitors asking for a
management page are sent to sign in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.accounts.http import AuthenticatedRequest
from maillage.core.errors import DomainError
from maillage.programmes import forms as f
from maillage.programmes import services
from maillage.programmes.models import (
    Contribution,
    GroupMeeting,
    GroupMember,
    Milestone,
)
from maillage.programmes.permissions import (
    access_action_for_manage,
    access_action_for_selection,
    access_action_for_view,
    access_group_for_manage,
    access_group_for_view,
    access_programme_for_manage,
    access_programme_for_view,
    can_create_programme,
    can_vote,
)
from maillage.programmes.selectors import (
    action_page,
    group_page,
    programme_dashboard,
    programme_page,
    programmes_list,
)


def _form_page(
    request: HttpRequest, form: Form, *, title: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "programmes/form.html",
        {"form": form, "page_title": title, "back_url": back, "intro": intro},
    )


def _domain_error(form: Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --------------------------------------------------------------------------- public


@login_not_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": programmes_list(user=request.user),
            "can_create": can_create_programme(request.user),
        },
    )


@login_not_required
def programme_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    programme = access_programme_for_view(request.user, pk)
    page = programme_page(programme=programme, user=request.user)
    from maillage.events.selectors import events_of_programme

    page.events = list(events_of_programme(programme=programme, user=request.user))
    return render(request, "programmes/detail.html", {"page": page, "programme": programme})


@login_not_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access_group_for_view(request.user, pk)
    return render(
        request,
        "programmes/group_detail.html",
        {"page": group_page(group=group, user=request.user), "programme": group.programme},
    )


def _action_context(
    request: HttpRequest, action: Any, contribute_form: Form | None = None
) -> dict[str, Any]:
    page = action_page(action=action, user=request.user)
    context: dict[str, Any] = {
        "page": page,
        "action": action,
        "programme": action.programme,
        "contribute_form": None,
    }
    if page.can_contribute:
        context["contribute_form"] = contribute_form or f.ContributeForm(
            user=request.user, action=action
        )
    if page.can_manage:
        context.update(
            need_form=f.NeedForm(),
            milestone_form=f.MilestoneForm(),
            update_form=f.UpdateForm(),
        )
    return context


@login_not_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = access_action_for_view(request.user, pk)
    return render(request, "programmes/action_detail.html", _action_context(request, action))


@login_required
@require_POST
def action_contribute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_view(request.user, pk)
    page = action_page(action=action, user=request.user)
    if not page.can_contribute:
        raise Http404
    form = f.ContributeForm(request.POST, user=request.user, action=action)
    if form.is_valid():
        try:
            services.contribution_offer(
                action=action,
                user=request.user,
                message=form.cleaned_data["message"],
                actor=form.cleaned_data["actor"],
                need=form.cleaned_data["need"],
            )
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(
                request,
                _("Merci ! Le référent de l'action et l'animation du programme sont prévenus."),
            )
            return redirect(action.get_absolute_url())
    return render(
        request,
        "programmes/action_detail.html",
        _action_context(request, action, contribute_form=form),
        status=400,
    )


@login_required
@require_POST
def action_vote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_view(request.user, pk)
    if not can_vote(request.user, action):
        raise Http404
    try:
        if request.POST.get("withdraw"):
            services.action_vote_withdraw(action=action, user=request.user)
            messages.success(request, _("Votre voix est retirée."))
        else:
            services.action_vote_cast(action=action, user=request.user)
            messages.success(request, _("Votre voix est comptée."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(action.get_absolute_url())


# --------------------------------------------------------------------------- programmes


@login_required
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_create_programme(request.user):
        raise Http404
    form = f.ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                created_by=request.user,
                title=data["title"],
                summary=data["summary"],
                territory_codes=form.cleaned_territories(),
                lead_actor=data["lead_actor"],
                co_pilots=data["co_pilots"],
                themes=data["themes"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
            )
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("Le programme est créé."))
            return redirect("programmes:dashboard", pk=programme.pk)
    return _form_page(request, form, title=_("Nouveau programme territorial"), back="/programmes/")


@login_required
def programme_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = access_programme_for_manage(request.user, pk)
    initial = {
        "title": programme.title,
        "summary": programme.summary,
        "territory_codes": " ".join(programme.territory_codes),
        "lead_actor": programme.lead_actor_id or "",
        "co_pilots": " ".join(str(pk) for pk in programme.co_pilots.values_list("pk", flat=True)),
        "themes": list(programme.themes.values_list("code", flat=True)),
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "status": programme.status,
    }
    form = f.ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.programme_update(
                programme=programme,
                title=data["title"],
                summary=data["summary"],
                territory_codes=form.cleaned_territories(),
                lead_actor=data["lead_actor"],
                co_pilots=data["co_pilots"],
                themes=data["themes"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
            )
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("Le programme est enregistré."))
            return redirect("programmes:dashboard", pk=programme.pk)
    return _form_page(
        request,
        form,
        title=_("Modifier le programme"),
        back=programme.get_absolute_url(),
    )


@login_required
def programme_dashboard_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = access_programme_for_manage(request.user, pk)
    from maillage.events.selectors import event_funnel

    return render(
        request,
        "programmes/dashboard.html",
        {
            "programme": programme,
            "dashboard": programme_dashboard(programme=programme),
            "funnel": event_funnel(programme=programme),
        },
    )


@login_required
def phase_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = access_programme_for_manage(request.user, pk)
    form = f.PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_add(programme=programme, **form.cleaned_data)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("L'étape est ajoutée."))
            return redirect(programme.get_absolute_url())
    return _form_page(
        request, form, title=_("Ajouter une étape"), back=programme.get_absolute_url()
    )


# --------------------------------------------------------------------------- groups


@login_required
def group_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = access_programme_for_manage(request.user, pk)
    form = f.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.working_group_create(programme=programme, **form.cleaned_data)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("Le groupe de travail est créé."))
            return redirect("programmes:group", pk=group.pk)
    return _form_page(
        request,
        form,
        title=_("Nouveau groupe de travail"),
        back=programme.get_absolute_url(),
        intro=_("Chaque groupe est co-animé par un binôme : une association et une entreprise."),
    )


@login_required
def group_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = access_group_for_manage(request.user, pk)
    initial = {
        "title": group.title,
        "theme": group.theme_id or "",
        "description": group.description,
        "co_lead_association": group.co_lead_association_id or "",
        "co_lead_company": group.co_lead_company_id or "",
    }
    form = f.GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.working_group_update(group=group, **form.cleaned_data)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("Le groupe est enregistré."))
            return redirect("programmes:group", pk=group.pk)
    return _form_page(
        request, form, title=_("Modifier le groupe"), back=f"/programmes/groupes/{group.pk}/"
    )


@login_required
def group_member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = access_group_for_manage(request.user, pk)
    form = f.MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_member_add(group=group, actor=form.cleaned_data["actor"])
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("La structure rejoint le groupe."))
            return redirect("programmes:group", pk=group.pk)
    return _form_page(
        request, form, title=_("Ajouter une structure au groupe"), back=f"/programmes/groupes/{pk}/"
    )


@login_required
@require_POST
def group_member_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(GroupMember.objects.select_related("group"), pk=pk)
    group = access_group_for_manage(request.user, member.group_id)
    try:
        services.group_member_remove(member=member)
        messages.success(request, _("La structure a quitté le groupe."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("programmes:group", pk=group.pk)


@login_required
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = access_group_for_manage(request.user, pk)
    form = f.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_meeting_create(group=group, **form.cleaned_data)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("La réunion est programmée."))
            return redirect("programmes:group", pk=group.pk)
    return _form_page(
        request, form, title=_("Programmer une réunion"), back=f"/programmes/groupes/{pk}/"
    )


@login_required
def meeting_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(GroupMeeting.objects.select_related("group"), pk=pk)
    group = access_group_for_manage(request.user, meeting.group_id)
    form = f.MinutesForm(
        request.POST or None,
        group=group,
        initial={"minutes": meeting.minutes, "attendees": list(meeting.attendees.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_meeting_record(
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                attendee_ids=[m.pk for m in form.cleaned_data["attendees"]],
            )
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("Le compte rendu et les présences sont enregistrés."))
            return redirect("programmes:group", pk=group.pk)
    return _form_page(
        request,
        form,
        title=_("Compte rendu : %(title)s") % {"title": meeting.title},
        back=f"/programmes/groupes/{group.pk}/",
    )


# --------------------------------------------------------------------------- actions


@login_required
def action_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = access_programme_for_manage(request.user, pk)
    form = f.ProposalForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_propose(
                programme=programme,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                groups=list(form.cleaned_data["groups"]),
                proposed_by=request.user,
            )
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("L'action est proposée au vote des groupes."))
            return redirect(action.get_absolute_url())
    return _form_page(
        request, form, title=_("Proposer une action"), back=programme.get_absolute_url()
    )


@login_required
def action_select(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_selection(request.user, pk)
    form = f.SelectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_select(action=action, decided_by=request.user, **form.cleaned_data)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("La décision est enregistrée."))
            return redirect(action.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Sélection : %(title)s") % {"title": action.title},
        back=action.get_absolute_url(),
        intro=_("%(n)d voix pour cette proposition.") % {"n": action.votes.count()},
    )


@login_required
def action_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_manage(request.user, pk)
    initial = {
        "title": action.title,
        "summary": action.summary,
        "referent_actor": action.referent_actor_id or "",
        "referent_contact": action.referent_contact_id,
        "referent_email": action.referent_user.email if action.referent_user else "",
    }
    form = f.ActionForm(request.POST or None, initial=initial, referent=action.referent_actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_update(
                action=action,
                title=data["title"],
                summary=data["summary"],
                referent_actor=data["referent_actor"],
                referent_contact=data["referent_contact"],
                referent_user=data["referent_email"],
            )
            status = request.POST.get("status", "")
            if status and status != action.status:
                services.action_set_status(action=action, status=status, by=request.user)
        except DomainError as error:
            _domain_error(form, error)
        else:
            messages.success(request, _("L'action est enregistrée."))
            return redirect(action.get_absolute_url())
    return _form_page(request, form, title=_("Modifier l'action"), back=action.get_absolute_url())


@login_required
@require_POST
def action_set_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_manage(request.user, pk)
    try:
        services.action_set_status(
            action=action, status=request.POST.get("status", ""), by=request.user
        )
        messages.success(request, _("Le statut de l'action est mis à jour."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def need_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_manage(request.user, pk)
    form = f.NeedForm(request.POST)
    if form.is_valid():
        try:
            services.action_need_add(action=action, **form.cleaned_data)
            messages.success(request, _("Le besoin est ajouté."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Décrivez le besoin."))
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def milestone_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_manage(request.user, pk)
    form = f.MilestoneForm(request.POST)
    if form.is_valid():
        services.milestone_add(action=action, **form.cleaned_data)
        messages.success(request, _("Le jalon est ajouté."))
    else:
        messages.error(request, _("Nommez le jalon."))
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def milestone_done(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    action = access_action_for_manage(request.user, milestone.action_id)
    services.milestone_mark_done(milestone=milestone)
    messages.success(request, _("Jalon atteint."))
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def update_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = access_action_for_manage(request.user, pk)
    form = f.UpdateForm(request.POST)
    if form.is_valid():
        services.action_update_add(
            action=action, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Le point d'avancement est publié."))
    else:
        messages.error(request, _("Le point d'avancement est vide."))
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def contribution_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution, pk=pk)
    action = access_action_for_manage(request.user, contribution.action_id)
    try:
        services.contribution_decide(
            contribution=contribution,
            accepted=request.POST.get("decision") == "accept",
            by=request.user,
        )
        messages.success(request, _("La réponse est envoyée."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(action.get_absolute_url())
