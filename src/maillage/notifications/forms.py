from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.notifications.enums import EmailFrequency


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("Recevoir les notifications par courriel"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Un résumé quotidien ou hebdomadaire regroupe toutes les notifications en un seul "
            "message. Elles restent toujours consultables sur la plateforme."
        ),
    )
