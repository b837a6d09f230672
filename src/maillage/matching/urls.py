"""Pages of the app, mounted at ``/partenaires/`` by ``config/urls.py``."""

from django.urls import URLPattern, URLResolver, path

from maillage.matching.views import facilitator, introductions, suggestions

app_name = "matching"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", suggestions.home, name="home"),
    path("acteurs/<int:actor_id>/", suggestions.suggestions, name="suggestions"),
    path("acteurs/<int:actor_id>/ecartes/", suggestions.dismissed, name="dismissed"),
    path("acteurs/<int:actor_id>/avis/<int:candidate_id>/", suggestions.feedback, name="feedback"),
    path(
        "acteurs/<int:actor_id>/demander/<int:candidate_id>/",
        introductions.introduction_new,
        name="introduction_new",
    ),
    path(
        "acteurs/<int:actor_id>/recommander/<int:candidate_id>/",
        introductions.endorsement_new,
        name="endorsement_new",
    ),
    path(
        "recommandations/<int:pk>/retirer/",
        introductions.endorsement_withdraw_view,
        name="endorsement_withdraw",
    ),
    path("mises-en-relation/", introductions.introduction_list, name="introductions"),
    path("mises-en-relation/<int:pk>/", introductions.introduction_detail, name="introduction"),
    path(
        "mises-en-relation/<int:pk>/accepter/",
        introductions.introduction_accept_view,
        name="introduction_accept",
    ),
    path(
        "mises-en-relation/<int:pk>/decliner/",
        introductions.introduction_decline_view,
        name="introduction_decline",
    ),
    path(
        "mises-en-relation/<int:pk>/retirer/",
        introductions.introduction_withdraw_view,
        name="introduction_withdraw",
    ),
    path(
        "mises-en-relation/<int:pk>/partenariat/",
        introductions.introduction_partnership_view,
        name="introduction_partnership",
    ),
    path("suivi/<int:pk>/", introductions.followup_view, name="followup"),
    path("animation/", facilitator.dashboard, name="facilitation"),
    path("animation/paires/", facilitator.best_pairs_page, name="best_pairs"),
    path("animation/paires/<int:pk>/etat/", facilitator.best_pairs_state, name="best_pairs_state"),
    path(
        "animation/presenter/<int:actor_a>/<int:actor_b>/",
        facilitator.facilitate,
        name="facilitate",
    ),
]
