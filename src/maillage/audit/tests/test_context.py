"""The audit context: nesting, the middleware, the user set after sign-in, threads."""

from __future__ import annotations

import logging
import threading

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.test import RequestFactory

from maillage.accounts.tests.factories import UserFactory
from maillage.actors.models import Actor
from maillage.actors.tests.factories import ActorFactory
from maillage.audit.context import audit_context, audit_set_user, current_state
from maillage.audit.middleware import AuditContextMiddleware
from maillage.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _last() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    return event


def test_contexts_nest_and_inherit_what_they_do_not_set() -> None:
    actor = ActorFactory()
    with audit_context(user=5, label="outer"):
        with audit_context(label="inner"):
            Actor.objects.filter(pk=actor.pk).update(name="A")
            assert (_last().user_id, _last().context) == (5, "inner")
        Actor.objects.filter(pk=actor.pk).update(name="B")
        assert (_last().user_id, _last().context) == (5, "outer")
    Actor.objects.filter(pk=actor.pk).update(name="C")
    assert (_last().user_id, _last().context) == (None, "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_opened_inside_a_context_gets_it() -> None:
    actor = ActorFactory()
    connection.close()
    with audit_context(user=9, label="reconnected"):  # no connection open yet
        Actor.objects.filter(pk=actor.pk).update(name="Après reconnexion")
        connection.close()  # closed and opened again inside the context
        Actor.objects.filter(pk=actor.pk).update(name="Encore")
    assert (_last().user_id, _last().context) == (9, "reconnected")
    connection.close()
    Actor.objects.filter(pk=actor.pk).update(name="Hors contexte")
    assert (_last().user_id, _last().context) == (None, "")


def test_set_user_changes_the_current_context_only() -> None:
    audit_set_user(3)  # outside a context: nothing
    assert current_state().user_id is None
    with audit_context(label="signin"):
        audit_set_user(UserFactory())
        assert current_state().user_id is not None
    assert current_state().user_id is None


def test_threads_do_not_share_a_context() -> None:
    seen: list[int | None] = []
    with audit_context(user=11):
        thread = threading.Thread(target=lambda: seen.append(current_state().user_id))
        thread.start()
        thread.join()
    assert seen == [None]


def test_the_middleware_records_the_user_and_the_request(rf: RequestFactory) -> None:
    user = UserFactory()
    actor = ActorFactory()

    def view(request: HttpRequest) -> HttpResponse:
        Actor.objects.filter(pk=actor.pk).update(name="Par une page")
        return HttpResponse("ok")

    request = rf.post("/acteurs/1/modifier/?secret=1")
    request.user = user
    AuditContextMiddleware(view)(request)
    assert (_last().user_id, _last().context) == (user.pk, "POST /acteurs/1/modifier/")
    assert current_state().user_id is None


def test_the_middleware_logs_403_responses(rf: RequestFactory, caplog) -> None:
    user = UserFactory()
    request = rf.get("/journal/acteurs/1/")
    request.user = user
    with caplog.at_level(logging.WARNING, logger="maillage.security"):
        AuditContextMiddleware(lambda r: HttpResponseForbidden())(request)
    (record,) = [r for r in caplog.records if r.name == "maillage.security"]
    assert f"user={user.pk}" in record.getMessage()
    assert "action=http_403" in record.getMessage()
