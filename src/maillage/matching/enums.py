from django.db import models
from django.utils.translation import gettext_lazy as _


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    EXPIRED = "expired", _("Expirée")
    WITHDRAWN = "withdrawn", _("Retirée")


OPEN_STATUSES = (IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED)


class IntroductionOrigin(models.TextChoices):
    DIRECT = "direct", _("Demande directe")
    SUGGESTION = "suggestion", _("Depuis les partenaires suggérés")
    FACILITATOR = "facilitator", _("Mise en relation par un animateur")
    SPEED_DATING = "speed_dating", _("Speed-dating")
    PROGRAMME = "programme", _("Programme territorial")


class DeclineReason(models.TextChoices):
    NOT_NOW = "pas_le_bon_moment", _("Pas le bon moment")
    OUT_OF_TERRITORY = "hors_territoire", _("Hors de notre territoire")
    NOT_RELEVANT = "hors_sujet", _("Ne correspond pas à nos besoins")
    NO_CAPACITY = "pas_de_moyens", _("Pas les moyens d'y donner suite")
    ALREADY = "deja_en_relation", _("Nous sommes déjà en relation")
    OTHER = "autre", _("Autre raison")


class IntroductionEventKind(models.TextChoices):
    SENT = "sent", _("Demande envoyée")
    SEEN = "seen", _("Demande vue")
    ACCEPTED = "accepted", _("Demande acceptée")
    DECLINED = "declined", _("Demande déclinée")
    WITHDRAWN = "withdrawn", _("Demande retirée")
    EXPIRED = "expired", _("Demande expirée")
    REMINDED = "reminded", _("Relance envoyée")
    PARTNERSHIP_OPENED = "partnership_opened", _("Partenariat ouvert")
    FOLLOWUP_ASKED = "followup_asked", _("Suivi demandé")
    FOLLOWUP_ANSWERED = "followup_answered", _("Suivi renseigné")


class FollowUpOutcome(models.TextChoices):
    PARTNERSHIP = "partenariat", _("Un partenariat")
    PURCHASE = "achat", _("Un achat ou une prestation")
    ONGOING = "en_cours", _("Des échanges en cours")
    NOTHING = "rien", _("Rien pour l'instant")


class FollowUpReason(models.TextChoices):
    """Why an introduction led nowhere (asked only when the outcome is « rien »)."""

    NO_TIME = "pas_le_temps", _("Pas eu le temps de donner suite")
    NO_ANSWER = "pas_de_reponse", _("L'autre partie n'a pas répondu")
    MISMATCH = "pas_de_correspondance", _("Nos besoins ne correspondaient pas")
    TOO_FAR = "trop_loin", _("Trop éloignés géographiquement")
    OTHER = "autre", _("Autre raison")


class FeedbackVerdict(models.TextChoices):
    RELEVANT = "pertinent", _("Pertinent")
    NOT_RELEVANT = "pas_pertinent", _("Pas pertinent")


class BestPairsStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours de calcul")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec")
