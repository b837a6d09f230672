"""The REST API, version 1 (django-ninja), mounted at ``/api/v1/``.

Routers live in ``api/routers/<resource>.py``, their schemas in ``api/schemas/``; errors are
mapped once in ``api/errors.py``. The OpenAPI document (``/api/v1/openapi.json``) is
snapshotted in ``api/tests/openapi.snapshot.json``: refresh it with
``UPDATE_SNAPSHOTS=1 .venv/bin/pytest src/maillage/api`` when a change is intended.
"""

from django.conf import settings
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from maillage.api.docs import SelfHostedSwagger
from maillage.api.errors import register_error_handlers
from maillage.api.openapi import MaillageAPI
from maillage.api.routers import (
    actors,
    evaluations,
    events,
    exports,
    funding,
    introductions,
    library,
    partnerships,
    programmes,
    suggestions,
    territories,
    vocabularies,
)

api = MaillageAPI(
    title="Maillage API",
    version="1.0.0",
    description=(
        "API de Maillage : annuaire des acteurs d'un territoire (associations, entreprises, "
        "pouvoirs publics), vocabulaires de référence et référentiel territorial. "
        "Lecture publique ; les personnes contacts ne sont visibles que des utilisateurs "
        'connectés autorisés. Erreurs : {"code", "message", "field"} (voir docs/api.md).'
    ),
    urls_namespace="api-v1",
    docs=SelfHostedSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    # Counted on the shared (database) cache, so all app servers share the allowance.
    throttle=[
        AnonRateThrottle(settings.API_RATE_ANONYMOUS),
        AuthRateThrottle(settings.API_RATE_AUTHENTICATED),
    ],
)
register_error_handlers(api)

api.add_router("/actors", actors.router)
# A file of the whole selection; "/actors/{id}" only takes integers, so no clash.
api.add_router("/actors/export", exports.router)
api.add_router("/territories", territories.router)
api.add_router("/vocabularies", vocabularies.router)
api.add_router("/suggestions", suggestions.router)
api.add_router("/introductions", introductions.router)
api.add_router("/programmes", programmes.router)
api.add_router("/events", events.router)
api.add_router("/partnerships", partnerships.router)
api.add_router("/evaluations", evaluations.router)
api.add_router("/library", library.router)
api.add_router("/funding", funding.router)
