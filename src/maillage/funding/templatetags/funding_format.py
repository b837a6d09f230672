"""``{{ amount|eur }}``: « 12 500 € », « 1 234,50 € » (French grouping, no useless cents)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from maillage.funding.services import format_eur

register = template.Library()


@register.filter
def eur(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return ""
    return format_eur(Decimal(value))
