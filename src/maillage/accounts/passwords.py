"""Password rules beyond Django's own validators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MaximumLengthValidator:
    """Long passphrases are welcome; only absurd lengths (hashing cost) are refused."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "Ce mot de passe est trop long : %(max)d caractère au plus.",
                    "Ce mot de passe est trop long : %(max)d caractères au plus.",
                    self.max_length,
                )
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Une phrase de passe longue est bienvenue (jusqu'à %(max)d caractères).") % {
            "max": self.max_length
        }
