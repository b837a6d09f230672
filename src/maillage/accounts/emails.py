"""E-mails the accounts services send (invitations, join requests, decisions).

Each message is two templates, ``accounts/email/<name>_subject.txt`` and
``accounts/email/<name>_body.txt``, rendered in the active language (French by default).
Links are absolute, built on ``settings.SITE_URL``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def absolute_url(view_name: str, **kwargs: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(view_name, kwargs=kwargs or None)


def email_send(
    *, to: Iterable[str], template: str, context: dict[str, Any], required: bool = False
) -> bool:
    """Send one message to each recipient (so that nobody sees the others' addresses).

    ``required``: an error propagates (the caller's transaction rolls back, e.g. an
    invitation that could not be sent is not recorded); otherwise it is logged and the
    operation stands (a notification is a courtesy).
    """
    recipients = sorted({address for address in to if address})
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/email/{template}_body.txt", context)
    for address in recipients:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:
            if required:
                raise
            logger.exception("Could not send the %s e-mail to %s", template, address)
            return False
    return True
