"""Schemathesis against the library and funding operations (the same checks as
``api/tests/test_fuzz.py``, with richer data): no 5xx; status codes,
content types and bodies conform to the document — as a visitor and with a read token of
a facilitator, over a world with published and draft case studies and an envelope."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from maillage.accounts.api_tokens import api_token_create
from maillage.library.tests.factories import LibraryWorld, case_from, practice

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.usefixtures("wsgi_in_test_transaction")
@pytest.mark.parametrize("role", ["visitor", "facilitator"])
def test_library_and_funding_operations_conform_and_never_fail(lw: LibraryWorld, role: str) -> None:
    from maillage.funding.tests.factories import allocate, envelope_create, spend
    from maillage.library import services

    case = case_from(lw)
    services.case_consent_give(case_study=case, actor=lw.world.cast.actor, user=lw.world.cast.admin)
    services.case_consent_give(case_study=case, actor=lw.world.partner, user=lw.partner_admin)
    services.case_study_publish(case_study=case, user=lw.world.cast.admin)
    practice()
    practice("Brouillon", published=False)
    envelope = envelope_create(funder=lw.world.partner, budget="45000")
    spend(
        allocate(envelope, lw.partnership, decided_on=dt.date(2025, 1, 2)), on=dt.date(2025, 1, 3)
    )
    headers: dict[str, str] = {}
    if role == "facilitator":
        _token, clear = api_token_create(
            user=lw.world.cast.facilitator_in, name="fuzz", scope="read"
        )
        headers = {"Authorization": f"Bearer {clear}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if op.path.startswith(("/api/v1/library", "/api/v1/funding"))
    ]
    assert len(operations) == 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def run(case):  # type: ignore[no-untyped-def]
            cache.clear()
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
