"""Schemathesis, in-process, against our own OpenAPI document: every operation, fuzzed as
a visitor, with a read-only personal token and with a read-write one. No 5xx; status codes,
content types and bodies conform to the document; visitors never change anything.

``API_FUZZ_EXAMPLES`` (default 12) sets the examples per operation and role.
"""

from __future__ import annotations

import os

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
from maillage.accounts.tests.factories import FacilitatorScopeFactory, MembershipFactory
from maillage.actors.tests.factories import ActorFactory, NeedOfferFactory

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _headers(role: str) -> dict[str, str]:
    if role == "visitor":
        return {}
    if role == "reader":
        user = FacilitatorScopeFactory().user
        _token, clear = api_token_create(user=user, name="fuzz", scope="read")
    else:
        membership = MembershipFactory(admin=True)
        _token, clear = api_token_create(user=membership.user, name="fuzz", scope="write")
    return {"Authorization": f"Bearer {clear}"}


@pytest.mark.django_db
@pytest.mark.usefixtures("wsgi_in_test_transaction")
@pytest.mark.parametrize("role", ["visitor", "reader", "writer"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_operation_conforms_and_never_fails(operation, role):
    ActorFactory.create_batch(3, association=True)
    NeedOfferFactory.create_batch(2)
    headers = _headers(role)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    def run(case):  # type: ignore[no-untyped-def]
        cache.clear()  # throttling is tested apart; here every call must reach the endpoint
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if role == "visitor" and case.method.upper() in UNSAFE:
            assert response.status_code >= 400, "a visitor changed something"

    run()
