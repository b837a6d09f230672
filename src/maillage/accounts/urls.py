"""``/compte/…``: account pages (namespace ``accounts``)."""

from django.urls import path

from maillage.accounts import views, views_privacy, views_security

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("inscription/", views.signup, name="signup"),
    path("profil/", views.profile, name="profile"),
    path("securite/", views_security.security, name="security"),
    path("securite/verification/", views_security.verify, name="two_factor_verify"),
    path("securite/jetons-api/", views_security.api_tokens, name="api_tokens"),
    path("mes-donnees/", views_privacy.my_data, name="my_data"),
    path("mes-donnees/supprimer-mon-compte/", views_privacy.erase_account, name="erase_account"),
    path("rgpd/informations-a-envoyer/", views_privacy.notices, name="privacy_notices"),
    path(
        "rgpd/informations-a-envoyer/<int:pk>/envoyee/",
        views_privacy.notice_sent,
        name="privacy_notice_sent",
    ),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "mot-de-passe/modifie/", views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("mot-de-passe-oublie/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe-oublie/envoye/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe-oublie/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe-oublie/termine/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisations/nouvelle/", views.organisation_create, name="organisation_create"),
    path("invitations/<int:pk>/repondre/", views.invitation_answer, name="invitation_answer"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("revendications/", views.claims, name="claims"),
    path("revendications/<int:pk>/", views.claim_detail, name="claim_detail"),
]
