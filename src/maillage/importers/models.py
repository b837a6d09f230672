"""What the importers remember: each run (for the summary, the resume checkpoint and the
provenance of every imported record), what official registries say beyond the actor's
profile (legal category, NAF code, QPV, social-object codes), and merge proposals waiting
for a facilitator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.core.models import TimestampedModel
from maillage.importers.enums import (
    ImportKind,
    ImportStatus,
    MergeReason,
    MergeStatus,
    UploadStatus,
)


class ImportRun(models.Model):
    """One execution of an importer over one set of files.

    ``fingerprint`` identifies the files (name, size, modification time) and the options:
    a run that stopped half-way (Ctrl-C, kill -9, an error) is resumed by the next run with
    the same fingerprint after its ``checkpoint``: the number of source records whose batch
    was committed. Counters and errors are committed with each batch, so the summary of a
    resumed run is the one an uninterrupted run would have given.
    """

    kind = models.CharField(_("import"), max_length=10, choices=ImportKind.choices)
    fingerprint = models.CharField(max_length=64, db_index=True)
    files = models.JSONField(_("fichiers"), default=list)
    options = models.JSONField(_("options"), default=dict, blank=True)
    file_date = models.DateField(_("date des données"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    started_at = models.DateTimeField(_("commencé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=1)
    checkpoint = models.PositiveBigIntegerField(_("enregistrements traités"), default=0)
    # The search index is rebuilt once at the end of big loads; a resumed run must do it.
    index_pending = models.BooleanField(default=False)
    # Big loads drop the actor table's secondary indexes (actors.bulk.bulk_load_prepare);
    # the statements that rebuild them are kept here until the run has replayed them.
    dropped_ddl = models.JSONField(default=list, blank=True, editable=False)
    indexes_dropped = models.BooleanField(default=False)
    rows_read = models.PositiveBigIntegerField(_("lignes lues"), default=0)
    created = models.PositiveBigIntegerField(_("créés"), default=0)
    updated = models.PositiveBigIntegerField(_("mis à jour"), default=0)
    unchanged = models.PositiveBigIntegerField(_("inchangés"), default=0)
    skipped = models.PositiveBigIntegerField(_("écartés"), default=0)
    rejected = models.PositiveBigIntegerField(_("rejetés"), default=0)
    summary = models.JSONField(_("bilan"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lancé par"),
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.started_at:%Y-%m-%d %H:%M} · {self.status}"


class RegistryRecord(models.Model):
    """What an official registry says about an actor beyond its profile.

    One row per (source, identifier): the SIRET for SIRENE, the RNA number for the RNA.
    Codes are stored raw with their nomenclature (NAF rév. 2 today, NAF 2025 from 2027).
    """

    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="registry_records"
    )
    source = models.CharField(_("source"), max_length=10)
    identifier = models.CharField(_("identifiant"), max_length=14)
    legal_category = models.CharField(_("catégorie juridique"), max_length=4, blank=True)
    naf_code = models.CharField(_("code NAF/APE"), max_length=6, blank=True)
    naf_nomenclature = models.CharField(_("nomenclature NAF"), max_length=8, blank=True)
    naf25_code = models.CharField(_("code NAF 2025"), max_length=7, blank=True)
    headcount_bracket = models.CharField(_("tranche d'effectifs"), max_length=2, blank=True)
    # Quartier prioritaire (QPV 2024, "QN…") of the establishment, from the INSEE
    # geolocation file (plg_qp24).
    qpv_code = models.CharField(_("quartier prioritaire (QPV)"), max_length=8, blank=True)
    social_object1 = models.CharField(_("objet social 1"), max_length=6, blank=True)
    social_object2 = models.CharField(_("objet social 2"), max_length=6, blank=True)
    source_date = models.DateField(_("date de la source"), null=True, blank=True)
    run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["source", "identifier"]
        verbose_name = _("fiche de registre")
        verbose_name_plural = _("fiches de registre")
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="registry_record_unique")
        ]
        indexes = [
            models.Index(fields=["qpv_code"], condition=~Q(qpv_code=""), name="registry_record_qpv")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.identifier}"


class MergeProposal(TimestampedModel):
    """Two actors that may be one organisation. A facilitator decides; nothing is merged
    without a decision. Names and ids are copied so that the history survives the merge
    (the absorbed actor is deleted once everything pointing to it has moved)."""

    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acteur"),
    )
    candidate = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doublon possible"),
    )
    actor_name = models.CharField(max_length=250)
    candidate_name = models.CharField(max_length=250)
    reason = models.CharField(_("motif"), max_length=20, choices=MergeReason.choices)
    detail = models.CharField(_("détail"), max_length=250, blank=True)
    status = models.CharField(
        _("décision"), max_length=10, choices=MergeStatus.choices, default=MergeStatus.PENDING
    )
    run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="merge_proposals"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision par"),
    )
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision_note = models.TextField(_("note de décision"), blank=True)
    kept_actor_id = models.PositiveBigIntegerField(null=True, blank=True)
    merged_actor_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposition de fusion")
        verbose_name_plural = _("propositions de fusion")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "candidate"], name="merge_proposal_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(actor=models.F("candidate")), name="merge_proposal_two_actors"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor_name} ≟ {self.candidate_name} ({self.status})"


class ImportUpload(TimestampedModel):
    """A file uploaded in the web interface (``importers.uploads``): stored, analysed by a
    dry run for the preview, then imported in the background once its uploader confirms.

    ``territories`` holds the facilitator's territory codes the import is restricted to,
    between bars (``|dep:86|com:86194|``) so that "uploads in my territories" is a portable
    ``LIKE`` on every database; an unrestricted (staff) upload has ``restricted=False``.
    Progress of the real import: ``rows_done`` of ``rows_total`` (the rows the dry run read);
    its counts and rejected lines are the linked ``ImportRun``'s, copied to ``result``.
    """

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    original_name = models.CharField(_("fichier"), max_length=255)
    # Name in the default storage; "" once the file is deleted (after the import, or when
    # cancelled or unusable: it holds contact details, it is not kept longer than needed).
    stored_name = models.CharField(max_length=255, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0)
    restricted = models.BooleanField(_("limité aux territoires de l'animateur"), default=True)
    territories = models.CharField(_("territoires"), max_length=2000, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.ANALYSING
    )
    phase = models.CharField(_("étape"), max_length=40, blank=True)
    rows_total = models.PositiveBigIntegerField(_("lignes à traiter"), null=True, blank=True)
    rows_done = models.PositiveBigIntegerField(_("lignes traitées"), default=0)
    preview = models.JSONField(_("aperçu (essai à blanc)"), default=dict, blank=True)
    result = models.JSONField(_("bilan"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
        verbose_name=_("exécution"),
    )
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmé par"),
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("fichier déposé")
        verbose_name_plural = _("fichiers déposés")
        indexes = [models.Index(fields=["uploaded_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} · {self.created_at:%Y-%m-%d %H:%M} · {self.status}"

    @property
    def territory_codes(self) -> list[str] | None:
        """The territories rows must be seated in; None: anywhere."""
        if not self.restricted:
            return None
        return [code for code in self.territories.split("|") if code]

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_done / self.rows_total))
