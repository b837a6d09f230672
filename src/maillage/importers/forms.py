"""Forms of the import pages. They parse; the rules are in ``importers.uploads`` and
``importers.merging``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.importers.models import MergeProposal
from maillage.importers.uploads import ACCEPTED_SUFFIXES, MAX_UPLOAD_BYTES

_NOTE_MAX = 2000


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_(
            "CSV (séparateur « , » ou « ; », UTF-8 de préférence) ou classeur Excel (.xlsx), "
            "20 Mo au plus, une ligne d'en-tête aux colonnes canoniques : name et kind "
            "obligatoires."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ",".join(
                    [
                        *ACCEPTED_SUFFIXES,
                        "text/csv",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ]
                ),
                "data-max-bytes": str(MAX_UPLOAD_BYTES),
            }
        ),
        error_messages={
            "required": _("Choisissez un fichier CSV ou XLSX."),
            "empty": _("Le fichier est vide."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The script warns before sending a file over the limit (the server checks again).
        self.fields["file"].widget.attrs["data-too-big-message"] = _(
            "Ce fichier dépasse la limite de 20 Mo : découpez-le en plusieurs fichiers."
        )


class MergeAcceptForm(forms.Form):
    AUTO = "auto"

    keep = forms.ChoiceField(
        label=_("Fiche à conserver"),
        widget=forms.RadioSelect,
        help_text=_(
            "L'autre fiche est supprimée après transfert de ses membres, besoins, offres, "
            "contacts et territoires vers celle-ci ; ses champs remplissent les champs vides."
        ),
    )
    note = forms.CharField(
        label=_("Note (facultative)"),
        required=False,
        max_length=_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, proposal: MergeProposal, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"accept-{proposal.pk}")
        kwargs.setdefault("initial", {"keep": self.AUTO})
        super().__init__(*args, **kwargs)
        field = self.fields["keep"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                self.AUTO,
                _("Au choix de Maillage : celle qui a des membres, sinon la plus complétée"),
            ),
            *[
                (str(actor.pk), actor.name)
                for actor in (proposal.actor, proposal.candidate)
                if actor is not None
            ],
        ]

    def keep_id(self) -> int | None:
        value = self.cleaned_data["keep"]
        return None if value == self.AUTO else int(value)


class MergeRejectForm(forms.Form):
    note = forms.CharField(
        label=_("Pourquoi ces fiches sont-elles distinctes ? (facultatif)"),
        required=False,
        max_length=_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, proposal: MergeProposal, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"reject-{proposal.pk}")
        super().__init__(*args, **kwargs)
