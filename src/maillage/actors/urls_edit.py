"""Editing URLs (namespace ``actors``; views in ``actors/views/edit.py``).

Every path has at least two segments after the actor id: ``/acteurs/<id>/<slug>/`` is the
public page, so a single segment there would be read as a slug.
"""

from django.urls import path

from maillage.actors.views import edit

_BASE = "acteurs/<int:pk>/gestion/"

urlpatterns = [
    path(f"{_BASE}profil/", edit.profile_edit, name="edit"),
    path(f"{_BASE}confirmer/", edit.confirm_profile, name="confirm_profile"),
    path(f"{_BASE}besoins-offres/", edit.needs, name="needs"),
    path(f"{_BASE}besoins-offres/ajouter/", edit.need_add, name="need_add"),
    path(f"{_BASE}besoins-offres/<int:item_pk>/modifier/", edit.need_edit, name="need_edit"),
    path(f"{_BASE}besoins-offres/<int:item_pk>/supprimer/", edit.need_delete, name="need_delete"),
    path(f"{_BASE}contacts/", edit.contacts, name="contacts"),
    path(f"{_BASE}contacts/ajouter/", edit.contact_add, name="contact_add"),
    path(f"{_BASE}contacts/<int:contact_pk>/modifier/", edit.contact_edit, name="contact_edit"),
    path(f"{_BASE}contacts/<int:contact_pk>/effacer/", edit.contact_delete, name="contact_delete"),
    path(f"{_BASE}membres/", edit.members, name="members"),
    path(f"{_BASE}membres/inviter/", edit.member_invite, name="member_invite"),
    path(
        f"{_BASE}membres/<int:membership_pk>/valider/", edit.member_approve, name="member_approve"
    ),
    path(f"{_BASE}membres/<int:membership_pk>/refuser/", edit.member_refuse, name="member_refuse"),
    path(f"{_BASE}membres/<int:membership_pk>/renvoyer/", edit.member_resend, name="member_resend"),
    path(f"{_BASE}membres/<int:membership_pk>/role/", edit.member_role, name="member_role"),
    path(
        f"{_BASE}membres/<int:membership_pk>/desactiver/",
        edit.member_deactivate,
        name="member_deactivate",
    ),
    path(
        f"{_BASE}membres/<int:membership_pk>/reactiver/",
        edit.member_reactivate,
        name="member_reactivate",
    ),
    path("acteurs/<int:pk>/adhesion/demander/", edit.join, name="join"),
    path("acteurs/<int:pk>/adhesion/quitter/", edit.leave, name="leave"),
    path("acteurs/<int:pk>/revendication/demander/", edit.claim, name="claim"),
]
